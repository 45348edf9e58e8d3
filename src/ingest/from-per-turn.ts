/**
 * Per-turn answer files (EAGLE, Medusa, FastChat `llm_judge` model answers): per turn only
 * `idxs[i]` (the last loop index: steps = idxs + 1), `new_tokens[i]` and `wall_time[i]`.
 * No per-step list: requests carry num_steps and output_tokens, and the step table is empty.
 */
import { messages } from '../config/messages.js';
import type { TraceFormat } from './format.js';
import { finishTrace, newDiagnostics, resolveTree, stem } from './common.js';
import { readAnswerRecord, RunIdentity } from './answer-record.js';
import { JsonlRecords } from './jsonl-records.js';
import { lineAdapter } from './line-adapter.js';
import { TraceBuilder } from './trace-builder.js';

export const perTurn: TraceFormat = {
  id: 'per-turn',
  summary: 'EAGLE / Medusa / FastChat answer files: per-turn steps (idxs + 1), tokens and wall time only',
  examples: 'FasterDecoding/Medusa llm_judge/data/mt_bench/model_answer/*.jsonl; SafeAILab/EAGLE outputs',
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"choices"') && head.includes('"idxs"') && !head.includes('"accept_lengths'),
  ...lineAdapter((file, opts) => {
    const diag = newDiagnostics(file, opts);
    const b = new TraceBuilder();
    const tree = resolveTree(opts, diag);
    if (tree) b.trees.push(tree);
    const run = new RunIdentity(stem(file), diag);
    const records = new JsonlRecords(diag, 'question_id', (rec) => {
      const a = readAnswerRecord(rec, diag);
      if (a === null) return;
      run.check(a.modelId, a.line);
      const idxs = a.fields.counts(a.choice, 'idxs', 'choices[0].idxs');
      if (idxs.length !== a.turnCount) a.fields.fail('choices[0].idxs', messages.lengthMismatch('idxs', idxs.length, a.turnCount, 'turns'));
      for (let t = 0; t < a.turnCount; t++) {
        b.addRequest(
          {
            question_id: a.questionId,
            turn: t,
            category: a.category,
            output_tokens: a.newTokens[t]!,
            num_steps: idxs[t]! + 1,
            wall_time_s: a.wallTime[t]!,
            status: a.failed[t] ? 'error' : 'ok',
          },
          a.line,
        );
      }
    });
    return {
      line: records.line,
      end() {
        records.end();
        const id = run.resolved();
        return finishTrace(
          b,
          {
            trace_id: stem(file),
            format: 'per-turn',
            method: id.method,
            target_model: id.target,
            draft_model: id.draft,
            dtype: id.dtype,
            temperature: id.temperature,
            tree_template_id: tree?.id ?? null,
            notes: ['per-turn summaries only: num_steps = idxs + 1, no per-step committed lengths'],
          },
          diag,
          opts,
        );
      },
    };
  }),
};
