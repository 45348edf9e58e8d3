/**
 * Canonical JSONL (README "Canonical JSONL"): one typed record per line, `type` one of
 * meta | tree | acceptance_model | request | step | oracle. Field names are the column names.
 * A request record precedes its step and oracle records; steps of a request are contiguous
 * and in order; a step may carry its tree as `nodes: [{node, parent, depth, ..., accepted}]`.
 * This is the full-fidelity text form: every table and the metadata round-trip through it.
 */
import { messages } from '../config/messages.js';
import type { ColumnBuilder } from '../schema/columns.js';
import {
  SCHEMA_VERSION,
  NODE_COLUMNS,
  REQUEST_COLUMNS,
  STEP_COLUMNS,
  type AcceptanceModel,
  type ColumnSpec,
  type TraceMeta,
  type TreeTemplate,
} from '../schema/trace-schema.js';
import { finishTrace, newDiagnostics, stem } from './common.js';
import type { Diagnostics } from './diagnostics.js';
import { Fields } from './fields.js';
import type { TraceFormat } from './format.js';
import { JsonlRecords, type JsonRecord } from './jsonl-records.js';
import { lineAdapter } from './line-adapter.js';
import { TraceBuilder, type MetaInput } from './trace-builder.js';

export const RECORD_TYPES = ['meta', 'tree', 'acceptance_model', 'request', 'step', 'oracle'] as const;

const META_FIELDS = [
  'type', 'schema_version', 'trace_id', 'format', 'source', 'method', 'target_model', 'draft_model', 'dtype', 'temperature',
  'dataset', 'hardware', 'tree_template_id', 'committed_includes_bonus', 'notes', 'warnings',
];

/** Pushes a JSON value into a column builder, checking the spec's type; `path` names the field. */
function pushJson(b: ColumnBuilder, spec: ColumnSpec, v: unknown, f: Fields, path: string): void {
  if (v === undefined || v === null) {
    if (v === null && spec.type === 'float64') f.optionalNumber(v, path); // warns if it was a bare NaN
    if (!spec.nullable) f.fail(path, messages.missingField);
    if (b.type === 'bool') return b.push(false);
    return (b as { push(x: null): void }).push(null);
  }
  switch (b.type) {
    case 'int32':
      if (!Number.isInteger(v)) f.fail(path, messages.notInteger(v));
      if (((v as number) | 0) !== v) f.fail(path, messages.int32Range(v));
      return b.push(v as number);
    case 'float64':
      if (typeof v !== 'number') f.fail(path, messages.wrongType('a number', v));
      return b.push(v);
    case 'bool':
      if (typeof v !== 'boolean') f.fail(path, messages.wrongType('true or false', v));
      return b.push(v);
    case 'utf8':
      if (typeof v !== 'string') f.fail(path, messages.wrongType('a string', v));
      return b.push(v);
  }
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], f: Fields): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) f.fail(k, messages.unknownColumn(k, allowed));
}

class JsonlTraceReader {
  readonly b = new TraceBuilder();
  meta: Partial<TraceMeta> | null = null;
  private readonly requestIds = new Map<string, number>();
  private current = -1;
  private readonly stepKeys = ['type', 'request_id', ...STEP_COLUMNS.map((s) => s.name), 'nodes'];
  private readonly nodeKeys = NODE_COLUMNS.filter((s) => s.name !== 'step').map((s) => s.name);
  private readonly requestKeys = ['type', ...REQUEST_COLUMNS.map((s) => s.name)];

  constructor(private readonly diag: Diagnostics) {}

  record = (rec: JsonRecord): void => {
    const v = rec.value;
    const f0: Fields = new Fields(this.diag, rec.line, undefined, rec.nonFinite);
    const type = f0.string(v, 'type');
    switch (type) {
      case 'meta':
        return this.onMeta(v, f0);
      case 'tree':
        return this.onTree(v, f0);
      case 'acceptance_model':
        return this.onModel(v, f0);
      case 'request':
        return this.onRequest(v, rec);
      case 'step':
        return this.onStep(v, rec);
      case 'oracle':
        return this.onOracle(v, rec);
      default:
        return f0.fail('type', messages.wrongType(RECORD_TYPES.join(' | '), type));
    }
  };

  private onMeta(v: Record<string, unknown>, f: Fields): void {
    checkKeys(v, META_FIELDS, f);
    if (this.meta !== null) f.fail('type', 'a second meta record');
    if (v['schema_version'] !== undefined && v['schema_version'] !== SCHEMA_VERSION) f.fail('schema_version', messages.schemaVersionField(v['schema_version'], SCHEMA_VERSION));
    for (const k of ['trace_id', 'format', 'method', 'target_model', 'draft_model', 'dtype', 'dataset', 'hardware', 'tree_template_id'] as const) {
      if (v[k] !== undefined) (k === 'trace_id' || k === 'format' ? f.string(v, k) : f.optionalString(v, k));
    }
    if (v['temperature'] !== undefined && v['temperature'] !== null) f.number(v['temperature'], 'temperature');
    if (v['committed_includes_bonus'] !== undefined && typeof v['committed_includes_bonus'] !== 'boolean') f.fail('committed_includes_bonus', messages.wrongType('true or false', v['committed_includes_bonus']));
    if (v['notes'] !== undefined) f.array(v, 'notes').forEach((n, i) => typeof n !== 'string' && f.fail(`notes[${i}]`, messages.wrongType('a string', n)));
    if (v['source'] !== undefined) f.object(v, 'source');
    if (v['warnings'] !== undefined) f.array(v, 'warnings');
    const { type: _t, ...rest } = v;
    this.meta = rest as Partial<TraceMeta>;
  }

  private onTree(v: Record<string, unknown>, f: Fields): void {
    checkKeys(v, ['type', 'id', 'parents', 'ranks', 'source'], f);
    const t: TreeTemplate = {
      id: f.string(v, 'id'),
      parents: f.array(v, 'parents').map((x, i) => (x === -1 ? -1 : f.count(x, `parents[${i}]`))),
      ranks: f.counts(v, 'ranks'),
      ...(v['source'] !== undefined ? { source: f.string(v, 'source') } : {}),
    };
    this.b.trees.push(t);
  }

  private onModel(v: Record<string, unknown>, f: Fields): void {
    checkKeys(v, ['type', 'id', 'kind', 'entries', 'source', 'notes'], f);
    const kind = f.string(v, 'kind');
    if (kind !== 'rank-vector' && kind !== 'head-topk-cumulative') f.fail('kind', messages.wrongType('rank-vector | head-topk-cumulative', kind));
    const entries = f.array(v, 'entries').map((e, i) => {
      const o = e as Record<string, unknown>;
      const p = f.number(o['probability'], `entries[${i}].probability`);
      if (p < 0 || p > 1) f.fail(`entries[${i}].probability`, messages.probabilityRange(p));
      return { depth: o['depth'] === null ? null : f.count(o['depth'], `entries[${i}].depth`), rank: f.count(o['rank'], `entries[${i}].rank`), probability: p };
    });
    const m: AcceptanceModel = {
      id: f.string(v, 'id'),
      kind,
      entries,
      ...(v['source'] !== undefined ? { source: f.string(v, 'source') } : {}),
      ...(v['notes'] !== undefined ? { notes: f.string(v, 'notes') } : {}),
    };
    this.b.acceptanceModels.push(m);
  }

  private onRequest(v: Record<string, unknown>, rec: JsonRecord): void {
    const f: Fields = new Fields(this.diag, rec.line, undefined, rec.nonFinite);
    checkKeys(v, this.requestKeys, f);
    const id = f.string(v, 'request_id');
    if (this.requestIds.has(id)) {
      this.diag.warn('duplicate-id', { line: rec.line, field: 'request_id' }, messages.duplicateId(id, this.requestIds.get(id)!), messages.duplicateRepair);
      this.current = -2; // drop its steps too
      return;
    }
    const slash = id.lastIndexOf('/');
    const defaults: Record<string, unknown> = {
      question_id: slash > 0 ? id.slice(0, slash) : id,
      turn: slash > 0 && /^\d+$/.test(id.slice(slash + 1)) ? Number(id.slice(slash + 1)) : 0,
      uncounted_tokens: 0,
      status: 'ok',
    };
    for (const spec of REQUEST_COLUMNS) {
      // A null the source wrote stays null (a bare NaN read as null must still warn); only an absent key takes the default.
      const val = v[spec.name] === undefined ? defaults[spec.name] : v[spec.name];
      pushJson(this.b.requests.cols[spec.name]!, spec, val, f, spec.name);
    }
    this.b.requestLine(rec.line);
    this.requestIds.set(id, rec.line);
    this.current = this.b.numRequests - 1;
  }

  private requestFor(v: Record<string, unknown>, f: Fields): number {
    const id = f.string(v, 'request_id');
    if (this.current === -2 && !this.requestIds.has(id)) f.fail('request_id', messages.unknownRequest(id));
    if (this.current === -2) return -2;
    const r = this.requestIds.has(id) ? this.b.requests.str('request_id').get(this.current) : null;
    if (r !== id) f.fail('request_id', this.requestIds.has(id) ? messages.requestNotGrouped(id) : messages.unknownRequest(id));
    return this.current;
  }

  private onStep(v: Record<string, unknown>, rec: JsonRecord): void {
    const f: Fields = new Fields(this.diag, rec.line, undefined, rec.nonFinite);
    checkKeys(v, this.stepKeys, f);
    const r = this.requestFor(v, f);
    if (r === -2) return;
    const steps = this.b.steps;
    steps.int('request_index').push(r);
    for (const spec of STEP_COLUMNS) pushJson(steps.cols[spec.name]!, spec, v[spec.name], f, spec.name);
    this.b.stepLine(rec.line);
    const step = v['step'] as number;
    const nodes = f.optionalArray(v, 'nodes');
    if (nodes === null) return;
    const nb = this.b.nodes();
    nodes.forEach((n, i) => {
      const o = n as Record<string, unknown>;
      if (o === null || typeof o !== 'object' || Array.isArray(o)) f.fail(`nodes[${i}]`, messages.wrongType('an object', o));
      checkKeys(o, this.nodeKeys, f);
      nb.int('request_index').push(r);
      nb.int('step').push(step);
      for (const spec of NODE_COLUMNS) if (spec.name !== 'step') pushJson(nb.cols[spec.name]!, spec, o[spec.name], f, `nodes[${i}].${spec.name}`);
      this.b.nodeLine(rec.line);
    });
  }

  private onOracle(v: Record<string, unknown>, rec: JsonRecord): void {
    const f: Fields = new Fields(this.diag, rec.line, undefined, rec.nonFinite);
    checkKeys(v, ['type', 'request_id', 'committed_tokens'], f);
    const r = this.requestFor(v, f);
    if (r === -2) return;
    this.b.addOracle(r, f.counts(v, 'committed_tokens'));
  }
}

export const canonicalJsonl: TraceFormat = {
  id: 'canonical-jsonl',
  summary: 'canonical JSONL: typed records (meta, tree, acceptance_model, request, step with nodes, oracle)',
  examples: 'see README "Canonical JSONL"; `specreplay export TRACE --to jsonl` writes it',
  sniff: (head) => /^\s*\{\s*"type"\s*:\s*"(meta|tree|acceptance_model|request|step|oracle)"/.test(head),
  ...lineAdapter((file, opts) => {
    const diag = newDiagnostics(file, opts);
    const reader = new JsonlTraceReader(diag);
    const records = new JsonlRecords(diag, null, reader.record);
    return {
      line: records.line,
      end() {
        records.end();
        const m = reader.meta ?? {};
        const input: MetaInput = { ...m, trace_id: m.trace_id ?? stem(file), format: m.format ?? 'canonical-jsonl' };
        return finishTrace(reader.b, input, diag, opts);
      },
    };
  }),
};
