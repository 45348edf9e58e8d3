/**
 * Costs of a step's phases on a platform, memoized: a draft phase (per plan), a
 * verification of M tokens, an autoregressive step, each at a context length and under a
 * policy's placement of operators on devices. Within a phase the operators run one after
 * another (layer dependencies); the phase's time is their sum, and each device's busy time
 * the sum of its operators.
 */
import { CostCache, sameShape, type Device, type RawEntry } from '../platform/cost.js';
import type { TimeSegment } from '../hw/device-cost.js';
import { ACTIONS, actionId, type ActionCounts, type ActionName } from '../hw/actions.js';
import type { Platform } from '../platform/platforms.js';
import { arStepOps, draftOps, verifyOps } from '../workload/decompose.js';
import type { ModelShape } from '../workload/models.js';
import type { Op, Precision } from '../workload/ops.js';
import type { TreeIndex } from './acceptance.js';
import { RESOURCES, type Resource } from './engine.js';

/** Where a policy runs each operator. `id` keys the memo: equal ids must place equally. */
export interface Placement {
  readonly id: string;
  device(op: Op): Device;
}

export type DraftShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'chain'; readonly k: number }
  | {
      readonly kind: 'tree';
      readonly tree: TreeIndex;
      /** Identifies the draft computation in the memo (equal ids must cost the same to draft). */
      readonly keyId: number;
      readonly widths: readonly number[];
      /** A pruned tree: kept nodes (ancestor-closed; the root kept). */
      readonly keep?: Uint8Array;
      /** Drafted nodes (kept nodes excluding the root). */
      readonly nodes?: number;
    };

export interface PhaseCost {
  readonly time_ns: number;
  /** Busy ns per resource (RESOURCES order). */
  readonly busy: Float64Array;
  /** Device that ran most of the phase (its timeline resource). */
  readonly main: Resource;
  readonly actions: Readonly<ActionCounts>;
  /** The same actions as parallel arrays of action ids (`actionId`) and counts, for the hot loop. */
  readonly action_ids: Int32Array;
  readonly action_counts: Float64Array;
  readonly energy_pj: number;
  /** Devices that run the phase at the same time (a split phase); default: [main]. */
  readonly resources?: readonly Resource[];
}

/** Action names by action id. */
export const ACTION_NAMES: readonly ActionName[] = ACTIONS;

/** A phase cost from its parts (derives the action arrays). */
export function phaseCost(time_ns: number, busy: Float64Array, main: Resource, actions: ActionCounts, energy_pj: number): PhaseCost {
  const names = Object.keys(actions) as ActionName[];
  return {
    time_ns,
    busy,
    main,
    actions,
    action_ids: Int32Array.from(names, actionId),
    action_counts: Float64Array.from(names, (n) => actions[n]!),
    energy_pj,
  };
}

/**
 * One operator of a phase as a timeline draws it: its device, time (x its repeats, e.g. the
 * layers), bytes and MACs; where its time goes (`segments`, scaled to the repeats); for a PIM
 * operator, the PIM channels it runs on; `offset_ns`, its start within the phase where
 * operators overlap (a split phase), else they run one after another.
 */
export interface PhaseOperator {
  readonly name: string;
  readonly device: Resource;
  readonly time_ns: number;
  readonly repeat: number;
  readonly bytes: number;
  readonly macs: number;
  readonly segments?: readonly TimeSegment[];
  readonly pim_channels?: PimChannels;
  readonly offset_ns?: number;
}

/** PIM channels [first, first + count) of the platform's `total`. */
export interface PimChannels {
  readonly first: number;
  readonly count: number;
  readonly total: number;
}

/** What the replay loop needs from a cost model (the hardware models, or a test's toy). */
export interface PhaseCostSource {
  draftPhase(shape: DraftShape, context: number, place: Placement): PhaseCost;
  verify(tokens: number, context: number, place: Placement): PhaseCost;
  /** A phase's operators with device and time (timelines); optional for other cost sources. */
  phaseOperators?(phase: 'verify' | 'draft', tokensOrShape: number | DraftShape, context: number, place: Placement): PhaseOperator[];
}

const CONTEXT_BITS = 2 ** 21;

export class PhaseCoster implements PhaseCostSource {
  readonly ops: CostCache;
  private readonly verifyMemo = new WeakMap<Placement, Map<number, PhaseCost>>();
  private readonly draftMemo = new WeakMap<Placement, Map<number, PhaseCost>>();
  /** Placements seen, by id: equal ids must place equally (checked once per object). */
  private readonly byId = new Map<string, Placement>();
  constructor(
    readonly platform: Platform,
    readonly target: ModelShape,
    readonly draft: ModelShape | null,
    readonly precision: Precision,
    /** An operator-cost cache to share (every policy of a replay on one platform); default: a new one. */
    ops?: CostCache,
  ) {
    this.ops = ops ?? new CostCache(platform);
  }

  private table(memo: WeakMap<Placement, Map<number, PhaseCost>>, place: Placement): Map<number, PhaseCost> {
    let t = memo.get(place);
    if (t === undefined) {
      // Placement objects with the same id share one table.
      const canonical = this.byId.get(place.id) ?? place;
      this.byId.set(place.id, canonical);
      t = memo.get(canonical) ?? new Map();
      memo.set(canonical, t);
      memo.set(place, t);
    }
    return t;
  }

  /**
   * Each phase's operators of the last context priced, by (phase, plan, placement): at a new
   * context most operators (the projections) have the same shape as before and reuse their
   * cost without a cache lookup; only those whose shape changed (attention over the context)
   * are looked up or priced.
   */
  private readonly lastOps = new Map<string, { ops: readonly Op[]; devices: Device[]; costs: RawEntry[] }>();
  /** Scratch of `sum`: action counts by action id, and the ids in the order first met. */
  private readonly acc = new Float64Array(ACTIONS.length);
  private readonly order = new Int32Array(ACTIONS.length);
  private readonly met = new Uint8Array(ACTIONS.length);

  private sum(ops: readonly Op[], place: Placement, slot: string): PhaseCost {
    const busy = new Float64Array(RESOURCES.length);
    const { acc, order, met } = this;
    let metCount = 0;
    let time = 0;
    const key = `${slot}|${place.id}`;
    const last = this.lastOps.get(key);
    const devices: Device[] = new Array(ops.length);
    const costs: RawEntry[] = new Array(ops.length);
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const d = place.device(op);
      const prev = last?.ops[i];
      const e = prev !== undefined && last!.devices[i] === d && sameShape(prev, op) ? last!.costs[i]! : this.ops.rawEntry(d, op);
      devices[i] = d;
      costs[i] = e;
      const t = e.cost.time_ns * op.repeat;
      time += t;
      busy[RESOURCE_INDEX[d as Resource]!]! += t;
      // The same sums, in the same order, as adding up each operator's action object by name.
      const ids = e.action_ids;
      const counts = e.action_counts;
      for (let j = 0; j < ids.length; j++) {
        const id = ids[j]!;
        if (met[id] === 0) {
          met[id] = 1;
          order[metCount++] = id;
          acc[id] = 0;
        }
        acc[id]! += counts[j]! * op.repeat;
      }
    }
    this.lastOps.set(key, { ops, devices, costs });
    let main = 0;
    for (let i = 1; i < busy.length; i++) if (busy[i]! > busy[main]!) main = i;
    const ids = order.slice(0, metCount);
    const counts = new Float64Array(metCount);
    const actions: ActionCounts = {};
    for (let k = 0; k < metCount; k++) {
      const id = ids[k]!;
      counts[k] = acc[id]!;
      actions[ACTIONS[id]!] = acc[id]!;
      met[id] = 0;
    }
    const energy = this.platform.pricer.dynamicOf(ids, counts, actions);
    return { time_ns: time, busy, main: RESOURCES[main]!, actions, action_ids: ids, action_counts: counts, energy_pj: energy };
  }

  /**
   * The operators of a phase, in decomposition order, each with its device and time (x its
   * repeats, e.g. the layers): for operator-level timelines only (recomputed, not memoized).
   */
  phaseOperators(phase: 'verify' | 'draft', tokensOrShape: number | DraftShape, context: number, place: Placement): PhaseOperator[] {
    let ops: Op[];
    if (phase === 'verify') {
      const tokens = tokensOrShape as number;
      ops = tokens === 1 ? arStepOps(this.target, context, this.precision) : verifyOps(this.target, tokens, context, this.precision);
    } else {
      const shape = tokensOrShape as DraftShape;
      if (shape.kind === 'none' || this.draft === null) return [];
      ops = draftOps(this.draft, shape.kind === 'chain' ? { kind: 'chain', k: shape.k } : { kind: 'tree', widths: shape.widths }, context, this.precision);
    }
    const pimTotal = this.platform.config.pim?.channels ?? 0;
    return ops.map((op) => {
      const d = place.device(op);
      const device = d as Resource;
      const c = this.ops.raw(d, op);
      return {
        name: op.name,
        device,
        time_ns: c.time_ns * op.repeat,
        repeat: op.repeat,
        bytes: (op.weight_bytes + op.kv_read_bytes + op.kv_write_bytes + op.act_in_bytes + op.act_out_bytes) * op.repeat,
        macs: op.macs * op.repeat,
        ...(c.segments ? { segments: c.segments.map((g) => ({ ...g, time_ns: g.time_ns * op.repeat })) } : {}),
        ...(d === 'pim' ? { pim_channels: { first: 0, count: pimTotal, total: pimTotal } } : {}),
      };
    });
  }

  verify(tokens: number, context: number, place: Placement): PhaseCost {
    const t = this.table(this.verifyMemo, place);
    const key = tokens * CONTEXT_BITS + context;
    let c = t.get(key);
    if (c === undefined) t.set(key, (c = this.sum(tokens === 1 ? arStepOps(this.target, context, this.precision) : verifyOps(this.target, tokens, context, this.precision), place, `verify|${tokens}`)));
    return c;
  }

  draftPhase(shape: DraftShape, context: number, place: Placement): PhaseCost {
    if (shape.kind === 'none' || this.draft === null) return EMPTY;
    const t = this.table(this.draftMemo, place);
    const planKey = shape.kind === 'chain' ? shape.k : 100000 + shape.keyId;
    const key = planKey * CONTEXT_BITS + context;
    let c = t.get(key);
    if (c === undefined) {
      const plan = shape.kind === 'chain' ? { kind: 'chain' as const, k: shape.k } : { kind: 'tree' as const, widths: shape.widths };
      t.set(key, (c = this.sum(draftOps(this.draft, plan, context, this.precision), place, `draft|${planKey}`)));
    }
    return c;
  }
}

const EMPTY: PhaseCost = phaseCost(0, new Float64Array(RESOURCES.length), 'npu', {}, 0);

const RESOURCE_INDEX: Readonly<Partial<Record<Resource, number>>> = Object.fromEntries(RESOURCES.map((r, i) => [r, i]));
