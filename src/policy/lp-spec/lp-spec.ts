/**
 * lp-spec: LP-Spec [LPSPEC]. Medusa-style drafting (the heads run once on the last hidden
 * state, their FC kernels split NPU/PIM by the DAU like every other FC kernel); the draft token pruner chooses the tree to verify from the full
 * candidate tree (`tree`, default Medusa's 63-node mc_sim_7b_63) with the accuracy model
 * learned from past verifications only; the data allocation unit splits verification between
 * the NPU and the PIM ranks with the allocation table's ratio for that tree size.
 */
import { messages } from '../../config/messages.js';
import { KNOB, TREE_ID_KNOB } from '../../config/knobs.js';
import { UserError } from '../../config/user-error.js';
import { bundledTrees } from '../../ingest/bundled-trees.js';
import { indexTree, treeKey, type DraftShape, type PhaseCost, type TreeIndex } from '../../kernel/index.js';
import type { PolicyContext, PolicyFactory, StepPlan, SyncPolicy } from '../interface.js';
import { allOn } from '../placements.js';
import { TreeAccuracy } from './accuracy.js';
import { AllocationTable } from './dau.js';
import { exploreTree } from './dtp.js';

class LpSpec implements SyncPolicy {
  readonly kind = 'sync';
  private readonly accuracy: TreeAccuracy;
  private readonly dau: AllocationTable;
  private readonly tree: TreeIndex;
  private readonly draftPlace = allOn('npu');
  private readonly maxNodes: number;
  private readonly prune: boolean;
  private readonly fixedNodes: number;
  private readonly keyId: number;
  private lastShape: DraftShape | null = null;

  constructor(ctx: PolicyContext) {
    const id = String(ctx.params['tree']);
    const t = ctx.trees.get(id) ?? (bundledTrees().has(id) ? indexTree(bundledTrees().get(id)!) : undefined);
    if (t === undefined) throw new UserError(messages.unknownTreeField('lp-spec.tree', id, [...new Set([...ctx.trees.keys(), ...bundledTrees().keys()])]));
    this.tree = t;
    this.accuracy = new TreeAccuracy(Number(ctx.params['prior_weight']));
    this.keyId = treeKey(t);
    this.dau = new AllocationTable(ctx.coster, ctx.platform);
    this.maxNodes = Math.min(Number(ctx.params['max_nodes']), t.template.parents.length - 1);
    this.prune = ctx.params['prune'] === true;
    this.fixedNodes = Number(ctx.params['fixed_nodes']);
    if (!Number.isInteger(this.fixedNodes) || this.fixedNodes < 0) throw new UserError(messages.badKnob('lp-spec.fixed_nodes', 'a whole number >= 0', String(ctx.params['fixed_nodes'])));
  }

  plan(view: { context: number }): StepPlan {
    const draftNs = this.draftCost({ kind: 'tree', tree: this.tree, keyId: this.keyId, widths: [1] }, view.context).time_ns;
    const cost = (nodes: number) => draftNs + this.dau.get(nodes + 1, view.context).cost.time_ns;
    const pruned = this.prune
      ? exploreTree(this.tree, this.accuracy, cost, this.maxNodes, this.fixedNodes)
      : { keep: new Uint8Array(this.tree.template.parents.length).fill(1), nodes: this.tree.template.parents.length - 1, expected_acceptance: NaN };
    const shape: DraftShape = { kind: 'tree', tree: this.tree, keyId: this.keyId, widths: [1], keep: pruned.keep, nodes: pruned.nodes };
    this.lastShape = shape;
    return {
      draft: shape,
      draft_placement: this.draftPlace,
      verify_placement: allOn('npu'),
      draft_cost: (s, context) => this.draftCost(s, context),
      verify_cost: (tokens, context) => this.dau.get(tokens, context).cost,
      draft_operators: (s, context) => this.dau.draftOperators(s, this.keyId, context),
      verify_operators: (tokens, context) => this.dau.verifyOperators(tokens, context),
    };
  }

  /** The Medusa heads run once whatever the kept tree: one allocation per context. */
  private draftCost(shape: DraftShape, context: number): PhaseCost {
    return this.dau.draft(shape, this.keyId, context).cost;
  }

  observe(_view: unknown, plan: StepPlan, outcome: { path?: readonly number[] }): void {
    const shape = plan.draft as Extract<DraftShape, { kind: 'tree' }>;
    this.accuracy.update(this.tree, shape.keep ?? null, outcome.path ?? []);
    void this.lastShape;
  }
}

export const lpSpec: PolicyFactory = {
  describe: () => ({
    id: 'lp-spec',
    system: 'LP-Spec (draft token pruner + data allocation unit on hybrid LPDDR5-PIM)',
    summary: 'Medusa-style drafting on the NPU; DTP prunes the candidate tree by learned accuracy against the hardware estimate; DAU splits verification NPU/PIM per tree size',
    recorded_drafting: false,
    params: {
      tree: { default: 'medusa-mc_sim_7b_63', doc: 'the full candidate tree the pruner starts from', knob: TREE_ID_KNOB },
      max_nodes: { default: 64, doc: 'largest tree the pruner may keep (drafted nodes)', knob: KNOB.int(1, 4096, 'nodes') },
      prune: { default: true, doc: 'draft token pruning (off: verify the full tree)', knob: KNOB.bool },
      fixed_nodes: { default: 0, doc: "keep exactly this many nodes in path-score order (CAPIM's top-L_spec reading); 0: the pruner's own stopping rule", knob: KNOB.int(0, 4096, 'nodes') },
      prior_weight: { default: 2, doc: 'pseudo-hits of the accuracy model prior p = 1 (0: raw counts)', knob: KNOB.nonneg(1e6, 'pseudo-hits') },
    },
  }),
  check(ctx) {
    const c = ctx.platform.config;
    if (!c.npu || !c.pim) throw new UserError(messages.policyNeedsHardware('lp-spec', 'an NPU + PIM platform', c.id, !c.pim ? 'PIM' : 'an NPU', ['lp-spec']));
    if (ctx.models.draft === null || ctx.models.draft.kind !== 'medusa-heads') {
      throw new UserError(messages.lpSpecNeedsMedusa(ctx.models.draft?.id ?? 'none'));
    }
  },
  create: (ctx) => new LpSpec(ctx),
};
