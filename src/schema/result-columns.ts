/**
 * Result tables of a replay (ARCHITECTURE.md "Run directory"): one row per (policy, request,
 * step); per (policy, request); per (policy, request, energy component). Columns carry their
 * unit in the name.
 */
import type { ColumnSpec } from './trace-schema.js';

const c = (name: string, type: ColumnSpec['type'], doc: string, nullable = false): ColumnSpec => ({ name, type, nullable, doc });

export const STEP_RESULT_COLUMNS: readonly ColumnSpec[] = [
  c('policy', 'utf8', 'policy id'),
  c('request_id', 'utf8', 'request id'),
  c('request_index', 'int32', 'row of the request in the trace'),
  c('step', 'int32', 'step index within the request'),
  c('position', 'int32', 'output tokens committed before the step'),
  c('context_tokens', 'int32', 'context length before the step'),
  c('draft_tokens', 'int32', 'tokens drafted (tree: nodes excluding the root)'),
  c('accepted_tokens', 'int32', 'draft tokens accepted'),
  c('committed_tokens', 'int32', 'tokens committed by the step'),
  c('imputed', 'bool', 'the outcome used an imputation model'),
  c('wasted_draft_tokens', 'int32', 'tokens drafted that were thrown away (asynchronous drafting on rejected prefixes)'),
  c('t_start_ns', 'float64', 'step start (from the request start)'),
  c('t_end_ns', 'float64', 'step end'),
  c('draft_start_ns', 'float64', 'draft phase start'),
  c('draft_end_ns', 'float64', 'draft phase end'),
  c('verify_start_ns', 'float64', 'verification start'),
  c('verify_end_ns', 'float64', 'verification end'),
  c('npu_busy_ns', 'float64', 'NPU busy time within the step'),
  c('pim_busy_ns', 'float64', 'PIM busy time within the step'),
  c('gpu_busy_ns', 'float64', 'GPU busy time within the step'),
  c('xbar_busy_ns', 'float64', 'crossbar busy time within the step'),
  c('bus_busy_ns', 'float64', 'external bus busy time within the step (transfers not part of a device phase)'),
  c('energy_pj', 'float64', 'dynamic energy of the step plus static energy over its duration'),
];

export const REQUEST_RESULT_COLUMNS: readonly ColumnSpec[] = [
  c('policy', 'utf8', 'policy id'),
  c('request_id', 'utf8', 'request id'),
  c('request_index', 'int32', 'row of the request in the trace'),
  c('output_tokens', 'int32', 'tokens the request produced (the recorded output)'),
  c('decoded_tokens', 'int32', 'output tokens committed by decode steps (output_tokens less those produced by prefill, e.g. REST\'s 1): the numerator of tokens/s and tokens/J'),
  c('steps', 'int32', 'verification steps'),
  c('imputed_steps', 'int32', 'steps whose outcome used an imputation model'),
  c('time_ns', 'float64', 'decode time of the request (prefill excluded)'),
  c('energy_pj', 'float64', 'energy of the request'),
  c('tokens_per_s', 'float64', 'output tokens per second'),
  c('tokens_per_j', 'float64', 'output tokens per joule'),
  c('npu_busy_ns', 'float64', 'NPU busy time'),
  c('pim_busy_ns', 'float64', 'PIM busy time'),
  c('gpu_busy_ns', 'float64', 'GPU busy time'),
  c('xbar_busy_ns', 'float64', 'crossbar busy time'),
  c('bus_busy_ns', 'float64', 'external bus busy time'),
];

export const ENERGY_RESULT_COLUMNS: readonly ColumnSpec[] = [
  c('policy', 'utf8', 'policy id'),
  c('request_id', 'utf8', 'request id'),
  c('component', 'utf8', 'action (e.g. dram_external_bytes) or static_<device>'),
  c('count', 'float64', 'action count (static: ns)'),
  c('energy_pj', 'float64', 'energy of the component'),
];
