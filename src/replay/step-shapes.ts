/**
 * Replays that scale with the design space, not the trace. A policy whose steps do not depend
 * on the platform's numbers (`platform_independent_steps`: what it drafts, at which context,
 * placed where) is replayed once per trace and settings to record each step's shape, and
 * every further platform only prices the distinct shapes and adds them up in step order —
 * the same arithmetic, in the same order, as a whole replay, so the totals are identical to
 * the bit (tested against whole replays). Used by sensitivity analyses and sweeps, which
 * replay the same trace on many platforms and need only the totals.
 */
import { resolveReplayConfig, type ReplayConfig } from '../kernel/config.js';
import { PhaseCoster, type DraftShape, type PhaseCost, type PhaseCostSource, type Placement } from '../kernel/phase-cost.js';
import { defaultPrecision, resolveModels } from '../kernel/workload.js';
import { sharedCostCache } from '../platform/cost.js';
import { resolvePlatform, type Platform } from '../platform/platforms.js';
import { policies, policyParams } from '../policy/registry.js';
import { int32 } from '../schema/columns.js';
import { requestColumns, type RequestColumns } from '../stats/intervals.js';
import { headline } from '../stats/headline.js';
import type { Trace } from '../trace/trace.js';
import { replay, type PolicySummary } from './replay.js';

/** One distinct step: its draft shape, its verification width, its context and placements. */
interface ShapeKey {
  readonly draft: DraftShape;
  readonly draftPlace: Placement;
  readonly verifyTokens: number;
  readonly verifyPlace: Placement;
  readonly context: number;
}

/** A policy's steps as shapes: the distinct ones, and which one each step (in order) is. */
export interface StepShapes {
  readonly policy: string;
  readonly keys: readonly ShapeKey[];
  /** Per step, in replay order: its key's index. */
  readonly stepKey: Int32Array;
  /** Steps of each request, in the order the replay ran them. */
  readonly requestSteps: Int32Array;
  /** Decoded tokens of each request. */
  readonly requestDecoded: Int32Array;
  /** The rest of the summary, which no platform changes. */
  readonly summary: Pick<PolicySummary, 'requests' | 'steps' | 'output_tokens' | 'decoded_tokens' | 'imputed_steps'>;
}

/** Which devices a platform has (the placements a policy chooses depend on them). */
const devicesOf = (p: Platform) => ['npu', 'pim', 'gpu', 'xbar'].filter((d) => d in p.config && (p.config as unknown as Record<string, unknown>)[d] != null).join('+');

/** What decides a policy's steps: every setting but the platform's numbers. */
function stepsKey(policy: string, cfg: ReplayConfig, platform: Platform): string {
  return JSON.stringify([policy, { ...cfg, platform_overrides: null }, devicesOf(platform)]);
}

/** True when the policy's steps can be decided once and priced per platform. */
export function hasPlatformIndependentSteps(policy: string): boolean {
  const f = policies[policy as keyof typeof policies];
  return f !== undefined && f.describe().platform_independent_steps === true;
}

/** Records the calls a request run prices its phases with: one draft and one verification per step. */
class ShapeRecorder implements PhaseCostSource {
  readonly keys: ShapeKey[] = [];
  private readonly index = new Map<string, number>();
  private readonly placeIds = new Map<Placement, number>();
  readonly steps: number[] = [];
  private pending: { draft: DraftShape; context: number; place: Placement } | null = null;

  constructor(private readonly inner: PhaseCostSource) {}

  draftPhase(shape: DraftShape, context: number, place: Placement): PhaseCost {
    this.pending = { draft: shape, context, place };
    return this.inner.draftPhase(shape, context, place);
  }

  verify(tokens: number, context: number, place: Placement): PhaseCost {
    const d = this.pending;
    if (d === null || d.context !== context) throw new Error('step shapes: a verification without its draft phase (the policy prices its own phases)');
    this.pending = null;
    const draftId = d.draft.kind === 'none' ? 'n' : d.draft.kind === 'chain' ? `c${d.draft.k}` : `t${d.draft.keyId}:${d.draft.nodes ?? -1}:${d.draft.keep === undefined ? '' : [...d.draft.keep].join('')}`;
    const id = `${draftId}|${this.placeId(d.place)}|${tokens}|${this.placeId(place)}|${context}`;
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.keys.length;
      this.index.set(id, k);
      this.keys.push({ draft: d.draft, draftPlace: d.place, verifyTokens: tokens, verifyPlace: place, context });
    }
    this.steps.push(k);
    return this.inner.verify(tokens, context, place);
  }

  private placeId(p: Placement): number {
    let id = this.placeIds.get(p);
    if (id === undefined) this.placeIds.set(p, (id = this.placeIds.size));
    return id;
  }
}

/** Replays `policy` once on `platform` and records its steps' shapes. */
export function recordStepShapes(trace: Trace, platform: string, policy: string, sets: readonly string[]): StepShapes {
  if (!hasPlatformIndependentSteps(policy)) throw new Error(`step shapes: ${policy} decides its steps from the platform's numbers`);
  let recorder: ShapeRecorder | null = null;
  const r = replay({
    trace,
    platform,
    policies: [policy],
    sets,
    wrapCoster: (_, coster) => (recorder = new ShapeRecorder(coster)),
  }).policies[0]!;
  const rec = recorder as ShapeRecorder | null;
  if (rec === null || rec.steps.length !== r.summary.steps) throw new Error(`step shapes: ${policy} priced ${rec?.steps.length ?? 0} steps of ${r.summary.steps} through its placements`);
  const s = r.summary;
  return {
    policy,
    keys: rec.keys,
    stepKey: Int32Array.from(rec.steps),
    requestSteps: Int32Array.from(int32(r.requests, 'steps').values),
    requestDecoded: Int32Array.from(int32(r.requests, 'decoded_tokens').values),
    summary: { requests: s.requests, steps: s.steps, output_tokens: s.output_tokens, decoded_tokens: s.decoded_tokens, imputed_steps: s.imputed_steps },
  };
}

/** A policy's totals on one platform: its summary and each request's decoded tokens, time and energy. */
export interface PricedPolicy {
  readonly summary: PolicySummary;
  readonly requests: RequestColumns;
  /** The replay's seed (what the bootstrap intervals are drawn with). */
  readonly seed: number;
}

/**
 * The policy on another platform (its summary, with utilisation left empty, and its
 * per-request totals): the distinct shapes priced there, added up step by step as the
 * synchronous runner adds them (draft then verification back to back, static power over the
 * time each step adds).
 */
export function priceStepShapes(shapes: StepShapes, trace: Trace, platformId: string, sets: readonly string[]): PricedPolicy {
  const cfg = resolveReplayConfig(platformId, sets, policyParams());
  return priceOn(shapes, trace, cfg, resolvePlatform(cfg.platform, cfg.platform_overrides));
}

/** As `priceStepShapes`, on a configuration and platform already resolved. */
function priceOn(shapes: StepShapes, trace: Trace, cfg: ReplayConfig, platform: Platform): PricedPolicy {
  const models = resolveModels(trace.meta, cfg);
  const precision = cfg.workload.precision ?? defaultPrecision(platform.config);
  const coster = new PhaseCoster(platform, models.target, models.draft, precision, sharedCostCache(platform));
  const n = shapes.keys.length;
  const draftNs = new Float64Array(n);
  const verifyNs = new Float64Array(n);
  const stepPj = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const key = shapes.keys[k]!;
    const d = coster.draftPhase(key.draft, key.context, key.draftPlace);
    const v = coster.verify(key.verifyTokens, key.context, key.verifyPlace);
    draftNs[k] = d.time_ns;
    verifyNs[k] = v.time_ns;
    stepPj[k] = d.energy_pj + v.energy_pj;
  }
  const pricer = platform.pricer;
  let time = 0;
  let energy = 0;
  let step = 0;
  const nq = shapes.requestSteps.length;
  const reqTime = new Float64Array(nq);
  const reqEnergy = new Float64Array(nq);
  for (let q = 0; q < nq; q++) {
    let t = 0;
    let end = 0;
    let dynamic = 0;
    let staticPj = 0;
    for (let i = 0; i < shapes.requestSteps[q]!; i++, step++) {
      const k = shapes.stepKey[step]!;
      const tEnd = t + draftNs[k]! + verifyNs[k]!;
      staticPj += pricer.staticPj(Math.max(0, tEnd - end));
      dynamic += stepPj[k]!;
      end = Math.max(end, tEnd);
      t = tEnd;
    }
    reqTime[q] = end;
    reqEnergy[q] = dynamic + staticPj;
  }
  // Summed over requests in order, as the replay sums its requests table.
  for (let q = 0; q < nq; q++) time += reqTime[q]!;
  for (let q = 0; q < nq; q++) energy += reqEnergy[q]!;
  const s = shapes.summary;
  return {
    summary: {
      policy: shapes.policy,
      ...s,
      time_s: time / 1e9,
      energy_j: energy / 1e12,
      ...headline({ decoded_tokens: s.decoded_tokens, time_ns: time, energy_pj: energy, steps: s.steps, imputed_steps: s.imputed_steps }),
      utilization: {},
    },
    requests: { decoded: shapes.requestDecoded, time_ns: reqTime, energy_pj: reqEnergy },
    seed: cfg.seed,
  };
}

/**
 * `policies` on a platform, their totals only: by their recorded step shapes where a policy's
 * steps do not depend on the platform (recorded once per trace and settings, kept here), by a
 * whole replay otherwise.
 */
export class ShapeCache {
  private readonly byTrace = new WeakMap<Trace, Map<string, StepShapes>>();
  /**
   * Results by trace and (platform, policies, settings): a replay is a function of them, so a
   * point that repeats an earlier one (open fields with a few readings each make few distinct
   * points) is answered from here. The most recent `maxResults` are kept.
   */
  private readonly priced = new WeakMap<Trace, Map<string, PricedPolicy[]>>();

  constructor(private readonly maxResults = 256) {}

  results(trace: Trace, platformId: string, policyIds: readonly string[], sets: readonly string[]): PricedPolicy[] {
    let memo = this.priced.get(trace);
    if (memo === undefined) this.priced.set(trace, (memo = new Map()));
    const key = JSON.stringify([platformId, policyIds, sets]);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const out = this.compute(trace, platformId, policyIds, sets);
    if (memo.size >= this.maxResults) memo.delete(memo.keys().next().value!);
    memo.set(key, out);
    return out;
  }

  private compute(trace: Trace, platformId: string, policyIds: readonly string[], sets: readonly string[]): PricedPolicy[] {
    const cfg = resolveReplayConfig(platformId, sets, policyParams());
    const platform = resolvePlatform(cfg.platform, cfg.platform_overrides);
    const rest = policyIds.filter((p) => !hasPlatformIndependentSteps(p));
    const whole = new Map<string, PricedPolicy>();
    if (rest.length > 0) {
      const r = replay({ trace, platform: platformId, policies: rest, sets });
      for (const p of r.policies) {
        whole.set(p.policy, { summary: p.summary, seed: r.resolved.config.seed, requests: requestColumns(p.requests) });
      }
    }
    let known = this.byTrace.get(trace);
    if (known === undefined) this.byTrace.set(trace, (known = new Map()));
    const mine = known;
    return policyIds.map((p) => {
      const replayed = whole.get(p);
      if (replayed !== undefined) return replayed;
      const key = stepsKey(p, cfg, platform);
      let shapes = mine.get(key);
      if (shapes === undefined) mine.set(key, (shapes = recordStepShapes(trace, platformId, p, sets)));
      return priceOn(shapes, trace, cfg, platform);
    });
  }

  /** The policies' summaries alone. */
  summaries(trace: Trace, platformId: string, policyIds: readonly string[], sets: readonly string[]): PolicySummary[] {
    return this.results(trace, platformId, policyIds, sets).map((r) => r.summary);
  }
}

