/**
 * LP-Spec's data allocation unit [LPSPEC Sec. V-B, V-C; CAPIM baselines/lp_spec/driver.py]:
 * every FC kernel is split between the NPU and the PIM by column-wise tensor parallelism with
 * one ratio per tree size, read from an allocation table that balances both units. That holds
 * for the verification and for the Medusa heads, which are ordinary FC layers over model
 * parameters ([LPSPEC Sec. VI-A]: only prefill and non-linear functions run on the NPU alone;
 * [LPSPEC Sec. V-C]: the NPU fetches parameters from DRAM ranks while PIM computes on those in
 * PIM ranks). For a phase with T_n and T_p the NPU-alone and PIM-alone times of its splittable
 * operators:
 *   r = T_p / (T_n + T_p)  (NPU share),  split time = T_n T_p / (T_n + T_p)
 * plus one gather of the PIM share of the partial outputs over the external bus per split
 * operator, and the non-linear operators (softmax, norms, activations) on the NPU only.
 * Energy: r E_n + (1 - r) E_p for the split part (CAPIM's reconstruction).
 */
import type { Platform } from '../../platform/platforms.js';
import { RESOURCES, phaseCost, type DraftShape, type PhaseCost, type PhaseCoster, type PhaseOperator, type Placement } from '../../kernel/index.js';
import type { Op } from '../../workload/ops.js';

const NPU: Placement = { id: 'dau:npu', device: () => 'npu' };
const PIM_SPLIT: Placement = { id: 'dau:pim', device: (op: Op) => (op.kind === 'vector' ? 'npu' : 'pim') };

export interface Allocation {
  /** NPU share of the split operators. */
  readonly ratio: number;
  readonly cost: PhaseCost;
  /** The phase's parts, one after another: the split operators (both units at once), the non-linear ones on the NPU, the gathers. */
  readonly split_ns: number;
  readonly nonlinear_ns: number;
  readonly gather_ns: number;
  readonly gather_bytes: number;
}

export class AllocationTable {
  private readonly table = new Map<number, Allocation>();
  private readonly draftTable = new Map<number, Allocation>();
  constructor(
    private readonly coster: PhaseCoster,
    private readonly platform: Platform,
  ) {}

  /** The allocation for M verified tokens at a context (memoized per (M, context)). */
  get(tokens: number, context: number): Allocation {
    const key = tokens * 2 ** 21 + context;
    let a = this.table.get(key);
    if (a === undefined) {
      const n = this.coster.verify(tokens, context, NPU);
      const p = this.coster.verify(tokens, context, PIM_SPLIT);
      // One gather per split operator (4 per layer and the LM head): the PIM share of its
      // hidden-sized output crosses the bus.
      const outBytes = tokens * this.coster.target.hidden * this.actBytes();
      this.table.set(key, (a = this.split(n, p, [[outBytes, 4 * this.coster.target.layers + 1]])));
    }
    return a;
  }

  /** The allocation of a draft phase (Medusa heads) at a context (memoized per (draft key, context)). */
  draft(shape: DraftShape, keyId: number, context: number): Allocation {
    const key = keyId * 2 ** 21 + context;
    let a = this.draftTable.get(key);
    if (a === undefined) {
      const n = this.coster.draftPhase(shape, context, NPU);
      const p = this.coster.draftPhase(shape, context, PIM_SPLIT);
      const draft = this.coster.draft;
      // Each head's ResBlock (hidden-sized) and LM head (vocabulary-sized) outputs are gathered.
      const heads = draft?.medusa_heads ?? 1;
      const gathers: [number, number][] = draft === null ? [] : [[draft.hidden * this.actBytes(), heads], [draft.vocab * this.actBytes(), heads]];
      this.draftTable.set(key, (a = this.split(n, p, gathers)));
    }
    return a;
  }

  private actBytes(): number {
    return this.coster.precision === 'fp16' ? 2 : 1;
  }

  /** `gathers`: (output bytes of one split operator, how many such operators). */
  private split(n: PhaseCost, p: PhaseCost, gathers: readonly (readonly [number, number])[]): Allocation {
    const iN = RESOURCES.indexOf('npu');
    const iP = RESOURCES.indexOf('pim');
    // Non-linear ops stay on the NPU in both placements: they are the NPU time of PIM_SPLIT.
    const nonlinear = p.busy[iN]!;
    const tn = n.time_ns - nonlinear;
    const tp = p.busy[iP]!;
    const ratio = tn + tp > 0 ? tp / (tn + tp) : 1;
    const split = tn + tp > 0 ? (tn * tp) / (tn + tp) : 0;
    let gatherBytes = 0;
    let gather = 0;
    for (const [bytes, count] of gathers) {
      gatherBytes += bytes * count * (1 - ratio);
      gather += this.platform.memory.stream(bytes).time_ns * count * (1 - ratio);
    }
    const actions: Record<string, number> = {};
    for (const [k, v] of Object.entries(n.actions)) actions[k] = (actions[k] ?? 0) + ratio * v;
    for (const [k, v] of Object.entries(p.actions)) actions[k] = (actions[k] ?? 0) + (1 - ratio) * v;
    actions['dram_external_bytes'] = (actions['dram_external_bytes'] ?? 0) + gatherBytes;
    // The split actions priced once (pricing is linear: r E_n + (1 - r) E_p + the gathers').
    const energy = this.platform.pricer.dynamic(actions);
    const busy = new Float64Array(RESOURCES.length);
    busy[iN] = split + nonlinear + gather;
    busy[iP] = split;
    return { ratio, split_ns: split, nonlinear_ns: nonlinear, gather_ns: gather, gather_bytes: gatherBytes, cost: { ...phaseCost(split + nonlinear + gather, busy, 'npu', actions, energy), resources: ['npu', 'pim'] } };
  }

  /** The operators of the verification of `tokens` at a context, as `get` composes them (timelines). */
  verifyOperators(tokens: number, context: number): PhaseOperator[] {
    const ops = (place: Placement) => this.coster.phaseOperators('verify', tokens, context, place);
    return splitOperators(this.get(tokens, context), ops(NPU), ops(PIM_SPLIT));
  }

  /** The operators of a draft phase (Medusa heads), as `draft` composes them (timelines). */
  draftOperators(shape: DraftShape, keyId: number, context: number): PhaseOperator[] {
    const ops = (place: Placement) => this.coster.phaseOperators('draft', shape, context, place);
    return splitOperators(this.draft(shape, keyId, context), ops(NPU), ops(PIM_SPLIT));
  }
}

/**
 * A split phase's operators: each FC kernel's NPU share (ratio x its NPU time) and PIM share
 * ((1 - ratio) x its PIM time) run side by side from the phase's start (each unit's shares add
 * up to the split time), then the non-linear operators on the NPU, then the gathers over the bus.
 */
function splitOperators(a: Allocation, onNpu: readonly PhaseOperator[], onPim: readonly PhaseOperator[]): PhaseOperator[] {
  const out: PhaseOperator[] = [];
  const share = (op: PhaseOperator, f: number, offset: number): PhaseOperator => ({
    ...op,
    name: `${op.name} (${op.device} ${Math.round(100 * f)}%)`,
    time_ns: op.time_ns * f,
    bytes: op.bytes * f,
    macs: op.macs * f,
    offset_ns: offset,
    ...(op.segments ? { segments: op.segments.map((g) => ({ ...g, time_ns: g.time_ns * f })) } : {}),
  });
  let tn = 0;
  // Both lists are the same decomposition under two placements: operator i is split where PIM_SPLIT put it on PIM.
  onNpu.forEach((op, i) => {
    if (onPim[i]?.device !== 'pim') return;
    out.push(share(op, a.ratio, tn));
    tn += op.time_ns * a.ratio;
  });
  let tp = 0;
  for (const op of onPim) {
    if (op.device !== 'pim') continue;
    out.push(share(op, 1 - a.ratio, tp));
    tp += op.time_ns * (1 - a.ratio);
  }
  // After both units' shares (equal to the split time, up to rounding).
  let t = Math.max(a.split_ns, tn, tp);
  for (const op of onPim) {
    if (op.device === 'pim') continue;
    out.push({ ...op, offset_ns: t });
    t += op.time_ns;
  }
  if (a.gather_ns > 0) out.push({ name: 'gather PIM outputs', device: 'bus', time_ns: a.gather_ns, repeat: 1, bytes: a.gather_bytes, macs: 0, offset_ns: t });
  return out;
}
