/**
 * Comparisons and per-policy summaries as HTML (the run report and the demo's landing page):
 * one headline sentence per comparison with the practical size first ("sd-npu is 2.62x faster
 * than ar-npu [2.58, 2.66], 95% CI; 560 of 560 requests favour sd-npu"), then the tables, in the
 * run's policy order. The imputed share is shown wherever it is above 0.
 */
import { messages } from '../config/messages.js';
import { pValueText } from '../stats/format.js';
import { escHtml } from '../util/html.js';

export { escHtml };

/** What a headline needs of a comparison. */
export interface HeadlineRow {
  readonly policy: string;
  readonly baseline: string;
  readonly metric: string;
  readonly n: number;
  readonly geomean_ratio: number;
  readonly ci_lo: number;
  readonly ci_hi: number;
  readonly favour_policy: number;
  readonly wilcoxon_p: number | null;
}

/** What a policy table needs of a policy. */
export interface PolicyRow {
  readonly policy: string;
  readonly tokens_per_s: number;
  readonly tokens_per_j: number;
  readonly committed_per_step: number;
  readonly steps: number;
  readonly imputed_share: number;
}

const x = (v: number) => `${v.toFixed(2)}×`;

/** One sentence for one comparison, the ratio and its interval first. */
export function headline(c: HeadlineRow): string {
  const ci = `[${c.ci_lo.toFixed(2)}, ${c.ci_hi.toFixed(2)}], 95% CI`;
  const favour = `${c.favour_policy} of ${c.n} requests favour ${c.policy}`;
  if (c.metric === 'tokens_per_s') {
    const what = c.geomean_ratio >= 1 ? `${x(c.geomean_ratio)} faster than` : `${x(1 / c.geomean_ratio)} slower than`;
    return `${c.policy} is ${what} ${c.baseline} (ratio ${c.geomean_ratio.toFixed(2)} ${ci}); ${favour}.`;
  }
  if (c.metric === 'tokens_per_j') {
    return `${c.policy} gives ${x(c.geomean_ratio)} the tokens per joule of ${c.baseline} (${ci}); ${favour}.`;
  }
  return `${c.policy} / ${c.baseline} ${c.metric}: ${c.geomean_ratio.toFixed(3)} (${ci}); ${favour}.`;
}

/** The headlines, the comparison table and the interval note; a single-policy run says so. */
export function comparisonsHtml(rows: readonly HeadlineRow[], order: readonly string[]): string {
  if (rows.length === 0) return `<p class="nothing-to-compare">${escHtml('One policy in this run: there is nothing to compare. Its numbers are in the table below.')}</p>`;
  const rank = (p: string) => (order.indexOf(p) < 0 ? order.length : order.indexOf(p));
  const metricRank = (m: string) => (m === 'tokens_per_s' ? 0 : m === 'tokens_per_j' ? 1 : 2);
  const sorted = [...rows].sort((a, b) => rank(a.policy) - rank(b.policy) || metricRank(a.metric) - metricRank(b.metric));
  const p = (v: number | null) => pValueText(v, (y) => (y < 1e-4 ? y.toExponential(1) : y.toFixed(4)));
  return [
    '<ul class="headlines">',
    ...sorted.map((c) => `<li class="headline">${escHtml(headline(c))}</li>`),
    '</ul>',
    '<table class="comparisons"><thead><tr><th>policy</th><th>vs</th><th>metric</th><th>ratio</th><th>95% CI</th><th>requests favouring</th><th>Wilcoxon p</th></tr></thead><tbody>',
    ...sorted.map(
      (c) =>
        `<tr><td>${escHtml(c.policy)}</td><td>${escHtml(c.baseline)}</td><td>${escHtml(c.metric)}</td><td class="num">${c.geomean_ratio.toFixed(3)}</td>` +
        `<td class="num">[${c.ci_lo.toFixed(3)}, ${c.ci_hi.toFixed(3)}]</td><td class="num">${c.favour_policy} of ${c.n}</td><td class="num">${escHtml(p(c.wilcoxon_p))}</td></tr>`,
    ),
    '</tbody></table>',
    `<p class="interval-meaning">${escHtml(messages.intervalMeaning)}</p>`,
  ].join('\n');
}

/** Per-policy numbers; an imputed share above 0 is highlighted and spelled out. */
export function policiesHtml(policies: readonly PolicyRow[]): string {
  const imputed = policies.filter((q) => q.imputed_share > 0);
  return [
    '<table class="policies"><thead><tr><th>policy</th><th>tokens/s</th><th>tokens/J</th><th>tokens/step</th><th>steps</th><th>imputed</th></tr></thead><tbody>',
    ...policies.map(
      (q) =>
        `<tr><td>${escHtml(q.policy)}</td><td class="num">${q.tokens_per_s.toFixed(2)}</td><td class="num">${q.tokens_per_j.toFixed(3)}</td>` +
        `<td class="num">${q.committed_per_step.toFixed(2)}</td><td class="num">${q.steps}</td>` +
        `<td class="num${q.imputed_share > 0 ? ' imputed' : ''}">${(100 * q.imputed_share).toFixed(1)}%</td></tr>`,
    ),
    '</tbody></table>',
    ...imputed.map(
      (q) =>
        `<p class="imputed-note"><strong>${escHtml(q.policy)}: ${(100 * q.imputed_share).toFixed(1)}% of its steps are imputed</strong> — ` +
        `${escHtml('the trace does not record them, so their acceptance comes from the seeded acceptance model (README "Replay"): read these numbers as model estimates.')}</p>`,
    ),
  ].join('\n');
}

export const TABLE_CSS =
  'table{border-collapse:collapse;margin:0.5em 0 1em}th,td{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}' +
  'td.imputed{background:#fff3cd;font-weight:bold}p.imputed-note{background:#fff3cd;padding:0.4em 0.7em}li.headline{margin:0.2em 0}p.interval-meaning{color:#555;font-size:90%}';
