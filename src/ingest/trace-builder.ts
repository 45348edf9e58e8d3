/**
 * Accumulates a canonical trace from an adapter: requests, their steps (grouped per request,
 * in order), optional nodes and oracle, tree templates and acceptance models. Source line
 * numbers are kept per row so the validator can locate every violation.
 */
import { ColumnRangeError, Int32Builder, TableBuilder, type ColumnTable } from '../schema/columns.js';
import {
  REQUEST_COLUMNS,
  SCHEMA_VERSION,
  type AcceptanceModel,
  type RequestStatus,
  type TraceMeta,
  type TreeTemplate,
} from '../schema/trace-schema.js';
import { FLAT_NODE_SPECS, FLAT_ORACLE_SPECS, FLAT_STEP_SPECS, type Trace } from '../trace/trace.js';

export interface RequestRow {
  readonly request_id?: string;
  readonly question_id: string;
  readonly turn: number;
  readonly category?: string | null;
  readonly prompt_tokens?: number | null;
  readonly output_tokens: number;
  readonly uncounted_tokens?: number;
  readonly num_steps?: number | null;
  readonly wall_time_s?: number | null;
  readonly status?: RequestStatus;
}

export interface StepRow {
  readonly step: number;
  readonly context_tokens?: number | null;
  readonly draft_tokens?: number | null;
  readonly tree_id?: string | null;
  readonly accepted_tokens?: number | null;
  readonly committed_tokens: number;
  readonly draft_entropy_mean?: number | null;
  readonly draft_time_ns?: number | null;
  readonly verify_time_ns?: number | null;
  readonly step_time_ns?: number | null;
}

export interface NodeRow {
  readonly step: number;
  readonly node: number;
  readonly parent: number;
  readonly depth: number;
  readonly rank?: number | null;
  readonly token_id?: number | null;
  readonly draft_prob?: number | null;
  readonly draft_entropy?: number | null;
  readonly margin?: number | null;
  readonly target_prob?: number | null;
  readonly accepted: boolean;
}

/** Line numbers per row, for located validation errors. */
export interface SourceLines {
  readonly requests: ArrayLike<number>;
  readonly steps: ArrayLike<number>;
  readonly nodes: ArrayLike<number>;
  /** The file node lines refer to, when nodes come from a file of their own (nodes.csv). */
  readonly nodesFile?: string;
}

export type MetaInput = Partial<Omit<TraceMeta, 'schema_version'>> & { trace_id: string; format: string };

export function makeMeta(m: MetaInput, warnings: TraceMeta['warnings'] = []): TraceMeta {
  return {
    schema_version: SCHEMA_VERSION,
    trace_id: m.trace_id,
    format: m.format,
    source: m.source ?? {},
    method: m.method ?? null,
    target_model: m.target_model ?? null,
    draft_model: m.draft_model ?? null,
    dtype: m.dtype ?? null,
    temperature: m.temperature ?? null,
    dataset: m.dataset ?? null,
    hardware: m.hardware ?? null,
    tree_template_id: m.tree_template_id ?? null,
    committed_includes_bonus: m.committed_includes_bonus ?? true,
    notes: m.notes ?? [],
    warnings: [...(m.warnings ?? []), ...warnings],
  };
}

/** Runs `push`, stamping the source line on a value that does not fit its column. */
function atLine(line: number, push: () => void): void {
  try {
    push();
  } catch (e) {
    if (e instanceof ColumnRangeError && line > 0) e.line ??= line;
    throw e;
  }
}

export class TraceBuilder {
  readonly requests = new TableBuilder(REQUEST_COLUMNS);
  private stepRows: TableBuilder | null = null;
  private nodeTable: TableBuilder | null = null;
  private builtNodes: { table: ColumnTable; lines: Int32Array } | null = null;
  private builtSteps: { table: ColumnTable; lines: Int32Array } | null = null;
  private oracleTable: TableBuilder | null = null;
  readonly trees: TreeTemplate[] = [];
  readonly acceptanceModels: AcceptanceModel[] = [];
  private readonly requestLines = new Int32Builder(false);
  private stepLineRows: Int32Builder | null = null;
  private nodeLines = new Int32Builder(false);
  /** Set by adapters whose nodes come from a separate file. */
  nodesFile: string | undefined;

  /**
   * @param stepCapacity expected step rows (a good estimate avoids regrowing the columns; they
   * are allocated on first use, never when a step table is set whole)
   */
  constructor(private readonly stepCapacity = 1024) {}

  /** The step rows pushed one at a time. */
  get steps(): TableBuilder {
    return (this.stepRows ??= new TableBuilder(FLAT_STEP_SPECS, this.stepCapacity));
  }

  private get stepLines(): Int32Builder {
    return (this.stepLineRows ??= new Int32Builder(false, this.stepCapacity));
  }

  get numRequests(): number {
    return this.requests.length;
  }

  /** Adds a request and returns its index. */
  addRequest(r: RequestRow, line = 0): number {
    atLine(line, () => this.requests.pushRow({
      request_id: r.request_id ?? `${r.question_id}/${r.turn}`,
      question_id: r.question_id,
      turn: r.turn,
      category: r.category ?? null,
      prompt_tokens: r.prompt_tokens ?? null,
      output_tokens: r.output_tokens,
      uncounted_tokens: r.uncounted_tokens ?? 0,
      num_steps: r.num_steps ?? null,
      wall_time_s: r.wall_time_s ?? null,
      status: r.status ?? 'ok',
    }));
    this.requestLines.push(line);
    return this.requests.length - 1;
  }

  /** Adds a step of request `requestIndex` (steps must arrive grouped per request, in order). */
  addStep(requestIndex: number, s: StepRow, line = 0): void {
    atLine(line, () => this.steps.pushRow({ request_index: requestIndex, ...s }));
    this.stepLines.push(line);
  }

  /**
   * The node table builder (created on first use), for adapters that push columns directly.
   * @param capacity expected rows (allocated up front when the table is created)
   */
  nodes(capacity?: number): TableBuilder {
    if (this.nodeTable === null && capacity !== undefined) this.nodeLines = new Int32Builder(false, capacity);
    return (this.nodeTable ??= new TableBuilder(FLAT_NODE_SPECS, capacity));
  }

  /** Sets the step table built elsewhere (FLAT_STEP_SPECS columns, e.g. parsed by ranges), replacing `steps`. */
  setSteps(table: ColumnTable, lines: Int32Array): void {
    this.builtSteps = { table, lines };
  }

  /** The step rows so far: the table set by `setSteps`, else what `steps` holds. */
  stepTable(): ColumnTable {
    return this.builtSteps?.table ?? this.steps.finish();
  }

  /** Sets a node table built elsewhere (FLAT_NODE_SPECS columns; e.g. parsed in parallel). */
  setNodes(table: ColumnTable, lines: Int32Array): void {
    this.builtNodes = { table, lines };
  }

  addNode(requestIndex: number, n: NodeRow, line = 0): void {
    atLine(line, () => this.nodes().pushRow({ request_index: requestIndex, ...n }));
    this.nodeLines.push(line);
  }

  /** Records the source line of a node pushed column-wise through `nodes()`. */
  nodeLine(line: number): void {
    this.nodeLines.push(line);
  }

  /** Records the source line of a request pushed column-wise through `requests`. */
  requestLine(line: number): void {
    this.requestLines.push(line);
  }

  /** Records the source line of a step pushed column-wise through `steps`. */
  stepLine(line: number): void {
    this.stepLines.push(line);
  }

  addOracle(requestIndex: number, committed: readonly number[]): void {
    const t = (this.oracleTable ??= new TableBuilder(FLAT_ORACLE_SPECS));
    const ri = t.int('request_index');
    const pos = t.int('position');
    const c = t.int('committed_tokens');
    for (let p = 0; p < committed.length; p++) {
      ri.push(requestIndex);
      pos.push(p);
      c.push(committed[p]!);
    }
  }

  /** Marks that the trace has an oracle even if no request contributed positions. */
  ensureOracle(): void {
    this.oracleTable ??= new TableBuilder(FLAT_ORACLE_SPECS);
  }

  finish(meta: TraceMeta): { trace: Trace; lines: SourceLines } {
    const trace: Trace = {
      meta,
      requests: this.requests.finish(),
      steps: this.stepTable(),
      nodes: this.builtNodes ? this.builtNodes.table : this.nodeTable ? this.nodeTable.finish() : null,
      oracle: this.oracleTable ? this.oracleTable.finish() : null,
      trees: this.trees,
      acceptanceModels: this.acceptanceModels,
    };
    const lines = {
      requests: this.requestLines.finish().values,
      steps: this.builtSteps ? this.builtSteps.lines : this.stepLines.finish().values,
      nodes: this.builtNodes ? this.builtNodes.lines : this.nodeLines.finish().values,
    };
    return { trace, lines: this.nodesFile ? { ...lines, nodesFile: this.nodesFile } : lines };
  }
}
