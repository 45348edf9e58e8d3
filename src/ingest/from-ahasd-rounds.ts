/**
 * AHASD-style per-round CSV (`round,draft_length,avg_entropy,accepted_length`, the schema of
 * AHASD's gen_acceptance_trace.py): one row per drafting round of one generation. Rounds
 * must be consecutive (0- or 1-based); step = round index from 0, committed = accepted + 1
 * (accepted tokens plus the correction/bonus token). An optional `request_id` column splits
 * several generations.
 */
import { messages } from '../config/messages.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import { TableBuilder } from '../schema/columns.js';
import type { Trace } from '../trace/trace.js';
import { finishTrace, newDiagnostics, stem } from './common.js';
import { bindHeader, fieldWriter, type FieldWriter } from './csv-columns.js';
import { feedCsvFile, feedCsvText, type CsvSink } from './csv-source.js';
import type { Diagnostics } from './diagnostics.js';
import type { IngestOptions, TraceFormat } from './format.js';
import { TraceBuilder } from './trace-builder.js';

const COLUMNS: readonly ColumnSpec[] = [
  { name: 'request_id', type: 'utf8', nullable: true, doc: 'generation id (optional)' },
  { name: 'round', type: 'int32', nullable: false, doc: 'drafting round' },
  { name: 'draft_length', type: 'int32', nullable: false, doc: 'tokens drafted this round' },
  { name: 'avg_entropy', type: 'float64', nullable: true, doc: 'mean draft entropy of the round' },
  { name: 'accepted_length', type: 'int32', nullable: false, doc: 'draft tokens accepted' },
];

function sink(rows: TableBuilder, lines: number[], diag: Diagnostics): CsvSink {
  let bound: { index: number | undefined; write: FieldWriter }[] = [];
  return {
    header(cols) {
      const at = bindHeader(cols, COLUMNS, ['round', 'draft_length', 'accepted_length'], diag);
      bound = COLUMNS.map((spec) => ({ index: at.get(spec.name), write: fieldWriter(rows.cols[spec.name]!, spec, diag) }));
    },
    record(fields, line) {
      for (const c of bound) c.write(c.index === undefined ? undefined : fields[c.index], line);
      lines.push(line);
    },
  };
}

function build(rows: TableBuilder, lines: readonly number[], file: string, diag: Diagnostics, opts: IngestOptions | undefined): Trace {
  const b = new TraceBuilder();
  const id = rows.str('request_id');
  const round = rows.int('round');
  const draft = rows.int('draft_length');
  const acc = rows.int('accepted_length');
  const ent = rows.f64('avg_entropy');
  const n = rows.length;
  let i = 0;
  const seen = new Set<string>();
  while (i < n) {
    const rid = id.get(i) ?? 'round-trace';
    if (seen.has(rid)) diag.error('order', { line: lines[i], field: 'request_id' }, messages.requestNotGrouped(rid));
    seen.add(rid);
    let j = i;
    while (j < n && (id.get(j) ?? 'round-trace') === rid) j++;
    const base = round.get(i)!;
    if (base !== 0 && base !== 1) diag.error('field', { line: lines[i], field: 'round' }, messages.outOfRange(base, 0, 1) + ' (the first round)');
    let total = 0;
    for (let k = i; k < j; k++) {
      if (round.get(k) !== base + (k - i)) diag.error('field', { line: lines[k], field: 'round' }, messages.stepNumbering(rid, round.get(k)!, base + (k - i)));
      const a = acc.get(k)!;
      const d = draft.get(k)!;
      if (a > d) diag.error('accepted-over-drafted', { line: lines[k], field: 'accepted_length' }, messages.acceptedOverDrafted(a, d));
      total += a + 1;
    }
    const r = b.addRequest({ question_id: rid, turn: 0, output_tokens: total, num_steps: j - i }, lines[i]);
    for (let k = i; k < j; k++) {
      b.addStep(r, { step: k - i, draft_tokens: draft.get(k), accepted_tokens: acc.get(k), committed_tokens: acc.get(k)! + 1, draft_entropy_mean: ent.get(k) }, lines[k]);
    }
    i = j;
  }
  return finishTrace(
    b,
    { trace_id: stem(file), format: 'ahasd-rounds', notes: ['per-round trace: committed = accepted_length + 1; output_tokens = the sum of committed'] },
    diag,
    opts,
  );
}

export const ahasdRounds: TraceFormat = {
  id: 'ahasd-rounds',
  summary: 'AHASD-style per-round CSV: round, draft_length, avg_entropy, accepted_length',
  examples: 'MAdrid1011/AHASD scripts/gen_acceptance_trace.py output',
  sniff: (head) => {
    const cols = (head.split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim());
    return cols.includes('round') && cols.includes('draft_length') && cols.includes('accepted_length');
  },
  fromText(text, file, opts) {
    const diag = newDiagnostics(file, opts);
    const rows = new TableBuilder(COLUMNS);
    const lines: number[] = [];
    feedCsvText(text, sink(rows, lines, diag), diag);
    return build(rows, lines, file, diag, opts);
  },
  async load(path, opts) {
    const diag = newDiagnostics(path, opts);
    const rows = new TableBuilder(COLUMNS);
    const lines: number[] = [];
    await feedCsvFile(path, sink(rows, lines, diag), diag);
    return build(rows, lines, path, diag, opts);
  },
};
