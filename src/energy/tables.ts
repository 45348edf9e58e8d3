/**
 * The energy reference tables of the platform presets. Per-bit DRAM energies are AttAcc's
 * (FGDRAM, MICRO'17): cell ACT/PRE 0.11, cell read 0.44, column decoder -> BG mux 1.01,
 * BG mux -> GIO 1.23, TSV 0.5, I/O 0.3 pJ/bit; off-chip = their sum 3.59 pJ/bit, of which the
 * activation share is charged per row activation (0.11 pJ/bit x the row), so streaming a full
 * row costs exactly 3.59 pJ/bit. In-bank access = 0.44 pJ/bit (+ activation): the in-DRAM /
 * off-DRAM ratio 0.55 / 3.59 = 15% LP-Spec quotes (Samsung Hot Chips 35).
 */
import type { EnergyTable, ErtEntry } from './ert.js';

const ATTACC = '[ATTACC src/config.py] (per-bit energies from [FGDRAM])';
const e = (pj: number, source: string): ErtEntry => ({ pj, source });

const BITS = 8;
const ACT_PJ_PER_BIT = 0.11;
/** One activation opens a row of `pageBytes`; its energy is 0.11 pJ per bit of the row. */
const activation = (pageBytes: number) => e(ACT_PJ_PER_BIT * BITS * pageBytes, `${ATTACC}: cell ACT/PRE 0.11 pJ/bit x the ${pageBytes} B row`);
const offChip = (extraSource = '') => e((3.59 - ACT_PJ_PER_BIT) * BITS, `${ATTACC}: 3.59 pJ/bit off-chip less the 0.11 pJ/bit activation share charged per activation${extraSource}`);
const inBank = e(0.44 * BITS, `${ATTACC}: cell read 0.44 pJ/bit (in-bank PIM access; + activation)`);
const MAC_FP16 = e(0.32, `${ATTACC}: ALU 0.32 pJ/op (FP16 MAC)`);
const MAC_INT8 = e(0.32 * 0.636, '[SAMSUNG-ISCA21] via [LPSPEC Sec. IV-B]: an INT8 MAC uses 63.6% of an FP16 MAC\'s energy in a 20 nm DRAM process; x AttAcc 0.32 pJ');
const SRAM = e(0.16 * BITS, `${ATTACC}: GPU L1 0.16 pJ/bit (on-chip SRAM scratchpad)`);
const VECTOR = e(0.32, `${ATTACC}: ALU 0.32 pJ/op (one vector op priced as one FP16 ALU op)`);
const MODE_SWITCH = e(20_000, '[AHASD-ART ONNXim/src/EnergyModel.h]: GTSU switch 20 nJ (applied to every PIM mode switch)');
const PER_MAC = (what: string) => e(0, `${what} is priced per MAC in this table, not per busy cycle`);
const AHASD_STATIC_NPU = (chips: number) => e(300 * chips, `[AHASD-ART ONNXim/src/EnergyModel.h]: NPU idle 300 pJ/cycle per core at 1 GHz = 300 mW x ${chips}`);
const AHASD_STATIC_RANK = (ranks: number) => e(40 * ranks, `[AHASD-ART ONNXim/src/EnergyModel.h]: rank leakage 50 pJ per PIM cycle at 800 MHz = 40 mW x ${ranks} ranks`);

function mobile(id: string, description: string, page: number, npuChips: number, ranks: number): EnergyTable {
  return {
    id,
    description,
    actions: {
      dram_external_bytes: offChip(),
      dram_internal_bytes: inBank,
      dram_row_activations: activation(page),
      npu_macs_fp16: MAC_FP16,
      npu_macs_int8: MAC_INT8,
      npu_core_cycles: PER_MAC('NPU work'),
      npu_vector_ops: VECTOR,
      scratchpad_bytes: SRAM,
      pim_macs_fp16: MAC_FP16,
      pim_macs_int8: MAC_INT8,
      pim_vector_ops: VECTOR,
      pim_mode_switches: MODE_SWITCH,
    },
    static_mw: {
      npu: AHASD_STATIC_NPU(npuChips),
      dram: AHASD_STATIC_RANK(ranks),
      pim: e(0, 'PIM leakage is part of the DRAM ranks\' static power'),
    },
  };
}

export const ENERGY_TABLES = {
  'mobile-attacc-lp-spec': mobile(
    'mobile-attacc-lp-spec',
    'LP-Spec / mobile NPU / GEMV-PIM platforms: AttAcc per-bit DRAM energies, AttAcc MAC, INT8 = 63.6% of FP16 (the sources LP-Spec cites)',
    2048,
    1,
    4,
  ),
  'ahasd-mobile': {
    ...mobile('ahasd-mobile', "AHASD platform: AttAcc per-bit DRAM energies and MACs; static power from AHASD's artifact energy model", 2048, 2, 16),
  },
  'hbm-pim-attacc': mobile('hbm-pim-attacc', 'HBM2-PIM: AttAcc per-bit energies (HBM: the TSV and interposer terms are part of off-chip)', 1024, 0, 0),
  'xbar-pim-llm': {
    id: 'xbar-pim-llm',
    description: 'PIM-LLM: crossbar, ADC/DAC energies from MNSIM 2.0 / ISAAC; systolic array MACs and LPDDR traffic as the mobile tables',
    actions: {
      xbar_mvm_slices: e(120, '[ISAAC Table 6]: 128 x 128 memristor array 0.3 mW at a 100 ns read cycle = 30 pJ per read, x 4 for 256 x 256'),
      adc_conversions: e(20, '[MNSIM2] ADC choice 2 (ISAAC 8-bit, 1 GS/s, 2 mW) x its (8 + 2) ns conversion latency'),
      dac_conversions: e(0.004, '[ISAAC Table 6]: 1-bit DACs 4 mW for 8 x 128 units at 1.28 GS/s = 0.004 pJ per conversion'),
      xbar_vector_ops: VECTOR,
      dram_external_bytes: offChip(),
      dram_internal_bytes: inBank,
      dram_row_activations: activation(2048),
      npu_macs_fp16: MAC_FP16,
      npu_macs_int8: MAC_INT8,
      npu_core_cycles: PER_MAC('TPU work'),
      npu_vector_ops: VECTOR,
      scratchpad_bytes: SRAM,
    },
    static_mw: {
      npu: e(0, 'PIM-LLM reports no static power; none is charged'),
      xbar: e(0, 'PIM-LLM reports no static power; none is charged'),
      dram: e(0, 'PIM-LLM reports no static power; none is charged'),
    },
  },
  'gpu-board': {
    id: 'gpu-board',
    description: "GPU baselines: the GPU's board power while busy and idle power otherwise (from the GPU preset); PIM and DRAM actions as AttAcc",
    actions: {
      gpu_flops: e(0, 'part of the GPU board power (priced through gpu_busy_ns)'),
      gpu_vector_ops: e(0, 'part of the GPU board power (priced through gpu_busy_ns)'),
      gpu_dram_bytes: e(0, 'part of the GPU board power (the GPU\'s memory is on the board)'),
      gpu_busy_ns: e(0, 'resolved per platform from its GPU preset: board minus idle power'),
      dram_external_bytes: offChip(),
      dram_internal_bytes: inBank,
      dram_row_activations: activation(1024),
      pim_macs_fp16: MAC_FP16,
      pim_macs_int8: MAC_INT8,
      pim_vector_ops: VECTOR,
      pim_mode_switches: MODE_SWITCH,
    },
    static_mw: {
      gpu: e(0, 'resolved per platform from its GPU preset: idle power x the number of GPUs'),
      dram: e(0, 'part of the GPU board power'),
      pim: e(0, 'PIM leakage not stated'),
    },
  },
} as const satisfies Record<string, EnergyTable>;

export type EnergyTableId = keyof typeof ENERGY_TABLES;
