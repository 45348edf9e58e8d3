/**
 * What every FastChat-style answer file (Spec-Bench, EAGLE, Medusa, REST, FastChat) shares:
 * one JSON object per question with `question_id`, optional `category` and `model_id`, and
 * `choices[0]` holding per-turn `turns` (text), `new_tokens` and `wall_time`.
 */
import { messages } from '../config/messages.js';
import type { Diagnostics } from './diagnostics.js';
import { Fields } from './fields.js';
import type { JsonRecord } from './jsonl-records.js';
import { parseRunName, runNamesDisagree, type RunName } from './run-name.js';

/** Turn texts FastChat and Spec-Bench write when a generation failed. */
const ERROR_TEXTS = new Set(['ERROR', '$ERROR$']);

export interface AnswerRecord {
  readonly questionId: string;
  readonly category: string | null;
  readonly modelId: string | null;
  readonly choice: Record<string, unknown>;
  readonly fields: Fields;
  readonly line: number;
  readonly turnCount: number;
  readonly newTokens: readonly number[];
  readonly wallTime: readonly (number | null)[];
  /** Per turn: true when the turn's text says the generation failed. */
  readonly failed: readonly boolean[];
}

/** Parses the shared part of an answer record; null when the record is an empty (failed) run. */
export function readAnswerRecord(rec: JsonRecord, diag: Diagnostics): AnswerRecord | null {
  const probe = new Fields(diag, rec.line, undefined, rec.nonFinite);
  const questionId = probe.id(rec.value, 'question_id');
  const f: Fields = new Fields(diag, rec.line, `question ${questionId}`, rec.nonFinite);
  const choices = f.array(rec.value, 'choices');
  if (choices.length === 0) {
    diag.warn('empty-run', f.loc('choices'), messages.emptyRun, messages.emptyRunRepair);
    return null;
  }
  const choice = f.object(choices as unknown as Record<string, unknown>, '0', 'choices[0]');
  const turns = f.array(choice, 'turns', 'choices[0].turns');
  if (turns.length === 0) {
    diag.warn('empty-run', f.loc('choices[0].turns'), messages.emptyRun, messages.emptyRunRepair);
    return null;
  }
  const newTokens = f.counts(choice, 'new_tokens', 'choices[0].new_tokens');
  if (newTokens.length !== turns.length) {
    f.fail('choices[0].new_tokens', messages.lengthMismatch('new_tokens', newTokens.length, turns.length, 'turns'));
  }
  const wallRaw = f.optionalArray(choice, 'wall_time', 'choices[0].wall_time') ?? turns.map(() => null);
  if (wallRaw.length !== turns.length) {
    f.fail('choices[0].wall_time', messages.lengthMismatch('wall_time', wallRaw.length, turns.length, 'turns'));
  }
  const wallTime = wallRaw.map((v, i) => f.optionalNumber(v, `choices[0].wall_time[${i}]`));
  const failed = turns.map((t, i) => {
    const bad = typeof t === 'string' && ERROR_TEXTS.has(t.trim());
    if (bad) diag.warn('error-turn', f.loc(`choices[0].turns[${i}]`), messages.errorTurn(i, t as string), messages.errorTurnRepair);
    return bad;
  });
  return {
    questionId,
    category: f.optionalString(rec.value, 'category'),
    modelId: f.optionalString(rec.value, 'model_id'),
    choice,
    fields: f,
    line: rec.line,
    turnCount: turns.length,
    newTokens,
    wallTime,
    failed,
  };
}

/**
 * The run's identity from the file name, checked against each record's model_id: a
 * model_id that names another model or method is warned about once per distinct id.
 */
export class RunIdentity {
  readonly fromFile: RunName;
  private readonly checked = new Set<string>();
  private firstModelId: string | null = null;
  constructor(
    private readonly fileStem: string,
    private readonly diag: Diagnostics,
  ) {
    this.fromFile = parseRunName(fileStem);
  }

  check(modelId: string | null, line: number): void {
    if (modelId === null || this.checked.has(modelId)) return;
    this.checked.add(modelId);
    this.firstModelId ??= modelId;
    if (runNamesDisagree(parseRunName(modelId), this.fromFile)) {
      this.diag.warn('model-id', { line, field: 'model_id' }, messages.modelMismatch(modelId, this.fileStem), messages.modelMismatchRepair);
    }
  }

  /** File name first; where it says nothing, the first record's model_id. */
  resolved(): RunName {
    const m = this.firstModelId ? parseRunName(this.firstModelId) : null;
    const f = this.fromFile;
    return {
      method: f.method ?? m?.method ?? null,
      target: f.target ?? m?.target ?? null,
      draft: f.draft ?? m?.draft ?? null,
      dtype: f.dtype ?? m?.dtype ?? null,
      temperature: f.temperature ?? m?.temperature ?? null,
    };
  }
}
