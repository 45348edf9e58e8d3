/** Comparison rows as a terminal table, markdown and CSV (pure text; the CLI writes them). */
import type { ComparisonRow } from './compare.js';
import { messages } from '../config/messages.js';
import type { PolicyStats } from './summary.js';

/** A p-value as text: '–' when no test ran, '< 1e-15' where 1 - CDF underflowed to 0. */
export function pValueText(x: number | null, digits: (x: number) => string): string {
  return x === null ? '–' : x === 0 ? '< 1e-15' : digits(x);
}

const p = (x: number | null) => pValueText(x, (v) => (v < 1e-4 ? v.toExponential(1) : v.toFixed(4)));
const r = (x: number) => x.toFixed(3);

const HEAD = ['policy', 'vs', 'metric', 'n', 'geomean ratio', '95% CI', 'Wilcoxon p', 't-test p', 'd_z', 'wins/losses/ties'];

function cells(c: ComparisonRow): string[] {
  return [c.policy, c.baseline, c.metric, String(c.n), r(c.geomean_ratio), `[${r(c.ci.lo)}, ${r(c.ci.hi)}]`, p(c.wilcoxon_p), p(c.t_p), c.effect_size_dz === null ? '–' : c.effect_size_dz.toFixed(2), `${c.favour_policy}/${c.favour_baseline}/${c.ties}`];
}

export function comparisonTable(rows: readonly ComparisonRow[]): string {
  const body = rows.map(cells);
  const w = HEAD.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i >= 3 ? x.padStart(w[i]!) : x.padEnd(w[i]!))).join('  ');
  return [line(HEAD), ...body.map(line)].join('\n') + '\n';
}

export function comparisonMarkdown(rows: readonly ComparisonRow[], stats: readonly PolicyStats[]): string {
  const out = ['# Policy comparison', '', 'Ratios are policy / baseline per request (above 1 favours the policy); geometric mean with a seeded percentile-bootstrap 95% CI; two-sided Wilcoxon signed-rank and paired t-test on log ratios; d_z = mean / sd of log ratios. A p-value printed as < 1e-15 is 0 in compare.json: the libraries compute 1 - CDF in double precision, which underflows there.', '', messages.intervalMeaning, ''];
  out.push(`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`);
  for (const c of rows) out.push(`| ${cells(c).join(' | ')} |`);
  out.push('', '## Per-policy summary', '', '| policy | requests | steps | tokens/s | tokens/J | J/token | EDP (J·s/token²) | step p50 / p95 / p99 (ms) | tokens/step | imputed |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const s of stats) {
    const ms = (x: number) => (x / 1e6).toFixed(2);
    out.push(`| ${s.policy} | ${s.requests} | ${s.steps} | ${s.tokens_per_s.toFixed(2)} | ${s.tokens_per_j.toFixed(3)} | ${s.energy_per_token_j.toPrecision(4)} | ${s.edp_j_s.toPrecision(4)} | ${ms(s.step_latency_p50_ns)} / ${ms(s.step_latency_p95_ns)} / ${ms(s.step_latency_p99_ns)} | ${s.committed_per_step.toFixed(2)} | ${(100 * s.imputed_share).toFixed(1)}% |`);
  }
  return out.join('\n') + '\n';
}

export function comparisonCsv(rows: readonly ComparisonRow[]): string {
  const head = ['policy', 'baseline', 'metric', 'n', 'geomean_ratio', 'ci_lo', 'ci_hi', 'ci_level', 'bootstrap_resamples', 'bootstrap_seed', 'wilcoxon_statistic', 'wilcoxon_p', 't_statistic', 't_p', 'effect_size_dz', 'favour_policy', 'favour_baseline', 'ties'];
  const v = (x: number | string | null) => (x === null ? '' : String(x));
  const lines = rows.map((c) => [c.policy, c.baseline, c.metric, c.n, c.geomean_ratio, c.ci.lo, c.ci.hi, c.ci.level, c.ci.resamples, c.ci.seed, c.wilcoxon_statistic, c.wilcoxon_p, c.t_statistic, c.t_p, c.effect_size_dz, c.favour_policy, c.favour_baseline, c.ties].map(v).join(','));
  return [head.join(','), ...lines].join('\n') + '\n';
}
