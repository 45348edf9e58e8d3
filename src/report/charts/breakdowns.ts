/**
 * Stacked breakdowns per decoded token (the headline rates' denominator, stats/headline.ts), a bar per policy: time by phase (draft, verification,
 * the rest: overlap gaps and waits) from the step table, and energy by component (the energy
 * table's actions and each device's static energy) from the energy table.
 */
import { float64, utf8, type ColumnTable } from '../../schema/columns.js';
import { decodedTokensByPolicy } from '../../stats/headline.js';
import type { ChartSpec } from './spec.js';
import { stackedBars } from './stacked-bars.js';

export function phaseBreakdown(steps: ColumnTable, requests: ColumnTable): ChartSpec {
  const tokens = decodedTokensByPolicy(requests);
  const pol = utf8(steps, 'policy').values;
  const [ds, de, vs, ve, ts, te] = ['draft_start_ns', 'draft_end_ns', 'verify_start_ns', 'verify_end_ns', 't_start_ns', 't_end_ns'].map((n) => float64(steps, n).values);
  const acc = new Map<string, { draft: number; verify: number; step: number; tokens: number }>();
  for (let i = 0; i < pol.length; i++) {
    const a = acc.get(pol[i]!) ?? { draft: 0, verify: 0, step: 0, tokens: tokens.get(pol[i]!) ?? 0 };
    acc.set(pol[i]!, a);
    a.draft += de![i]! - ds![i]!;
    a.verify += ve![i]! - vs![i]!;
    a.step += te![i]! - ts![i]!;
  }
  const data = [...acc].flatMap(([policy, a]) => [
    { policy, phase: 'draft', ms_per_token: a.draft / a.tokens / 1e6 },
    { policy, phase: 'verification', ms_per_token: a.verify / a.tokens / 1e6 },
    { policy, phase: 'other (waits, overlap)', ms_per_token: Math.max(0, a.step - a.draft - a.verify) / a.tokens / 1e6 },
  ]);
  return stackedBars({ id: 'phase-breakdown', title: 'Step time per decoded token by phase', subtitle: 'phase durations summed over steps / decoded tokens (asynchronous phases may overlap)', dataset: 'phases', rows: data, value: 'ms_per_token', valueTitle: 'time per token (ms)', stack: 'phase', stackTitle: 'phase', height: 200 });
}

export function energyBreakdown(energy: ColumnTable, requests: ColumnTable): ChartSpec {
  const tokens = decodedTokensByPolicy(requests);
  const pol = utf8(energy, 'policy').values;
  const comp = utf8(energy, 'component').values;
  const pj = float64(energy, 'energy_pj').values;
  const sums = new Map<string, number>();
  for (let i = 0; i < pol.length; i++) {
    const k = `${pol[i]}\u0000${comp[i]}`;
    sums.set(k, (sums.get(k) ?? 0) + pj[i]!);
  }
  const data = [...sums].filter(([, v]) => v > 0).map(([k, v]) => {
    const [policy, component] = k.split('\u0000') as [string, string];
    return { policy, component, mj_per_token: v / 1e9 / (tokens.get(policy) ?? 1) };
  });
  return stackedBars({ id: 'energy-breakdown', title: 'Energy per decoded token by component', subtitle: 'dynamic energy per action and static energy per device', dataset: 'energy', rows: data, value: 'mj_per_token', valueTitle: 'energy per token (mJ)', stack: 'component', stackTitle: 'component', height: 220 });
}
