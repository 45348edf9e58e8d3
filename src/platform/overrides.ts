/**
 * `key=value` overrides of a platform (`npu.dataflow=ws`, `dram.channels=8`,
 * `dram.timing.tRCD=20`, `energy_table.actions.pim_mode_switches.pj=1000`): every key is a
 * dotted path of the expanded platform, parsed by its knob (config/knobs.ts) or its catalogue.
 * An overridden DRAM timing or energy entry says so in the platform's readings or the entry's
 * source, so config.json never shows a changed number under its original citation.
 */
import { checkKnob, parseKnob, platformKnob } from '../config/knobs.js';
import { messages } from '../config/messages.js';
import { ENERGY_TABLES } from '../energy/tables.js';
import type { EnergyTable } from '../energy/ert.js';
import { MAPPINGS } from '../hw/lpddr5/address-mapping.js';
import { DATAFLOWS } from '../hw/npu/spec.js';
import { DRAM_PRESETS, expandPlatform, PlatformError, type PlatformConfig } from './platforms.js';

/** Fields that describe or cite rather than configure. */
const NOT_KNOBS = new Set(['sources', 'readings', 'description', 'id', 'source', 'pim_in_every_channel', 'open']);

/** The dotted keys a platform accepts, with their current values. */
export function overridableKeys(cfg: PlatformConfig): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (obj: unknown, prefix: string) => {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      out.set(prefix, obj);
      return;
    }
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (NOT_KNOBS.has(k)) continue;
      walk(v, prefix ? `${prefix}.${k}` : k);
    }
  };
  for (const part of ['dram', 'npu', 'pim', 'xbar', 'gpu'] as const) if (cfg[part] !== undefined) walk(cfg[part], part);
  out.set('energy', cfg.energy);
  if (cfg.energy_table !== undefined) {
    walk(cfg.energy_table.actions, 'energy_table.actions');
    walk(cfg.energy_table.static_mw, 'energy_table.static_mw');
  }
  if (cfg.precision !== undefined) out.set('precision', cfg.precision);
  return out;
}

export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'npu.dataflow': DATAFLOWS,
  'dram.mapping': MAPPINGS,
  'pim.precision': ['int8', 'fp16'],
  'pim.kernel': ['stream', 'samsung-gemv'],
  precision: ['fp16', 'int8', 'w1a8'],
};

function parseValue(key: string, current: unknown, text: string): unknown {
  if (key === 'dram.preset') {
    if (!(text in DRAM_PRESETS)) throw new PlatformError(messages.badPlatformChoice(key, text, 'DRAM preset', Object.keys(DRAM_PRESETS)));
    return text;
  }
  if (key === 'energy') {
    if (!(text in ENERGY_TABLES)) throw new PlatformError(messages.badPlatformChoice(key, text, 'energy table', Object.keys(ENERGY_TABLES)));
    return text;
  }
  const allowed = ENUMS[key];
  if (allowed) {
    if (!allowed.includes(text)) throw new PlatformError(messages.badKnob(key, `one of ${allowed.join(', ')}`, text));
    return text;
  }
  const knob = platformKnob(key);
  if (knob !== undefined) return parseKnob(key, knob, text);
  if (typeof current === 'number' || typeof current === 'boolean' || current === null) throw new Error(`internal: platform field ${key} has no knob in config/knobs.ts`);
  return text;
}

/** Checks every numeric and boolean field of a platform (a preset, a file or an overridden one) against its knob; `where` prefixes the field. */
export function checkPlatformKnobs(cfg: PlatformConfig, where = `${cfg.id}: `): void {
  for (const [key, v] of overridableKeys(cfg)) {
    const knob = platformKnob(key);
    if (knob !== undefined) checkKnob(`${where}${key}`, knob, v);
    else if (typeof v === 'number' || typeof v === 'boolean') throw new Error(`internal: platform field ${key} has no knob in config/knobs.ts`);
    const allowed = ENUMS[key];
    if (allowed !== undefined && !allowed.includes(String(v))) throw new PlatformError(messages.badKnob(`${where}${key}`, `one of ${allowed.join(', ')}`, String(v)));
  }
}

/** Checks a platform's open fields: each names a field of the platform, and every reading and range end is a value that field allows. */
export function checkOpenFields(cfg: PlatformConfig, where = `${cfg.id}: `): void {
  const keys = overridableKeys(cfg);
  for (const [i, o] of (cfg.open ?? []).entries()) {
    if (!keys.has(o.field)) throw new PlatformError(messages.openFieldUnknown(`${where}open[${i}].field`, o.field));
    const knob = platformKnob(o.field);
    if (knob === undefined || knob.kind !== 'number') throw new PlatformError(messages.openFieldNotNumber(`${where}open[${i}].field`, o.field));
    if (o.readings.length === 0) throw new PlatformError(messages.openFieldNoReadings(`${where}open[${i}].readings`));
    const ends = [...o.readings.map((r, j) => [`readings[${j}]`, r] as const), ...(o.range ? ([['range.low', o.range.low], ['range.high', o.range.high]] as const) : [])];
    for (const [f, r] of ends) {
      if (r.source.trim() === '') throw new PlatformError(messages.badKnob(`${where}open[${i}].${f}.source`, 'the source of the value', r.source));
      checkKnob(`${where}open[${i}].${f}.value (${o.field})`, knob, r.value);
    }
    if (o.range && !(o.range.low.value < o.range.high.value)) throw new PlatformError(messages.badKnob(`${where}open[${i}].range`, 'low < high', `${o.range.low.value} .. ${o.range.high.value}`));
  }
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  return { ...obj, [head!]: rest.length === 0 ? value : setPath(obj[head!] as Record<string, unknown>, rest, value) };
}

/** Notes an overridden cited number: in the energy entry's source, or the platform's readings. */
function noteOverride(cfg: PlatformConfig, key: string, before: unknown, after: unknown): PlatformConfig {
  const entry = /^energy_table\.(actions|static_mw)\.([a-z0-9_]+)\.pj$/.exec(key);
  if (entry && cfg.energy_table !== undefined) {
    const [, part, name] = entry as unknown as [string, 'actions' | 'static_mw', string];
    const table: EnergyTable = cfg.energy_table;
    const e = (table[part] as Record<string, { pj: number; source: string }>)[name]!;
    const source = `set by the user to ${String(after)} (was ${String(before)}: ${e.source})`;
    return { ...cfg, energy_table: { ...table, [part]: { ...table[part], [name]: { pj: e.pj, source } } } };
  }
  if (key.startsWith('dram.timing.') || key.startsWith('dram.org.')) return { ...cfg, readings: [...cfg.readings, `${key} = ${String(after)} set by the user (the DRAM preset's: ${String(before)})`] };
  return cfg;
}

/** An expanded platform with `key=value` overrides applied in order, then checked. */
export function applyOverrides(expanded: PlatformConfig, overrides: readonly string[]): PlatformConfig {
  let cfg = expanded;
  const given = new Set<string>();
  for (const o of overrides) {
    const eq = o.indexOf('=');
    if (eq <= 0) throw new PlatformError(messages.expectedKeyValue(o));
    const key = o.slice(0, eq).trim();
    const keys = overridableKeys(cfg);
    if (!keys.has(key)) throw new PlatformError(messages.unknownPlatformKey(key, cfg.id, [...keys.keys()]));
    const value = parseValue(key, keys.get(key), o.slice(eq + 1).trim());
    cfg = setPath(cfg as unknown as Record<string, unknown>, key.split('.'), value) as unknown as PlatformConfig;
    // A new DRAM preset or energy table brings its own timings or entries.
    if (key === 'dram.preset') cfg = expandPlatform({ ...cfg, dram: { ...cfg.dram, org: undefined, timing: undefined } });
    else if (key === 'energy') cfg = expandPlatform({ ...cfg, energy_table: undefined });
    else cfg = noteOverride(cfg, key, keys.get(key), value);
    given.add(key);
  }
  checkPlatformKnobs(cfg);
  checkOpenFields(cfg);
  if (cfg.pim_in_every_channel === true && cfg.pim !== undefined) {
    if (given.has('dram.channels') && !given.has('pim.channels')) cfg = { ...cfg, pim: { ...cfg.pim, channels: cfg.dram.channels } };
    if (cfg.pim !== undefined && cfg.pim.channels > cfg.dram.channels) throw new PlatformError(messages.pimChannelsExceed(cfg.id, cfg.pim.channels, cfg.dram.channels));
  }
  return cfg;
}
