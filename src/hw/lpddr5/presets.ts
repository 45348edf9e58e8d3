/**
 * LPDDR5 presets. `lpddr5-6400-x16`: LPDDR5-6400, 8 Gb die, x16 channel, bank-group (BG) mode
 * (4 bank groups x 4 banks, 2 KiB page), BL16, with the JESD209-5 core timings as gem5 encodes
 * them (src/mem/dram_interfaces/lpddr5.py, LPDDR5_6400_1x16_BG_BL16, "default timings based on
 * initial JEDEC specification") and the 8 Gb refresh timings of JESD209-5 as ramulator2 tables
 * them (src/dram/impl/LPDDR5.cpp: tRFCab 210 ns, tREFI 3906 ns).
 */
import type { Lpddr5Spec } from './spec.js';

const JEDEC = '[JESD209-5] via gem5 src/mem/dram_interfaces/lpddr5.py (LPDDR5_6400_1x16_BG_BL16) and [RAMULATOR2 src/dram/impl/LPDDR5.cpp]';

export const LPDDR5_6400_X16: Lpddr5Spec = {
  id: 'lpddr5-6400-x16',
  description: 'LPDDR5-6400, 8 Gb die, x16 channel, BG mode (4 BG x 4 banks, 2 KiB page), BL16',
  org: { density_gb: 8, dq: 16, bank_groups: 4, banks_per_group: 4, rows: 1 << 15, columns: 1 << 10, burst_length: 16 },
  timing: {
    data_rate_mtps: 6400,
    wck_ck_ratio: 4,
    tCK: 1.25, // CK 800 MHz, WCK 3.2 GHz, 8 beats per CK
    tRCD: 18, // greater of 2 CK or 18 ns
    tRPpb: 18,
    tRPab: 21,
    tRAS: 42,
    tCL: 21.25, // RL 17 CK at 800 MHz
    tCCD_S: 2.5, // BL16 = 2 CK on the bus
    tCCD_L: 5, // 4 CK, same bank group (BG mode, BL16)
    tRRD: 5, // greater of 2 CK or 5 ns
    tFAW: 20, // BG mode
    tWR: 34,
    tRTP: 7.5,
    tWTR_S: 6.25,
    tWTR_L: 12,
    tRFCab: 210, // 8 Gb
    tREFI: 3906,
  },
  sources: [JEDEC, '[MICRON-LPDDR5]: 12.8 GB/s maximum bandwidth per x16 channel at 6400 Mb/s, 2 KB page in BG mode'],
  readings: ['BG mode with BL16 (the mode required above 3200 Mb/s; BL16 keeps 32-byte access granularity)', 'tRC = tRAS + tRPpb'],
};

/**
 * AHASD's LPDDR5(-PIM) timing table [AHASD Table "Hardware Configuration of Experimental
 * Platform"]: tRP=32, tRCD=32, tRAS=64, tRRD_L=8, tWR=24, tCCD_S=4, tCCD_L=6, tREFI=6240,
 * tFAW=64, tRFC=560, units not stated. Reading: cycles of a 1.6 GHz clock (0.625 ns, the
 * data clock of LPDDR5-6400 with a 2:1 WCK:CK ratio). It is the only clock at which the
 * table agrees with itself and with the paper's other figures: tCCD_S = 4 cycles = 2.5 ns is
 * one BL16 burst (32 B) per 2.5 ns on a x16 channel = 12.8 GB/s, x 4 channels = the 51.2 GB/s
 * off-chip bandwidth the same table states; tREFI = 6240 x 0.625 = 3.9 us is JESD209-5's
 * refresh interval; tRCD = tRP = 20 ns and tRAS = 40 ns sit at JESD209-5's 18 / 18 / 42 ns;
 * tFAW = 40 ns is JESD209-5's 8-bank-mode tFAW. Read at 800 MHz (tCK of LPDDR5-6400's 4:1
 * CK) the same table would give tCCD_S = 5 ns, i.e. half the stated bandwidth, and
 * tREFI = 7.8 us, twice JEDEC's.
 */
const AHASD_CK = 0.625;
export const LPDDR5_AHASD: Lpddr5Spec = {
  id: 'lpddr5-ahasd',
  description: "AHASD's LPDDR5 timing table read as cycles of a 1.6 GHz clock (0.625 ns); 6400 MT/s x16 channels",
  org: { density_gb: 8, dq: 16, bank_groups: 4, banks_per_group: 4, rows: 1 << 15, columns: 1 << 10, burst_length: 16 },
  timing: {
    data_rate_mtps: 6400,
    wck_ck_ratio: 4,
    tCK: 1.25,
    tRCD: 32 * AHASD_CK,
    tRPpb: 32 * AHASD_CK,
    tRPab: 32 * AHASD_CK,
    tRAS: 64 * AHASD_CK,
    tCL: 21.25,
    tCCD_S: 4 * AHASD_CK,
    tCCD_L: 6 * AHASD_CK,
    tRRD: 8 * AHASD_CK,
    tFAW: 64 * AHASD_CK,
    tWR: 24 * AHASD_CK,
    tRTP: 7.5,
    tWTR_S: 6.25,
    tWTR_L: 12,
    tRFCab: 560 * AHASD_CK,
    tREFI: 6240 * AHASD_CK,
  },
  sources: ['[AHASD Table "Hardware Configuration of Experimental Platform"]: timing table (no units), 51.2 GB/s off-chip', JEDEC],
  readings: [
    'AHASD states its timings without units; read as cycles of a 1.6 GHz clock (0.625 ns): the one clock at which tCCD_S gives the table\'s own 51.2 GB/s over 4 x16 channels and tREFI is JESD209-5\'s 3.9 us',
    'the 800 MHz reading (AHASD\'s PIM clock) would halve the stated bandwidth (tCCD_S = 5 ns) and double JEDEC\'s tREFI',
    'tCL, tRTP, tWTR are not in the table: the JESD209-5 values of lpddr5-6400-x16',
  ],
};

export const LPDDR5_PRESETS = {
  'lpddr5-6400-x16': LPDDR5_6400_X16,
  'lpddr5-ahasd': LPDDR5_AHASD,
} as const satisfies Record<string, Lpddr5Spec>;

export type Lpddr5PresetId = keyof typeof LPDDR5_PRESETS;
