/**
 * DRAM presets of the PIM platforms that are not LPDDR5, in the same record (JEDEC names,
 * ns): HBM2 (Samsung Aquabolt-XL / SAIT PIMSimulator) and GDDR6 (SK hynix AiM).
 */
import type { Lpddr5Spec } from './spec.js';

export const HBM2_PIM_2GBPS: Lpddr5Spec = {
  id: 'hbm2-2gbps-pch',
  description: 'HBM2 pseudo-channel: 64-bit, 2 Gb/s per pin, BL4, 16 banks (4 BG x 4), 1 KiB page',
  org: { density_gb: 2, dq: 64, bank_groups: 4, banks_per_group: 4, rows: 1 << 14, columns: 128, burst_length: 4 },
  timing: {
    data_rate_mtps: 2000,
    wck_ck_ratio: 1,
    tCK: 1,
    tRCD: 14,
    tRPpb: 14,
    tRPab: 14,
    tRAS: 33,
    tCL: 20,
    tCCD_S: 2,
    tCCD_L: 4,
    tRRD: 4,
    tFAW: 16,
    tWR: 16,
    tRTP: 4,
    tWTR_S: 4,
    tWTR_L: 8,
    tRFCab: 350,
    tREFI: 3900,
    tWL: 8,
  },
  sources: ['[PIMSIM ini/HBM2_samsung_2M_16B_x64.ini]: tRCDRD 14, tRP 14, tRAS 33, tRC 47, tCCDS 2, tCCDL 4, tRRDS 4, tRRDL 6, tWR 16, tXAW 16, tREFI 3900, tRFC 350, RL 20, WL 8, tRTP 4 (tCK units, tCK = 1 ns at 2 Gb/s); 16 banks, 4 BG, 64-bit pseudo-channel, BL4'],
  readings: ['tRRD takes tRRDS (4)', 'tRCD takes tRCDRD (14; tRCDWR is 10)', 'a 2 Gb pseudo-channel (rows 16384) for the density check'],
};

export const GDDR6_16GBPS_X16: Lpddr5Spec = {
  id: 'gddr6-16gbps-x16',
  description: 'GDDR6 x16 channel at 16 Gb/s per pin (32 GB/s), 16 banks (4 BG x 4), 2 KiB page, BL16',
  org: { density_gb: 8, dq: 16, bank_groups: 4, banks_per_group: 4, rows: 1 << 15, columns: 1 << 10, burst_length: 16 },
  timing: {
    data_rate_mtps: 16000,
    wck_ck_ratio: 4,
    tCK: 0.5,
    tRCD: 14.82,
    tRPpb: 14.82,
    tRPab: 14.82,
    tRAS: 30.21,
    tCL: 13.68,
    tCCD_S: 1,
    tCCD_L: 2,
    tRRD: 2.85,
    tFAW: 15.96,
    tWR: 14.82,
    tRTP: 2.28,
    tWTR_S: 5.13,
    tWTR_L: 6.27,
    tRFCab: 360,
    tREFI: 7800,
  },
  sources: [
    '[RAMULATOR2 src/dram/impl/GDDR6.cpp] preset GDDR6_2000_1350mV_double (the _quad preset has the same core timings; nRCDRD 26, nRP 26, nRAS 53, nCL 24, nRTP 4, nWTRS 9, nWTRL 11; nRRDS 5, nFAW 28 for x16) at its tCK 570 ps; refresh as its set_timing_vals computes it: tRFC 360 ns for an 8 Gb die (normal refresh), tREFI 7.8 us',
    '[AIM-ISSCC22]: 16 Gb/s per pin',
  ],
  readings: ['core timings converted to ns at the 570 ps tCK of ramulator2\'s preset row (its set_timing_vals recomputes tCK from the rate 2000 as 1000 ps, which would stretch every core timing 1.75x; the row\'s value is taken)', 'tCCD_S set to the burst time (1 ns) so a x16 channel at 16 Gb/s delivers its 32 GB/s; tCCD_L = 2 bursts', 'ramulator2\'s table row lists nREFI 3333 (1.9 us) but set_timing_vals overwrites it with 7.8 us and tRFC by density, which is what it simulates (an earlier reading here took 1.9 us and the 16 Gb tRFC, losing 30% of the bandwidth to refresh)'],
};
