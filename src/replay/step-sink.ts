/**
 * Collects a policy's replay into the result tables: step rows as they finish, request rows
 * and energy components when a request ends. Pure column pushes (the hot path).
 */
import { ENERGY_TABLES, type EnergyTableId } from '../energy/tables.js';
import { TableBuilder, type BoolBuilder, type Column, type ColumnTable, type Float64Builder, type Int32Builder } from '../schema/columns.js';
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

const STEP_NUMERIC = STEP_RESULT_COLUMNS.filter((c) => c.name !== 'policy' && c.name !== 'request_id');

export class StepSink {
  /** Step columns except policy and request_id, which are filled in once at the end. */
  readonly steps: TableBuilder;
  readonly requests = new TableBuilder(REQUEST_RESULT_COLUMNS);
  readonly energy = new TableBuilder(ENERGY_RESULT_COLUMNS);
  private readonly ids: string[] = [];
  // Column builders held directly: the step loop pushes ~20 values per step.
  private readonly cRequest: Int32Builder;
  private readonly cStep: Int32Builder;
  private readonly cPosition: Int32Builder;
  private readonly cContext: Int32Builder;
  private readonly cDraft: Int32Builder;
  private readonly cAccepted: Int32Builder;
  private readonly cCommitted: Int32Builder;
  private readonly cImputed: BoolBuilder;
  private readonly cWasted: Int32Builder;
  private readonly cTimes: Float64Builder[];
  private readonly cBusy: Float64Builder[];
  private readonly cEnergy: Float64Builder;

  /** @param expectedSteps rows to allocate up front (e.g. the trace's step count) */
  constructor(
    readonly policy: string,
    private readonly energyTable: EnergyTableId,
    expectedSteps = 1 << 12,
  ) {
    const t = (this.steps = new TableBuilder(STEP_NUMERIC, expectedSteps));
    this.cRequest = t.int('request_index');
    this.cStep = t.int('step');
    this.cPosition = t.int('position');
    this.cContext = t.int('context_tokens');
    this.cDraft = t.int('draft_tokens');
    this.cAccepted = t.int('accepted_tokens');
    this.cCommitted = t.int('committed_tokens');
    this.cImputed = t.flag('imputed');
    this.cWasted = t.int('wasted_draft_tokens');
    this.cTimes = ['t_start_ns', 't_end_ns', 'draft_start_ns', 'draft_end_ns', 'verify_start_ns', 'verify_end_ns'].map((n) => t.f64(n));
    this.cBusy = RESOURCES.map((r) => t.f64(`${r}_busy_ns`));
    this.cEnergy = t.f64('energy_pj');
  }

  step(run: RequestRun, r: StepRecord, energyPj: number): void {
    while (this.ids.length <= run.index) this.ids.push('');
    this.ids[run.index] = run.id;
    this.cRequest.push(run.index);
    this.cStep.push(run.step);
    this.cPosition.push(run.position);
    this.cContext.push(run.context);
    this.cDraft.push(r.drafted);
    this.cAccepted.push(r.outcome.accepted);
    this.cCommitted.push(r.outcome.committed);
    this.cImputed.push(r.outcome.imputed);
    this.cWasted.push(r.wasted);
    const t = this.cTimes;
    t[0]!.push(r.t_start);
    t[1]!.push(r.t_end);
    t[2]!.push(r.draft_start);
    t[3]!.push(r.draft_end);
    t[4]!.push(r.verify_start);
    t[5]!.push(r.verify_end);
    for (let i = 0; i < this.cBusy.length; i++) this.cBusy[i]!.push(r.busy[i]!);
    this.cEnergy.push(energyPj);
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
    const numeric = this.steps.finish();
    const ri = (numeric.columns['request_index'] as { values: Int32Array }).values;
    const policy: string[] = new Array<string>(numeric.length).fill(this.policy);
    const ids: string[] = Array.from(ri, (r) => this.ids[r]!);
    const columns: Record<string, Column> = { policy: { type: 'utf8', values: policy }, request_id: { type: 'utf8', values: ids }, ...numeric.columns };
    return { steps: { length: numeric.length, specs: STEP_RESULT_COLUMNS, columns }, requests: this.requests.finish(), energy: this.energy.finish() };
  }
}

export { Engine };
