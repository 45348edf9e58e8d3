/**
 * What the sources leave open: preset fields whose value depends on a reading of an ambiguous
 * or inconsistent source. Each open field lists its alternative readings, the preset's own
 * first, every one a value with its source; a field with a cited continuous span also gives
 * it (`range`). The sensitivity analysis (`specreplay sensitivity`) varies exactly these;
 * `list platforms --show ID` prints them, and a platform file may declare its own.
 */

export interface Reading {
  readonly name: string;
  readonly value: number;
  readonly source: string;
}

export interface OpenField {
  /** The platform field (a dotted key `--set` accepts). */
  readonly field: string;
  readonly unit: string;
  /** What the sources leave open, in a sentence. */
  readonly why: string;
  /** The alternatives, the preset's own reading first. */
  readonly readings: readonly Reading[];
  /** A continuous span between two cited ends (sampled uniformly); without it, the readings are the choices. */
  readonly range?: { readonly low: Reading; readonly high: Reading };
}

const CAPIM_SWEEP = '[CAPIM scripts/cpu/validate_cost_model.py] (its validation sweep of the three readings)';
const CAPIM_OLD = '[CAPIM common/config.py at commit c81f7b3, replaced in 621ae53]: SpecPIM Sec. 7.1 via CAPIM';

/** LP-Spec's PIM: how much compute and internal bandwidth, and what DRAM energies per bit. */
const LP_SPEC: readonly OpenField[] = [
  {
    field: 'pim.freq_mhz',
    unit: 'MHz',
    why: "LP-Spec's 409.6 GOPS INT8 can be read per die, per rank of 4 dies or for all 12 PIM dies (12x apart); the PIM model's compute scales with the clock, so each reading is the die clock that gives it",
    readings: [
      { name: 'per die (4.9152 TOPS over 12 dies)', value: 200, source: "[LPSPEC Sec. VI-A] 'we enhance the performance by 4x to 409.6 GOPS for each die'; [CAPIM common/config.py]" },
      { name: 'per rank (1.6384 TOPS)', value: 200 / 3, source: CAPIM_SWEEP },
      { name: 'for all dies (409.6 GOPS)', value: 200 / 12, source: CAPIM_SWEEP },
    ],
  },
  {
    field: 'pim.internal_gbps_per_unit',
    unit: 'GB/s per MPU',
    why: "LP-Spec's internal bandwidth is 409.6 GB/s per die in Sec. II-B but 51.2 TB/s in Table II (over 96 MPUs: 533 GB/s each)",
    readings: [
      { name: 'Sec. II-B: 409.6 GB/s per die', value: 51.2, source: '[LPSPEC Sec. II-B] via [CAPIM doc/main.tex]' },
      { name: 'Table II: 51.2 TB/s', value: 51_200 / 96, source: '[LPSPEC Table II] via [CAPIM doc/main.tex]' },
    ],
  },
  {
    field: 'energy_table.actions.dram_internal_bytes.pj',
    unit: 'pJ/B',
    why: "LP-Spec takes its energies 'from prior works' without numbers; in-bank access energy differs between AttAcc and SpecPIM-derived figures",
    readings: [
      { name: 'AttAcc: 0.44 pJ/bit (+ activation)', value: 0.44 * 8, source: '[ATTACC src/config.py] (per-bit energies from [FGDRAM])' },
      { name: 'SpecPIM-derived: 0.8 pJ/bit (less the 0.11 activation)', value: (0.8 - 0.11) * 8, source: CAPIM_OLD },
    ],
  },
  {
    field: 'energy_table.actions.dram_external_bytes.pj',
    unit: 'pJ/B',
    why: 'off-chip transfer energy: AttAcc 3.59 pJ/bit, SpecPIM (HBM2) 5.47 pJ/bit',
    readings: [
      { name: 'AttAcc: 3.59 pJ/bit (less the 0.11 activation)', value: (3.59 - 0.11) * 8, source: '[ATTACC src/config.py] (per-bit energies from [FGDRAM])' },
      { name: 'SpecPIM: 5.47 pJ/bit (less the 0.11 activation)', value: (5.47 - 0.11) * 8, source: CAPIM_OLD },
    ],
  },
];

/** AHASD's PIM bandwidth and the NPU's memory cap. */
const AHASD: readonly OpenField[] = [
  {
    field: 'pim.internal_gbps_per_unit',
    unit: 'GB/s per rank',
    why: "AHASD's table gives 256 GB/s on-chip bandwidth without saying whether per rank or for all 16 ranks",
    readings: [
      { name: 'per rank', value: 256, source: '[AHASD Table "Hardware Configuration of Experimental Platform"]; [AHASD-ART docs/SimulatorArchitecture.md] (80 GOPS sustained GEMV per rank needs >= 40 GB/s)' },
      { name: 'for all 16 ranks', value: 16, source: '[AHASD Table "Hardware Configuration of Experimental Platform"]' },
    ],
  },
  {
    field: 'npu.memory_utilization',
    unit: '(share of peak)',
    why: "AHASD states no memory-bandwidth cap for its NPU; AttAcc's 0.85 is the preset's",
    readings: [
      { name: "AttAcc's cap", value: 0.85, source: '[ATTACC src/config.py]' },
      { name: 'no cap (AHASD states none)', value: 1, source: '[AHASD Table "Hardware Configuration of Experimental Platform"]' },
    ],
    range: { low: { name: "AttAcc's cap", value: 0.85, source: '[ATTACC src/config.py]' }, high: { name: 'no cap', value: 1, source: '[AHASD] states none' } },
  },
];

/** Open fields of the presets, by platform id. */
export const OPEN_FIELDS: Readonly<Record<string, readonly OpenField[]>> = {
  'lp-spec': LP_SPEC,
  ahasd: AHASD,
  'ahasd-art-specpim': AHASD,
  'ahasd-npu-lpddr5': AHASD.filter((f) => f.field.startsWith('npu.')),
};
