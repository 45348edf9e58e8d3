/**
 * What a trace holds (`specreplay inspect`): counts, committed-tokens statistics and
 * histograms, tree shapes, which signals are present, and provenance. Pure: trace in,
 * plain JSON-able summary out.
 */
import { bool, float64, hasAnyValue, int32, utf8 } from '../schema/columns.js';
import type { TraceMeta, TreeTemplate } from '../schema/trace-schema.js';
import { treeDepths } from '../ingest/validate.js';
import type { Trace } from '../trace/trace.js';

export interface Distribution {
  readonly mean: number;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

export interface TreeShape {
  readonly id: string;
  readonly nodes: number;
  readonly drafted: number;
  readonly depth: number;
  /** Nodes per depth, root first. */
  readonly width_per_depth: readonly number[];
}

export interface TraceSummary {
  readonly trace_id: string;
  readonly format: string;
  readonly method: string | null;
  readonly target_model: string | null;
  readonly draft_model: string | null;
  readonly requests: number;
  readonly requests_by_status: Readonly<Record<string, number>>;
  /** Step rows in the trace (0 for per-turn summaries and oracle-only traces). */
  readonly steps: number;
  /** Steps the source says were taken (sum of per-request num_steps; null if unknown). */
  readonly source_steps: number | null;
  /** Sum of the source's per-turn output lengths. */
  readonly output_tokens: number;
  /** Sum of per-step committed counts; null when the source has no per-step data. */
  readonly committed_tokens: number | null;
  readonly committed_per_step: Distribution | null;
  /** committed tokens per step -> number of steps. */
  readonly committed_histogram: Readonly<Record<string, number>>;
  /** accepted draft tokens per step -> number of steps (where known). */
  readonly accepted_histogram: Readonly<Record<string, number>>;
  readonly tree_template_id: string | null;
  readonly trees: readonly TreeShape[];
  readonly acceptance_models: readonly { id: string; kind: string; entries: number }[];
  readonly oracle_positions: number;
  readonly signals: Readonly<Record<string, boolean>>;
  readonly wall_time_s: number | null;
  readonly source: TraceMeta['source'];
  readonly notes: readonly string[];
  readonly warnings: number;
}

/** Nearest-rank percentile of a sorted array (p in [0, 100]). */
function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

function distribution(values: Int32Array): Distribution | null {
  if (values.length === 0) return null;
  const sorted = Int32Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { mean: sum / sorted.length, median, p95: percentile(sorted, 95), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function treeShape(t: TreeTemplate): TreeShape {
  const depths = treeDepths(t.parents);
  const depth = depths.reduce((a, b) => Math.max(a, b), 0);
  const width = new Array<number>(depth + 1).fill(0);
  for (const d of depths) width[d]!++;
  return { id: t.id, nodes: t.parents.length, drafted: t.parents.length - 1, depth, width_per_depth: width };
}

export function inspectTrace(trace: Trace): TraceSummary {
  const { requests, steps } = trace;
  const status = utf8(requests, 'status').values;
  const byStatus: Record<string, number> = {};
  for (const s of status) byStatus[s!] = (byStatus[s!] ?? 0) + 1;
  const out = int32(requests, 'output_tokens').values;
  let outputTokens = 0;
  for (let i = 0; i < out.length; i++) outputTokens += out[i]!;
  const numSteps = int32(requests, 'num_steps');
  let sourceSteps: number | null = 0;
  for (let i = 0; i < numSteps.values.length; i++) {
    if (numSteps.valid !== null && numSteps.valid[i] === 0) {
      sourceSteps = null;
      break;
    }
    sourceSteps += numSteps.values[i]!;
  }
  if (requests.length === 0) sourceSteps = null;
  const committed = int32(steps, 'committed_tokens').values;
  let committedTokens = 0;
  const hist: Record<string, number> = {};
  for (let i = 0; i < committed.length; i++) {
    committedTokens += committed[i]!;
    hist[committed[i]!] = (hist[committed[i]!] ?? 0) + 1;
  }
  const accepted = int32(steps, 'accepted_tokens');
  const accHist: Record<string, number> = {};
  for (let i = 0; i < accepted.values.length; i++) {
    if (accepted.valid !== null && accepted.valid[i] === 0) continue;
    accHist[accepted.values[i]!] = (accHist[accepted.values[i]!] ?? 0) + 1;
  }
  const wall = float64(requests, 'wall_time_s');
  let wallTotal: number | null = hasAnyValue(wall) ? 0 : null;
  if (wallTotal !== null) for (let i = 0; i < wall.values.length; i++) if (wall.valid === null || wall.valid[i] === 1) wallTotal += wall.values[i]!;
  const nodes = trace.nodes;
  const nodeSignal = (name: string) => nodes !== null && hasAnyValue(nodes.columns[name]!);
  const signals = {
    per_step_committed: steps.length > 0,
    accepted_tokens: hasAnyValue(accepted),
    draft_tokens: hasAnyValue(int32(steps, 'draft_tokens')),
    per_node_trees: nodes !== null && nodes.length > 0,
    per_node_accept_flags: nodes !== null && nodes.length > 0 && bool(nodes, 'accepted').values.length > 0,
    draft_probabilities: nodeSignal('draft_prob'),
    target_probabilities: nodeSignal('target_prob'),
    draft_entropy: hasAnyValue(float64(steps, 'draft_entropy_mean')) || nodeSignal('draft_entropy'),
    margins: nodeSignal('margin'),
    token_ids: nodeSignal('token_id'),
    oracle: trace.oracle !== null && trace.oracle.length > 0,
    step_timings: ['draft_time_ns', 'verify_time_ns', 'step_time_ns'].some((c) => hasAnyValue(steps.columns[c]!)),
    turn_wall_times: wallTotal !== null,
    prompt_lengths: hasAnyValue(int32(requests, 'prompt_tokens')),
    tree_template: trace.meta.tree_template_id !== null || hasAnyValue(utf8(steps, 'tree_id')),
  };
  return {
    trace_id: trace.meta.trace_id,
    format: trace.meta.format,
    method: trace.meta.method,
    target_model: trace.meta.target_model,
    draft_model: trace.meta.draft_model,
    requests: requests.length,
    requests_by_status: byStatus,
    steps: steps.length,
    source_steps: sourceSteps,
    output_tokens: outputTokens,
    committed_tokens: steps.length > 0 ? committedTokens : null,
    committed_per_step: distribution(committed),
    committed_histogram: hist,
    accepted_histogram: accHist,
    tree_template_id: trace.meta.tree_template_id,
    trees: trace.trees.map(treeShape),
    acceptance_models: trace.acceptanceModels.map((m) => ({ id: m.id, kind: m.kind, entries: m.entries.length })),
    oracle_positions: trace.oracle?.length ?? 0,
    signals,
    wall_time_s: wallTotal,
    source: trace.meta.source,
    notes: trace.meta.notes,
    warnings: trace.meta.warnings.length,
  };
}
