/**
 * The type and range of every configuration knob — platform fields, replay fields and policy
 * parameters — in one schema, and the one parser that turns `key=value` text into a checked
 * value. Every `--set`, sweep grid value and platform override goes through `parseKnob`, before
 * any replay starts; a value no hardware can have (0 channels, 2.5 rows, 1e308 draft tokens) is
 * one error naming the field, the allowed range and the value given.
 */
import { messages } from './messages.js';
import { UserError } from './user-error.js';

export type Knob =
  | { readonly kind: 'bool' }
  | {
      readonly kind: 'number';
      readonly min: number;
      readonly max: number;
      /** The minimum itself is not allowed (a rate, a clock: > 0). */
      readonly exclusiveMin?: boolean;
      readonly integer?: boolean;
      readonly unit?: string;
      /** Words accepted instead of a number ('search', 'preset', 'trace'). */
      readonly words?: readonly string[];
      /** null is accepted (a field the preset leaves unset). */
      readonly nullable?: boolean;
    }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'text'; readonly pattern: RegExp; readonly hint: string };

export type KnobValue = number | string | boolean | null;

/** A policy parameter's value. */
export type ParamValue = number | string | boolean;

/** A policy parameter: default, meaning, and its type and range, checked before any replay. */
export interface ParamSpec {
  readonly default: ParamValue;
  readonly doc: string;
  readonly knob: Knob;
}

const BOOL_TRUE = ['on', 'true', '1', 'yes'];
const BOOL_FALSE = ['off', 'false', '0', 'no'];

/** The allowed values of a knob, in words (for messages and `list`). */
export function describeKnob(k: Knob): string {
  switch (k.kind) {
    case 'bool':
      return 'on or off';
    case 'enum':
      return `one of ${k.values.join(', ')}`;
    case 'text':
      return k.hint;
    case 'number': {
      const lo = `${k.exclusiveMin ? '(' : '['}${k.min}`;
      const range = `${k.integer ? 'a whole number' : 'a number'} in ${lo}, ${k.max}]${k.unit ? ` ${k.unit}` : ''}`;
      const words = k.words && k.words.length > 0 ? `${k.words.map((w) => `'${w}'`).join(', ')} or ` : '';
      return words + range + (k.nullable ? ' (or null)' : '');
    }
  }
}

/** Checks a number against a numeric knob (true when allowed). */
function inRange(k: Extract<Knob, { kind: 'number' }>, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (k.integer && !Number.isInteger(v)) return false;
  if (k.exclusiveMin ? v <= k.min : v < k.min) return false;
  return v <= k.max;
}

/** The one refusal of a value: the field, what it allows, and the value as given. */
function refuse(field: string, k: Knob, got: string): never {
  throw new UserError(messages.badKnob(field, describeKnob(k), got));
}

/**
 * Parses `text` as a value of knob `k`; throws a UserError naming `field` otherwise.
 * Booleans accept on/off, true/false, 1/0, yes/no (the same words for every field).
 */
export function parseKnob(field: string, k: Knob, text: string): KnobValue {
  const t = text.trim();
  const bad = (): never => refuse(field, k, text);
  switch (k.kind) {
    case 'bool':
      if (BOOL_TRUE.includes(t)) return true;
      if (BOOL_FALSE.includes(t)) return false;
      return bad();
    case 'enum':
      return k.values.includes(t) ? t : bad();
    case 'text':
      return t !== '' && k.pattern.test(t) ? t : bad();
    case 'number': {
      if (k.words?.includes(t)) return t;
      if (k.nullable && t === 'null') return null;
      if (t === '') return bad();
      const v = Number(t);
      return inRange(k, v) ? v : bad();
    }
  }
}

/** Checks a value that is already typed (a preset, a platform file, a config.json) against knob `k`. */
export function checkKnob(field: string, k: Knob, v: unknown): KnobValue {
  if (k.kind === 'bool') {
    if (typeof v !== 'boolean') refuse(field, k, JSON.stringify(v));
    return v;
  }
  if (k.kind === 'number' && typeof v === 'number') {
    if (!inRange(k, v)) refuse(field, k, String(v));
    return v;
  }
  if (k.kind === 'number' && v === null && k.nullable) return null;
  if (typeof v !== 'string') refuse(field, k, JSON.stringify(v));
  return parseKnob(field, k, v);
}

// ---- shorthands for the schema tables

const int = (min: number, max: number, unit?: string): Knob => ({ kind: 'number', min, max, integer: true, ...(unit ? { unit } : {}) });
const pos = (max: number, unit?: string): Knob => ({ kind: 'number', min: 0, max, exclusiveMin: true, ...(unit ? { unit } : {}) });
const nonneg = (max: number, unit?: string): Knob => ({ kind: 'number', min: 0, max, ...(unit ? { unit } : {}) });
const share: Knob = { kind: 'number', min: 0, max: 1, exclusiveMin: true, unit: '(share of peak)' };
export const KNOB = { int, pos, nonneg, share, bool: { kind: 'bool' } as Knob };

/**
 * Platform fields (`specreplay list platforms`). Ranges are the physically meaningful ones,
 * wide enough for any device in the literature: counts are whole and >= 1, clocks, rates and
 * bandwidths > 0, utilisation caps in (0, 1]. Enumerated fields (presets, dataflows, mappings,
 * energy tables) are checked against their catalogues in platform/platforms.ts.
 */
export const PLATFORM_KNOBS: Readonly<Record<string, Knob>> = {
  'dram.channels': int(1, 1024, 'channels'),
  'dram.window': int(1, 4096, 'requests'),
  'dram.refresh': KNOB.bool,
  'gpu.board_power_w': pos(10_000, 'W'),
  'gpu.idle_power_w': nonneg(10_000, 'W'),
  'gpu.compute_utilization': share,
  'gpu.memory_utilization': share,
  'gpu.count': int(1, 1024, 'GPUs'),
  'gpu.fp16_tflops': pos(100_000, 'TFLOPS'),
  'gpu.int8_tops': pos(100_000, 'TOPS'),
  'gpu.vector_tflops': pos(100_000, 'TFLOPS'),
  'gpu.freq_mhz': pos(100_000, 'MHz'),
  'gpu.kernel_launch_ns': nonneg(1e9, 'ns'),
  'gpu.memory_gbps': pos(1e6, 'GB/s'),
  'npu.rows': int(1, 65_536, 'PEs'),
  'npu.cols': int(1, 65_536, 'PEs'),
  'npu.cores': int(1, 4096, 'cores'),
  'npu.freq_mhz': int(1, 100_000, 'MHz'),
  'npu.compute_utilization': share,
  'npu.memory_utilization': share,
  'npu.fp16_rate': pos(4, '(of the INT8 rate)'),
  'npu.scratchpad_bytes': int(0, 2 ** 40, 'bytes'),
  'npu.vector_gops': pos(1e7, 'GOPS'),
  'pim.alus': int(1, 1024, 'ALUs per unit'),
  'pim.banks_per_unit': int(1, 1024, 'banks'),
  'pim.channels': int(1, 1024, 'channels'),
  'pim.units_per_channel': int(1, 4096, 'units'),
  'pim.lanes': int(1, 65_536, 'lanes'),
  'pim.grf_a': int(0, 1024, 'registers'),
  'pim.grf_b': int(0, 1024, 'registers'),
  'pim.input_buffer_bytes': int(1, 2 ** 30, 'bytes'),
  'pim.freq_mhz': pos(100_000, 'MHz'),
  'pim.compute_utilization': share,
  'pim.memory_utilization': share,
  'pim.internal_gbps_per_unit': { kind: 'number', min: 0, max: 1e6, exclusiveMin: true, unit: 'GB/s', nullable: true },
  'pim.mode_switch_ns': nonneg(1e9, 'ns'),
  'xbar.adc_bits': int(1, 32, 'bits'),
  'xbar.dac_bits': int(1, 32, 'bits'),
  'xbar.adc_gsps': pos(1000, 'GS/s'),
  'xbar.adcs_per_xbar': int(1, 65_536, 'ADCs'),
  'xbar.digital_mhz': pos(100_000, 'MHz'),
  'xbar.polarity': int(1, 2, '(1 or 2 crossbars per weight sign)'),
  'xbar.postproc_gops': pos(1e7, 'GOPS'),
  'xbar.read_ns': pos(1e6, 'ns'),
  'xbar.xbar_rows': int(1, 65_536, 'cells'),
  'xbar.xbar_cols': int(1, 65_536, 'cells'),
  'xbar.xbars': int(1, 2_147_483_647, 'crossbars'),
};

/** DRAM timing fields (`dram.timing.*`): ns, except the data rate and the WCK:CK ratio. */
const DRAM_TIMING_KNOBS: Readonly<Record<string, Knob>> = { data_rate_mtps: pos(1e6, 'MT/s'), wck_ck_ratio: int(1, 64), tCK: pos(1e3, 'ns') };
/** DRAM organisation fields (`dram.org.*`). */
const DRAM_ORG_KNOBS: Readonly<Record<string, Knob>> = { density_gb: pos(1e6, 'Gb') };

/**
 * The knob of a platform field: the table above, or the pattern of its family: DRAM timings
 * (`dram.timing.tRCD`: ns >= 0), DRAM organisation (`dram.org.rows`: whole numbers >= 1),
 * energy entries (`energy_table.actions.<action>.pj`: pJ >= 0; `energy_table.static_mw.<device>.pj`: mW >= 0).
 */
export function platformKnob(key: string): Knob | undefined {
  const direct = PLATFORM_KNOBS[key];
  if (direct !== undefined) return direct;
  const timing = /^dram\.timing\.([A-Za-z0-9_]+)$/.exec(key);
  if (timing) return DRAM_TIMING_KNOBS[timing[1]!] ?? nonneg(1e9, 'ns');
  const org = /^dram\.org\.([a-z_]+)$/.exec(key);
  if (org) return DRAM_ORG_KNOBS[org[1]!] ?? int(1, 2 ** 31 - 1);
  if (/^energy_table\.actions\.[a-z0-9_]+\.pj$/.test(key)) return nonneg(1e15, 'pJ');
  if (/^energy_table\.static_mw\.[a-z0-9_]+\.pj$/.test(key)) return nonneg(1e9, 'mW');
  return undefined;
}

/** Replay fields that are not platform fields or policy parameters. */
export const REPLAY_KNOBS: Readonly<Record<string, Knob>> = {
  seed: int(0, 2 ** 32 - 1),
  'workload.prompt_tokens': int(0, 16_777_216, 'tokens'),
  'draft.max_len': int(1, 256, 'tokens'),
};

/** A tree template id (checked against the catalogue when the policy starts). */
export const TREE_ID_KNOB: Knob = { kind: 'text', pattern: /^[A-Za-z0-9_.+-]+$/, hint: 'a tree template id (specreplay list trees)' };
/** 'preset', or a comma-separated list of positive numbers (an architecture space to search). */
export const LIST_KNOB: Knob = { kind: 'text', pattern: /^(preset|(\d+(\.\d+)?)(,\d+(\.\d+)?)*)$/, hint: "'preset' or a comma-separated list of positive numbers" };
