/**
 * Collects a policy's replay into the result tables: step rows as they finish, request rows
 * and energy components when a request ends. Pure column pushes (the hot path).
 */
import type { Pricer } from '../energy/pricer.js';
import { headline } from '../stats/headline.js';
import { TableBuilder, type Column, type ColumnTable } from '../schema/columns.js';
import { Engine, RESOURCES } from '../kernel/engine.js';
import type { RequestRun, RequestTotals, StepRecord, StepRecorder } from '../kernel/request-run.js';
import { ENERGY_RESULT_COLUMNS, REQUEST_RESULT_COLUMNS, STEP_RESULT_COLUMNS } from '../schema/result-columns.js';

const INT_COLUMNS = ['request_index', 'step', 'position', 'context_tokens', 'draft_tokens', 'accepted_tokens', 'committed_tokens', 'wasted_draft_tokens'] as const;
const TIME_COLUMNS = ['t_start_ns', 't_end_ns', 'draft_start_ns', 'draft_end_ns', 'verify_start_ns', 'verify_end_ns'] as const;
const F64_COLUMNS = [...TIME_COLUMNS, ...RESOURCES.map((r) => `${r}_busy_ns`), 'energy_pj'];

export class StepSink implements StepRecorder {
  readonly requests = new TableBuilder(REQUEST_RESULT_COLUMNS);
  readonly energy = new TableBuilder(ENERGY_RESULT_COLUMNS);
  private readonly ids: string[] = [];
  // The step columns as raw typed arrays written in place (the hot path: ~22 values per step),
  // grown together by doubling; none is nullable.
  private rows = 0;
  private cap: number;
  private ints: Int32Array[];
  private imputed: Uint8Array;
  private f64s: Float64Array[];

  /** Committed tokens over every step so far (flushed ones included). */
  committedTotal = 0;

  /**
   * @param expectedSteps rows to allocate up front (e.g. the trace's step count)
   * @param flush when given, the step rows are handed to it (in order) whenever `expectedSteps`
   *   of them have gathered, and the arrays are reused: memory stays at one batch of steps
   */
  constructor(
    readonly policy: string,
    private readonly pricer: Pricer,
    expectedSteps = 1 << 12,
    private readonly flush?: (steps: ColumnTable) => void,
  ) {
    this.cap = Math.max(16, expectedSteps);
    this.ints = INT_COLUMNS.map(() => new Int32Array(this.cap));
    this.imputed = new Uint8Array(this.cap);
    this.f64s = F64_COLUMNS.map(() => new Float64Array(this.cap));
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.ints = this.ints.map((a) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    });
    const imp = new Uint8Array(cap);
    imp.set(this.imputed);
    this.imputed = imp;
    this.f64s = this.f64s.map((a) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    });
    this.cap = cap;
  }

  step(run: RequestRun, r: StepRecord, energyPj: number): void {
    if (this.rows === this.cap) {
      if (this.flush !== undefined) {
        this.flush(this.stepTable());
        this.rows = 0;
      } else this.grow();
    }
    this.committedTotal += r.outcome.committed;
    const i = this.rows++;
    const n = this.ints;
    n[0]![i] = run.index;
    n[1]![i] = run.step;
    n[2]![i] = run.position;
    n[3]![i] = run.context;
    n[4]![i] = r.drafted;
    n[5]![i] = r.outcome.accepted;
    n[6]![i] = r.outcome.committed;
    n[7]![i] = r.wasted;
    this.imputed[i] = r.outcome.imputed ? 1 : 0;
    const f = this.f64s;
    f[0]![i] = r.t_start;
    f[1]![i] = r.t_end;
    f[2]![i] = r.draft_start;
    f[3]![i] = r.draft_end;
    f[4]![i] = r.verify_start;
    f[5]![i] = r.verify_end;
    const busy = r.busy;
    for (let k = 0; k < busy.length; k++) f[6 + k]![i] = busy[k]!;
    f[6 + busy.length]![i] = energyPj;
  }

  /** Notes a request's id before its steps arrive (a flushed batch may end inside a request). */
  begin(index: number, id: string): void {
    while (this.ids.length <= index) this.ids.push('');
    this.ids[index] = id;
  }

  request(run: RequestRun, t: RequestTotals): void {
    const q = this.requests;
    const out = run.acceptance.length - run.acceptance.start;
    const energy = t.dynamic_pj + t.static_pj;
    q.str('policy').push(this.policy);
    q.str('request_id').push(run.id);
    q.int('request_index').push(run.index);
    q.int('output_tokens').push(run.acceptance.length);
    q.int('decoded_tokens').push(out);
    q.int('steps').push(t.steps);
    q.int('imputed_steps').push(t.imputed_steps);
    q.f64('time_ns').push(t.time_ns);
    q.f64('energy_pj').push(energy);
    const h = headline({ decoded_tokens: out, time_ns: t.time_ns, energy_pj: energy, steps: t.steps, imputed_steps: t.imputed_steps });
    q.f64('tokens_per_s').push(h.tokens_per_s);
    q.f64('tokens_per_j').push(h.tokens_per_j);
    for (const r of RESOURCES) q.f64(`${r}_busy_ns`).push(t.busy[r]);
    const e = this.energy;
    const components = [...t.actions].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [action, count] of components) {
      e.str('policy').push(this.policy);
      e.str('request_id').push(run.id);
      e.str('component').push(action);
      e.f64('count').push(count);
      e.f64('energy_pj').push(this.pricer.one(action, count));
    }
    for (const [device, pj] of Object.entries(t.static_by_device)) {
      e.str('policy').push(this.policy);
      e.str('request_id').push(run.id);
      e.str('component').push(`static_${device}`);
      e.f64('count').push(t.time_ns);
      e.f64('energy_pj').push(pj);
    }
  }

  /** The step rows gathered since the last flush, as a table over the sink's arrays (views). */
  private stepTable(): ColumnTable {
    const n = this.rows;
    const columns: Record<string, Column> = {};
    const ri = this.ints[0]!;
    const ids = new Array<string>(n);
    for (let i = 0; i < n; i++) ids[i] = this.ids[ri[i]!]!;
    columns['policy'] = { type: 'utf8', values: new Array<string>(n).fill(this.policy) };
    columns['request_id'] = { type: 'utf8', values: ids };
    INT_COLUMNS.forEach((name, k) => (columns[name] = { type: 'int32', values: this.ints[k]!.subarray(0, n), valid: null }));
    columns['imputed'] = { type: 'bool', values: this.imputed.subarray(0, n) };
    F64_COLUMNS.forEach((name, k) => (columns[name] = { type: 'float64', values: this.f64s[k]!.subarray(0, n), valid: null }));
    return { length: n, specs: STEP_RESULT_COLUMNS, columns };
  }

  /** The tables: the step rows not yet flushed, every request row and energy row. */
  finish(): { steps: ColumnTable; requests: ColumnTable; energy: ColumnTable } {
    return { steps: this.stepTable(), requests: this.requests.finish(), energy: this.energy.finish() };
  }
}

export { Engine };
