/**
 * The synchronous step loop shared by the draft-then-verify policies: ask the policy for a
 * plan (it sees only the past), learn the outcome by verifying, run the draft phase then the
 * verification on the plan's devices, record, repeat until the request's output is complete.
 */
import { UserError } from '../config/user-error.js';
import type { StepPlan, SyncPolicy, StepView } from '../policy/interface.js';
import type { Outcome } from './acceptance.js';
import { RESOURCES } from './engine.js';
import type { DraftShape } from './phase-cost.js';
import { RequestRun } from './request-run.js';

export function drafted(shape: DraftShape): number {
  return shape.kind === 'none' ? 0 : shape.kind === 'chain' ? shape.k : shape.tree.template.parents.length - 1;
}

export function runSync(run: RequestRun, policy: SyncPolicy, planLog?: (view: StepView, plan: StepPlan, outcome: Outcome) => void): void {
  let t = 0;
  while (run.remaining > 0) {
    const view: StepView = {
      request_index: run.index,
      step: run.step,
      position: run.position,
      remaining: run.remaining,
      context: run.context,
      recorded_step: run.recordedStepHere(),
      history: run.history,
    };
    const plan = policy.plan(view);
    let shape: DraftShape;
    let outcome: Outcome;
    if (plan.draft.kind === 'recorded') {
      const s = view.recorded_step;
      if (s < 0) throw new Error(`request ${run.id}: no recorded step starts at position ${run.position}`);
      const recorded = run.recordedShape(s);
      if (recorded === null) throw new UserError('the trace does not record draft lengths (e.g. SpS answer files); replay needs them: pass --set draft.max_len=K (chains of K tokens, imputed) or --set draft.tree=ID');
      shape = recorded;
      outcome = run.outcome({ kind: 'recorded', step: s });
    } else {
      shape = plan.draft;
      outcome = run.outcome(shape);
    }
    const busy = new Float64Array(RESOURCES.length);
    const actions: Record<string, number> = {};
    const d = run.coster.draftPhase(shape, run.context, plan.draft_placement);
    const v = run.coster.verify(drafted(shape) + 1, run.context, plan.verify_placement);
    let pj = RequestRun.addPhase(busy, actions, d);
    pj += RequestRun.addPhase(busy, actions, v);
    const dr = run.engine.run([d.main], t, d.time_ns, 'draft');
    const vr = run.engine.run([v.main], dr.end, v.time_ns, 'verify');
    run.record({
      drafted: drafted(shape),
      outcome,
      wasted: 0,
      t_start: dr.start,
      t_end: vr.end,
      draft_start: dr.start,
      draft_end: dr.end,
      verify_start: vr.start,
      verify_end: vr.end,
      busy,
      actions,
      dynamic_pj: pj,
    });
    planLog?.(view, plan, outcome);
    policy.observe?.(view, plan, outcome);
    t = vr.end;
  }
}
