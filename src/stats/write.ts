/** Compares a run directory's policies and writes compare.md / compare.csv / compare.json into it. */
import * as path from 'node:path';
import { writeTextAtomic } from '../util/atomic-write.js';
import { comparePolicies, type ComparisonRow } from './compare.js';
import { comparisonCsv, comparisonMarkdown } from './format.js';
import { readRunDir, type RunTables } from './run-tables.js';
import { summarizePolicies, type PolicyStats } from './summary.js';

export interface RunComparison {
  readonly baseline: string | null;
  readonly seed: number;
  readonly comparisons: readonly ComparisonRow[];
  readonly policies: readonly PolicyStats[];
}

export function compareRunDir(dir: string, baseline?: string, resamples = 2000, run: RunTables = readRunDir(dir)): RunComparison {
  const policies = summarizePolicies(run.requests, run.steps);
  const comparisons = policies.length > 1 ? comparePolicies(run.requests, baseline, run.seed, resamples) : [];
  const result = { baseline: comparisons[0]?.baseline ?? null, seed: run.seed, comparisons, policies };
  writeTextAtomic(path.join(dir, 'compare.md'), comparisonMarkdown(comparisons, policies));
  writeTextAtomic(path.join(dir, 'compare.csv'), comparisonCsv(comparisons));
  writeTextAtomic(path.join(dir, 'compare.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}
