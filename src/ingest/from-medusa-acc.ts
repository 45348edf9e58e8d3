/**
 * Medusa per-head top-k accuracies (`assets/medusa_acc.csv`, a Weights & Biases export of
 * the head-training runs): one row per run (`Name`: 7b, 13b, 33b) with
 * `train/medusa{k}_top{j}` = training-set top-j accuracy of head k (predicting token t+k+2,
 * i.e. tree depth k+1). Each row becomes acceptance model `medusa-acc-<Name>` of kind
 * head-topk-cumulative (depth = k + 1, rank = j, probability = top-j accuracy).
 */
import * as fs from 'node:fs';
import { messages } from '../config/messages.js';
import type { AcceptanceEntry } from '../schema/trace-schema.js';
import { finishTrace, newDiagnostics, stem } from './common.js';
import type { TraceFormat } from './format.js';
import { TraceBuilder } from './trace-builder.js';
import { feedCsvText } from './csv-source.js';

const ACC = /^train\/medusa(\d+)_top(\d+)$/;

export const medusaAcc: TraceFormat = {
  id: 'medusa-acc',
  summary: 'Medusa per-head top-k accuracies (medusa_acc.csv) as acceptance models',
  examples: 'FasterDecoding/Medusa assets/medusa_acc.csv',
  sniff: (head) => head.includes('train/medusa0_top1'),
  fromText(text, file, opts) {
    const diag = newDiagnostics(file, opts);
    let header: readonly string[] = [];
    const rows: { fields: readonly string[]; line: number }[] = [];
    feedCsvText(text, { header: (h) => (header = h), record: (fields, line) => rows.push({ fields, line }) }, diag);
    const nameAt = header.indexOf('Name');
    if (nameAt < 0) diag.error('header', { line: 1, field: 'Name' }, messages.missingColumn('Name', ['Name', 'train/medusa{k}_top{j}']));
    const stateAt = header.indexOf('State');
    const accCols = header.flatMap((h, i) => {
      const m = ACC.exec(h);
      return m ? [{ i, head: Number(m[1]), k: Number(m[2]), name: h }] : [];
    });
    if (accCols.length === 0) diag.error('header', { line: 1, field: 'train/medusa0_top1' }, messages.missingColumn('train/medusa0_top1', ['train/medusa{k}_top{j}']));
    const b = new TraceBuilder();
    for (const { fields, line } of rows) {
      const name = fields[nameAt]!;
      const state = stateAt >= 0 ? fields[stateAt]! : '';
      if (state !== '' && state !== 'finished') diag.warn('failed-run', { line, record: name, field: 'State' }, messages.failedRun(name, state), messages.failedRunRepair);
      const entries: AcceptanceEntry[] = accCols.map((c) => {
        const p = Number(fields[c.i]);
        if (fields[c.i] === '' || Number.isNaN(p)) diag.error('field', { line, record: name, field: c.name }, messages.wrongType('a probability', fields[c.i]));
        if (p < 0 || p > 1) diag.error('field', { line, record: name, field: c.name }, messages.probabilityRange(p));
        return { depth: c.head + 1, rank: c.k, probability: p };
      });
      entries.sort((x, y) => x.depth! - y.depth! || x.rank - y.rank);
      for (let e = 1; e < entries.length; e++) {
        const [p, q] = [entries[e - 1]!, entries[e]!];
        if (p.depth === q.depth && q.probability < p.probability) {
          diag.error('field', { line, record: name, field: `train/medusa${q.depth! - 1}_top${q.rank}` }, `top-${q.rank} accuracy ${q.probability} < top-${p.rank} accuracy ${p.probability}: top-k accuracies must not decrease with k`);
        }
      }
      b.acceptanceModels.push({
        id: `medusa-acc-${name}`,
        kind: 'head-topk-cumulative',
        entries,
        source: `${stem(file)}.csv row ${line}`,
        notes: 'training-set top-k accuracy of Medusa head k (depth k+1); cumulative over k',
      });
    }
    return finishTrace(b, { trace_id: stem(file), format: 'medusa-acc', method: 'medusa' }, diag, opts);
  },
  load: async (path, opts) => medusaAcc.fromText(fs.readFileSync(path, 'utf8'), path, opts),
};
