/**
 * LPDDR5 presets. `lpddr5-6400-x16`: LPDDR5-6400, 8 Gb die, x16 channel, bank-group (BG) mode
 * (4 bank groups x 4 banks, 2 KiB page), BL16, with the JESD209-5 core timings as gem5 encodes
 * them (src/mem/dram_interfaces/lpddr5.py, LPDDR5_6400_1x16_BG_BL16, "default timings based on
 * initial JEDEC specification") and the 8 Gb refresh timings of JESD209-5 as ramulator2 tables
 * them (src/dram/impl/LPDDR5.cpp: tRFCab 210 ns, tREFI 3906 ns).
 */
import type { Lpddr5Spec } from './spec.js';

const JEDEC = 'JESD209-5 LPDDR5 (via gem5 src/mem/dram_interfaces/lpddr5.py LPDDR5_6400_1x16_BG_BL16 and ramulator2 src/dram/impl/LPDDR5.cpp)';

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
  sources: [JEDEC, 'Micron LPDDR5 SDRAM data sheet (MT62F, 2021): 12.8 GB/s maximum bandwidth per x16 channel at 6400 Mb/s, 2 KB page in BG mode'],
  readings: ['BG mode with BL16 (the mode required above 3200 Mb/s; BL16 keeps 32-byte access granularity)', 'tRC = tRAS + tRPpb'],
};

/**
 * AHASD's LPDDR5(-PIM) timing table (paper Table "Hardware Configuration", AHASD-tex):
 * tRP=32, tRCD=32, tRAS=64, tRRD_L=8, tWR=24, tCCD_S=4, tCCD_L=6, tREFI=6240, tFAW=64, tRFC=560 with
 * units not stated. Reading: cycles of the 800 MHz clock of AHASD's artifact (PIM 800 MHz,
 * docs/HardwareComponents.md), i.e. tRP = 40 ns, tREFI = 7.8 us, tRFC = 700 ns.
 */
export const LPDDR5_AHASD: Lpddr5Spec = {
  id: 'lpddr5-ahasd',
  description: "AHASD's LPDDR5 timing table read as cycles of an 800 MHz clock; 6400 MT/s x16 channels",
  org: { density_gb: 8, dq: 16, bank_groups: 4, banks_per_group: 4, rows: 1 << 15, columns: 1 << 10, burst_length: 16 },
  timing: {
    data_rate_mtps: 6400,
    wck_ck_ratio: 4,
    tCK: 1.25,
    tRCD: 32 * 1.25,
    tRPpb: 32 * 1.25,
    tRPab: 32 * 1.25,
    tRAS: 64 * 1.25,
    tCL: 21.25,
    tCCD_S: 4 * 1.25,
    tCCD_L: 6 * 1.25,
    tRRD: 8 * 1.25,
    tFAW: 64 * 1.25,
    tWR: 24 * 1.25,
    tRTP: 7.5,
    tWTR_S: 6.25,
    tWTR_L: 12,
    tRFCab: 560 * 1.25,
    tREFI: 6240 * 1.25,
  },
  sources: ['AHASD paper (DAC 2026 submission, AHASD-tex) Table "Hardware Configuration of Experimental Platform"; AHASD artifact docs/HardwareComponents.md (PIM clock 800 MHz)', JEDEC],
  readings: [
    'AHASD states its timings without units; read as cycles of the 800 MHz PIM clock of its artifact',
    'tCL, tRTP, tWTR are not in the table: the JESD209-5 values of lpddr5-6400-x16',
  ],
};

export const LPDDR5_PRESETS = {
  'lpddr5-6400-x16': LPDDR5_6400_X16,
  'lpddr5-ahasd': LPDDR5_AHASD,
} as const satisfies Record<string, Lpddr5Spec>;

export type Lpddr5PresetId = keyof typeof LPDDR5_PRESETS;
