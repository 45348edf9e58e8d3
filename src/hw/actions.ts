/**
 * The actions the device models count (and only count: energy tables price them). One name
 * per kind of work; a table prices the actions of the devices it covers.
 */
export const ACTIONS = [
  'dram_external_bytes',
  'dram_internal_bytes',
  'dram_row_activations',
  'npu_macs_fp16',
  'npu_macs_int8',
  'npu_core_cycles',
  'npu_vector_ops',
  'scratchpad_bytes',
  'pim_macs_fp16',
  'pim_macs_int8',
  'pim_vector_ops',
  'pim_mode_switches',
  'gpu_busy_ns',
  'gpu_dram_bytes',
  'gpu_flops',
  'gpu_vector_ops',
  'xbar_mvm_slices',
  'xbar_vector_ops',
  'adc_conversions',
  'dac_conversions',
] as const;

export type ActionName = (typeof ACTIONS)[number];

const ACTION_INDEX = new Map<string, number>(ACTIONS.map((a, i) => [a, i]));

/** A small integer per action name (its place in ACTIONS). */
export function actionId(name: ActionName): number {
  const id = ACTION_INDEX.get(name);
  if (id === undefined) throw new Error(`unknown action '${name}'`);
  return id;
}

/** Action counts (absent: 0). */
export type ActionCounts = Partial<Record<ActionName, number>>;
