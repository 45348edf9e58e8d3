/**
 * One entry point over the device models of a platform: the cost (time, cycles, utilization,
 * actions, energy) of one operator on one device, and a step's per-operator, per-device
 * breakdown. Repeated shapes are memoized (the replay costs the same shapes many times).
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { Op, Precision } from '../workload/ops.js';
import { PRECISIONS } from '../workload/ops.js';
import type { DeviceCost } from '../hw/device-cost.js';
import { actionId, type ActionName } from '../hw/actions.js';
import { gpuCost } from '../hw/gpu/model.js';
import { npuCost } from '../hw/npu/model.js';
import { pimCost, type PimSystem } from '../hw/pim/model.js';
import type { Platform } from './platforms.js';
import { xbarCost } from '../hw/xbar/model.js';

export const DEVICES = ['npu', 'pim', 'xbar', 'gpu'] as const;
export type Device = (typeof DEVICES)[number];

export interface OpCost extends DeviceCost {
  readonly device: Device;
  /** Dynamic energy of the actions plus the device's static power over the op's time. */
  readonly energy_pj: number;
  readonly energy_by_action_pj: Readonly<Record<string, number>>;
}

export class DeviceError extends UserError {
  override readonly name = 'DeviceError';
}

export function platformDevices(p: Platform): Device[] {
  return DEVICES.filter((d) => p.config[d] !== undefined);
}

export function pimSystem(p: Platform): PimSystem {
  const pim = p.config.pim;
  if (pim === undefined) throw new DeviceError(messages.platformLacksDevice(p.config.id, 'pim', platformDevices(p)));
  return {
    pim,
    dram: p.dram,
    channels: pim.channels,
    external_gbps_per_channel: p.dram.peak_bandwidth_gbps,
    external_gbps_total: p.dram.peak_bandwidth_gbps * p.config.dram.channels,
    refresh: p.config.dram.refresh,
  };
}

function rawCost(p: Platform, device: Device, op: Op): DeviceCost {
  const c = p.config;
  switch (device) {
    case 'npu':
      if (!c.npu) break;
      return npuCost(c.npu, p.memory, op);
    case 'pim':
      if (!c.pim) break;
      return pimCost(pimSystem(p), op);
    case 'xbar':
      if (!c.xbar) break;
      return xbarCost(c.xbar, op, p.memory);
    case 'gpu':
      if (!c.gpu) break;
      return gpuCost(c.gpu, op, c.gpu.count);
  }
  throw new DeviceError(messages.platformLacksDevice(c.id, device, platformDevices(p)));
}

/** The cost of `op` on `device` of platform `p`, energy priced with the platform's table. */
export function opCost(p: Platform, device: Device, op: Op): OpCost {
  const raw = rawCost(p, device, op);
  const byAction = p.pricer.byAction(raw.actions);
  const dynamicPj = Object.values(byAction).reduce((s, v) => s + v, 0);
  const staticPj = p.pricer.staticOf(device, raw.time_ns);
  return { ...raw, device, energy_pj: dynamicPj + staticPj, energy_by_action_pj: { ...byAction, [`static_${device}`]: staticPj } };
}

/** A GEMM (or GEMV, M = 1) operator with the precision's byte counts. */
export function matmulOp(m: number, k: number, n: number, precision: Precision, name = 'gemm'): Op {
  const pr = PRECISIONS[precision];
  return {
    name,
    model: 'calculator',
    phase: 'ar',
    kind: 'gemm',
    role: 'fc',
    m,
    k,
    n,
    batch: 1,
    repeat: 1,
    precision,
    weight_bytes: (k * n * pr.weight_bits) / 8,
    act_in_bytes: (m * k * pr.act_bits) / 8,
    act_out_bytes: (m * n * pr.act_bits) / 8,
    kv_read_bytes: 0,
    kv_write_bytes: 0,
    macs: m * k * n,
    vector_ops: 0,
  };
}

/** The memo key of an op's cost on a device: the device and every field of the op's shape. */
const shapeKey = (device: Device, op: Op) => `${device}|${op.kind}|${op.m}|${op.k}|${op.n}|${op.batch}|${op.precision}|${op.weight_bytes}|${op.kv_read_bytes}|${op.kv_write_bytes}|${op.vector_ops}`;

/** Whether two operators have the same shape: equal in every field of `shapeKey` (so equal cost on a device). */
export function sameShape(a: Op, b: Op): boolean {
  return a.kind === b.kind && a.m === b.m && a.k === b.k && a.n === b.n && a.batch === b.batch && a.precision === b.precision && a.weight_bytes === b.weight_bytes && a.kv_read_bytes === b.kv_read_bytes && a.kv_write_bytes === b.kv_write_bytes && a.vector_ops === b.vector_ops;
}

/** A device cost with its actions as ids (`ACTIONS` order) and counts, in the object's order. */
export interface RawEntry {
  readonly cost: DeviceCost;
  readonly action_ids: readonly number[];
  readonly action_counts: readonly number[];
}

function rawEntry(p: Platform, device: Device, op: Op): RawEntry {
  const cost = rawCost(p, device, op);
  const names = Object.keys(cost.actions) as ActionName[];
  return { cost, action_ids: names.map(actionId), action_counts: names.map((n) => cost.actions[n]!) };
}

/**
 * A memoizing cost function over one platform (key: device and the op's shape): `cost` with
 * each op's energy (the calculator), `raw` with the timing and action counts alone (the replay
 * prices a phase's summed actions once, so it skips the per-op pricing).
 */
export class CostCache {
  private readonly cache = new Map<string, OpCost>();
  private readonly rawCache = new Map<string, RawEntry>();
  hits = 0;
  misses = 0;
  constructor(readonly platform: Platform) {}
  cost(device: Device, op: Op): OpCost {
    return this.memo(this.cache, device, op, opCost);
  }
  raw(device: Device, op: Op): DeviceCost {
    return this.memo(this.rawCache, device, op, rawEntry).cost;
  }
  /**
   * As `raw`, with the actions as ids and counts (the phase sums' hot loop). Operators that
   * read the KV cache (and the softmax over the scores) change with every context: they are
   * priced without being kept, so the cache holds the context-independent shapes only.
   */
  rawEntry(device: Device, op: Op): RawEntry {
    if (op.kv_read_bytes > 0 || op.role === 'softmax') {
      this.misses++;
      return rawEntry(this.platform, device, op);
    }
    return this.memo(this.rawCache, device, op, rawEntry);
  }
  private memo<T>(cache: Map<string, T>, device: Device, op: Op, make: (p: Platform, d: Device, op: Op) => T): T {
    const key = shapeKey(device, op);
    let c = cache.get(key);
    if (c === undefined) {
      c = make(this.platform, device, op);
      cache.set(key, c);
      this.misses++;
    } else this.hits++;
    return c;
  }
}

/**
 * Where an op runs when nothing else says (the `cost step` default, not a policy): GPUs run
 * everything; PIM-LLM puts projections on crossbars; NPU + PIM platforms put GEMV-shaped work
 * (M no larger than the PIM units' token-parallel ALUs) on PIM, the rest on the NPU.
 */
export function defaultDevice(p: Platform, op: Op): Device {
  const c = p.config;
  if (c.gpu && !c.npu) return c.pim && op.kind !== 'vector' && op.m <= c.pim.alus ? 'pim' : 'gpu';
  if (c.xbar && (op.role === 'fc' || op.role === 'lm_head')) return 'xbar';
  if (c.pim && c.npu && op.kind !== 'vector' && op.m <= c.pim.alus) return 'pim';
  if (c.npu) return 'npu';
  if (c.pim) return 'pim';
  throw new DeviceError(messages.noDeviceForOp(c.id, op.name));
}

export interface StepBreakdown {
  readonly ops: readonly (OpCost & { readonly name: string; readonly model: string; readonly repeat: number; readonly total_time_ns: number; readonly total_energy_pj: number })[];
  readonly by_device: Readonly<Record<string, { time_ns: number; energy_pj: number }>>;
  readonly time_ns: number;
  readonly energy_pj: number;
}

/** Serial execution of a phase's ops on their default devices. */
export function stepBreakdown(p: Platform, ops: readonly Op[], place: (op: Op) => Device = (op) => defaultDevice(p, op)): StepBreakdown {
  const rows = ops.map((op) => {
    const c = opCost(p, place(op), op);
    return { ...c, name: op.name, model: op.model, repeat: op.repeat, total_time_ns: c.time_ns * op.repeat, total_energy_pj: c.energy_pj * op.repeat };
  });
  const by: Record<string, { time_ns: number; energy_pj: number }> = {};
  for (const r of rows) {
    const d = (by[r.device] ??= { time_ns: 0, energy_pj: 0 });
    d.time_ns += r.total_time_ns;
    d.energy_pj += r.total_energy_pj;
  }
  return { ops: rows, by_device: by, time_ns: rows.reduce((s, r) => s + r.total_time_ns, 0), energy_pj: rows.reduce((s, r) => s + r.total_energy_pj, 0) };
}

/** Operator-cost caches kept across replays in this process, by the platform's timing-relevant configuration. */
const SHARED = new Map<string, CostCache>();
const SHARED_MAX = 8;

/**
 * An operator-cost cache shared by every replay in this process on a platform with the same
 * devices, DRAM and channels (its energy table, sources and open fields aside: raw costs do
 * not depend on them). Sweep tasks on one worker and the draws of a sensitivity analysis that
 * vary only energy entries price each operator shape once. At most 8 platforms are kept.
 */
export function sharedCostCache(p: Platform): CostCache {
  const { energy: _e, energy_table: _t, sources: _s, readings: _r, open: _o, description: _d, ...timing } = p.config;
  void [_e, _t, _s, _r, _o, _d];
  const key = JSON.stringify(timing);
  let c = SHARED.get(key);
  if (c === undefined) {
    if (SHARED.size >= SHARED_MAX) SHARED.delete(SHARED.keys().next().value!);
    SHARED.set(key, (c = new CostCache(p)));
  }
  return c;
}
