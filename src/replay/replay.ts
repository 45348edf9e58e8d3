/**
 * Replay a trace on a platform under one or more policies.
 *
 *   resolve config (platform + overrides, workload, drafting, imputation, policy params)
 *     -> acceptance per request (positions; imputation models named and seeded)
 *     -> per policy: check what it needs, then per request: run it on a fresh engine
 *          (sync policies through the shared draft-then-verify loop; scheduled ones own their
 *          schedule) -> step rows, request rows, energy components
 *     -> per-policy summary (tokens/s, tokens/J, imputed share, utilization)
 */
import { UserError } from '../config/user-error.js';
import { messages } from '../config/messages.js';
import { bundledMedusaAcceptance } from '../ingest/bundled-acceptance.js';
import { platformOf, resolvePlatform, type Platform } from '../platform/platforms.js';
import { sharedCostCache } from '../platform/cost.js';
import type { RunConfig } from './run-config.js';
import { policies, policyParams, POLICY_IDS } from '../policy/registry.js';
import type { PolicyContext, StepPlan, StepView } from '../policy/interface.js';
import { float64, int32, utf8, type ColumnTable } from '../schema/columns.js';
import type { Trace } from '../trace/trace.js';
import { buildAcceptance, indexTree, type Outcome, type RequestAcceptance } from '../kernel/acceptance.js';
import { resolveReplayConfig, type ReplayConfig } from '../kernel/config.js';
import { emptyColumn } from '../schema/column-collect.js';
import type { ModelShape } from '../workload/models.js';
import { Engine, RESOURCES, type Interval } from '../kernel/engine.js';
import { depthLookup, estimateDepthMatch, rankModelFrom, top1RankModel, type ImputationModels } from '../kernel/imputation.js';
import { PhaseCoster, type PhaseCostSource } from '../kernel/phase-cost.js';
import { RequestRun } from '../kernel/request-run.js';
import { StepSink } from './step-sink.js';
import { runSync } from './sync-runner.js';
import { headline, type Headline } from '../stats/headline.js';
import { defaultPrecision, resolveModels } from '../kernel/workload.js';

export interface ReplayOptions {
  readonly trace: Trace;
  readonly platform: string;
  readonly policies: readonly string[];
  readonly sets?: readonly string[];
  /** A run's config.json (run-config.ts): replayed as written; `platform` and `sets` are then ignored. */
  readonly rerun?: Pick<RunConfig, 'config' | 'platform'>;
  /** Request ids whose NPU/PIM/bus timelines to keep ('all' for every request). */
  readonly timeline?: readonly string[] | 'all';
  readonly onProgress?: (done: number, total: number) => void;
  /** Test hook: every synchronous decision and its outcome. */
  readonly onPlan?: (policy: string, view: StepView, plan: StepPlan, outcome: Outcome) => void;
  /** Test hook: decisions of scheduled policies (drafting `tokens` from `position`). */
  readonly onDecision?: (policy: string, request: number, position: number, tokens: number, what: string) => void;
  /**
   * Each policy's whole result as soon as it is replayed (to stream it to disk). With it, the
   * returned result keeps each policy's summary and requests table but not its steps, energy
   * and timelines, so memory does not grow with the number of policies.
   */
  readonly onPolicy?: (result: PolicyResult) => void;
  /**
   * With `onPolicy`: step rows are handed over in batches of this many as they are replayed
   * (each before the policy's own result, in order), so memory holds one batch of steps.
   */
  readonly onStepBatch?: { readonly rows: number; readonly take: (policy: string, steps: ColumnTable) => void };
  /** Internal: what the request runs price their phases through (replay/step-shapes.ts records the calls). */
  readonly wrapCoster?: (policy: string, coster: PhaseCoster) => PhaseCostSource;
}

/** A policy's totals and its headline metrics (stats/headline.ts, the catalogue's names). */
export interface PolicySummary extends Headline {
  readonly policy: string;
  readonly requests: number;
  readonly steps: number;
  readonly output_tokens: number;
  readonly decoded_tokens: number;
  readonly imputed_steps: number;
  readonly time_s: number;
  readonly energy_j: number;
  readonly utilization: Readonly<Record<string, number>>;
}

export interface PolicyResult {
  readonly policy: string;
  readonly steps: ColumnTable;
  readonly requests: ColumnTable;
  readonly energy: ColumnTable;
  readonly summary: PolicySummary;
  readonly timelines: ReadonlyMap<string, readonly Interval[]>;
}

export interface ResolvedRun {
  readonly config: ReplayConfig;
  /** The platform expanded: every DRAM timing, every energy entry with its source. */
  readonly platform: Platform['config'];
  readonly policies: readonly string[];
  readonly trace: { readonly trace_id: string; readonly method: string | null; readonly format: string; readonly source: Trace['meta']['source'] };
  /** The models' ids and their whole shapes (a model read from a config.json is written out in full). */
  readonly models: { readonly target: string; readonly draft: string | null; readonly precision: string; readonly target_shape: ModelShape; readonly draft_shape: ModelShape | null };
  readonly imputation: { readonly depth_match: string; readonly rank_model: string; readonly seed: number };
  readonly skipped_requests: number;
  readonly notes: readonly string[];
  readonly sampling_assumption: string;
  /** Decisions policies made before the replay (SpecPIM's design search), by policy id. */
  readonly policy_reports: Readonly<Record<string, unknown>>;
}

export interface ReplayResult {
  readonly resolved: ResolvedRun;
  readonly policies: readonly PolicyResult[];
}

function rankModel(trace: Trace, cfg: ReplayConfig, depth: (d: number) => number, depthSource: string): ImputationModels['rank'] {
  const choice = cfg.impute.rank_model;
  if (choice === 'depth-conditional') return top1RankModel(depth, depthSource);
  const own = trace.acceptanceModels;
  if (choice !== 'auto') {
    const m = own.find((x) => x.id === choice);
    if (m !== undefined) return rankModelFrom(m);
    if (choice !== 'medusa-acc-7b') throw new UserError(messages.badKnob('impute.rank_model', `one of ${['auto', 'depth-conditional', 'medusa-acc-7b', ...own.map((x) => x.id)].join(', ')}`, choice));
  }
  if (choice === 'auto' && own.length > 0) return rankModelFrom(own.find((x) => x.kind === 'rank-vector') ?? own[0]!);
  // Bundled default: Medusa's 7B head top-k accuracies (Apache-2.0, traces/medusa-vicuna-7b-mtbench).
  return rankModelFrom(bundledMedusaAcceptance());
}

export function replay(opts: ReplayOptions): ReplayResult {
  const { trace } = opts;
  for (const p of opts.policies) if (!(p in policies)) throw new UserError(messages.unknownPolicy(p, POLICY_IDS));
  if (opts.policies.length === 0) throw new UserError(messages.noPolicies(POLICY_IDS));
  // A re-run takes a run's resolved configuration and expanded platform as they were written.
  const cfg = opts.rerun?.config ?? resolveReplayConfig(opts.platform, opts.sets ?? [], policyParams());
  const platform = opts.rerun ? platformOf(opts.rerun.platform) : resolvePlatform(cfg.platform, cfg.platform_overrides);
  const models = resolveModels(trace.meta, cfg);
  const precision = cfg.workload.precision ?? defaultPrecision(platform.config);
  const depth = estimateDepthMatch(trace);
  const depthMatch = depthLookup(depth.p);
  const imputation: ImputationModels = { depthMatch, depthSource: depth.source, rank: rankModel(trace, cfg, depthMatch, depth.source) };
  const acceptance = buildAcceptance(trace, imputation, cfg.seed);
  const trees = new Map(trace.trees.map((t) => [t.id, indexTree(t)]));
  const ids = utf8(trace.requests, 'request_id').values;
  const status = utf8(trace.requests, 'status').values;
  const prompt = int32(trace.requests, 'prompt_tokens');
  const runnable = acceptance.filter((a) => status[a.requestIndex] === 'ok' && a.length > a.start);
  if (Array.isArray(opts.timeline)) {
    const known = new Set(ids);
    const unknown = opts.timeline.find((t) => !known.has(t));
    if (unknown !== undefined) throw new UserError(messages.unknownTimelineRequest(unknown, ids.slice(0, 3).filter((x): x is string => x !== null)));
  }
  const wantTimeline = (id: string) => opts.timeline === 'all' || (Array.isArray(opts.timeline) && opts.timeline.includes(id));
  const notes = [...models.notes];
  if (trace.meta.temperature !== null && trace.meta.temperature > 0) notes.push(messages.noteSampling(trace.meta.temperature));
  const total = runnable.length * opts.policies.length;
  let done = 0;
  const results: PolicyResult[] = [];
  const reports: Record<string, unknown> = {};
  // Every precondition of every policy is checked before any replays: a user error in the
  // last policy must not wait for the first to finish.
  // One operator-cost cache for every policy, and every replay in this process on the same
  // hardware (platform/cost.ts); each policy keeps its own phase memo, released when it is done.
  const opCosts = sharedCostCache(platform);
  const prepared = opts.policies.map((policyId) => {
    const factory = policies[policyId as keyof typeof policies];
    const coster = new PhaseCoster(platform, models.target, models.draft, precision, opCosts);
    const ctx: PolicyContext = { platform, trace, models, coster, config: cfg, params: cfg.params[policyId] ?? {}, trees };
    factory.check(ctx);
    return { policyId, factory, coster, ctx };
  });
  // Each policy's coster (and its memo) is released once the policy is done: taken off the list.
  for (let next = prepared.shift(); next !== undefined; next = prepared.shift()) {
    const { policyId, factory, coster, ctx } = next;
    const instance = factory.create(ctx);
    if (instance.kind === 'sync' && instance.report) reports[policyId] = instance.report();
    const batch = opts.onPolicy !== undefined ? opts.onStepBatch : undefined;
    const sink =
      batch === undefined
        ? new StepSink(policyId, platform.pricer, Math.max(1 << 12, Math.ceil(trace.steps.length * 1.05)))
        : new StepSink(policyId, platform.pricer, batch.rows, (steps) => batch.take(policyId, steps));
    const timelines = new Map<string, Interval[]>();
    const runCoster = opts.wrapCoster?.(policyId, coster) ?? coster;
    for (const acc of runnable) {
      const id = ids[acc.requestIndex]!;
      const engine = new Engine(wantTimeline(id));
      const promptTokens = prompt.valid === null || prompt.valid[acc.requestIndex] === 1 ? prompt.values[acc.requestIndex]! : cfg.workload.prompt_tokens;
      const run = new RequestRun(acc.requestIndex, id, acc, promptTokens, engine, runCoster, trees, platform.pricer, sink);
      if (opts.onDecision) run.onDecision = (pos, tokens, what) => opts.onDecision!(policyId, acc.requestIndex, pos, tokens, what);
      if (instance.kind === 'sync') runSync(run, instance, opts.onPlan ? (v, p, o) => opts.onPlan!(policyId, v, p, o) : undefined);
      else instance.run(run);
      run.finish();
      if (engine.intervals !== null) timelines.set(id, [...engine.intervals, ...(engine.operators ?? []).map((o) => ({ ...o, operator: true }))]);
      opts.onProgress?.(++done, total);
    }
    const tables = sink.finish();
    const full: PolicyResult = { policy: policyId, ...tables, summary: summarize(policyId, tables.requests, runnable), timelines };
    if (opts.onPolicy === undefined) results.push(full);
    else {
      opts.onPolicy(full);
      results.push({ ...full, steps: emptyTable(tables.steps), energy: emptyTable(tables.energy), timelines: new Map() });
    }
  }
  const anyPromptMissing = runnable.some((a) => !(prompt.valid === null || prompt.valid[a.requestIndex] === 1));
  if (anyPromptMissing) notes.push(messages.noteNoPromptLengths(cfg.workload.prompt_tokens));
  return {
    resolved: {
      config: cfg,
      platform: platform.config,
      policies: opts.policies,
      trace: { trace_id: trace.meta.trace_id, method: trace.meta.method, format: trace.meta.format, source: trace.meta.source },
      models: { target: models.target.id, draft: models.draft?.id ?? null, precision, target_shape: models.target, draft_shape: models.draft },
      imputation: { depth_match: imputation.depthSource, rank_model: imputation.rank.source, seed: cfg.seed },
      skipped_requests: acceptance.length - runnable.length,
      notes,
      sampling_assumption: 'greedy verification: every policy commits exactly the recorded output tokens',
      policy_reports: reports,
    },
    policies: results,
  };
}

function emptyTable(t: ColumnTable): ColumnTable {
  return { length: 0, specs: t.specs, columns: Object.fromEntries(t.specs.map((s) => [s.name, emptyColumn(s)])) };
}

function summarize(policy: string, requests: ColumnTable, runnable: readonly RequestAcceptance[]): PolicySummary {
  const time = float64(requests, 'time_ns').values.reduce((a, b) => a + b, 0);
  const energy = float64(requests, 'energy_pj').values.reduce((a, b) => a + b, 0);
  const nSteps = int32(requests, 'steps').values.reduce((a, b) => a + b, 0);
  const imputed = int32(requests, 'imputed_steps').values.reduce((a, b) => a + b, 0);
  const output = runnable.reduce((s, a) => s + a.length, 0);
  const decoded = runnable.reduce((s, a) => s + a.length - a.start, 0);
  const utilization: Record<string, number> = {};
  for (const r of RESOURCES) {
    const busy = float64(requests, `${r}_busy_ns`).values.reduce((a, b) => a + b, 0);
    if (busy > 0) utilization[r] = busy / time;
  }
  return {
    policy,
    requests: requests.length,
    steps: nSteps,
    output_tokens: output,
    decoded_tokens: decoded,
    imputed_steps: imputed,
    time_s: time / 1e9,
    energy_j: energy / 1e12,
    ...headline({ decoded_tokens: decoded, time_ns: time, energy_pj: energy, steps: nSteps, imputed_steps: imputed }),
    utilization,
  };
}
