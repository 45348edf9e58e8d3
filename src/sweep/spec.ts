/**
 * A sweep file (SWEEP.json): one trace replayed on every combination of platforms and knob
 * values, each combination (a task) under the same policies. Parsed strictly: an unknown
 * field, platform, policy or knob is an error naming the file and the field, before any replay
 * runs.
 *
 *   {
 *     "id": "draft-length",
 *     "trace": "../traces/.../answers.jsonl",      path relative to the sweep file
 *     "tree": "eagle-mc_sim_7b_63",                 optional: --tree for ingesting the trace
 *     "platforms": ["mobile-npu-lpddr5"],
 *     "policies": ["ar-npu", "sd-npu"],
 *     "baseline": "ar-npu",                         optional: speedup columns against it
 *     "sets": ["workload.prompt_tokens=256"],       optional: overrides every task gets
 *     "grid": { "draft.max_len": [1, 2, 4, 8] }     optional: knob -> values (cartesian product)
 *   }
 */
import * as path from 'node:path';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';

export type KnobValue = number | string | boolean;

export interface SweepSpec {
  readonly id: string;
  /** Absolute path of the trace. */
  readonly trace: string;
  readonly tree: string | null;
  readonly platforms: readonly string[];
  readonly policies: readonly string[];
  readonly baseline: string | null;
  readonly sets: readonly string[];
  /** Knobs in file order, each with its values in file order. */
  readonly grid: readonly { readonly key: string; readonly values: readonly KnobValue[] }[];
}

/** One replay of the sweep: a platform and one value per knob. */
export interface SweepTask {
  readonly index: number;
  /** Readable and unique: `<platform>` then `<knob>=<value>` parts, joined by `,`. */
  readonly id: string;
  readonly trace: string;
  readonly tree: string | null;
  readonly platform: string;
  readonly policies: readonly string[];
  readonly knobs: Readonly<Record<string, KnobValue>>;
  /** The task's `--set` overrides: the sweep's fixed sets, then its knob values. */
  readonly sets: readonly string[];
  /** Only the trace's first N requests (a sensitivity analysis's `--requests`). */
  readonly requests?: number;
}

const FIELDS = ['id', 'trace', 'tree', 'platforms', 'policies', 'baseline', 'sets', 'grid'];
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isString);
const isKnob = (v: unknown): v is KnobValue => (typeof v === 'number' && Number.isFinite(v)) || isString(v) || typeof v === 'boolean';

export function parseSweep(text: string, file: string): SweepSpec {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new UserError(messages.sweepNotJson(file, (e as Error).message));
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new UserError(messages.sweepNotObject(file, FIELDS));
  const r = o as Record<string, unknown>;
  const bad = (field: string, expected: string): never => {
    throw new UserError(messages.sweepField(file, field, expected, r[field]));
  };
  for (const k of Object.keys(r)) if (!FIELDS.includes(k)) throw new UserError(messages.sweepUnknownField(file, k, FIELDS));
  if (!isString(r['id']) || !/^[A-Za-z0-9._-]+$/.test(r['id'])) bad('id', 'a name of letters, digits, . _ -');
  if (!isString(r['trace'])) bad('trace', 'the trace file, relative to the sweep file');
  if (r['tree'] !== undefined && !isString(r['tree'])) bad('tree', 'a tree template id');
  if (!isStrings(r['platforms'])) bad('platforms', 'a non-empty array of platform ids');
  if (!isStrings(r['policies'])) bad('policies', 'a non-empty array of policy ids');
  const policies = r['policies'] as string[];
  if (r['baseline'] !== undefined && !(isString(r['baseline']) && policies.includes(r['baseline']))) bad('baseline', `one of the policies (${policies.join(', ')})`);
  if (r['sets'] !== undefined && !(Array.isArray(r['sets']) && r['sets'].every((s) => isString(s) && s.indexOf('=') > 0))) bad('sets', 'an array of key=value overrides');
  const grid: { key: string; values: KnobValue[] }[] = [];
  if (r['grid'] !== undefined) {
    const g = r['grid'];
    if (typeof g !== 'object' || g === null || Array.isArray(g)) bad('grid', 'an object: knob -> array of values');
    for (const [key, values] of Object.entries(g as Record<string, unknown>)) {
      if (!Array.isArray(values) || values.length === 0 || !values.every(isKnob)) {
        throw new UserError(messages.sweepField(file, `grid.${key}`, 'a non-empty array of numbers, strings or booleans', values));
      }
      if (new Set(values.map(String)).size !== values.length) throw new UserError(messages.sweepRepeats(file, key));
      grid.push({ key, values });
    }
  }
  return {
    id: r['id'] as string,
    trace: path.resolve(path.dirname(path.resolve(file)), r['trace'] as string),
    tree: (r['tree'] as string | undefined) ?? null,
    platforms: [...new Set(r['platforms'] as string[])],
    policies: [...new Set(policies)],
    baseline: (r['baseline'] as string | undefined) ?? null,
    sets: (r['sets'] as string[] | undefined) ?? [],
    grid,
  };
}

/** The tasks: platforms (outermost) x the knobs' values, in file order. */
/** Most tasks one sweep may expand to (README "Bad input"); counted before any is built. */
export const MAX_SWEEP_TASKS = 100_000;

export function expandTasks(spec: SweepSpec): SweepTask[] {
  const count = spec.grid.reduce((n, g) => n * g.values.length, spec.platforms.length);
  if (count > MAX_SWEEP_TASKS) throw new UserError(messages.sweepTooLarge(count, MAX_SWEEP_TASKS));
  let points: Record<string, KnobValue>[] = [{}];
  for (const { key, values } of spec.grid) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  const tasks: SweepTask[] = [];
  for (const platform of spec.platforms) {
    for (const knobs of points) {
      const parts = Object.entries(knobs).map(([k, v]) => `${k}=${String(v)}`);
      tasks.push({
        index: tasks.length,
        id: [platform, ...parts].join(','),
        trace: spec.trace,
        tree: spec.tree,
        platform,
        policies: spec.policies,
        knobs,
        sets: [...spec.sets, ...parts],
      });
    }
  }
  return tasks;
}

/** A task id made safe as a folder name. */
export function taskDirName(task: SweepTask): string {
  return `${String(task.index).padStart(3, '0')}_${task.id.replace(/[^A-Za-z0-9_.=-]+/g, '_')}`;
}
