/**
 * Compares every policy of a run with a baseline on the same requests: per-request ratios of
 * tokens/s (the speedup: the output is the same, so it is baseline time / policy time) and of
 * tokens/J, each summarized by comparePaired (geometric mean, seeded bootstrap CI, Wilcoxon,
 * paired t, effect size, wins).
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { float64, utf8, type ColumnTable } from '../schema/columns.js';
import { comparePaired, type PairedComparison } from './paired.js';
import { policiesOf } from './summary.js';

export const COMPARED_METRICS = ['tokens_per_s', 'tokens_per_j'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

export interface ComparisonRow extends PairedComparison {
  readonly policy: string;
  readonly baseline: string;
  readonly metric: ComparedMetric;
}

export function defaultBaseline(policies: readonly string[]): string {
  return policies.includes('ar-npu') ? 'ar-npu' : policies[0]!;
}

export function comparePolicies(requests: ColumnTable, baseline: string | undefined, seed: number, resamples = 2000): ComparisonRow[] {
  const policies = policiesOf(requests);
  const base = baseline ?? defaultBaseline(policies);
  if (!policies.includes(base)) throw new UserError(messages.baselineNotInRun(base, policies));
  const pol = utf8(requests, 'policy').values;
  const ids = utf8(requests, 'request_id').values;
  const rows: ComparisonRow[] = [];
  for (const metric of COMPARED_METRICS) {
    const v = float64(requests, metric).values;
    const baseBy = new Map<string, number>();
    for (let i = 0; i < pol.length; i++) if (pol[i] === base) baseBy.set(ids[i]!, v[i]!);
    for (const p of policies) {
      if (p === base) continue;
      const ratios: number[] = [];
      for (let i = 0; i < pol.length; i++) {
        if (pol[i] !== p) continue;
        const b = baseBy.get(ids[i]!);
        if (b !== undefined && b > 0 && v[i]! > 0) ratios.push(v[i]! / b);
      }
      if (ratios.length === 0) throw new UserError(messages.noSharedRequests(p, base, metric));
      rows.push({ policy: p, baseline: base, metric, ...comparePaired(ratios, seed, resamples) });
    }
  }
  return rows;
}
