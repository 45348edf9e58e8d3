/**
 * Platform files: a user's own hardware as JSON (`--platform my-phone.json`), in the form
 * `specreplay list platforms --show ID` prints a preset. Either complete (id, dram, the devices,
 * and an energy table id or the table itself), or `"base": "<preset>"` plus only the fields that
 * differ. Every field is checked against the presets' shapes (unknown, missing or mistyped
 * fields) and against its knob's range; every error names the file and the field path.
 */
import { isRecord } from '../util/json.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { ACTIONS } from '../hw/actions.js';
import { GPU_PRESETS } from '../hw/gpu/model.js';
import { LPDDR5_6400_X16 } from '../hw/lpddr5/presets.js';
import { NPU_PRESETS } from '../hw/npu/presets.js';
import { PIM_PRESETS } from '../hw/pim/presets.js';
import { XBAR_PRESETS } from '../hw/xbar/spec.js';
import { checkOpenFields, checkPlatformKnobs } from './overrides.js';
import type { OpenField } from './open-fields.js';
import { expandPlatform, PLATFORM_IDS, PLATFORMS, presetConfig, PlatformError, type PlatformConfig } from './platforms.js';

export function isPlatformFile(id: string): boolean {
  return /\.json$/i.test(id);
}


/** The shape of each part when a file gives it whole (the first preset of each kind). */
const TEMPLATES: Readonly<Record<string, unknown>> = {
  dram: { preset: 'lpddr5-6400-x16', channels: 1, refresh: true, mapping: 'bg-interleaved', window: 32, org: LPDDR5_6400_X16.org, timing: { ...LPDDR5_6400_X16.timing, tWL: 0 }, sources: [], readings: [] },
  npu: Object.values(NPU_PRESETS)[0],
  pim: { ...Object.values(PIM_PRESETS)[0], channels: 1 },
  xbar: Object.values(XBAR_PRESETS)[0],
  gpu: { ...Object.values(GPU_PRESETS)[0], count: 1 },
};
/** Fields a complete part may leave out. */
const OPTIONAL = new Set(['dram.org', 'dram.timing', 'dram.timing.tWL', 'dram.sources', 'dram.readings']);
const TOP = ['base', 'id', 'description', 'sources', 'readings', 'dram', 'npu', 'pim', 'xbar', 'gpu', 'energy', 'energy_table', 'precision', 'pim_in_every_channel', 'open'];

function typeName(t: unknown): string {
  if (Array.isArray(t)) return 'a list of strings';
  if (t === null) return 'a number or null';
  if (isRecord(t)) return 'an object';
  return `a ${typeof t}`;
}

/**
 * `given` checked against `template` at `field`: objects key by key (unknown keys refused;
 * with `complete`, every template key required), leaves by type. Without `complete`, fields
 * not given keep the template's value (a base preset's).
 */
function conform(file: string, field: string, given: unknown, template: unknown, complete: boolean): unknown {
  if (isRecord(template)) {
    if (!isRecord(given)) throw new PlatformError(messages.platformFileWrongType(file, field, 'an object', given));
    for (const k of Object.keys(given)) if (!(k in template)) throw new PlatformError(messages.platformFileUnknownField(file, `${field}.${k}`, Object.keys(template)));
    const out: Record<string, unknown> = complete ? {} : { ...template };
    for (const [k, t] of Object.entries(template)) {
      const f = `${field}.${k}`;
      if (k in given) out[k] = conform(file, f, given[k], t, complete);
      else if (complete && !OPTIONAL.has(f)) throw new PlatformError(messages.platformFileMissingField(file, f, typeName(t)));
    }
    return out;
  }
  const ok = Array.isArray(template) ? Array.isArray(given) && given.every((x) => typeof x === 'string') : template === null ? given === null || typeof given === 'number' : typeof given === typeof template;
  if (!ok) throw new PlatformError(messages.platformFileWrongType(file, field, typeName(template), given));
  return given;
}

/** An energy table given in full: id, description, and every entry a pJ (mW) with its source. */
function energyTable(file: string, given: unknown): PlatformConfig['energy_table'] {
  const field = 'energy_table';
  if (!isRecord(given)) throw new PlatformError(messages.platformFileWrongType(file, field, 'an object', given));
  for (const k of Object.keys(given)) if (!['id', 'description', 'actions', 'static_mw'].includes(k)) throw new PlatformError(messages.platformFileUnknownField(file, `${field}.${k}`, ['id', 'description', 'actions', 'static_mw']));
  for (const k of ['id', 'description'] as const) if (typeof given[k] !== 'string') throw new PlatformError(messages.platformFileWrongType(file, `${field}.${k}`, 'a string', given[k]));
  const entries = (part: 'actions' | 'static_mw', names: readonly string[] | null) => {
    const v = given[part];
    if (!isRecord(v)) throw new PlatformError(messages.platformFileWrongType(file, `${field}.${part}`, 'an object', v));
    for (const [name, e] of Object.entries(v)) {
      const f = `${field}.${part}.${name}`;
      if (names !== null && !names.includes(name)) throw new PlatformError(messages.platformFileUnknownField(file, f, names));
      if (!isRecord(e) || typeof e['pj'] !== 'number' || typeof e['source'] !== 'string') throw new PlatformError(messages.platformFileWrongType(file, f, 'an object { "pj": number, "source": "where the number comes from" }', e));
      if (e['source'].trim() === '') throw new PlatformError(messages.platformFileField(file, `${f}.source`, 'every energy entry cites its source'));
      for (const extra of Object.keys(e)) if (extra !== 'pj' && extra !== 'source') throw new PlatformError(messages.platformFileUnknownField(file, `${f}.${extra}`, ['pj', 'source']));
    }
    return v as Record<string, { pj: number; source: string }>;
  };
  return { id: given['id'] as string, description: given['description'] as string, actions: entries('actions', ACTIONS), static_mw: entries('static_mw', null) };
}

const READING = { name: '', value: 0, source: '' };
const OPEN_TEMPLATE = { field: '', unit: '', why: '', readings: [], range: { low: READING, high: READING } };

/** A platform file's open fields: their shape here, their values against the fields' knobs later. */
function openFields(file: string, given: unknown): OpenField[] {
  if (!Array.isArray(given)) throw new PlatformError(messages.platformFileWrongType(file, 'open', 'a list of open fields', given));
  return given.map((o, i) => {
    const f = `open[${i}]`;
    if (!isRecord(o)) throw new PlatformError(messages.platformFileWrongType(file, f, 'an object', o));
    for (const k of Object.keys(o)) if (!(k in OPEN_TEMPLATE)) throw new PlatformError(messages.platformFileUnknownField(file, `${f}.${k}`, Object.keys(OPEN_TEMPLATE)));
    for (const k of ['field', 'unit', 'why'] as const) conform(file, `${f}.${k}`, o[k], '', true);
    if (!Array.isArray(o['readings'])) throw new PlatformError(messages.platformFileWrongType(file, `${f}.readings`, 'a list of { "name", "value", "source" }', o['readings']));
    const readings = o['readings'].map((r, j) => conform(file, `${f}.readings[${j}]`, r, READING, true));
    const range = o['range'] === undefined ? undefined : conform(file, `${f}.range`, o['range'], OPEN_TEMPLATE.range, true);
    return { field: o['field'], unit: o['unit'], why: o['why'], readings, ...(range ? { range } : {}) } as OpenField;
  });
}

/** Reads and checks a platform file; the platform it describes, expanded. */
export function loadPlatformFile(file: string): PlatformConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new PlatformError(messages.platformFileMissing(file));
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    const why = (e as Error).message;
    const at = /position (\d+)/.exec(why);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : Number(/line (\d+)/.exec(why)?.[1] ?? 1);
    throw new PlatformError(messages.platformFileJson(file, line, why.replace(/^JSON\.parse: /, '')));
  }
  return platformFromJson(file, json);
}

/** A platform from parsed JSON (a platform file's, or a run's config.json `platform`), checked; `file` names it in errors. */
export function platformFromJson(file: string, json: unknown): PlatformConfig {
  if (!isRecord(json)) throw new PlatformError(messages.platformFileWrongType(file, '(top level)', 'an object', json));
  for (const k of Object.keys(json)) if (!TOP.includes(k)) throw new PlatformError(messages.platformFileUnknownField(file, k, TOP));
  const baseId = json['base'];
  if (baseId !== undefined && (typeof baseId !== 'string' || !(baseId in PLATFORMS))) throw new PlatformError(messages.platformFileField(file, 'base', `expected a platform preset (${PLATFORM_IDS.join(', ')}), got ${JSON.stringify(baseId)}`));
  const base = baseId === undefined ? null : expandPlatform(presetConfig(baseId as string)!);
  const out: Record<string, unknown> = base === null ? {} : { ...base };
  out['id'] = typeof json['id'] === 'string' ? json['id'] : base?.id ?? path.basename(file).replace(/\.json$/i, '');
  for (const k of ['description', 'sources', 'readings'] as const) {
    const v = json[k] ?? out[k] ?? (k === 'description' ? '' : []);
    out[k] = conform(file, k, v, k === 'description' ? '' : [], true);
  }
  for (const part of ['dram', 'npu', 'pim', 'xbar', 'gpu'] as const) {
    if (json[part] === undefined) {
      if (part === 'dram' && base === null) throw new PlatformError(messages.platformFileMissingField(file, 'dram', 'an object'));
      continue;
    }
    const own = base?.[part];
    out[part] = own !== undefined ? conform(file, part, json[part], own, false) : conform(file, part, json[part], TEMPLATES[part], true);
  }
  if (json['energy_table'] !== undefined) {
    const t = energyTable(file, json['energy_table'])!;
    out['energy_table'] = t;
    out['energy'] = typeof json['energy'] === 'string' ? json['energy'] : t.id;
  } else if (json['energy'] !== undefined) {
    if (typeof json['energy'] !== 'string') throw new PlatformError(messages.platformFileWrongType(file, 'energy', 'an energy table id', json['energy']));
    out['energy'] = json['energy'];
    delete out['energy_table'];
  } else if (base === null) throw new PlatformError(messages.platformFileMissingField(file, 'energy', 'an energy table id, or energy_table in full'));
  for (const k of ['precision', 'pim_in_every_channel'] as const) if (json[k] !== undefined) out[k] = conform(file, k, json[k], k === 'precision' ? '' : false, true);
  if (json['open'] !== undefined) out['open'] = openFields(file, json['open']);
  else out['open'] ??= [];
  if (!isRecord(out['dram']) || (out['npu'] === undefined && out['pim'] === undefined && out['xbar'] === undefined && out['gpu'] === undefined)) throw new PlatformError(messages.platformFileField(file, '(top level)', 'a platform needs dram and at least one device (npu, pim, xbar, gpu)'));
  const cfg = out as unknown as PlatformConfig;
  try {
    const expanded = expandPlatform(cfg);
    checkPlatformKnobs(expanded, '');
    checkOpenFields(expanded, '');
    return expanded;
  } catch (e) {
    if (e instanceof UserError) throw new PlatformError(messages.inFile(file, e.message));
    throw e;
  }
}

/** A platform as a platform file (expanded: every DRAM timing, every energy entry with its source). */
export function platformFileText(cfg: PlatformConfig): string {
  return JSON.stringify(expandPlatform(cfg), null, 2) + '\n';
}
