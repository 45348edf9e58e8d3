/**
 * Per-step draft entropy / margin logs (the EAGLE-3 draft-length audit's shape):
 * `{target, eagle_head, max_k, gens: [{workload, steps: [{ent[], margin[], acc, ndraft}]}]}`.
 * Each generation becomes a request; each step drafts a chain of `ndraft` tokens of which
 * `acc` were accepted (committed = acc + 1). When `ent`/`margin` hold one value per drafted
 * token they become per-node signals of the chain (node j+1 = drafted position j, accepted
 * iff j < acc) and the step's mean entropy; otherwise the step keeps its counts only.
 */
import { messages } from '../config/messages.js';
import type { TraceFormat } from './format.js';
import { finishTrace, stem } from './common.js';
import { Fields } from './fields.js';
import { jsonAdapter } from './json-adapter.js';
import { TraceBuilder } from './trace-builder.js';

export const eagle3PerStep: TraceFormat = {
  id: 'eagle3-perstep',
  summary: 'per-step draft entropy/margin logs ({gens: [{steps: [{ent, margin, acc, ndraft}]}]})',
  examples: 'pramodjella/speculative-decoding-draft-length-audit results/eagle3_perstep_*.json',
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"gens"') && head.includes('"ndraft"'),
  ...jsonAdapter((doc, file, diag, opts) => {
    const root = doc.value as Record<string, unknown>;
    const f: Fields = new Fields(diag, 1, undefined, doc.nonFinite);
    if (root === null || typeof root !== 'object' || Array.isArray(root)) diag.error('format', {}, messages.wrongType('an object with "gens"', root));
    const gens = f.array(root, 'gens');
    const b = new TraceBuilder();
    let dropped = 0;
    gens.forEach((g, gi) => {
      const gp = `gens[${gi}]`;
      if (g === null || typeof g !== 'object' || Array.isArray(g)) f.fail(gp, messages.wrongType('an object', g));
      const gen = g as Record<string, unknown>;
      const steps = f.array(gen, 'steps', `${gp}.steps`);
      const rows = steps.map((s, si) => {
        const sp = `${gp}.steps[${si}]`;
        if (s === null || typeof s !== 'object' || Array.isArray(s)) f.fail(sp, messages.wrongType('an object', s));
        const st = s as Record<string, unknown>;
        const ndraft = f.count(st['ndraft'], `${sp}.ndraft`);
        const acc = f.count(st['acc'], `${sp}.acc`);
        if (acc > ndraft) f.fail(`${sp}.acc`, messages.acceptedOverDrafted(acc, ndraft));
        const ent = (f.optionalArray(st, 'ent', `${sp}.ent`) ?? []).map((x, j) => f.number(x, `${sp}.ent[${j}]`));
        const margin = (f.optionalArray(st, 'margin', `${sp}.margin`) ?? []).map((x, j) => f.number(x, `${sp}.margin[${j}]`));
        let signals = ent.length === ndraft && margin.length === ndraft && ndraft > 0;
        if (!signals && (ent.length > 0 || margin.length > 0)) {
          diag.warn('signal-length', { field: `${sp}.ent` }, messages.signalLength('ent/margin', Math.max(ent.length, margin.length), ndraft), messages.signalLengthRepair);
          dropped++;
          signals = false;
        }
        return { ndraft, acc, ent, margin, signals };
      });
      const total = rows.reduce((s, r) => s + r.acc + 1, 0);
      const workload = f.optionalString(gen, 'workload', `${gp}.workload`);
      const r = b.addRequest({ question_id: `gen${gi}`, turn: 0, category: workload, output_tokens: total, num_steps: rows.length });
      rows.forEach((row, s) => {
        const mean = row.signals ? row.ent.reduce((a, x) => a + x, 0) / row.ndraft : null;
        b.addStep(r, { step: s, draft_tokens: row.ndraft, accepted_tokens: row.acc, committed_tokens: row.acc + 1, draft_entropy_mean: mean });
        if (!row.signals) return;
        b.addNode(r, { step: s, node: 0, parent: -1, depth: 0, rank: 0, accepted: true });
        for (let j = 0; j < row.ndraft; j++) {
          b.addNode(r, { step: s, node: j + 1, parent: j, depth: j + 1, rank: 0, draft_entropy: row.ent[j], margin: row.margin[j], accepted: j < row.acc });
        }
      });
    });
    const notes = ['chain drafting: committed = acc + 1; output_tokens = the sum of committed (the source has no per-turn length)'];
    if (dropped > 0) notes.push(messages.noteDroppedSignals(dropped));
    return finishTrace(
      b,
      {
        trace_id: stem(file),
        format: 'eagle3-perstep',
        method: 'eagle3',
        target_model: f.optionalString(root, 'target'),
        draft_model: f.optionalString(root, 'eagle_head'),
        temperature: 0,
        notes,
      },
      diag,
      opts,
    );
  }),
};
