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
import { replay, type PolicySummary } from '../replay/replay.js';
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

export function sensitivity(opts: SensitivityOptions): SensitivityResult {
  const [a, b] = opts.policies;
  if (a === b) throw new UserError(messages.sensitivityNeedsTwo());
  const sets = opts.sets ?? [];
  const factors = factorsFor(opts.platform, sets, opts.fields);
  const k = factors.length;
  const fmt = (v: number) => String(v);
  let done = 0;
  const morrisR = opts.method === 'morris' ? opts.draws : 0;
  const sobolN = opts.method === 'sobol' ? opts.draws : 0;
  const oatCount = factors.reduce((s, f) => s + f.points.filter((p) => p.value !== f.reading).length, 0);
  const total = 1 + oatCount + morrisR * (k + 1) + sobolN * (k + 2);
  const evaluate = (values: readonly number[]): Ratios => {
    const fieldSets = factors.map((f, i) => `${f.field}=${fmt(values[i]!)}`);
    const r = replay({ trace: opts.trace, platform: opts.platform, policies: [a, b], sets: [...sets, ...fieldSets] });
    done++;
    opts.onProgress?.(done, total);
    const [sa, sb] = [r.policies[0]!.summary, r.policies[1]!.summary] as [PolicySummary, PolicySummary];
    return { tokens_per_s: sa.tokens_per_s / sb.tokens_per_s, tokens_per_j: sa.tokens_per_j / sb.tokens_per_j, edp_j_s: sa.edp_j_s / sb.edp_j_s };
  };
  const readings = factors.map((f) => f.reading);
  const reference = evaluate(readings);
  const oat: OatRow[] = [];
  factors.forEach((f, i) => {
    for (const p of f.points) {
      const values = [...readings];
      values[i] = p.value;
      oat.push({ field: f.field, reading: p.name, value: p.value, source: p.source, ratios: p.value === f.reading ? reference : evaluate(values) });
    }
  });
  const draws: Draw[] = [];
  const indices: IndexRow[] = [];
  const at = (x: Float64Array): Draw => {
    const values = factors.map((f, i) => valueAt(f, x[i]!));
    const d = { values, ratios: evaluate(values) };
    draws.push(d);
    return d;
  };
  if (opts.method === 'morris') {
    // On a choice factor the grid's levels fall on its readings; effects per unit of [0, 1].
    const design = morrisDesign(k, morrisR, opts.seed);
    const ys = design.map((tr) => tr.points.map((x) => at(Float64Array.from(x, (u) => Math.min(u, 1 - 1e-9))).ratios));
    for (const m of ['tokens_per_s', 'tokens_per_j', 'edp_j_s'] as const) {
      const mi = morrisIndices(design, ys.map((row) => row.map((r) => r[m])), k);
      factors.forEach((f, i) => indices.push({ field: f.field, metric: m, a: mi.mu_star[i]!, b: mi.sigma[i]! }));
    }
  } else if (opts.method === 'sobol') {
    const d = saltelliDesign(k, sobolN, opts.seed);
    const yA = Array.from({ length: sobolN }, (_, r) => at(d.a(r)).ratios);
    const yB = Array.from({ length: sobolN }, (_, r) => at(d.b(r)).ratios);
    const yAB = factors.map((_, i) => Array.from({ length: sobolN }, (_, r) => evaluate(factors.map((f, j) => valueAt(f, d.ab(i, r)[j]!)))));
    for (const m of ['tokens_per_s', 'tokens_per_j', 'edp_j_s'] as const) {
      const s = sobolIndices(yA.map((r) => r[m]), yB.map((r) => r[m]), yAB.map((col) => col.map((r) => r[m])));
      factors.forEach((f, i) => indices.push({ field: f.field, metric: m, a: s.first[i]!, b: s.total[i]! }));
    }
  }
  // Robustness over every point where all fields vary together (or, one at a time, the OAT points).
  const sample = draws.length > 0 ? draws.map((d) => d.ratios) : oat.map((o) => o.ratios);
  const robustness = RATIO_METRICS.map((m) => {
    const v = sample.map((r) => r[m]).sort((x, y) => x - y);
    return { metric: m, wins: v.filter((x) => better(m, x)).length, draws: v.length, lo90: quantile(v, 0.05), hi90: quantile(v, 0.95), min: v[0] ?? NaN, max: v.at(-1) ?? NaN };
  });
  return { policies: [a, b], platform: opts.platform, method: opts.method, factors, reference, oat, draws, indices, robustness, evaluations: done };
}
