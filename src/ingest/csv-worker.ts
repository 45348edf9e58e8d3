/**
 * One byte range of a CSV file (whole records, no header) into typed columns: the numeric and
 * bool columns straight into shared storage at the range's rows, string columns posted back,
 * the id column dictionary-encoded. Runs on the calling thread (the fast path alone:
 * `parseRangeFastOnly`) or on a worker thread, which takes ranges by claiming them
 * (`ClaimRequest`) and validates a trace (validate-thread.ts). Errors and warnings carry line
 * numbers relative to the range (the caller knows where the range starts once every earlier
 * range has counted its lines).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { messages } from '../config/messages.js';
import { Int32Builder, TableBuilder, type ColumnStorage, type Utf8Builder } from '../schema/columns.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import { fieldWriter, missingColumns, pushAbsent, type BoundColumn } from './csv-columns.js';
import { parseFast, type FastColumn } from './csv-fast.js';
import { MAX_LINE_CHARS } from './lines.js';
import { Diagnostics, IngestError, type Location } from './diagnostics.js';
import type { ValidateRequest } from './validate-thread.js';

export interface CsvWorkerInput {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly fileName: string;
  readonly strict: boolean;
  readonly header: readonly string[];
  /** Specs of the columns to build (the id column excluded). */
  readonly specs: readonly ColumnSpec[];
  readonly idColumn: string;
  /** Rows this range holds (its line count) and where they go in the shared columns. */
  readonly rowOffset: number;
  readonly rowCount: number;
  /** Shared storage of every column (values and validity), for all ranges. */
  readonly storage: Readonly<Record<string, { values: SharedArrayBuffer; valid: SharedArrayBuffer | null }>>;
  /** Shared storage of the id codes. */
  readonly codes: SharedArrayBuffer;
}

export interface RawWarning {
  readonly code: string;
  readonly loc: Location;
  readonly detail: string;
  readonly repair: string;
}

export type CsvWorkerOutput =
  | { readonly ok: true; readonly dict: string[]; readonly newlines: number; readonly warnings: RawWarning[]; readonly text: Record<string, (string | null)[]> }
  | { readonly ok: false; readonly code: string; readonly loc: Location; readonly detail: string; readonly newlines: number };

/** A range that failed with no place in the file to point at (not plain, a thread that died, an internal error). */
export function unlocatedFailure(code: string, detail: string): CsvWorkerOutput {
  return { ok: false, code, loc: {}, detail, newlines: 0 };
}

/** The code a range reports when its rows do not match its line count (blank lines, quoted newlines). */
export const ROW_COUNT_MISMATCH = 'row-count';
/** The code of a range the fast path could not take (`parseRangeFastOnly`). */
export const NOT_PLAIN = 'not-plain';

const BYTES = { int32: 4, float64: 8, bool: 1, utf8: 0 } as const;

/** Views of a range's rows in the shared storage. */
function views(input: CsvWorkerInput): Record<string, ColumnStorage> {
  const out: Record<string, ColumnStorage> = {};
  const { rowOffset: o, rowCount: n } = input;
  for (const spec of input.specs) {
    if (spec.type === 'utf8') continue; // strings are built by the range and posted back
    const st = input.storage[spec.name]!;
    const values =
      spec.type === 'int32' ? new Int32Array(st.values, o * BYTES.int32, n) : spec.type === 'float64' ? new Float64Array(st.values, o * BYTES.float64, n) : new Uint8Array(st.values, o, n);
    out[spec.name] = { values, valid: st.valid ? new Uint8Array(st.valid, o, n) : null };
  }
  return out;
}

/** Ids in the order first met, and the code (place) of an id, added on first sight. */
export function idDictionary(): { readonly ids: string[]; code(id: string): number } {
  const ids: string[] = [];
  const codes = new Map<string, number>();
  return {
    ids,
    code(id) {
      let c = codes.get(id);
      if (c === undefined) {
        c = ids.length;
        ids.push(id);
        codes.set(id, c);
      }
      return c;
    },
  };
}

/** Zeroes the range's rows of every column (values, validity) and of the id codes. */
function clearRange(input: CsvWorkerInput): void {
  for (const st of Object.values(views(input))) {
    st.values.fill(0);
    st.valid?.fill(0);
  }
  new Int32Array(input.codes, input.rowOffset * 4, input.rowCount).fill(0);
}

/** Records warnings raw (line relative to the range) instead of formatting them. */
class RangeDiagnostics extends Diagnostics {
  readonly raw: RawWarning[] = [];
  override warn(code: string, loc: Location, detail: string, repair: string): void {
    if (this.strict) super.warn(code, loc, detail, repair);
    this.raw.push({ code, loc, detail, repair });
  }
}

/**
 * Parses the range: by the byte-level fast path when the range is plain and every record
 * takes it (csv-fast.ts), else by csv-parse from scratch (same table, same errors).
 */
export async function parseRange(input: CsvWorkerInput, fast = true): Promise<CsvWorkerOutput> {
  if (fast) {
    const out = parseRangeFastOnly(input);
    if (out.ok || out.code !== NOT_PLAIN) return out;
  }
  return parseRangeSlow(input);
}

/** The byte-level fast path alone, synchronously: a range it cannot take answers NOT_PLAIN (its rows zeroed again). */
export function parseRangeFastOnly(input: CsvWorkerInput): CsvWorkerOutput {
  const out = parseRangeFast(input);
  if (out !== null) return out;
  clearRange(input); // the csv-parse path writes absent values as untouched zeros
  return unlocatedFailure(NOT_PLAIN, 'not a plain range');
}

/** Ranges parsed by claiming: each thread takes the next index of `next` (shared) until none is left. */
export interface ClaimRequest {
  readonly kind: 'claim';
  readonly inputs: readonly CsvWorkerInput[];
  readonly next: Int32Array;
}

/** The outputs of the ranges this thread claimed, by index. */
export interface ClaimReply {
  readonly ok: true;
  readonly claimed: readonly (readonly [number, CsvWorkerOutput])[];
}

/** The next unclaimed index of `next` (an atomic add: two threads never take the same one). */
export function claimNext(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

async function parseClaimed(req: ClaimRequest): Promise<ClaimReply> {
  const claimed: [number, CsvWorkerOutput][] = [];
  for (let i = claimNext(req.next); i < req.inputs.length; i = claimNext(req.next)) claimed.push([i, await parseRange(req.inputs[i]!)]);
  return { ok: true, claimed };
}

/** A range's builders over its rows of the shared storage, and its diagnostics. */
function rangeBuilders(input: CsvWorkerInput) {
  const diag = new RangeDiagnostics(input.fileName, input.strict);
  const storage = views(input);
  const table = new TableBuilder(input.specs, input.rowCount, storage);
  const codeStorage = { values: new Int32Array(input.codes, input.rowOffset * 4, input.rowCount), valid: null };
  const codes = new Int32Builder(false, input.rowCount, codeStorage);
  /** Whether every row landed in its place (a blank line or a quoted newline moves them). */
  const inPlace = () =>
    codes.length === input.rowCount &&
    codes.inPlace(codeStorage) &&
    input.specs.every((s) => (s.type === 'utf8' ? table.cols[s.name]!.length === input.rowCount : (table.cols[s.name] as Int32Builder).inPlace(storage[s.name]!)));
  /** The range's string columns (the numeric ones are in the shared storage). */
  const text = (): Record<string, (string | null)[]> =>
    Object.fromEntries(input.specs.filter((s) => s.type === 'utf8').map((s) => [s.name, (table.cols[s.name] as Utf8Builder).finish().values as (string | null)[]]));
  const at = new Map(input.header.map((h, i) => [h.trim(), i]));
  const absent = missingColumns(table, new Set(at.keys()));
  // The range's own dictionary of ids (the caller merges the ranges').
  const { ids: dict, code: intern } = idDictionary();
  return { diag, table, codes, codeStorage, storage, inPlace, text, at, absent, dict, intern };
}

/** The fast path over the range; null when it gives up (nothing it wrote is kept). */
function parseRangeFast(input: CsvWorkerInput): CsvWorkerOutput | null {
  const { diag, table, codes, codeStorage, storage, inPlace, text, at, absent, dict, intern } = rangeBuilders(input);
  const columns: (FastColumn | null)[] = input.header.map(() => null);
  const inPlaceBuilders: { length: number }[] = [];
  // A column the header lacks is null (false) in every row: a nullable numeric or a bool one
  // already is in the zeroed storage, a string one is filled at the end; any other per record.
  const atEnd = absent.filter((b) => b.type === 'bool' || b.nullable);
  const perRecord = absent.filter((b) => !atEnd.includes(b));
  for (const s of input.specs) {
    const i = at.get(s.name);
    if (i === undefined) continue;
    const b = table.cols[s.name]!;
    const slow = fieldWriter(b, s, diag);
    const st = storage[s.name]!;
    if (b.type === 'utf8') columns[i] = { kind: 'text', slow };
    else {
      inPlaceBuilders.push(b);
      columns[i] =
        b.type === 'int32'
          ? { kind: 'int32', values: st.values as Int32Array, valid: st.valid, builder: b, slow }
          : b.type === 'float64'
            ? { kind: 'float64', values: st.values as Float64Array, valid: st.valid, builder: b, slow }
            : { kind: 'bool', values: st.values as Uint8Array, builder: b, slow };
    }
  }
  const range = {
    path: input.path,
    start: input.start,
    end: input.end,
    width: input.header.length,
    columns,
    idAt: at.get(input.idColumn)!,
    codes: codeStorage.values,
    intern,
    afterRecord: perRecord.length > 0 ? () => pushAbsent(perRecord) : null,
    maxLineBytes: MAX_LINE_CHARS,
    newlines: 0,
  };
  let rows: number;
  try {
    rows = parseFast(range);
  } catch (e) {
    // A located error ends the range (its newlines are not used, as on the csv-parse path).
    if (e instanceof IngestError) return { ok: false, code: e.code, loc: e.loc, detail: e.detail, newlines: 0 };
    throw e;
  }
  if (rows < 0) return null;
  // The rows were written in place: the builders hold them all.
  for (const b of inPlaceBuilders) b.length = rows;
  for (const b of atEnd) {
    if (b.type === 'utf8') for (let i = 0; i < rows; i++) b.push(null);
    else b.length = rows;
  }
  codes.length = rows;
  if (!inPlace()) return null;
  return { ok: true, dict, newlines: range.newlines, warnings: diag.raw, text: text() };
}

async function parseRangeSlow(input: CsvWorkerInput): Promise<CsvWorkerOutput> {
  const { diag, table, codes, inPlace, text, at, absent, dict, intern } = rangeBuilders(input);
  const idAt = at.get(input.idColumn)!;
  const bound: BoundColumn[] = input.specs.filter((s) => at.has(s.name)).map((s) => ({ index: at.get(s.name)!, write: fieldWriter(table.cols[s.name]!, s, diag) }));
  let lastId: string | null = null;
  let lastCode = -1;
  let newlines = 0;
  try {
    // csv-parse is loaded only for a range the fast path hands back (a worker starts faster without it).
    const { feedCsvFile } = await import('./csv-source.js');
    newlines = await feedCsvFile(
      input.path,
      {
        header: () => undefined,
        record(fields, line) {
          const id = fields[idAt]!;
          if (id !== lastId) {
            if (id === '') diag.error('field', { line, field: input.idColumn }, messages.missingField);
            lastId = id;
            lastCode = intern(id);
          }
          codes.push(lastCode);
          for (let k = 0; k < bound.length; k++) bound[k]!.write(fields[bound[k]!.index], line);
          pushAbsent(absent);
        },
      },
      diag,
      { start: input.start, end: input.end, firstLine: 1 },
    );
  } catch (e) {
    if (e instanceof IngestError) return { ok: false, code: e.code, loc: e.loc, detail: e.detail, newlines };
    throw e;
  }
  if (!inPlace()) return { ok: false, code: ROW_COUNT_MISMATCH, loc: {}, detail: `${codes.length} records for ${input.rowCount} lines`, newlines };
  return { ok: true, dict, newlines, warnings: diag.raw, text: text() };
}

// A worker is started before its ranges are known (its start-up overlaps the caller's scan of
// the files) and is handed the ranges to claim in a message; once the files are parsed, it may
// be handed the trace to validate (validate-thread.ts, loaded then).
if (parentPort !== null && (workerData as { csvWorker?: boolean } | null | undefined)?.csvWorker === true) {
  const port = parentPort;
  port.on('message', (input: ClaimRequest | ValidateRequest) => {
    const job = input.kind === 'claim' ? parseClaimed(input) : import('./validate-thread.js').then((m) => m.validateRequest(input));
    job.then(
      (out) => port.postMessage(out),
      (e: unknown) => port.postMessage(unlocatedFailure('internal', String((e as Error).stack ?? e))),
    );
  });
}
