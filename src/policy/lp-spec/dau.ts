/**
 * LP-Spec's data allocation unit (papers.md 1.5): verification is split between the NPU and
 * the PIM by column-wise tensor parallelism with one ratio per tree size, read from an
 * allocation table that balances both units. For a tree of M tokens, with T_n and T_p the
 * NPU-alone and PIM-alone times of the splittable operators (projections and attention):
 *   r = T_p / (T_n + T_p)  (NPU share),  split time = T_n T_p / (T_n + T_p)
 * plus one gather of the partial outputs over the external bus per split operator, and the
 * non-linear operators (softmax, norms, activations) on the NPU only. Energy: r E_n +
 * (1 - r) E_p for the split part (CAPIM's reconstruction).
 */
import { price } from '../../energy/ert.js';
import { ENERGY_TABLES } from '../../energy/tables.js';
import type { Platform } from '../../hw/platforms.js';
import { RESOURCES } from '../../replay/engine.js';
import { phaseCost, type PhaseCost, type PhaseCoster, type Placement } from '../../replay/phase-cost.js';
import type { Op } from '../../workload/ops.js';

const NPU: Placement = { id: 'dau:npu', device: () => 'npu' };
const PIM_SPLIT: Placement = { id: 'dau:pim', device: (op: Op) => (op.kind === 'vector' ? 'npu' : 'pim') };

export interface Allocation {
  /** NPU share of the split operators. */
  readonly ratio: number;
  readonly cost: PhaseCost;
}

export class AllocationTable {
  private readonly table = new Map<number, Allocation>();
  constructor(
    private readonly coster: PhaseCoster,
    private readonly platform: Platform,
  ) {}

  /** The allocation for M verified tokens at a context (memoized per (M, context)). */
  get(tokens: number, context: number): Allocation {
    const key = tokens * 2 ** 21 + context;
    let a = this.table.get(key);
    if (a === undefined) this.table.set(key, (a = this.compute(tokens, context)));
    return a;
  }

  private compute(tokens: number, context: number): Allocation {
    const n = this.coster.verify(tokens, context, NPU);
    const p = this.coster.verify(tokens, context, PIM_SPLIT);
    const iN = RESOURCES.indexOf('npu');
    const iP = RESOURCES.indexOf('pim');
    // Non-linear ops stay on the NPU in both placements: they are the NPU time of PIM_SPLIT.
    const nonlinear = p.busy[iN]!;
    const tn = n.time_ns - nonlinear;
    const tp = p.busy[iP]!;
    const ratio = tp / (tn + tp);
    const split = (tn * tp) / (tn + tp);
    // One gather per split operator: the partial outputs of the PIM share cross the bus.
    const outBytes = tokens * this.coster.target.hidden * (this.coster.precision === 'fp16' ? 2 : 1);
    const splitOps = 4 * this.coster.target.layers + 1;
    const gather = this.platform.memory.stream(outBytes).time_ns * splitOps * (1 - ratio);
    const gatherBytes = outBytes * splitOps * (1 - ratio);
    const actions: Record<string, number> = {};
    for (const [k, v] of Object.entries(n.actions)) actions[k] = (actions[k] ?? 0) + ratio * v;
    for (const [k, v] of Object.entries(p.actions)) actions[k] = (actions[k] ?? 0) + (1 - ratio) * v;
    actions['dram_external_bytes'] = (actions['dram_external_bytes'] ?? 0) + gatherBytes;
    const gatherPj = price({ dram_external_bytes: gatherBytes }, ENERGY_TABLES[this.platform.config.energy]).dynamic_pj;
    const energy = ratio * n.energy_pj + (1 - ratio) * p.energy_pj + gatherPj;
    const busy = new Float64Array(RESOURCES.length);
    busy[iN] = split + nonlinear + gather;
    busy[iP] = split;
    return { ratio, cost: { ...phaseCost(split + nonlinear + gather, busy, 'npu', actions, energy), resources: ['npu', 'pim'] } };
  }
}
