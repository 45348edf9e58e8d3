/**
 * specpim: SpecPIM [SPECPIM]. Before the replay, an offline architecture-dataflow exploration
 * picks the PIM units' organisation (when the user lists alternatives: SpecPIM's own ranges
 * are not published), the operator mapping (draft / target model x FC / attention -> host or
 * PIM), the split of the PIM channels between the two models and the fixed draft length
 * (0 = autoregressive included) that maximize the objective at the target scenario (context
 * length, acceptance profile); the chosen design is then fixed and executed operator by
 * operator, draft then verify.
 */
import { messages } from '../../config/messages.js';
import { KNOB, LIST_KNOB } from '../../config/knobs.js';
import { UserError } from '../../config/user-error.js';
import type { Device } from '../../platform/cost.js';
import { type DraftShape } from '../../kernel/index.js';
import { int32 } from '../../schema/columns.js';
import type { ParamSpec, PolicyContext, PolicyFactory, StepPlan, StepView, SyncPolicy } from '../interface.js';
import { computeDevice } from '../placements.js';
import { ChannelCosters, DesignEvaluator, draftPlacement, OBJECTIVES, targetPlacement, type Objective } from './evaluate.js';
import { constantProfile, traceProfile, type AcceptanceProfile } from './profile.js';
import { exhaustive, genetic, type SearchResult } from './search.js';
import { allMappings, designName, parseMapping, spaceSize, type Design, type PimArch, type SpaceSpec } from './space.js';

const PARAMS: Record<string, ParamSpec> = {
  objective: { default: 'throughput', doc: `what the exploration maximizes: ${OBJECTIVES.join(' | ')} (energy = tokens/J, edp = lowest energy-delay product)`, knob: { kind: 'enum', values: OBJECTIVES } },
  mapping: { default: 'search', doc: "'search', or a fixed mapping 'draft_fc,draft_attn,target_fc,target_attn' of host|pim", knob: { kind: 'text', pattern: /^(search|(host|pim),(host|pim),(host|pim),(host|pim))$/, hint: "'search' or four of host|pim separated by commas (draft_fc,draft_attn,target_fc,target_attn)" } },
  draft_len: { default: 'search', doc: "'search' (0..max_draft_len, 0 = autoregressive), or a fixed draft length", knob: { kind: 'number', min: 0, max: 256, integer: true, unit: 'tokens', words: ['search'] } },
  pim_alus: { default: 'preset', doc: "architecture space: FPUs (token-parallel ALUs) per PIM unit to search, e.g. '1,2,4,8' ('preset': the platform's)", knob: LIST_KNOB },
  pim_freq_mhz: { default: 'preset', doc: "architecture space: PIM clocks to search, e.g. '300,600,1000' ('preset': the platform's)", knob: LIST_KNOB },
  pim_lanes: { default: 'preset', doc: "architecture space: SIMD lanes per ALU to search, e.g. '16,32' ('preset': the platform's)", knob: LIST_KNOB },
  max_draft_len: { default: 8, doc: 'longest draft length the exploration considers', knob: KNOB.int(0, 256, 'tokens') },
  search: { default: 'auto', doc: 'auto (exhaustive up to exhaustive_max designs, else genetic) | exhaustive | genetic', knob: { kind: 'enum', values: ['auto', 'exhaustive', 'genetic'] } },
  exhaustive_max: { default: 5000, doc: 'largest space searched exhaustively under search=auto', knob: KNOB.int(1, 10_000_000, 'designs') },
  ga_population: { default: 64, doc: 'genetic search: designs per generation', knob: KNOB.int(2, 100_000, 'designs') },
  ga_generations: { default: 30, doc: 'genetic search: generations', knob: KNOB.int(1, 100_000, 'generations') },
  ga_elite: { default: 8, doc: 'genetic search: designs kept per generation (top-k)', knob: KNOB.int(1, 100_000, 'designs') },
  ga_mutation: { default: 0.8, doc: 'genetic search: probability a child mutates one gene', knob: { kind: 'number', min: 0, max: 1 } },
  alpha: { default: 'trace', doc: "acceptance profile: 'trace' (product-limit estimate from the recorded steps) or a constant per-token acceptance rate", knob: { kind: 'number', min: 0, max: 1, words: ['trace'] } },
  context: { default: 0, doc: 'context length of the target scenario (0: mean prompt + half the mean output of the trace)', knob: KNOB.int(0, 16_777_216, 'tokens') },
};

function fail(key: string, v: unknown, expected: string): never {
  throw new UserError(messages.badKnob(`specpim.${key}`, expected, String(v)));
}

export interface SpecPimSetup {
  readonly evaluator: DesignEvaluator;
  readonly space: SpaceSpec;
  readonly result: SearchResult;
}

function profileOf(ctx: PolicyContext): AcceptanceProfile {
  const a = String(ctx.params['alpha']);
  if (a === 'trace') return traceProfile(ctx.trace);
  const x = Number(a);
  if (a.trim() === '' || !(x >= 0 && x < 1)) fail('alpha', a, "'trace' or a number in [0, 1)");
  return constantProfile(x);
}

function scenarioContext(ctx: PolicyContext): number {
  const fixed = Number(ctx.params['context']);
  if (fixed > 0) return Math.round(fixed);
  const prompt = int32(ctx.trace.requests, 'prompt_tokens');
  const out = int32(ctx.trace.requests, 'output_tokens').values;
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += (prompt.valid === null || prompt.valid[i] === 1 ? prompt.values[i]! : ctx.config.workload.prompt_tokens) + out[i]! / 2;
  return Math.max(1, Math.round(out.length > 0 ? sum / out.length : ctx.config.workload.prompt_tokens));
}

function spaceOf(ctx: PolicyContext): SpaceSpec {
  const channels = ctx.platform.config.pim!.channels;
  const m = String(ctx.params['mapping']);
  const fixed = m === 'search' ? null : parseMapping(m);
  if (m !== 'search' && fixed === null) fail('mapping', m, "'search' or four of host|pim, comma-separated (draft_fc,draft_attn,target_fc,target_attn)");
  const k = String(ctx.params['draft_len']);
  const maxK = Number(ctx.params['max_draft_len']);
  if (!Number.isInteger(maxK) || maxK < 1) fail('max_draft_len', maxK, 'an integer >= 1');
  let lens: number[];
  if (k === 'search') lens = Array.from({ length: maxK + 1 }, (_, i) => i);
  else {
    const x = Number(k);
    if (k.trim() === '' || !Number.isInteger(x) || x < 0) fail('draft_len', k, "'search' or an integer >= 0");
    lens = [x];
  }
  if (ctx.models.draft === null && k === 'search') lens = [0];
  if (ctx.models.draft === null && lens.some((x) => x > 0)) {
    throw new UserError(messages.specpimNeedsDraft(ctx.trace.meta.method ?? 'unknown'));
  }
  return { channels, archs: archsOf(ctx), draft_lens: lens, mappings: fixed ? [fixed] : allMappings() };
}

/** The PIM organisations to search: the product of the listed values (the platform's where 'preset'). */
function archsOf(ctx: PolicyContext): PimArch[] {
  const pim = ctx.platform.config.pim!;
  const list = (key: string, own: number): number[] => {
    const v = String(ctx.params[key]);
    if (v === 'preset') return [own];
    const xs = v.split(',').map((x) => Number(x.trim()));
    if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x < 1)) fail(key, v, "'preset' or a comma-separated list of whole numbers >= 1");
    return [...new Set(xs)];
  };
  const out: PimArch[] = [];
  for (const alus of list('pim_alus', pim.alus)) for (const freq_mhz of list('pim_freq_mhz', pim.freq_mhz)) for (const lanes of list('pim_lanes', pim.lanes)) out.push({ alus, freq_mhz, lanes });
  return out;
}

/** Runs the exploration for a policy context (also used by `specreplay dse`). */
export function exploreDesigns(ctx: PolicyContext): SpecPimSetup {
  const p = ctx.params;
  const objective = String(p['objective']) as Objective;
  if (!OBJECTIVES.includes(objective)) fail('objective', objective, OBJECTIVES.join(' | '));
  const host: Device = computeDevice(ctx.platform);
  const costers = new ChannelCosters(ctx.platform, ctx.models.target, ctx.models.draft, ctx.coster.precision);
  const evaluator = new DesignEvaluator(costers, ctx.platform, host, profileOf(ctx), scenarioContext(ctx));
  const space = spaceOf(ctx);
  const method = String(p['search']);
  if (!['auto', 'exhaustive', 'genetic'].includes(method)) fail('search', method, 'auto | exhaustive | genetic');
  const useGenetic = method === 'genetic' || (method === 'auto' && spaceSize(space) > Number(p['exhaustive_max']));
  const evaluate = (d: Design) => evaluator.evaluate(d);
  const result = useGenetic
    ? genetic(space, evaluate, objective, {
        population: Number(p['ga_population']),
        generations: Number(p['ga_generations']),
        elite: Number(p['ga_elite']),
        mutation: Number(p['ga_mutation']),
        seed: ctx.config.seed,
      })
    : exhaustive(space, evaluate, objective);
  return { evaluator, space, result };
}

/** A design as JSON-friendly fields (name plus metrics). */
export function designRow(m: SearchResult['best'], channels: number) {
  return {
    design: designName(m.design, channels),
    ...m.design,
    step_time_ns: m.step_time_ns,
    step_energy_pj: m.step_energy_pj,
    committed_per_step: m.committed_per_step,
    tokens_per_s: m.tokens_per_s,
    tokens_per_j: m.tokens_per_j,
    edp_j_s: m.edp_j_s,
  };
}

class SpecPim implements SyncPolicy {
  readonly kind = 'sync';
  private readonly setup: SpecPimSetup;
  private readonly design: Design;
  private readonly plans = new Map<number, StepPlan>();

  constructor(ctx: PolicyContext) {
    this.setup = exploreDesigns(ctx);
    this.design = this.setup.result.best.design;
  }

  private planFor(k: number): StepPlan {
    let plan = this.plans.get(k);
    if (plan === undefined) {
      const d = this.design;
      const ev = this.setup.evaluator;
      const draft: DraftShape = k > 0 ? { kind: 'chain', k } : { kind: 'none' };
      plan = {
        draft,
        draft_placement: draftPlacement(d, ev.host, d.draft_channels),
        verify_placement: targetPlacement(d, ev.host, ev.channels - d.draft_channels),
        draft_cost: (shape, context) => ev.draftCost(d, shape.kind === 'chain' ? shape.k : 0, context),
        verify_cost: (tokens, context) => ev.verifyCost(d, tokens, context),
        draft_operators: (shape, context) => ev.draftOperators(d, shape.kind === 'chain' ? shape.k : 0, context),
        verify_operators: (tokens, context) => ev.verifyOperators(d, tokens, context),
      };
      this.plans.set(k, plan);
    }
    return plan;
  }

  plan(view: StepView): StepPlan {
    return this.planFor(Math.max(0, Math.min(this.design.draft_len, view.remaining - 1)));
  }

  report() {
    const { result, evaluator, space } = this.setup;
    return {
      objective: result.objective,
      search: result.method,
      space_size: result.space_size,
      evaluated: result.evaluated,
      scenario_context: evaluator.context,
      acceptance_profile: evaluator.profile.source,
      best: designRow(result.best, space.channels),
      pareto: result.pareto.map((m) => designRow(m, space.channels)),
      // Every evaluated design, compactly (the design-space chart plots them).
      designs: result.all.map((m) => ({ design: designName(m.design, space.channels), tokens_per_s: m.tokens_per_s, tokens_per_j: m.tokens_per_j })),
    };
  }
}

export const specPim: PolicyFactory = {
  describe: () => ({
    id: 'specpim',
    system: 'SpecPIM (architecture-dataflow co-exploration on a PIM-enabled system)',
    summary: 'offline search of operator mapping (draft/target x FC/attention -> host or PIM), PIM channel split and fixed draft length; the chosen design runs operator-level synchronously',
    recorded_drafting: false,
    params: PARAMS,
  }),
  check(ctx) {
    const c = ctx.platform.config;
    if (!c.pim) throw new UserError(messages.policyNeedsHardware('specpim', 'a platform with PIM', c.id, 'PIM', ['specpim-hbm-pim', 'specpim-gddr6-aim']));
    computeDevice(ctx.platform);
  },
  create: (ctx) => new SpecPim(ctx),
};
