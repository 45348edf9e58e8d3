/**
 * The acceptance profile SpecPIM's offline exploration optimizes against: the expected tokens
 * one step commits when drafting a chain of k tokens, E[min(A, k)] + 1 for the accepted length A.
 *
 * Estimated from the trace's recorded steps (a profiling run with the same models, as SpecPIM's
 * offline analysis presumes) by the product-limit rule: the probability that draft token j is
 * accepted given tokens 1..j-1 were, h_j = #(A >= j) / #(A >= j-1 and the step drafted >= j),
 * so a step that stopped drafting before j does not count as a rejection. Draft lengths that
 * are not recorded count as A + 1 (the correction token replaced a drafted token, the replay's
 * own assumption). Beyond the recorded lengths the last well-supported h carries on
 * (geometric tail). Traces without per-step data fall back to a geometric acceptance matched to
 * the recorded mean committed tokens per step. `alpha` replaces all of this with a constant
 * per-token acceptance rate (a trace-independent design).
 */
import type { Trace } from '../../trace/trace.js';
import { indexTree } from '../../kernel/index.js';
import { int32, utf8 } from '../../schema/columns.js';

export interface AcceptanceProfile {
  readonly source: string;
  /** h[j-1]: probability draft token j is accepted given 1..j-1 were. */
  readonly hazard: readonly number[];
  /** Rate used beyond `hazard`. */
  readonly tail: number;
}

/** Expected tokens committed by a step that drafts a chain of k tokens. */
export function expectedCommitted(p: AcceptanceProfile, k: number): number {
  let survive = 1;
  let e = 1;
  for (let j = 1; j <= k; j++) {
    survive *= j <= p.hazard.length ? p.hazard[j - 1]! : p.tail;
    e += survive;
  }
  return e;
}

export function constantProfile(alpha: number): AcceptanceProfile {
  return { source: `constant per-token acceptance ${alpha}`, hazard: [], tail: alpha };
}

const MIN_AT_RISK = 20;

export function traceProfile(trace: Trace): AcceptanceProfile {
  const n = trace.steps.length;
  if (n === 0) {
    const committed = int32(trace.requests, 'output_tokens').values.reduce((a, b) => a + b, 0);
    const steps = int32(trace.requests, 'num_steps');
    let s = 0;
    for (let i = 0; i < steps.values.length; i++) if (steps.valid === null || steps.valid[i] === 1) s += steps.values[i]!;
    const mean = s > 0 ? committed / s : 1;
    return { source: `geometric, matched to ${mean.toFixed(3)} committed tokens per step (per-turn summaries)`, hazard: [], tail: Math.max(0, Math.min(0.99, 1 - 1 / mean)) };
  }
  const acc = int32(trace.steps, 'accepted_tokens');
  const com = int32(trace.steps, 'committed_tokens').values;
  const dr = int32(trace.steps, 'draft_tokens');
  const treeIds = utf8(trace.steps, 'tree_id').values;
  const depthOf = new Map(trace.trees.map((t) => [t.id, indexTree(t).widths.length - 1]));
  const metaTree = trace.meta.tree_template_id;
  const reach: number[] = []; // reach[j]: steps that drafted >= j and accepted >= j-1
  const hits: number[] = []; // hits[j]: steps that accepted >= j
  for (let i = 0; i < n; i++) {
    const a = acc.valid === null || acc.valid[i] === 1 ? acc.values[i]! : com[i]! - 1;
    const tree = treeIds[i] ?? metaTree;
    const depth = tree !== null && depthOf.has(tree) ? depthOf.get(tree)! : dr.valid === null || dr.valid[i] === 1 ? dr.values[i]! : a + 1;
    for (let j = 1; j <= Math.min(depth, a + 1); j++) reach[j] = (reach[j] ?? 0) + 1;
    for (let j = 1; j <= a; j++) hits[j] = (hits[j] ?? 0) + 1;
  }
  const hazard: number[] = [];
  let tail = 0;
  for (let j = 1; j < reach.length && (reach[j] ?? 0) >= MIN_AT_RISK; j++) {
    hazard.push((hits[j] ?? 0) / reach[j]!);
    tail = hazard[hazard.length - 1]!;
  }
  return { source: `product-limit estimate over ${n} recorded steps (${hazard.length} draft positions with >= ${MIN_AT_RISK} steps at risk)`, hazard, tail: Math.min(tail, 0.99) };
}
