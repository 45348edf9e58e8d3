/**
 * The synchronous step loop shared by the draft-then-verify policies: ask the policy for a
 * plan (it sees only the past), learn the outcome by verifying, run the draft phase then the
 * verification on the plan's devices, record, repeat until the request's output is complete.
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { StepPlan, SyncPolicy, StepView } from '../policy/interface.js';
import type { Outcome } from '../kernel/acceptance.js';
import { RESOURCES } from '../kernel/engine.js';
import type { DraftShape, PhaseCost } from '../kernel/phase-cost.js';
import { layOutOperators } from '../kernel/operators.js';
import { phaseArgs } from './timeline.js';
import { RequestRun, type StepRecord } from '../kernel/request-run.js';

const NPU = ['npu'] as const;

export function drafted(shape: DraftShape): number {
  return shape.kind === 'none' ? 0 : shape.kind === 'chain' ? shape.k : (shape.nodes ?? shape.tree.template.parents.length - 1);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function runSync(run: RequestRun, policy: SyncPolicy, planLog?: (view: StepView, plan: StepPlan, outcome: Outcome) => void): void {
  let t = 0;
  const busy = new Float64Array(RESOURCES.length);
  // One view, record and phase list per request, rewritten every step (the hot loop allocates
  // only the outcome, which the history keeps); policies read them during the call only.
  const view: Mutable<StepView> = { request_index: run.index, step: 0, position: 0, remaining: 0, context: 0, recorded_step: -1, history: run.history };
  const phases: PhaseCost[] = [];
  const rec: Mutable<StepRecord> = { drafted: 0, outcome: { committed: 0, accepted: 0, imputed: false }, wasted: 0, t_start: 0, t_end: 0, draft_start: 0, draft_end: 0, verify_start: 0, verify_end: 0, busy, phases, dynamic_pj: 0 };
  while (run.remaining > 0) {
    view.step = run.step;
    view.position = run.position;
    view.remaining = run.remaining;
    view.context = run.context;
    view.recorded_step = run.recordedStepHere();
    const plan = policy.plan(view);
    let shape: DraftShape;
    let outcome: Outcome;
    if (plan.draft.kind === 'recorded') {
      const s = view.recorded_step;
      if (s < 0) throw new Error(`request ${run.id}: no recorded step starts at position ${run.position}`);
      const recorded = run.recordedShape(s);
      if (recorded === null) throw new UserError(messages.noDraftLengths('', 'e.g. SpS answer files'));
      shape = recorded;
      outcome = run.outcome({ kind: 'recorded', step: s });
    } else {
      shape = plan.draft;
      outcome = run.outcome(shape);
    }
    const d = plan.draft_cost ? plan.draft_cost(shape, run.context) : run.coster.draftPhase(shape, run.context, plan.draft_placement);
    const k = drafted(shape);
    const v = plan.verify_cost ? plan.verify_cost(k + 1, run.context) : run.coster.verify(k + 1, run.context, plan.verify_placement);
    const pj = d.energy_pj + v.energy_pj;
    const db = d.busy;
    const vb = v.busy;
    for (let i = 0; i < busy.length; i++) busy[i] = db[i]! + vb[i]!;
    const timeline = run.engine.intervals !== null;
    if (timeline) run.engine.nextArgs = phaseArgs(d);
    const draftEnd = run.engine.runOn(d.resources ?? (d.main === 'npu' ? NPU : [d.main]), t, d.time_ns, 'draft');
    const draftStart = run.engine.lastStart;
    if (timeline) run.engine.nextArgs = phaseArgs(v);
    const verifyEnd = run.engine.runOn(v.resources ?? (v.main === 'npu' ? NPU : [v.main]), draftEnd, v.time_ns, 'verify');
    const verifyStart = run.engine.lastStart;
    if (timeline) {
      run.engine.nextArgs = null;
      // Operator-level events: the policy's own (behind its own cost functions), else the coster's.
      const ops = run.coster.phaseOperators?.bind(run.coster);
      const draftOps = plan.draft_operators ? plan.draft_operators(shape, run.context) : ops && !plan.draft_cost ? ops('draft', shape, run.context, plan.draft_placement) : [];
      const verifyOps = plan.verify_operators ? plan.verify_operators(k + 1, run.context) : ops && !plan.verify_cost ? ops('verify', k + 1, run.context, plan.verify_placement) : [];
      if (k > 0) layOutOperators(run.engine, draftOps, draftStart, draftEnd, 'draft');
      layOutOperators(run.engine, verifyOps, verifyStart, verifyEnd, 'verify');
    }
    phases[0] = d;
    phases[1] = v;
    rec.drafted = k;
    rec.outcome = outcome;
    rec.t_start = draftStart;
    rec.t_end = verifyEnd;
    rec.draft_start = draftStart;
    rec.draft_end = draftEnd;
    rec.verify_start = verifyStart;
    rec.verify_end = verifyEnd;
    rec.dynamic_pj = pj;
    run.record(rec);
    planLog?.(view, plan, outcome);
    policy.observe?.(view, plan, outcome);
    t = verifyEnd;
  }
}
