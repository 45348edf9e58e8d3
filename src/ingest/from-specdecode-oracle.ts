/**
 * SpecDecode-Bench per-position oracle files: per request `id`, `prompt_token_ids`,
 * `generated_token_ids`, and per proposer `acc_<name>.acc_len[p]` = tokens one verification
 * step commits if a round starts at output position p (includes the bonus token, >= 1).
 * `acc_len` may be shorter than the output (the positions past it are unknown) or longer (the
 * extra positions lie past the output and are never reached by a replay); both are warned.
 */
import { messages } from '../config/messages.js';
import type { TraceFormat } from './format.js';
import { finishTrace, newDiagnostics, stem } from './common.js';
import { Fields } from './fields.js';
import { JsonlRecords } from './jsonl-records.js';
import { lineAdapter } from './line-adapter.js';
import { TraceBuilder } from './trace-builder.js';

/** The method each proposer field of SpecDecode-Bench names (its simulator maps eagle3 -> acc_eagle). */
const PROPOSER_METHOD: Record<string, string> = { eagle: 'eagle3', ngram: 'ngram' };

export const specDecodeOracle: TraceFormat = {
  id: 'specdecode-oracle',
  summary: 'SpecDecode-Bench per-position acceptance oracle (acc_<proposer>.acc_len per output position)',
  examples: 'SpecDecode-Bench/simulator data/<model>/combined_<dataset>.jsonl',
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"generated_token_ids"') && /"acc_[a-z0-9_]+"\s*:/.test(head),
  ...lineAdapter((file, opts) => {
    const diag = newDiagnostics(file, opts);
    const b = new TraceBuilder();
    b.ensureOracle();
    const proposer = opts?.proposer ?? 'eagle';
    const field = `acc_${proposer}`;
    const records = new JsonlRecords(diag, 'id', (rec) => {
      const id = new Fields(diag, rec.line, undefined).id(rec.value, 'id');
      const f: Fields = new Fields(diag, rec.line, `id ${id}`, rec.nonFinite);
      const prompt = f.array(rec.value, 'prompt_token_ids');
      const generated = f.array(rec.value, 'generated_token_ids');
      const acc = f.object(rec.value, field);
      const accLen = f.counts(acc, 'acc_len', `${field}.acc_len`);
      accLen.forEach((v, i) => {
        if (v < 1) f.fail(`${field}.acc_len[${i}]`, messages.outOfRange(v, 1, Infinity));
      });
      if (accLen.length > generated.length) diag.warn('oracle-long', f.loc(`${field}.acc_len`), messages.oracleLength(accLen.length, generated.length), messages.oracleLongRepair);
      if (accLen.length < generated.length) diag.warn('oracle-short', f.loc(`${field}.acc_len`), messages.oracleLength(accLen.length, generated.length), messages.oracleShortRepair);
      const r = b.addRequest({ question_id: id, turn: 0, prompt_tokens: prompt.length, output_tokens: generated.length }, rec.line);
      b.addOracle(r, accLen);
    });
    return {
      line: records.line,
      end() {
        records.end();
        const dataset = /combined_([a-z0-9]+)/i.exec(stem(file))?.[1] ?? null;
        return finishTrace(
          b,
          {
            trace_id: `${stem(file)}-${proposer}`,
            format: 'specdecode-oracle',
            method: PROPOSER_METHOD[proposer] ?? proposer,
            dataset,
            temperature: 0,
            notes: [
              `oracle from field ${field}: committed tokens (incl. bonus) if a round starts at each output position; greedy`,
              'no per-step data: the recorded drafting is the oracle walk a replay policy chooses',
            ],
          },
          diag,
          opts,
        );
      },
    };
  }),
};
