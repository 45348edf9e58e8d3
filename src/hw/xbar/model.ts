/**
 * Crossbar MVM timing: an M x K by K x N projection with resident weights uses
 * ceil(K / rows) x ceil(N / cols) x polarity crossbars in parallel; each token's input is
 * applied in act_bits / dac_bits slices; per slice the crossbar settles (read_ns) and each
 * ADC converts its share of the columns (cols / adcs_per_xbar conversions at the sample
 * rate, plus one conversion latency); partial sums over the K blocks are added by the digital
 * periphery (log2 of the row blocks, at digital_mhz). Tokens run one after another.
 */
import { messages } from '../../config/messages.js';
import { UserError } from '../../config/user-error.js';
import type { Op } from '../../workload/ops.js';
import { PRECISIONS } from '../../workload/ops.js';
import type { DeviceCost } from '../device-cost.js';
import type { XbarSpec } from './spec.js';
import type { MemoryPort } from '../memory-port.js';

export class XbarCapacityError extends UserError {
  override readonly name = 'XbarCapacityError';
}

export function xbarCost(x: XbarSpec, op: Op, mem?: MemoryPort): DeviceCost {
  if (op.kind === 'vector') {
    const t = op.vector_ops / x.postproc_gops;
    return { time_ns: t, cycles: Math.ceil((t * x.digital_mhz) / 1000), compute_cycles: 0, utilization: 1, actions: { xbar_vector_ops: op.vector_ops } };
  }
  if (op.kind !== 'gemm') throw new XbarCapacityError(messages.xbarNotProjection(op.kind, op.name));
  const p = PRECISIONS[op.precision];
  const rowBlocks = Math.ceil(op.k / x.xbar_rows);
  const colBlocks = Math.ceil(op.n / x.xbar_cols);
  const xbars = rowBlocks * colBlocks * x.polarity * op.batch;
  if (xbars > x.xbars) throw new XbarCapacityError(messages.xbarCapacity(op.name, xbars, x.id, x.xbars));
  const slices = Math.ceil(p.act_bits / x.dac_bits);
  const conversionsPerAdc = Math.ceil(x.xbar_cols / x.adcs_per_xbar);
  const adcLatency = (x.adc_bits + 2) / x.adc_gsps;
  const perSlice = x.read_ns + conversionsPerAdc / x.adc_gsps + adcLatency;
  const reduce = Math.ceil(Math.log2(rowBlocks)) / (x.digital_mhz / 1000) + slices / (x.digital_mhz / 1000);
  const perToken = slices * perSlice + reduce;
  // Activations come from and go back to LPDDR around the crossbars.
  const io = mem ? mem.stream(op.act_in_bytes + op.act_out_bytes) : null;
  const time = op.m * perToken + (io ? io.time_ns : 0);
  // Differential pairs subtract in the analog domain (MNSIM Sub_Position 0): one conversion per column pair.
  const conversions = op.m * slices * (xbars / x.polarity) * x.xbar_cols;
  return {
    time_ns: time,
    cycles: Math.ceil((time * x.digital_mhz) / 1000),
    compute_cycles: Math.ceil((op.m * slices * perSlice * x.digital_mhz) / 1000),
    utilization: Math.min(1, (op.k * op.n) / (rowBlocks * colBlocks * x.xbar_rows * x.xbar_cols)),
    actions: {
      xbar_mvm_slices: op.m * slices * xbars,
      adc_conversions: conversions,
      dac_conversions: op.m * slices * rowBlocks * x.xbar_rows * colBlocks * x.polarity,
      ...(io ? { dram_external_bytes: op.act_in_bytes + op.act_out_bytes, dram_row_activations: io.row_activations } : {}),
    },
  };
}
