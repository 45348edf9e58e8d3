/**
 * A reproduced claim: the paper's published value beside the value this toolkit computes for
 * the configuration the paper describes, their ratio, which reading of the baseline the row
 * uses (the paper's text, or its artifact) with the value under each other reading, and a
 * status: `agrees` (within 25%), `not published` (a withheld or unstated value), or
 * `gap: ...` naming what is unknown or what differs.
 */
export interface Reading {
  readonly baseline: string;
  readonly reproduced: number;
  readonly ratio: number | null;
}

export interface ClaimRow {
  readonly paper: string;
  readonly claim: string;
  readonly configuration: string;
  readonly published: number | null;
  readonly reproduced: number;
  readonly ratio: number | null;
  readonly unit: string;
  readonly source: string;
  /** Which reading of the baseline (and workload) the row's value uses. */
  readonly baseline: string;
  /** The value under the other readings, where they differ. */
  readonly other_readings: readonly Reading[];
  readonly status: string;
  /** The claim's span over the open fields' readings (`reproduce --intervals`). */
  readonly interval?: ClaimInterval;
}

export interface ClaimInterval {
  readonly lo: number;
  readonly hi: number;
  /** Settings the span covers: the presets' readings and each other reading of each open field. */
  readonly readings: number;
  /** Whether the published value lies in [lo, hi] (null: nothing published). */
  readonly inside: boolean | null;
  /** The setting whose value comes nearest the published one. */
  readonly nearest: string | null;
}

/** Within 25% of the published value. */
export const AGREEMENT = 0.25;

export interface ClaimOptions {
  /** The reading the value uses (default: the paper's text). */
  readonly baseline?: string;
  /** Why a value outside 25% differs: what is unknown, or what the paper does differently. */
  readonly gap?: string;
  readonly others?: readonly { readonly baseline: string; readonly reproduced: number }[];
}

const ratioOf = (published: number | null, reproduced: number) => (published === null || published === 0 ? null : reproduced / published);

export function statusOf(ratio: number | null, gap: string | undefined): string {
  if (ratio === null) return 'not published';
  if (Math.abs(ratio - 1) <= AGREEMENT + 1e-12) return 'agrees';
  return `gap: ${gap ?? 'unexplained'}`;
}

export function claim(paper: string, claim: string, configuration: string, published: number | null, reproduced: number, unit: string, source: string, opts: ClaimOptions = {}): ClaimRow {
  const ratio = ratioOf(published, reproduced);
  return {
    paper,
    claim,
    configuration,
    published,
    reproduced,
    ratio,
    unit,
    source,
    baseline: opts.baseline ?? 'paper text',
    other_readings: (opts.others ?? []).map((o) => ({ baseline: o.baseline, reproduced: o.reproduced, ratio: ratioOf(published, o.reproduced) })),
    status: statusOf(ratio, opts.gap),
  };
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
