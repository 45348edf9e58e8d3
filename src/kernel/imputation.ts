/**
 * Imputation models: what replay assumes where the trace does not say (TRACES.md rule 2).
 * Every model is named, cited and seeded; every step that used one is counted as imputed.
 *   depth-conditional  P(the draft's top-1 guess matches at draft depth d | depths < d matched),
 *                      estimated from the trace's own steps (accepted vs drafted lengths).
 *   sequoia-rank       Sequoia's rank-acceptance vector: P(the rank-k candidate is accepted).
 *   medusa-topk        Medusa's per-head top-k accuracies: P(rank k at depth d) = top_k - top_(k-1).
 */
import type { AcceptanceModel } from '../schema/trace-schema.js';
import { float64, int32 } from '../schema/columns.js';
import type { Trace } from '../trace/trace.js';

/** Rank distribution at a depth: probs[k] = P(the correct token is the rank-k candidate); the rest = none. */
export interface RankModel {
  readonly id: string;
  readonly source: string;
  probs(depth: number): readonly number[];
}

export interface ImputationModels {
  /** P(top-1 match at depth d | reached), d = 1, 2, ... */
  readonly depthMatch: (depth: number) => number;
  readonly depthSource: string;
  readonly rank: RankModel;
}

/** depth-conditional: from steps with known draft and accepted lengths (or the oracle). */
export function estimateDepthMatch(trace: Trace): { p: number[]; source: string } {
  const drafted = int32(trace.steps, 'draft_tokens');
  const accepted = int32(trace.steps, 'accepted_tokens');
  const committed = int32(trace.steps, 'committed_tokens').values;
  const reached: number[] = [];
  const matched: number[] = [];
  for (let i = 0; i < trace.steps.length; i++) {
    const hasD = drafted.valid === null || drafted.valid[i] === 1;
    const hasA = accepted.valid === null || accepted.valid[i] === 1;
    const a = hasA ? accepted.values[i]! : Math.max(0, committed[i]! - 1);
    // Unknown draft length: the step is taken to have ended with a rejection at depth a + 1
    // (conservative: a fully accepted draft would have matched there).
    const d = hasD ? drafted.values[i]! : a + 1;
    for (let depth = 1; depth <= Math.min(d, a + 1); depth++) {
      reached[depth] = (reached[depth] ?? 0) + 1;
      if (a >= depth) matched[depth] = (matched[depth] ?? 0) + 1;
    }
  }
  if (trace.oracle !== null && trace.oracle.length > 0) {
    const c = int32(trace.oracle, 'committed_tokens').values;
    for (let i = 0; i < c.length; i++) {
      const a = c[i]! - 1;
      for (let depth = 1; depth <= a + 1; depth++) {
        reached[depth] = (reached[depth] ?? 0) + 1;
        if (a >= depth) matched[depth] = (matched[depth] ?? 0) + 1;
      }
    }
  }
  const p: number[] = [];
  let last = 0.5;
  for (let d = 1; d < reached.length; d++) {
    if ((reached[d] ?? 0) >= 20) last = (matched[d] ?? 0) / reached[d]!;
    p[d] = last;
  }
  const n = reached[1] ?? 0;
  return { p, source: `estimated from this trace (${n} steps reached depth 1; steps without a recorded draft length are taken to end with a rejection; depths with fewer than 20 observations reuse the previous depth)` };
}

export function rankModelFrom(m: AcceptanceModel): RankModel {
  if (m.kind === 'rank-vector') {
    const probs = m.entries.filter((e) => e.rank > 0).sort((a, b) => a.rank - b.rank).map((e) => e.probability);
    return { id: m.id, source: `rank-acceptance vector ${m.id}${m.source ? ` (${m.source})` : ''}`, probs: () => probs };
  }
  const depths = [...new Set(m.entries.map((e) => e.depth ?? 1))].sort((a, b) => a - b);
  const byDepth = new Map<number, number[]>();
  for (const d of depths) {
    const cum = m.entries.filter((e) => (e.depth ?? 1) === d).sort((a, b) => a.rank - b.rank).map((e) => e.probability);
    byDepth.set(d, cum.map((c, i) => c - (i === 0 ? 0 : cum[i - 1]!)));
  }
  const maxDepth = depths[depths.length - 1]!;
  return { id: m.id, source: `per-head top-k accuracies ${m.id}${m.source ? ` (${m.source})` : ''}`, probs: (depth) => byDepth.get(Math.min(depth, maxDepth)) ?? byDepth.get(maxDepth)! };
}

/** A rank model from the top-1 match probabilities alone: rank 0 or none. */
export function top1RankModel(depthMatch: (d: number) => number, source: string): RankModel {
  return { id: 'depth-conditional', source, probs: (d) => [depthMatch(d)] };
}

export function depthLookup(p: readonly number[]): (depth: number) => number {
  return (depth) => (depth < p.length ? (p[depth] ?? 0.5) : (p[p.length - 1] ?? 0.5));
}

/** A draw from a rank distribution: the rank, or -2 when no candidate matched. */
export function drawRank(probs: readonly number[], u: number): number {
  let acc = 0;
  for (let k = 0; k < probs.length; k++) {
    acc += probs[k]!;
    if (u < acc) return k;
  }
  return -2;
}

/** A draw conditional on rank >= minRank. */
export function drawRankAtLeast(probs: readonly number[], minRank: number, u: number): number {
  let tail = 0;
  for (let k = minRank; k < probs.length; k++) tail += probs[k]!;
  const none = Math.max(0, 1 - probs.reduce((s, x) => s + x, 0));
  const total = tail + none;
  if (total <= 0) return -2;
  let acc = 0;
  for (let k = minRank; k < probs.length; k++) {
    acc += probs[k]! / total;
    if (u < acc) return k;
  }
  return -2;
}

export function meanEntropy(trace: Trace): number | null {
  const e = float64(trace.steps, 'draft_entropy_mean');
  let s = 0;
  let n = 0;
  for (let i = 0; i < e.values.length; i++) if (e.valid === null || e.valid[i] === 1) {
    s += e.values[i]!;
    n++;
  }
  return n === 0 ? null : s / n;
}
