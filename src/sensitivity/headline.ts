/** The sentences a sensitivity analysis leads with: the conclusion, how robust it is, and what decides it. */
import type { RatioMetric, SensitivityResult } from './analysis.js';

const WORD: Record<RatioMetric, string> = { tokens_per_s: 'tokens/s', tokens_per_j: 'tokens/J', edp_j_s: 'EDP per token' };
const f3 = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4));

export function headlineSentences(r: SensitivityResult): string[] {
  const [a, b] = r.policies;
  const out: string[] = [];
  for (const rb of r.robustness) {
    if (rb.metric === 'edp_j_s') continue;
    const ref = r.reference[rb.metric];
    const span = r.oat.filter((o) => o.field !== '').reduce<Record<string, [number, number]>>((acc, o) => {
      const v = o.ratios[rb.metric];
      const cur = acc[o.field] ?? [v, v];
      acc[o.field] = [Math.min(cur[0], v), Math.max(cur[1], v)];
      return acc;
    }, {});
    const decider = Object.entries(span).sort((x, y) => y[1][1] - y[1][0] - (x[1][1] - x[1][0]))[0];
    const where = r.draws.length > 0 ? `${rb.wins} of ${rb.draws} draws of all open fields` : `${rb.wins} of ${rb.draws} one-at-a-time settings`;
    out.push(
      `${WORD[rb.metric]}: ${a} / ${b} = ${f3(ref)} at the presets' readings; ${a} is ahead in ${where}` +
        (r.draws.length > 0 ? `; 90% of the ratios in [${f3(rb.lo90)}, ${f3(rb.hi90)}]` : `; range [${f3(rb.min)}, ${f3(rb.max)}]`) +
        (decider && decider[1][1] > decider[1][0] ? `; ${decider[0]} moves it most (${f3(decider[1][0])} to ${f3(decider[1][1])})` : '; no open field moves it'),
    );
  }
  return out;
}
