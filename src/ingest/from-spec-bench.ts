/**
 * Spec-Bench answer files (EAGLE, SpS, Medusa, Hydra, SWIFT, vanilla, ...): per question,
 * `choices[0].accept_lengths` is a flat list over all turns of the tokens committed at each
 * step, split by `decoding_steps[i]`; per turn, the list sums to `new_tokens[i]`.
 *
 * REST variant (FasterDecoding/REST): the key is spelled `"accept_lengths:"` (with the colon),
 * steps per turn are `idxs[i] + 1`, a step may commit 0 tokens, and for REST runs a turn's
 * list sums to `new_tokens[i] - 1` (the token produced by prefill is not counted; recorded as
 * `uncounted_tokens = 1`). REST's own baseline file sums to `new_tokens[i]`.
 */
import { messages } from '../config/messages.js';
import type { TraceFormat } from './format.js';
import { finishTrace, newDiagnostics, resolveTree, stem } from './common.js';
import { readAnswerRecord, RunIdentity } from './answer-record.js';
import { JsonlRecords } from './jsonl-records.js';
import { lineAdapter } from './line-adapter.js';
import { TraceBuilder } from './trace-builder.js';

const STANDARD_KEY = 'accept_lengths';
const REST_KEY = 'accept_lengths:';

export const specBench: TraceFormat = {
  id: 'spec-bench',
  summary: 'Spec-Bench answer files: per-step committed tokens (accept_lengths), incl. the REST variant',
  examples: 'Spec-Bench data/spec_bench/model_answer/*.jsonl; FasterDecoding/REST llm_judge/.../model_answer/*.jsonl',
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"choices"') && head.includes('"accept_lengths'),
  ...lineAdapter((file, opts) => {
    const diag = newDiagnostics(file, opts);
    const b = new TraceBuilder();
    const tree = resolveTree(opts, diag);
    if (tree) b.trees.push(tree);
    const run = new RunIdentity(stem(file), diag);
    const method = () => opts?.method ?? run.resolved().method;
    let sawRest = false;
    const records = new JsonlRecords(diag, 'question_id', (rec) => {
      const a = readAnswerRecord(rec, diag);
      if (a === null) return;
      run.check(a.modelId, a.line);
      const f = a.fields;
      const isRest = a.choice[REST_KEY] !== undefined;
      sawRest ||= isRest;
      const key = isRest ? REST_KEY : STANDARD_KEY;
      const path = `choices[0].${key}`;
      if (a.choice[key] === undefined) f.fail(`choices[0].${STANDARD_KEY}`, messages.missingField + ' (a per-turn answer file? use --format per-turn)');
      const list = f.counts(a.choice, key, path);
      const stepsPerTurn = isRest
        ? f.counts(a.choice, 'idxs', 'choices[0].idxs').map((x) => x + 1)
        : f.counts(a.choice, 'decoding_steps', 'choices[0].decoding_steps');
      const stepsField = isRest ? 'choices[0].idxs' : 'choices[0].decoding_steps';
      if (stepsPerTurn.length !== a.turnCount) f.fail(stepsField, messages.lengthMismatch(stepsField, stepsPerTurn.length, a.turnCount, 'turns'));
      const total = stepsPerTurn.reduce((s, x) => s + x, 0);
      if (list.length === 0 && a.newTokens.some((t, i) => t > 0 && !a.failed[i])) {
        diag.warn('empty-steps', f.loc(path), messages.emptySteps(a.newTokens.reduce((s, x) => s + x, 0)), messages.emptyStepsRepair);
        for (let t = 0; t < a.turnCount; t++) {
          b.addRequest({ question_id: a.questionId, turn: t, category: a.category, output_tokens: a.newTokens[t]!, num_steps: stepsPerTurn[t]!, wall_time_s: a.wallTime[t]!, status: 'error' }, a.line);
        }
        return;
      }
      if (list.length !== total) f.fail(path, messages.stepCount(list.length, total));
      const restRun = method() === 'rest';
      const offset = restRun ? 1 : 0;
      const vanilla = method() === 'vanilla';
      let at = 0;
      for (let t = 0; t < a.turnCount; t++) {
        const n = stepsPerTurn[t]!;
        const slice = list.slice(at, at + n);
        at += n;
        if (a.failed[t]) {
          b.addRequest({ question_id: a.questionId, turn: t, category: a.category, output_tokens: a.newTokens[t]!, num_steps: n, wall_time_s: a.wallTime[t]!, status: 'error' }, a.line);
          continue;
        }
        const sum = slice.reduce((s, x) => s + x, 0);
        if (sum + offset !== a.newTokens[t]) f.fail(path, messages.turnSum(t, sum, a.newTokens[t]!, offset));
        const r = b.addRequest(
          { question_id: a.questionId, turn: t, category: a.category, output_tokens: a.newTokens[t]!, uncounted_tokens: offset, num_steps: n, wall_time_s: a.wallTime[t]!, status: 'ok' },
          a.line,
        );
        slice.forEach((c, s) => {
          if (c === 0 && !restRun) f.fail(`${path}[${at - n + s}]`, messages.zeroCommit(c));
          const draft = tree ? tree.parents.length - 1 : vanilla ? 0 : null;
          b.addStep(r, { step: s, committed_tokens: c, accepted_tokens: Math.max(0, c - 1), draft_tokens: draft }, a.line);
        });
      }
    });
    return {
      line: records.line,
      end() {
        records.end();
        const id = run.resolved();
        const notes = ['committed_tokens = accept_lengths (accepted draft tokens + 1 bonus/correction token); accepted_tokens = committed - 1'];
        if (sawRest) notes.push('REST variant: key "accept_lengths:", steps per turn = idxs + 1' + (method() === 'rest' ? '; a step may commit 0; per-turn sum = new_tokens - 1 (uncounted_tokens = 1)' : ''));
        if (tree) notes.push(messages.noteTreeVerified(tree.id, tree.parents.length - 1));
        return finishTrace(
          b,
          {
            trace_id: stem(file),
            format: 'spec-bench',
            method: id.method,
            target_model: id.target,
            draft_model: id.draft,
            dtype: id.dtype,
            temperature: id.temperature,
            tree_template_id: tree?.id ?? null,
            committed_includes_bonus: true,
            notes,
          },
          diag,
          opts,
        );
      },
    };
  }),
};
