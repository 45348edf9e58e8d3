/**
 * Which conclusions survive what the sources leave open. For a pair of policies A and B on a
 * platform, the ratio A/B of tokens/s, tokens/J and EDP per token is computed:
 *   - at the preset's readings (the reference);
 *   - one at a time: each open field at each of its readings (and range ends), the others at
 *     the preset's (a tornado chart);
 *   - globally, all open fields together: Morris elementary effects (r trajectories, r (k + 1)
 *     replays) or Sobol indices by Saltelli sampling (N (k + 2) replays);
 * and over the global sample: in how many draws A beats B, and the 90% interval of the ratio.
 * Every evaluation is a replay of the trace under both policies with the fields set.
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { resolveReplayConfig } from '../kernel/config.js';
import { configurePlatform } from '../platform/platforms.js';
import { policyParams } from '../policy/registry.js';
import { ShapeCache } from '../replay/step-shapes.js';
import type { Headline } from '../stats/headline.js';
import type { Trace } from '../trace/trace.js';
import { factorOf, valueAt, type Factor } from './factors.js';
import { morrisDesign, morrisIndices } from './morris.js';
import { saltelliDesign, sobolIndices } from './sobol.js';

export const RATIO_METRICS = ['tokens_per_s', 'tokens_per_j', 'edp_j_s'] as const;
export type RatioMetric = (typeof RATIO_METRICS)[number];
/** A's value over B's, per metric (tokens/s and tokens/J: above 1 favours A; EDP: below 1 favours A). */
export type Ratios = Readonly<Record<RatioMetric, number>>;

export interface SensitivityOptions {
  readonly trace: Trace;
  readonly platform: string;
  readonly policies: readonly [string, string];
  readonly sets?: readonly string[];
  /** Open fields to vary (default: all of the platform's). */
  readonly fields?: readonly string[];
  readonly method: 'morris' | 'sobol' | 'oat';
  /** Morris trajectories, or Sobol base samples. */
  readonly draws: number;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OatRow {
  readonly field: string;
  readonly reading: string;
  readonly value: number;
  readonly source: string;
  readonly ratios: Ratios;
}

export interface Draw {
  readonly values: readonly number[];
  readonly ratios: Ratios;
}

export interface IndexRow {
  readonly field: string;
  readonly metric: RatioMetric;
  /** Morris: mu* and sigma of the elementary effects (per unit of the factor's [0, 1] scale); Sobol: first-order and total indices. */
  readonly a: number;
  readonly b: number;
}

export interface Robustness {
  readonly metric: RatioMetric;
  /** Draws in which A is better than B on this metric. */
  readonly wins: number;
  readonly draws: number;
  readonly lo90: number;
  readonly hi90: number;
  readonly min: number;
  readonly max: number;
}

export interface SensitivityResult {
  readonly policies: readonly [string, string];
  readonly platform: string;
  readonly method: SensitivityOptions['method'];
  readonly factors: readonly Factor[];
  readonly reference: Ratios;
  readonly oat: readonly OatRow[];
  readonly draws: readonly Draw[];
  readonly indices: readonly IndexRow[];
  readonly robustness: readonly Robustness[];
  readonly evaluations: number;
}

const better = (m: RatioMetric, r: number) => (m === 'edp_j_s' ? r < 1 : r > 1);

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** The factors an analysis varies: the platform's open fields, or the named ones. */
export function factorsFor(platform: string, sets: readonly string[], fields?: readonly string[]): Factor[] {
  const cfg = resolveReplayConfig(platform, sets, policyParams());
  const open = configurePlatform(platform, cfg.platform_overrides).open ?? [];
  if (open.length === 0) throw new UserError(messages.noOpenFields(platform));
  const chosen = fields === undefined ? open : fields.map((f) => open.find((o) => o.field === f) ?? (() => { throw new UserError(messages.notOpenField(f, open.map((o) => o.field))); })());
  return chosen.map(factorOf);
}

/**
 * The analysis's design: every point at which the pair is replayed (all independent of the
 * results, so they can run in any order, on any worker), and how to read the results back.
 */
export interface SensitivityPlan {
  readonly factors: readonly Factor[];
  /** Field values of each evaluation: the reference first, then the one-at-a-time points, then the global sample. */
  readonly points: readonly (readonly number[])[];
  readonly oat: readonly { readonly field: string; readonly reading: string; readonly value: number; readonly source: string; readonly point: number }[];
  readonly morris: ReturnType<typeof morrisDesign> | null;
  /** Sobol: the point of row r of A, B and AB_i. */
  readonly sobol: { readonly n: number; readonly a: readonly number[]; readonly b: readonly number[]; readonly ab: readonly (readonly number[])[] } | null;
  /** Points that are draws of all fields together (Morris trajectories, Sobol's A and B). */
  readonly draws: readonly number[];
}

export function planSensitivity(opts: Omit<SensitivityOptions, 'trace' | 'onProgress'>): SensitivityPlan {
  const [a, b] = opts.policies;
  if (a === b) throw new UserError(messages.sensitivityNeedsTwo());
  const factors = factorsFor(opts.platform, opts.sets ?? [], opts.fields);
  const k = factors.length;
  const points: number[][] = [];
  const add = (v: number[]) => points.push(v) - 1;
  const readings = factors.map((f) => f.reading);
  add(readings);
  const oat: SensitivityPlan['oat'][number][] = [];
  factors.forEach((f, i) => {
    for (const p of f.points) {
      const values = [...readings];
      values[i] = p.value;
      oat.push({ field: f.field, reading: p.name, value: p.value, source: p.source, point: p.value === f.reading ? 0 : add(values) });
    }
  });
  const at = (x: ArrayLike<number>) => add(factors.map((f, i) => valueAt(f, Math.min(x[i]!, 1 - 1e-9))));
  const draws: number[] = [];
  let morris: SensitivityPlan['morris'] = null;
  let sobol: SensitivityPlan['sobol'] = null;
  if (opts.method === 'morris') {
    // On a choice factor the grid's levels fall on its readings; effects per unit of [0, 1].
    morris = morrisDesign(k, opts.draws, opts.seed);
    for (const tr of morris) for (const x of tr.points) draws.push(at(x));
  } else if (opts.method === 'sobol') {
    const d = saltelliDesign(k, opts.draws, opts.seed);
    const ia = Array.from({ length: opts.draws }, (_, r) => at(d.a(r)));
    const ib = Array.from({ length: opts.draws }, (_, r) => at(d.b(r)));
    const iab = factors.map((_, i) => Array.from({ length: opts.draws }, (_, r) => at(d.ab(i, r))));
    draws.push(...ia, ...ib);
    sobol = { n: opts.draws, a: ia, b: ib, ab: iab };
  }
  return { factors, points, oat, morris, sobol, draws };
}

/** The `--set` overrides of a plan's point. */
export function pointSets(plan: SensitivityPlan, point: number): string[] {
  return plan.factors.map((f, i) => `${f.field}=${String(plan.points[point]![i])}`);
}

/** The result from the ratios at each of the plan's points. */
export function assembleSensitivity(opts: Pick<SensitivityOptions, 'platform' | 'policies' | 'method'>, plan: SensitivityPlan, ratios: readonly Ratios[]): SensitivityResult {
  const { factors } = plan;
  const k = factors.length;
  const indices: IndexRow[] = [];
  if (plan.morris !== null) {
    let p = 0;
    const ys = plan.morris.map((tr) => tr.points.map(() => ratios[plan.draws[p++]!]!));
    for (const m of RATIO_METRICS) {
      const mi = morrisIndices(plan.morris, ys.map((row) => row.map((r) => r[m])), k);
      factors.forEach((f, i) => indices.push({ field: f.field, metric: m, a: mi.mu_star[i]!, b: mi.sigma[i]! }));
    }
  } else if (plan.sobol !== null) {
    const { a, b, ab } = plan.sobol;
    for (const m of RATIO_METRICS) {
      const s = sobolIndices(a.map((i) => ratios[i]![m]), b.map((i) => ratios[i]![m]), ab.map((col) => col.map((i) => ratios[i]![m])));
      factors.forEach((f, i) => indices.push({ field: f.field, metric: m, a: s.first[i]!, b: s.total[i]! }));
    }
  }
  const oat = plan.oat.map((o) => ({ field: o.field, reading: o.reading, value: o.value, source: o.source, ratios: ratios[o.point]! }));
  const draws = plan.draws.map((i) => ({ values: plan.points[i]!, ratios: ratios[i]! }));
  // Robustness over every point where all fields vary together (or, one at a time, the OAT points).
  const sample = draws.length > 0 ? draws.map((d) => d.ratios) : oat.map((o) => o.ratios);
  const robustness = RATIO_METRICS.map((m) => {
    const v = sample.map((r) => r[m]).sort((x, y) => x - y);
    return { metric: m, wins: v.filter((x) => better(m, x)).length, draws: v.length, lo90: quantile(v, 0.05), hi90: quantile(v, 0.95), min: v[0] ?? NaN, max: v.at(-1) ?? NaN };
  });
  return { policies: [opts.policies[0], opts.policies[1]], platform: opts.platform, method: opts.method, factors, reference: ratios[0]!, oat, draws, indices, robustness, evaluations: ratios.length };
}

/** A over B from two policies' summaries. */
export function ratiosOf(a: Headline, b: Headline): Ratios {
  return { tokens_per_s: a.tokens_per_s / b.tokens_per_s, tokens_per_j: a.tokens_per_j / b.tokens_per_j, edp_j_s: a.edp_j_s / b.edp_j_s };
}

/** The analysis in this process, one replay of the pair after another. */
export function sensitivity(opts: SensitivityOptions): SensitivityResult {
  const plan = planSensitivity(opts);
  // Policies whose steps do not depend on the platform are replayed once and priced per point.
  const shapes = new ShapeCache();
  const ratios = plan.points.map((_, i) => {
    const [a, b] = shapes.summaries(opts.trace, opts.platform, [...opts.policies], [...(opts.sets ?? []), ...pointSets(plan, i)]);
    opts.onProgress?.(i + 1, plan.points.length);
    return ratiosOf(a!, b!);
  });
  return assembleSensitivity(opts, plan, ratios);
}
