/**
 * Bank-level PIM GEMV / small-M GEMM timing. Weights (or, for attention, the KV cache) are
 * spread over all units of all PIM channels; each unit:
 *   passes        = ceil(M / alus)                        (token-parallel ALUs share a fetch)
 *   per pass      = max(stream, compute)                  (pipelined)
 *     stream      = bytes_per_unit / internal_bw + row switches x (tRP + tRCD)
 *                   (all-bank ACT opens one row in each of the unit's banks at a time)
 *     compute     = elements_per_unit / lanes / f / compute_utilization
 *     (stream is at least bytes_per_unit / (internal_bw x memory_utilization): the preset's
 *     utilisation caps, where its source applies them)
 * plus broadcasting the M x K input over each channel's external bus, reading the M x N
 * output back over all channels, and entering/leaving PIM mode; refresh stretches the
 * in-bank part. Action counts: row activations, in-bank bytes, PIM MACs, external bytes,
 * mode switches.
 */
import type { Op } from '../../workload/ops.js';
import { PRECISIONS } from '../../workload/ops.js';
import type { DeviceCost } from '../device-cost.js';
import { refreshCycles } from '../lpddr5/model.js';
import type { Lpddr5Resolved } from '../lpddr5/spec.js';
import type { PimSpec } from './spec.js';
import { samsungGemv } from './samsung-kernel.js';

export interface PimSystem {
  readonly pim: PimSpec;
  readonly dram: Lpddr5Resolved;
  /** PIM channels (dies) holding the operand. */
  readonly channels: number;
  /** External bandwidth of one PIM channel, GB/s (inputs broadcast at this rate). */
  readonly external_gbps_per_channel: number;
  /** External bandwidth of the whole memory interface, GB/s (outputs read back at most this fast). */
  readonly external_gbps_total: number;
  readonly refresh: boolean;
}

export function unitInternalGbps(s: PimSystem): number {
  return s.pim.internal_gbps_per_unit ?? s.dram.burst_bytes / (s.dram.nCCD_L * s.dram.tCK);
}

export function pimCost(s: PimSystem, op: Op): DeviceCost {
  const { pim, dram } = s;
  const f = pim.freq_mhz / 1000;
  const p = PRECISIONS[op.precision];
  if (op.kind === 'vector') {
    // Element-wise work on the units' lanes (AHASD's AAU covers softmax/norm in its own model).
    const lanes = pim.units_per_channel * s.channels * pim.lanes * pim.alus;
    const t = op.vector_ops / lanes / f;
    return { time_ns: t, cycles: Math.ceil(t * f), compute_cycles: Math.ceil(t * f), utilization: 1, actions: { pim_vector_ops: op.vector_ops } };
  }
  if (pim.kernel === 'samsung-gemv') return samsungGemvCost(s, op);
  const units = pim.units_per_channel * s.channels;
  const operandBytes = op.kind === 'attention' ? op.kv_read_bytes : op.weight_bytes;
  const perUnitBytes = Math.ceil(operandBytes / units / dram.burst_bytes) * dram.burst_bytes;
  const passes = Math.ceil(op.m / pim.alus);
  const rowSwitches = Math.ceil(perUnitBytes / (dram.page_bytes * pim.banks_per_unit));
  const refreshStretch = s.refresh ? 1 / (1 - refreshCycles(dram) / dram.nREFI) : 1;
  const tStream = Math.max(perUnitBytes / unitInternalGbps(s) + rowSwitches * (dram.nRPpb + dram.nRCD) * dram.tCK, perUnitBytes / (unitInternalGbps(s) * pim.memory_utilization)) * refreshStretch;
  // Each pass streams the unit's elements once; its ALUs each take one token (lanes wide).
  // `reuse` is MACs per operand element per token (1 for projections, the GQA group for attention).
  const elemBytes = (op.kind === 'attention' ? p.kv_bits : p.weight_bits) / 8;
  const totalElements = operandBytes / elemBytes;
  const reuse = totalElements > 0 ? op.macs / (op.m * totalElements) : 0;
  const cyclesPerPass = Math.ceil((perUnitBytes / elemBytes) * reuse / pim.lanes);
  const computeCycles = passes * cyclesPerPass;
  const tCompute = cyclesPerPass / f / pim.compute_utilization;
  const tPass = Math.max(tStream, tCompute);
  const inBytes = (op.m * op.k * op.batch * p.act_bits) / 8;
  const outBytes = (op.m * op.n * op.batch * p.act_bits) / 8;
  const tIn = inBytes / s.external_gbps_per_channel;
  const tOut = outBytes / Math.min(s.external_gbps_per_channel * s.channels, s.external_gbps_total);
  const time = tIn + passes * tPass + tOut + 2 * pim.mode_switch_ns;
  const peak = computeCycles * units * pim.lanes * pim.alus;
  return {
    time_ns: time,
    cycles: Math.ceil(time * f),
    compute_cycles: computeCycles,
    utilization: peak > 0 ? Math.min(1, op.macs / peak) : 0,
    segments: [
      { name: 'mode switch in', time_ns: pim.mode_switch_ns },
      { name: 'broadcast input', time_ns: tIn, bus: true },
      { name: `bank passes (${passes})`, time_ns: passes * tPass },
      { name: 'read output', time_ns: tOut, bus: true },
      { name: 'mode switch out', time_ns: pim.mode_switch_ns },
    ],
    actions: {
      [`pim_macs_${pim.precision}`]: op.macs,
      dram_internal_bytes: perUnitBytes * units * passes,
      dram_row_activations: rowSwitches * pim.banks_per_unit * units * passes,
      dram_external_bytes: inBytes * s.channels + outBytes,
      pim_mode_switches: 2,
    },
  };
}

/**
 * A GEMM-shaped operator timed by Samsung's GEMV kernel (`samsung-kernel.ts`): each of the M
 * tokens is one kernel pass over the output tiles; the input is written into the GRFs by the
 * kernel itself; the results are read back over the channels afterwards.
 */
function samsungGemvCost(s: PimSystem, op: Op): DeviceCost {
  const { pim, dram } = s;
  const p = PRECISIONS[op.precision];
  const k = samsungGemv(pim, dram, s.channels, op.n * op.batch, op.k, op.m);
  const outBytes = (op.m * op.n * op.batch * p.act_bits) / 8;
  const tOut = outBytes / Math.min(s.external_gbps_per_channel * s.channels, s.external_gbps_total);
  const time = k.time_ns + tOut;
  const perMacBytes = dram.burst_bytes * pim.units_per_channel * s.channels;
  const inBytes = (op.m * op.k * p.act_bits) / 8 * k.output_tiles * s.channels;
  const f = pim.freq_mhz / 1000;
  const peak = k.mac_commands_per_channel * pim.units_per_channel * s.channels * pim.lanes * Math.max(1, Math.min(pim.alus, op.m));
  return {
    time_ns: time,
    cycles: Math.ceil(time * f),
    compute_cycles: k.mac_commands_per_channel,
    utilization: peak > 0 ? Math.min(1, op.macs / peak) : 0,
    segments: [
      { name: 'GEMV kernel (input, MACs, mode switches)', time_ns: k.time_ns },
      { name: 'read output', time_ns: tOut, bus: true },
    ],
    actions: {
      [`pim_macs_${pim.precision}`]: op.macs,
      dram_internal_bytes: k.mac_commands_per_channel * perMacBytes,
      dram_row_activations: k.row_activations_per_channel * pim.units_per_channel * s.channels,
      dram_external_bytes: inBytes + outBytes,
      pim_mode_switches: k.mode_switches,
    },
  };
}
