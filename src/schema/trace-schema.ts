/**
 * The canonical trace, schema version 1 (see README "The canonical trace").
 *
 * Logical tables and their columns. Units live in the names: `_tokens` counts tokens,
 * `_ns` nanoseconds, `_s` seconds. Every column is declared once here; the Arrow layout,
 * the CSV/JSONL writers, the validator and `inspect` all read these declarations.
 *
 * Physical layout (Arrow IPC file): one row per request. Request columns are top-level;
 * the request's steps, per-node trees and oracle are nested `List<Struct>` / `List<Int32>`
 * columns. Trace metadata, tree templates and acceptance models travel as JSON in the Arrow
 * schema metadata under `specreplay.*` keys. In memory the nested lists are exposed as flat
 * tables with a `request_index` column (zero-copy views of the nested children).
 */

export const SCHEMA_VERSION = 1;

/**
 * Limits of the canonical trace (README "Bad input"): values past them are refused with a
 * located error by the validator of every format. They are far beyond any recorded trace and
 * keep a replay's work and memory bounded by the file's size.
 */
export const TRACE_LIMITS = {
  /** Largest Int32 column value. */
  int32_max: 2_147_483_647,
  /** Tokens committed by one step: no draft tree in the literature is deeper than this. */
  committed_tokens_per_step: 256,
  /** Drafted tokens (tree nodes excluding the root) of one step. */
  draft_tokens_per_step: 65_536,
  /** Prompt, context and output lengths of one request (2^24 tokens). */
  context_tokens: 16_777_216,
  /** Recorded wall time of one request (a week). */
  wall_time_s: 604_800,
  /** Recorded draft / verify / step time of one step (an hour). */
  step_time_ns: 3.6e12,
} as const;

export type ColumnType = 'int32' | 'float64' | 'utf8' | 'bool';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly doc: string;
}

const c = (name: string, type: ColumnType, nullable: boolean, doc: string): ColumnSpec => ({
  name,
  type,
  nullable,
  doc,
});

/** One row per request (question id + turn). */
export const REQUEST_COLUMNS = [
  c('request_id', 'utf8', false, 'question id + "/" + turn index; unique in the trace'),
  c('question_id', 'utf8', false, 'the source question / prompt id'),
  c('turn', 'int32', false, 'turn index within the question (0-based)'),
  c('category', 'utf8', true, 'task category (Spec-Bench / MT-Bench category, dataset workload)'),
  c('prompt_tokens', 'int32', true, 'prompt length in tokens; null when the source does not record it'),
  c('output_tokens', 'int32', false, "tokens generated, as the source's per-turn output length says"),
  c('uncounted_tokens', 'int32', false, 'output tokens not covered by step rows (REST: 1, the token produced by prefill)'),
  c('num_steps', 'int32', true, "the source's step count for the turn (per-turn summaries have it without step rows)"),
  c('wall_time_s', 'float64', true, 'recorded wall time of the turn in seconds (includes prefill); null if unknown'),
  c('status', 'utf8', false, 'ok | error (failed run) | truncated'),
] as const satisfies readonly ColumnSpec[];

/** One row per verification step. */
export const STEP_COLUMNS = [
  c('step', 'int32', false, 'step index, 0..n-1 within the request'),
  c('context_tokens', 'int32', true, 'context length before the step (prompt + committed so far); null if the prompt length is unknown'),
  c('draft_tokens', 'int32', true, 'drafted tokens (tree: nodes excluding the root); null when unknown'),
  c('tree_id', 'utf8', true, 'tree template verified by this step when trees vary per step'),
  c('accepted_tokens', 'int32', true, 'accepted draft tokens, excluding the bonus/correction token; null when only the committed count is known'),
  c('committed_tokens', 'int32', false, 'tokens committed by the step (accepted + bonus/correction)'),
  c('draft_entropy_mean', 'float64', true, 'mean draft entropy over drafted positions (nats); null if not recorded'),
  c('draft_time_ns', 'float64', true, 'recorded draft time'),
  c('verify_time_ns', 'float64', true, 'recorded verification time'),
  c('step_time_ns', 'float64', true, 'recorded step time'),
] as const satisfies readonly ColumnSpec[];

/** One row per draft-tree node of a step (optional). Node 0 is the root (last committed token). */
export const NODE_COLUMNS = [
  c('step', 'int32', false, 'step index the node belongs to'),
  c('node', 'int32', false, 'node id within the step; the root is 0'),
  c('parent', 'int32', false, 'parent node id; -1 for the root'),
  c('depth', 'int32', false, 'root depth 0; parent depth + 1'),
  c('rank', 'int32', true, "sibling rank: the node is its parent's rank-th candidate (0 = top-1)"),
  c('token_id', 'int32', true, 'drafted token id'),
  c('draft_prob', 'float64', true, 'draft-model probability of the token'),
  c('draft_entropy', 'float64', true, 'entropy of the draft distribution at this node (nats)'),
  c('margin', 'float64', true, 'top-1 minus top-2 draft probability'),
  c('target_prob', 'float64', true, 'target-model probability of the token'),
  c('accepted', 'bool', false, 'on the accepted path (the root counts as accepted)'),
] as const satisfies readonly ColumnSpec[];

/** Per-position oracle (optional): committed tokens if a round started at that position. */
export const ORACLE_COLUMNS = [
  c('position', 'int32', false, 'output position (0-based)'),
  c('committed_tokens', 'int32', false, 'tokens one verification step would commit from this position (includes the bonus token)'),
] as const satisfies readonly ColumnSpec[];

/** Column added in memory to the flat step/node/oracle tables: row index into `requests`. */
export const REQUEST_INDEX = 'request_index';

export type RequestColumn = (typeof REQUEST_COLUMNS)[number]['name'];
export type StepColumn = (typeof STEP_COLUMNS)[number]['name'];
export type NodeColumn = (typeof NODE_COLUMNS)[number]['name'];

export const REQUEST_STATUSES = ['ok', 'error', 'truncated'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Where a trace came from. */
export interface TraceSource {
  readonly repo?: string;
  readonly path?: string;
  readonly commit?: string;
  readonly license?: string;
  readonly recorded_by?: string;
  /** The file the ingester read (base name only: no machine paths in results). */
  readonly file?: string;
}

/** A warning the ingester raised and the repair it made. */
export interface IngestWarning {
  readonly code: string;
  readonly message: string;
  readonly repair: string;
  readonly file: string;
  readonly line?: number;
  readonly record?: string;
  readonly field?: string;
}

export interface TraceMeta {
  readonly schema_version: number;
  readonly trace_id: string;
  /** The ingest format id the trace was converted from. */
  readonly format: string;
  readonly source: TraceSource;
  readonly method: string | null;
  readonly target_model: string | null;
  readonly draft_model: string | null;
  readonly dtype: string | null;
  readonly temperature: number | null;
  readonly dataset: string | null;
  readonly hardware: string | null;
  /** Set when every step verifies one static tree. */
  readonly tree_template_id: string | null;
  /** True when `committed_tokens` includes the bonus/correction token. */
  readonly committed_includes_bonus: boolean;
  /** Free-text notes the ingester attached (conventions of the source). */
  readonly notes: readonly string[];
  /** Warnings raised and repairs made during ingest (empty for a clean source). */
  readonly warnings: readonly IngestWarning[];
}

/** A static draft tree: node 0 is the root; parents precede children. */
export interface TreeTemplate {
  readonly id: string;
  /** parent[i] for every node; parent[0] = -1. */
  readonly parents: readonly number[];
  /** sibling rank of every node (0 = the parent's top-1 candidate); rank[0] = 0. */
  readonly ranks: readonly number[];
  readonly source?: string;
}

export type AcceptanceModelKind =
  /** Sequoia: P(the rank-k candidate is the accepted one at any tree position); rank 0 = none accepted. */
  | 'rank-vector'
  /** Medusa: P(the true token is within the head's top-k), per head (depth = head + 1). */
  | 'head-topk-cumulative';

export interface AcceptanceEntry {
  /** Tree depth the entry applies to; null = every depth. */
  readonly depth: number | null;
  readonly rank: number;
  readonly probability: number;
}

export interface AcceptanceModel {
  readonly id: string;
  readonly kind: AcceptanceModelKind;
  readonly entries: readonly AcceptanceEntry[];
  readonly source?: string;
  readonly notes?: string;
}

export const META_KEYS = {
  schemaVersion: 'specreplay.schema_version',
  meta: 'specreplay.meta',
  trees: 'specreplay.trees',
  acceptanceModels: 'specreplay.acceptance_models',
  /** SHA-256 of the tables and metadata (trace/checksum.ts); absent in files written before it existed. */
  checksum: 'specreplay.checksum',
} as const;
