/**
 * A sweep's results as one table: a row per (task, policy), a column per knob (named after the
 * knob with `.` as `_`: `draft.max_len` -> `draft_max_len`; numeric when every value is a
 * number), then the rates with their bootstrap intervals and the ratios to the baseline.
 */
import { TableBuilder, type ColumnTable } from '../schema/columns.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import type { SweepSpec } from './spec.js';
import type { SweepRow } from './task.js';

const c = (name: string, type: ColumnSpec['type'], doc: string, nullable = false): ColumnSpec => ({ name, type, nullable, doc });

const LEAD: readonly ColumnSpec[] = [c('task', 'int32', 'task index (platforms outermost, then the grid in file order)'), c('task_id', 'utf8', 'platform and knob values'), c('platform', 'utf8', 'platform preset')];
const RESULT: readonly ColumnSpec[] = [
  c('policy', 'utf8', 'policy id'),
  c('requests', 'int32', 'requests replayed'),
  c('steps', 'int32', 'verification steps'),
  c('decoded_tokens', 'int32', 'tokens committed by decode steps'),
  c('time_s', 'float64', 'decode time, all requests'),
  c('energy_j', 'float64', 'energy, all requests'),
  c('tokens_per_s', 'float64', 'decoded tokens / decode time'),
  c('tokens_per_s_lo', 'float64', '95% CI low (bootstrap over requests)'),
  c('tokens_per_s_hi', 'float64', '95% CI high'),
  c('tokens_per_j', 'float64', 'decoded tokens / energy'),
  c('tokens_per_j_lo', 'float64', '95% CI low'),
  c('tokens_per_j_hi', 'float64', '95% CI high'),
  c('energy_per_token_j', 'float64', 'energy / decoded tokens'),
  c('committed_per_step', 'float64', 'decoded tokens / steps'),
  c('imputed_share', 'float64', 'steps whose outcome used an imputation model / steps'),
  c('speedup', 'float64', "tokens/s over the baseline's in the same task", true),
  c('energy_efficiency_gain', 'float64', "tokens/J over the baseline's in the same task", true),
];

/** The column a knob gets. */
export function knobColumn(key: string): string {
  return key.replace(/[^A-Za-z0-9]+/g, '_');
}

export function sweepTable(spec: SweepSpec, rows: readonly SweepRow[]): ColumnTable {
  const knobs = spec.grid.map(({ key, values }) => ({ key, spec: c(knobColumn(key), values.every((v) => typeof v === 'number') ? 'float64' : 'utf8', `grid knob ${key}`) }));
  const b = new TableBuilder([...LEAD, ...knobs.map((k) => k.spec), ...RESULT], Math.max(16, rows.length));
  for (const r of rows) {
    const knobValues = Object.fromEntries(knobs.map((k) => [k.spec.name, k.spec.type === 'utf8' ? String(r.knobs[k.key]) : (r.knobs[k.key] as number)]));
    const { knobs: _, ...flat } = r;
    b.pushRow({ ...flat, ...knobValues });
  }
  return b.finish();
}
