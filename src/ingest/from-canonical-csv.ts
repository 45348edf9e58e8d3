/**
 * Canonical CSV, the format users write from their own instrumented runs (README "Canonical
 * CSV"): `steps.csv` (request_id + step columns; required: request_id, step, committed_tokens)
 * and an optional `nodes.csv` (request_id + node columns; required: request_id, step, node,
 * parent, depth, accepted). Rows are grouped by request, steps in order; nodes.csv lists its
 * requests in the same order as steps.csv. Requests are derived: output_tokens = the sum of
 * committed tokens, prompt_tokens = step 0's context_tokens when given. A request_id of the
 * form `question/turn` is split into question_id and turn.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { messages } from '../config/messages.js';
import { int32, type ColumnTable, type Int32Builder, type TableBuilder } from '../schema/columns.js';
import { NODE_COLUMNS, STEP_COLUMNS, type ColumnSpec } from '../schema/trace-schema.js';
import type { Trace } from '../trace/trace.js';
import { finishTrace, finishTracePending, newDiagnostics, stem, type Validator } from './common.js';
import { bindHeader, fieldWriter, missingColumns, pushAbsent, type BoundColumn } from './csv-columns.js';
import { estimateRows, feedCsvFile, feedCsvText, type CsvSink } from './csv-source.js';
import type { Diagnostics } from './diagnostics.js';
import type { IngestOptions, PendingTrace, TraceFormat } from './format.js';
import { TraceBuilder, type MetaInput } from './trace-builder.js';
import { validateTrace } from './validate.js';
import { assembleRanges, parallelAvailable, parseCsvInThread, planRanges, PARALLEL_MIN_BYTES, RangePool, type ParallelTable, type RangePlan } from './csv-parallel.js';
import { FLAT_NODE_SPECS, FLAT_STEP_SPECS } from '../trace/trace.js';

const REQUEST_ID: ColumnSpec = { name: 'request_id', type: 'utf8', nullable: false, doc: 'request id (question/turn)' };
export const STEPS_CSV_COLUMNS: readonly ColumnSpec[] = [REQUEST_ID, ...STEP_COLUMNS];
export const NODES_CSV_COLUMNS: readonly ColumnSpec[] = [REQUEST_ID, ...NODE_COLUMNS];
const STEPS_REQUIRED = ['request_id', 'step', 'committed_tokens'];
const NODES_REQUIRED = ['request_id', 'step', 'node', 'parent', 'depth', 'accepted'];

/** Requests as discovered in steps.csv order. */
class RequestIndex {
  readonly ids: string[] = [];
  readonly byId = new Map<string, number>();
  private lastId: string | null = null;
  private last = -1;
  constructor(private readonly diag: Diagnostics) {}

  /** steps.csv: a new id opens a request; an id seen before (not the current one) is an error. */
  open(id: string, line: number): number {
    if (id === this.lastId) return this.last;
    if (this.byId.has(id)) this.diag.error('order', { line, field: 'request_id' }, messages.requestNotGrouped(id));
    this.last = this.ids.length;
    this.lastId = id;
    this.ids.push(id);
    this.byId.set(id, this.last);
    return this.last;
  }
}

/** A sink binding a CSV header to a flat table builder (request_index first). */
function tableSink(
  table: TableBuilder,
  csvSpecs: readonly ColumnSpec[],
  required: readonly string[],
  diag: Diagnostics,
  requestIndexOf: (id: string, line: number) => number,
  onRow: (line: number) => void,
): CsvSink {
  let bound: BoundColumn[] = [];
  let absent: ReturnType<typeof missingColumns> = [];
  let idAt = 0;
  const ri = table.cols['request_index'] as Int32Builder;
  return {
    header(columns) {
      const at = bindHeader(columns, csvSpecs, required, diag);
      idAt = at.get('request_id')!;
      bound = csvSpecs.filter((s) => s.name !== 'request_id' && at.has(s.name)).map((spec) => ({ index: at.get(spec.name)!, write: fieldWriter(table.cols[spec.name]!, spec, diag) }));
      absent = missingColumns(table, new Set(['request_index', ...at.keys()]));
    },
    record(fields, line) {
      const id = fields[idAt]!;
      if (id === '') diag.error('field', { line, field: 'request_id' }, messages.missingField);
      ri.push(requestIndexOf(id, line));
      for (let k = 0; k < bound.length; k++) {
        const c = bound[k]!;
        c.write(fields[c.index], line);
      }
      pushAbsent(absent);
      onRow(line);
    },
  };
}

function stepsSink(b: TraceBuilder, reqs: RequestIndex, diag: Diagnostics): CsvSink {
  return tableSink(b.steps, STEPS_CSV_COLUMNS, STEPS_REQUIRED, diag, (id, line) => reqs.open(id, line), (line) => b.stepLine(line));
}

function nodesSink(b: TraceBuilder, reqs: RequestIndex, diag: Diagnostics, capacity?: number): CsvSink {
  let last = -1;
  let lastId: string | null = null;
  const lookup = (id: string, line: number): number => {
    if (id === lastId) return last;
    const r = reqs.byId.get(id);
    if (r === undefined) diag.error('field', { line, field: 'request_id' }, messages.unknownRequest(id));
    if (r < last) diag.error('order', { line, field: 'request_id' }, messages.requestNotGrouped(id));
    lastId = id;
    last = r;
    return r;
  };
  return tableSink(b.nodes(capacity), NODES_CSV_COLUMNS, NODES_REQUIRED, diag, lookup, (line) => b.nodeLine(line));
}

/** Derives the requests from the step rows. */
function addRequests(b: TraceBuilder, reqs: RequestIndex): void {
  const steps = b.stepTable();
  const ri = int32(steps, 'request_index').values;
  const committed = int32(steps, 'committed_tokens').values;
  const context = int32(steps, 'context_tokens');
  const n = reqs.ids.length;
  const sums = new Float64Array(n);
  const counts = new Int32Array(n);
  const prompt: (number | null)[] = new Array(n).fill(null);
  for (let i = 0; i < steps.length; i++) {
    const r = ri[i]!;
    if (counts[r] === 0) prompt[r] = context.valid === null || context.valid[i] === 1 ? context.values[i]! : null;
    sums[r]! += committed[i]!;
    counts[r]!++;
  }
  reqs.ids.forEach((id, r) => {
    const slash = id.lastIndexOf('/');
    const turn = slash > 0 && /^\d+$/.test(id.slice(slash + 1)) ? Number(id.slice(slash + 1)) : null;
    b.addRequest({
      request_id: id,
      question_id: turn === null ? id : id.slice(0, slash),
      turn: turn ?? 0,
      prompt_tokens: prompt[r],
      output_tokens: sums[r]!,
      num_steps: counts[r]!,
    });
  });
}

function csvMeta(file: string): MetaInput {
  return { trace_id: stem(file), format: 'canonical-csv', notes: ['requests derived from steps.csv: output_tokens = sum of committed_tokens'] };
}

/** Derives the requests from the step rows and validates the trace. */
function finish(b: TraceBuilder, reqs: RequestIndex, file: string, diag: Diagnostics, opts: IngestOptions | undefined): Trace {
  addRequests(b, reqs);
  return finishTrace(b, csvMeta(file), diag, opts);
}

/** True when the table's numeric columns live in shared memory (a thread reads them without a copy). */
function shared(table: ColumnTable | null): boolean {
  if (table === null) return true;
  return Object.values(table.columns).every((c) => c.type === 'utf8' || c.values.buffer instanceof SharedArrayBuffer);
}

/**
 * Validation on a pool thread (on this one if the thread is gone, or if a table was read
 * serially: its columns would be copied to the thread, doubling the memory of a big file).
 */
function validateOn(pool: RangePool): Validator {
  return async (trace, diag, lines) => {
    if (!(shared(trace.steps) && shared(trace.nodes))) return validateTrace(trace, diag, lines);
    const r = await pool.validate({ trace, lines, file: diag.file, strict: diag.strict });
    if (r === 'died') validateTrace(trace, diag, lines);
    else if (r !== null) throw r;
  };
}

/** Pure: steps.csv text (and optionally nodes.csv text) in, trace out. */
export function fromCanonicalCsv(stepsText: string, nodesText: string | null, file = 'steps.csv', opts?: IngestOptions): Trace {
  const diag = newDiagnostics(file, opts);
  const b = new TraceBuilder();
  const reqs = new RequestIndex(diag);
  feedCsvText(stepsText, stepsSink(b, reqs, diag), diag);
  if (nodesText !== null) {
    const nd = newDiagnostics(opts?.nodes ?? 'nodes.csv', opts);
    b.nodesFile = nd.file;
    feedCsvText(nodesText, nodesSink(b, reqs, nd), nd);
    nd.warnings.forEach((w) => diag.warnings.push(w));
  }
  return finish(b, reqs, file, diag, opts);
}

/** The nodes.csv to read with a steps file: --nodes, else `nodes.csv` / `<x>.nodes.csv` beside it. */
export function nodesPathFor(stepsPath: string, opts?: IngestOptions): string | null {
  if (opts?.nodes !== undefined) return opts.nodes;
  const dir = path.dirname(stepsPath);
  const name = path.basename(stepsPath);
  const candidate = name === 'steps.csv' ? 'nodes.csv' : name.endsWith('.steps.csv') ? name.replace(/\.steps\.csv$/, '.nodes.csv') : null;
  if (candidate === null) return null;
  const p = path.join(dir, candidate);
  return fs.existsSync(p) ? p : null;
}

/** A file parsed by ranges (null: the serial reader takes it), its request ids still to resolve. */
type RangeParsed = ParallelTable | null;

/** steps.csv's header bound to its columns (throws on a missing or unknown column). */
const stepsHeader = (diag: Diagnostics) => (header: readonly string[]) => void bindHeader(header, STEPS_CSV_COLUMNS, STEPS_REQUIRED, diag);
const nodesHeader = (diag: Diagnostics) => (header: readonly string[]) => void bindHeader(header, NODES_CSV_COLUMNS, NODES_REQUIRED, diag);

/**
 * steps.csv parsed by the range parser on this thread (csv-fast.ts: no string per field); null
 * when the fast path cannot take it or finds an error: the caller then reads it with csv-parse,
 * which words the error.
 */
function parseStepsInThread(stepsPath: string, diag: Diagnostics): RangeParsed {
  return parseCsvInThread(stepsPath, STEP_COLUMNS, 'request_id', diag, stepsHeader(diag));
}

/** Sets range-parsed steps, opening a request at each new id in file order (as the csv-parse sink does). */
function attachSteps(b: TraceBuilder, reqs: RequestIndex, res: ParallelTable): void {
  // The id codes (shared memory, not needed after) become the request index in place.
  const ri = res.idCodes;
  let code = -1;
  let r = -1;
  for (let i = 0; i < ri.length; i++) {
    if (ri[i] !== code) {
      code = ri[i]!;
      r = reqs.open(res.ids[code]!, res.lines[i]!);
    }
    ri[i] = r;
  }
  b.setSteps({ length: ri.length, specs: FLAT_STEP_SPECS, columns: { request_index: { type: 'int32', values: ri, valid: null }, ...res.table.columns } }, res.lines);
}

/** Attaches worker-parsed nodes once the steps (and so the request index) are known. */
function attachNodes(b: TraceBuilder, reqs: RequestIndex, res: RangeParsed, nd: Diagnostics): boolean {
  if (res === null) return false;
  const toRequest = res.ids.map((id, c) => {
    const r = reqs.byId.get(id);
    if (r === undefined) nd.error('field', { line: res.lines[res.idCodes.indexOf(c)], field: 'request_id' }, messages.unknownRequest(id));
    return r;
  });
  // The id codes (shared memory, not needed after) become the request index in place.
  const ri = res.idCodes;
  let prev = 0;
  for (let i = 0; i < ri.length; i++) {
    const r = toRequest[ri[i]!]!;
    if (r < prev) nd.error('order', { line: res.lines[i], field: 'request_id' }, messages.requestNotGrouped(res.ids[ri[i]!]!));
    ri[i] = prev = r;
  }
  const columns = { request_index: { type: 'int32' as const, values: ri, valid: null }, ...res.table.columns };
  b.setNodes({ length: ri.length, specs: FLAT_NODE_SPECS, columns }, res.lines);
  return true;
}

/** Ranges a big nodes.csv is cut into, taken by this thread and the worker as each comes free. */
const NODE_RANGES = 8;

/** What the range parsers made of the files (null: a file the serial reader takes). */
interface RangeResults {
  readonly steps: RangeParsed;
  readonly nodes: RangeParsed;
  /** A nodes.csv header error, reported after steps.csv's own errors (as on the serial path). */
  readonly nodesError: unknown;
}

/**
 * steps.csv and a big nodes.csv parsed by ranges on this thread and the pool's worker (each
 * takes the next range as it comes free).
 */
async function parseByRanges(pool: RangePool, stepsPath: string, diag: Diagnostics, nodesPath: string, nd: Diagnostics): Promise<RangeResults> {
  const stepsPlan = planRanges(stepsPath, STEP_COLUMNS, 'request_id', diag, stepsHeader(diag), 1);
  let nodesPlan: RangePlan | null = null;
  let nodesError: unknown = null;
  try {
    nodesPlan = planRanges(nodesPath, NODE_COLUMNS, 'request_id', nd, nodesHeader(nd), NODE_RANGES);
  } catch (e) {
    nodesError = e;
  }
  const outs = await pool.parseShared([...stepsPlan.inputs, ...(nodesPlan?.inputs ?? [])]);
  const nSteps = stepsPlan.inputs.length;
  return { steps: assembleRanges(stepsPlan, outs.slice(0, nSteps)), nodes: nodesPlan === null ? null : assembleRanges(nodesPlan, outs.slice(nSteps)), nodesError };
}

/**
 * Reads steps.csv (and nodes.csv): with a nodes file big enough for a worker thread (at least
 * `parallelMinBytes`; tests lower it), this thread and the worker parse steps.csv and the nodes'
 * ranges together, then the worker validates the trace while the caller goes on (`validated`).
 */
export async function loadCanonicalCsvPending(stepsPath: string, opts?: IngestOptions, parallelMinBytes = PARALLEL_MIN_BYTES): Promise<PendingTrace> {
  const diag = newDiagnostics(stepsPath, opts);
  const b = new TraceBuilder(estimateRows(stepsPath));
  const reqs = new RequestIndex(diag);
  const nodesPath = nodesPathFor(stepsPath, opts);
  const parallel = nodesPath !== null && fs.statSync(nodesPath).size >= parallelMinBytes && parallelAvailable();
  const nd = nodesPath !== null ? newDiagnostics(nodesPath, opts) : null;
  // Large nodes files: this thread and a worker thread parse steps.csv and the nodes' ranges
  // together, then the worker validates the trace.
  const pool = parallel && nd !== null ? new RangePool(Math.min(2, os.availableParallelism()) - 1) : null;
  let handedOn = false;
  try {
    // What the ranges could not take is read serially, which words its first error.
    const ranged: RangeResults = pool !== null ? await parseByRanges(pool, stepsPath, diag, nodesPath!, nd!) : { steps: parseStepsInThread(stepsPath, diag), nodes: null, nodesError: null };
    if (ranged.steps !== null) attachSteps(b, reqs, ranged.steps);
    else await feedCsvFile(stepsPath, stepsSink(b, reqs, diag), diag);
    if (nodesPath !== null && nd !== null) {
      if (ranged.nodesError !== null) throw ranged.nodesError;
      b.nodesFile = nd.file;
      if (!attachNodes(b, reqs, ranged.nodes, nd)) await feedCsvFile(nodesPath, nodesSink(b, reqs, nd, estimateRows(nodesPath)), nd);
      nd.warnings.forEach((w) => diag.warnings.push(w));
    }
    if (pool === null) return { trace: finish(b, reqs, stepsPath, diag, opts), validated: Promise.resolve() };
    addRequests(b, reqs);
    const pending = finishTracePending(b, csvMeta(stepsPath), diag, opts, validateOn(pool));
    handedOn = true;
    const close = () => pool.close();
    pending.validated.then(close, close);
    return pending;
  } finally {
    if (!handedOn) pool?.close();
  }
}

export async function loadCanonicalCsv(stepsPath: string, opts?: IngestOptions): Promise<Trace> {
  const { trace, validated } = await loadCanonicalCsvPending(stepsPath, opts);
  await validated;
  return trace;
}

export const canonicalCsv: TraceFormat = {
  id: 'canonical-csv',
  summary: 'canonical CSV: steps.csv (+ nodes.csv beside it) written by instrumented runs',
  examples: 'see README "Canonical CSV"',
  sniff: (head) => {
    const first = head.split(/\r?\n/, 1)[0] ?? '';
    const cols = first.split(',').map((c) => c.trim());
    return cols.includes('request_id') && cols.includes('committed_tokens');
  },
  fromText: (text, file, opts) => fromCanonicalCsv(text, null, file, opts),
  load: loadCanonicalCsv,
  loadPending: loadCanonicalCsvPending,
};
