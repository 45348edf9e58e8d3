/**
 * Collects a policy's replay into the result tables: step rows as they finish, request rows
 * and energy components when a request ends. Pure column pushes (the hot path).
 */
import { ENERGY_TABLES, type EnergyTableId } from '../energy/tables.js';
import { TableBuilder, type ColumnTable } from '../schema/columns.js';
import { Engine, RESOURCES, type Resource } from './engine.js';
import type { RequestRun, StepRecord } from './request-run.js';
import { ENERGY_RESULT_COLUMNS, REQUEST_RESULT_COLUMNS, STEP_RESULT_COLUMNS } from './results.js';

export interface RequestTotals {
  readonly steps: number;
  readonly imputed_steps: number;
  readonly time_ns: number;
  readonly dynamic_pj: number;
  readonly static_pj: number;
  readonly actions: ReadonlyMap<string, number>;
  readonly busy: Readonly<Record<Resource, number>>;
  readonly static_by_device: Readonly<Record<string, number>>;
}

export class StepSink {
  readonly steps = new TableBuilder(STEP_RESULT_COLUMNS, 1 << 16);
  readonly requests = new TableBuilder(REQUEST_RESULT_COLUMNS);
  readonly energy = new TableBuilder(ENERGY_RESULT_COLUMNS);
  private readonly s = this.steps;
  constructor(
    readonly policy: string,
    private readonly energyTable: EnergyTableId,
  ) {}

  step(run: RequestRun, r: StepRecord, energyPj: number): void {
    const s = this.s;
    s.str('policy').push(this.policy);
    s.str('request_id').push(run.id);
    s.int('request_index').push(run.index);
    s.int('step').push(run.step);
    s.int('position').push(run.position);
    s.int('context_tokens').push(run.context);
    s.int('draft_tokens').push(r.drafted);
    s.int('accepted_tokens').push(r.outcome.accepted);
    s.int('committed_tokens').push(r.outcome.committed);
    s.flag('imputed').push(r.outcome.imputed);
    s.int('wasted_draft_tokens').push(r.wasted);
    s.f64('t_start_ns').push(r.t_start);
    s.f64('t_end_ns').push(r.t_end);
    s.f64('draft_start_ns').push(r.draft_start);
    s.f64('draft_end_ns').push(r.draft_end);
    s.f64('verify_start_ns').push(r.verify_start);
    s.f64('verify_end_ns').push(r.verify_end);
    s.f64('npu_busy_ns').push(r.busy[0]!);
    s.f64('pim_busy_ns').push(r.busy[1]!);
    s.f64('gpu_busy_ns').push(r.busy[2]!);
    s.f64('xbar_busy_ns').push(r.busy[3]!);
    s.f64('bus_busy_ns').push(r.busy[4]!);
    s.f64('energy_pj').push(energyPj);
  }

  request(run: RequestRun, t: RequestTotals): void {
    const q = this.requests;
    const out = run.acceptance.length - run.acceptance.start;
    const energy = t.dynamic_pj + t.static_pj;
    q.str('policy').push(this.policy);
    q.str('request_id').push(run.id);
    q.int('request_index').push(run.index);
    q.int('output_tokens').push(run.acceptance.length);
    q.int('steps').push(t.steps);
    q.int('imputed_steps').push(t.imputed_steps);
    q.f64('time_ns').push(t.time_ns);
    q.f64('energy_pj').push(energy);
    q.f64('tokens_per_s').push(t.time_ns > 0 ? (out * 1e9) / t.time_ns : 0);
    q.f64('tokens_per_j').push(energy > 0 ? (out * 1e12) / energy : 0);
    for (const r of RESOURCES) q.f64(`${r}_busy_ns`).push(t.busy[r]);
    const table = ENERGY_TABLES[this.energyTable];
    const e = this.energy;
    const components = [...t.actions].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [action, count] of components) {
      e.str('policy').push(this.policy);
      e.str('request_id').push(run.id);
      e.str('component').push(action);
      e.f64('count').push(count);
      e.f64('energy_pj').push(count * (table.actions as Record<string, { pj: number }>)[action]!.pj);
    }
    for (const [device, pj] of Object.entries(t.static_by_device)) {
      e.str('policy').push(this.policy);
      e.str('request_id').push(run.id);
      e.str('component').push(`static_${device}`);
      e.f64('count').push(t.time_ns);
      e.f64('energy_pj').push(pj);
    }
  }

  finish(): { steps: ColumnTable; requests: ColumnTable; energy: ColumnTable } {
    return { steps: this.steps.finish(), requests: this.requests.finish(), energy: this.energy.finish() };
  }
}

export { Engine };
