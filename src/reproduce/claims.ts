/**
 * A reproduced claim: the paper's published value beside the value this toolkit computes for
 * the configuration the paper describes (as far as papers.md states it), and their ratio.
 * `published` is null where papers.md withholds the value (a validation set) or the paper
 * does not give it; the ratio is then null too.
 */
export interface ClaimRow {
  readonly paper: string;
  readonly claim: string;
  readonly configuration: string;
  readonly published: number | null;
  readonly reproduced: number;
  readonly ratio: number | null;
  readonly unit: string;
  readonly source: string;
}

export function claim(paper: string, claim: string, configuration: string, published: number | null, reproduced: number, unit: string, source: string): ClaimRow {
  return { paper, claim, configuration, published, reproduced, ratio: published === null || published === 0 ? null : reproduced / published, unit, source };
}

/** Cross-workload aggregation: the statistics module's geometric mean. */
export { geomean } from '../stats/bootstrap.js';

/** A reproduction: one paper's setup, run on demand. */
export interface Reproduction {
  readonly id: string;
  readonly paper: string;
  readonly describe: string;
  run(onProgress?: (what: string) => void): Promise<ClaimRow[]>;
}
