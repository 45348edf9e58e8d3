/**
 * The JSON a trace file carries in its Arrow schema metadata (specreplay.meta, .trees,
 * .acceptance_models), checked against the schema on read: a key that is not JSON or has the
 * wrong shape is one error naming the file, the key and the field path, never a crash later.
 */
import { isRecord } from '../util/json.js';
import { messages } from '../config/messages.js';
import type { AcceptanceModel, TraceMeta, TreeTemplate } from '../schema/trace-schema.js';
import { TraceFileError } from './trace-file-error.js';

type Fail = (path: string, want: string, got: unknown) => never;


function obj(v: unknown, path: string, fail: Fail): Record<string, unknown> {
  if (!isRecord(v)) fail(path, 'an object', v);
  return v;
}
function list(v: unknown, path: string, fail: Fail): unknown[] {
  if (!Array.isArray(v)) fail(path, 'a list', v);
  return v;
}
function str(v: unknown, path: string, fail: Fail, nullable = false): void {
  if (typeof v === 'string' || (nullable && v === null)) return;
  fail(path, nullable ? 'a string or null' : 'a string', v);
}
function int(v: unknown, path: string, fail: Fail, min: number): void {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 2_147_483_647)) fail(path, `a whole number >= ${min}`, v);
}

function parse(file: string, key: string, text: string | undefined, fallback: string): { value: unknown; fail: Fail } {
  const fail: Fail = (path, want, got) => {
    throw new TraceFileError(messages.badMetadata(file, key, path, messages.wrongType(want, got)));
  };
  try {
    return { value: JSON.parse(text ?? fallback), fail };
  } catch (e) {
    throw new TraceFileError(messages.badMetadata(file, key, '', messages.notJson((e as Error).message)));
  }
}

export function readMeta(file: string, key: string, text: string | undefined): TraceMeta {
  const { value, fail } = parse(file, key, text, 'null');
  const m = obj(value, '', fail);
  str(m['trace_id'], 'trace_id', fail);
  str(m['format'], 'format', fail);
  obj(m['source'], 'source', fail);
  for (const k of ['method', 'target_model', 'draft_model', 'dtype', 'dataset', 'hardware', 'tree_template_id']) str(m[k], k, fail, true);
  if (!(m['temperature'] === null || typeof m['temperature'] === 'number')) fail('temperature', 'a number or null', m['temperature']);
  if (typeof m['committed_includes_bonus'] !== 'boolean') fail('committed_includes_bonus', 'true or false', m['committed_includes_bonus']);
  list(m['notes'], 'notes', fail).forEach((n, i) => str(n, `notes[${i}]`, fail));
  list(m['warnings'], 'warnings', fail).forEach((w, i) => {
    const o = obj(w, `warnings[${i}]`, fail);
    for (const k of ['code', 'message', 'repair', 'file']) str(o[k], `warnings[${i}].${k}`, fail);
  });
  return m as unknown as TraceMeta;
}

export function readTrees(file: string, key: string, text: string | undefined): TreeTemplate[] {
  const { value, fail } = parse(file, key, text, '[]');
  return list(value, '', fail).map((t, i) => {
    const o = obj(t, `[${i}]`, fail);
    str(o['id'], `[${i}].id`, fail);
    list(o['parents'], `[${i}].parents`, fail).forEach((p, j) => int(p, `[${i}].parents[${j}]`, fail, -1));
    list(o['ranks'], `[${i}].ranks`, fail).forEach((r, j) => int(r, `[${i}].ranks[${j}]`, fail, 0));
    if (o['source'] !== undefined) str(o['source'], `[${i}].source`, fail);
    return o as unknown as TreeTemplate;
  });
}

export function readAcceptanceModels(file: string, key: string, text: string | undefined): AcceptanceModel[] {
  const { value, fail } = parse(file, key, text, '[]');
  return list(value, '', fail).map((m, i) => {
    const o = obj(m, `[${i}]`, fail);
    str(o['id'], `[${i}].id`, fail);
    if (o['kind'] !== 'rank-vector' && o['kind'] !== 'head-topk-cumulative') fail(`[${i}].kind`, 'rank-vector | head-topk-cumulative', o['kind']);
    list(o['entries'], `[${i}].entries`, fail).forEach((e, j) => {
      const x = obj(e, `[${i}].entries[${j}]`, fail);
      if (x['depth'] !== null) int(x['depth'], `[${i}].entries[${j}].depth`, fail, 0);
      int(x['rank'], `[${i}].entries[${j}].rank`, fail, 0);
      const p = x['probability'];
      if (!(typeof p === 'number' && p >= 0 && p <= 1)) fail(`[${i}].entries[${j}].probability`, 'a probability in [0, 1]', p);
    });
    return o as unknown as AcceptanceModel;
  });
}
