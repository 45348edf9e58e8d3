/**
 * ahasd: AHASD [AHASD Sec. 4; AHASD-ART]. The draft model (DLM) runs on the LPDDR5-PIM, the target (TLM)
 * on the NPU, task-level asynchronous through the unverified-draft queue: PIM keeps drafting
 * batches on top of unverified ones while the NPU verifies. A batch drafted on an unverified
 * batch is useful only if that batch is fully accepted and its first guess matches the bonus
 * token; otherwise it is dropped (its time and energy are spent: `wasted_draft_tokens`).
 *   EDC (edc.ts) decides after each batch whether to keep drafting; TVC (tvc.ts), when EDC
 *   says stop, decides whether PIM pre-verifies the next batch's first tokens with the TLM
 *   (GTSU mode switches around it) so the NPU verifies fewer; AAU runs the DLM's
 *   attention / softmax / norm inside PIM (off: those ops go to the NPU and compete with
 *   verification); the draft length comes from one of the adaptive rules AHASD evaluates.
 * Each of async, aau, edc, tvc is a switch, so the paper's ablation is one sweep.
 * A rejection is fed back when the NPU's verification ends [AHASD Sec. 4.1, feedback queue]:
 * PIM rolls back then, so drafting it had queued past that moment never runs and a draft in
 * flight stops there (the PIM timeline is rewound; only the work done before the feedback is
 * charged, as `wasted_draft_tokens` and energy). Not modelled: early rollback from a failed
 * pre-verification (pre-verified tokens only shorten the NPU's verification).
 */
import { messages } from '../../config/messages.js';
import { KNOB } from '../../config/knobs.js';
import type { Pricer } from '../../energy/pricer.js';
import { UserError } from '../../config/user-error.js';
import type { Op } from '../../workload/ops.js';
import { NO_DRAFT, RESOURCES, chainShape, layOutDeviceOperators, phaseCost, type Engine, type Outcome, type PhaseCost, type PhaseOperator, type Placement, type RequestRun } from '../../kernel/index.js';
import type { PolicyContext, PolicyFactory, ScheduledPolicy } from '../interface.js';
import { allOn } from '../placements.js';
import { DRAFT_RULES, makeRule, type DraftRuleId } from './draft-rules.js';
import { Edc } from './edc.js';
import { EntropySource, traceEntropies } from './entropy.js';
import { Tvc } from './tvc.js';

const RULE_MAX: Record<DraftRuleId, number> = { recorded: 64, fixed: 4, 'specdec++': 16, svip: 12, adaedl: 16, banditspec: 20 };

interface Batch {
  readonly start: number;
  readonly k: number;
  readonly draftStart: number;
  readonly ready: number;
  readonly phase: PhaseCost;
  pre: number;
  /** Pre-verifications of this batch on PIM: their phases (the verification, its two mode switches) and PIM span. */
  readonly preVerifications: { readonly phases: readonly PhaseCost[]; readonly start: number; readonly end: number }[];
  readonly imputedSignal: boolean;
}

/** A phase's cost scaled to the fraction of it that ran (its actions scaled, then priced). */
function scaled(p: PhaseCost, f: number, pricer: Pricer): PhaseCost {
  if (f >= 1) return p;
  const actions: Record<string, number> = {};
  for (const [k, v] of Object.entries(p.actions)) actions[k] = v * f;
  return phaseCost(p.time_ns * f, p.busy.map((b) => b * f), p.main, actions, pricer.dynamic(actions));
}

/** Share of [a, b] that ran before `t`. */
function ranBefore(a: number, b: number, t: number): number {
  if (b <= a) return b <= t ? 1 : 0;
  return Math.min(1, Math.max(0, (t - a) / (b - a)));
}

/**
 * Runs a phase's per-device work one device after another from `earliest`; on a timeline, each
 * device's operators (`ops`, asked for only then) are drawn inside its share, tagged `phase`.
 */
function schedule(engine: Engine, p: PhaseCost, earliest: number, label: string, ops?: { phase: string; list: () => PhaseOperator[] }): { start: number; end: number } {
  let t = earliest;
  let start = -1;
  const list = engine.operators !== null && ops ? ops.list() : null;
  for (let i = 0; i < RESOURCES.length; i++) {
    const busy = p.busy[i]!;
    if (busy <= 0) continue;
    t = engine.runIndex(i, t, busy, label);
    if (start < 0) start = engine.lastStart;
    if (list !== null) layOutDeviceOperators(engine, list, RESOURCES[i]!, engine.lastStart, t, ops!.phase);
  }
  return { start: start < 0 ? earliest : start, end: t };
}

function sumBusy(phases: readonly PhaseCost[]): Float64Array {
  const b = new Float64Array(RESOURCES.length);
  for (const p of phases) for (let i = 0; i < b.length; i++) b[i]! += p.busy[i]!;
  return b;
}

class Ahasd implements ScheduledPolicy {
  readonly kind = 'scheduled';
  private readonly asyncOn: boolean;
  private readonly edcOn: boolean;
  private readonly tvcOn: boolean;
  private readonly draftPlace: Placement;
  private readonly verifyPlace = allOn('npu');
  private readonly preVerifyPlace = allOn('pim');
  private readonly entropy: EntropySource;
  private readonly ruleId: DraftRuleId;
  private readonly maxDraft: number;
  private readonly maxPending: number;
  private readonly switchNs: number;
  private readonly switches: PhaseCost;

  constructor(private readonly ctx: PolicyContext) {
    const p = ctx.params;
    this.asyncOn = p['async'] === true;
    this.edcOn = p['edc'] === true;
    this.tvcOn = p['tvc'] === true;
    this.ruleId = p['draft_rule'] as DraftRuleId;
    this.maxDraft = Number(p['max_draft']) > 0 ? Number(p['max_draft']) : RULE_MAX[this.ruleId];
    this.maxPending = Math.max(1, Number(p['max_pending']));
    this.switchNs = Number(p['gtsu_switch_ns']);
    this.switches = modeSwitches(ctx);
    this.draftPlace = p['aau'] === true ? { id: 'ahasd-draft-aau', device: () => 'pim' } : { id: 'ahasd-draft-no-aau', device: (op: Op) => (op.kind === 'gemm' ? 'pim' : 'npu') };
    this.entropy = new EntropySource(String(p['entropy_model']), traceEntropies(ctx.trace), ctx.config.seed);
  }

  run(run: RequestRun): void {
    const { coster } = run;
    const engine = run.engine;
    const edc = new Edc(Number(this.ctx.params['h_max']));
    const rule = makeRule(this.ruleId, this.maxDraft, this.ctx.config.seed + run.index);
    const pim = this.ctx.platform.config.pim!;
    const npu = this.ctx.platform.config.npu!;
    const probe = coster.verify(2, run.context, this.verifyPlace);
    const tvc = new Tvc(
      { fPimMhz: pim.freq_mhz, fNpuMhz: npu.freq_mhz, minPending: Number(this.ctx.params['preverify_min']), maxLen: Number(this.ctx.params['preverify_max']) },
      {
        npuPerKvToken: (probe.time_ns * npu.freq_mhz) / 1000 / Math.max(1, run.context),
        pimDraftPerToken: (coster.draftPhase(chainShape(1), run.context, this.draftPlace).time_ns * pim.freq_mhz) / 1000,
        pimVerifyPerToken: (coster.verify(1, run.context, this.preVerifyPlace).time_ns * pim.freq_mhz) / 1000,
      },
    );
    const length = run.acceptance.length;
    const queue: Batch[] = [];
    let draftPos = run.position;
    let restartAt = 0;
    let lastVerifyEnd = 0;
    let keepDrafting = true;
    let batchNo = 0;
    let dropped: PhaseCost[] = [];
    let wasted = 0;
    let npuTaskKv = run.context;

    while (run.remaining > 0) {
      // 1. PIM drafts: one batch if the queue is empty; more on unverified ones while allowed.
      while (draftPos < length && (queue.length === 0 || (this.asyncOn && keepDrafting && queue.length < this.maxPending))) {
        let k = 0;
        let hSum = 0;
        let hN = 0;
        let imputedSignal = false;
        const want = this.ruleId === 'recorded' ? recordedDraftAt(run, draftPos, this.maxDraft) : rule.begin(batchNo);
        const cap = Math.max(1, Math.min(want, length - draftPos));
        for (;;) {
          const e = this.entropy.at(run.acceptance, draftPos + k);
          imputedSignal ||= e.imputed;
          if (e.h !== null) {
            hSum += e.h;
            hN++;
          }
          k++;
          if (k >= cap || !rule.more(k - 1, e.h)) break;
        }
        run.decide(draftPos, k, `draft ${k} from ${draftPos}`);
        const phase = coster.draftPhase(chainShape(k), run.prompt + draftPos, this.draftPlace);
        const earliest = this.asyncOn ? restartAt : Math.max(restartAt, lastVerifyEnd);
        const at = run.prompt + draftPos;
        const s = schedule(engine, phase, earliest, `draft ${k}`, { phase: 'draft', list: () => coster.phaseOperators?.('draft', chainShape(k), at, this.draftPlace) ?? [] });
        queue.push({ start: draftPos, k, draftStart: s.start, ready: s.end, phase, pre: 0, preVerifications: [], imputedSignal });
        draftPos += k;
        batchNo++;
        keepDrafting = this.edcOn ? edc.afterDraft(hN > 0 ? hSum / hN : 0) : true;
        if (!this.asyncOn) break;
        // TVC: EDC stopped drafting while the NPU verifies the queue's head; PIM pre-verifies
        // the newest waiting batch if that and one more draft fit before the NPU finishes
        // [AHASD Sec. 4.3]. The NPU's task is the head's verification, projected here (it is
        // scheduled below, at this same start and length).
        if (keepDrafting || !this.tvcOn || queue.length < 2) continue;
        const head = queue[0]!;
        const npuStart = Math.max(head.ready, engine.freeAt('npu'));
        const npuEnd = npuStart + coster.verify(Math.max(1, head.k - head.pre) + 1, run.prompt + head.start, this.verifyPlace).time_ns;
        if (npuEnd > s.end) {
          const next = queue[queue.length - 1]!;
          const nowCycles = (Math.max(0, s.end - npuStart) * pim.freq_mhz) / 1000;
          const d = tvc.decide(run.prompt + head.start, nowCycles, 1, next.k - next.pre);
          if (d.length > 0) {
            const pv = coster.verify(d.length, run.prompt + next.start, this.preVerifyPlace);
            const t0 = engine.runOn(['pim'], s.end, this.switchNs, 'gtsu switch');
            const sw0 = engine.lastStart;
            const r = schedule(engine, pv, t0, `pre-verify ${d.length}`, { phase: 'pre-verify', list: () => coster.phaseOperators?.('verify', d.length, run.prompt + next.start, this.preVerifyPlace) ?? [] });
            const t1 = engine.runOn(['pim'], r.end, this.switchNs, 'gtsu switch');
            tvc.pvct.push(((r.end - r.start) * pim.freq_mhz) / 1000, d.length);
            next.pre = d.length;
            next.preVerifications.push({ phases: [pv, this.switches], start: sw0, end: t1 });
          }
        }
      }
      // 2. The NPU verifies the oldest batch (dropping batches invalidated by a rejection).
      const b = queue.shift();
      if (b === undefined) break;
      const P = run.position;
      let outcome: Outcome | null = null;
      if (b.start === P) outcome = run.outcome(chainShape(b.k));
      else if (b.start === P - 1) {
        const first = run.acceptance.chain(P - 1, 1);
        if (first.accepted === 1) {
          const rest = run.acceptance.chain(P, b.k - 1);
          outcome = { ...rest, imputed: rest.imputed || first.imputed };
        }
      }
      if (outcome === null) {
        // Its first guess missed the bonus token (known when the last verification ended):
        // it and every batch after it are dropped; drafting restarts from the committed position.
        const flushed = [b, ...queue.splice(0)];
        wasted += this.abandon(engine, flushed, lastVerifyEnd, dropped);
        if (this.edcOn) edc.afterFlush(flushed.length);
        draftPos = run.position;
        restartAt = Math.max(restartAt, lastVerifyEnd);
        keepDrafting = true;
        continue;
      }
      const tokens = Math.max(1, b.k - b.pre) + 1;
      const vp = coster.verify(tokens, run.prompt + P, this.verifyPlace);
      const vStart = Math.max(b.ready, engine.freeAt('npu'));
      npuTaskKv = run.prompt + P;
      const v = schedule(engine, vp, vStart, `verify ${tokens}`, { phase: 'verify', list: () => coster.phaseOperators?.('verify', tokens, run.prompt + P, this.verifyPlace) ?? [] });
      const phases = [b.phase, ...b.preVerifications.flatMap((x) => x.phases), vp, ...dropped];
      const full = outcome.accepted >= (b.start === P ? b.k : b.k - 1);
      run.record({
        drafted: b.k,
        outcome: { ...outcome, imputed: outcome.imputed || b.imputedSignal },
        wasted,
        t_start: b.draftStart,
        t_end: v.end,
        draft_start: b.draftStart,
        draft_end: b.ready,
        verify_start: v.start,
        verify_end: v.end,
        busy: sumBusy(phases),
        phases,
        dynamic_pj: phases.reduce((s, p) => s + p.energy_pj, 0),
      });
      dropped = [];
      wasted = 0;
      lastVerifyEnd = v.end;
      if (this.edcOn) edc.afterVerify(full);
      rule.observe(b.k, outcome.accepted, outcome.committed);
      tvc.nvct.push(((v.end - v.start) * pim.freq_mhz) / 1000, npuTaskKv);
      tvc.pdct.push(((b.ready - b.draftStart) * pim.freq_mhz) / 1000, b.k);
      if (!full) {
        // Rejection: every later batch was drafted on a wrong prefix; PIM learns it when the
        // verification ends and abandons them.
        const flushed = queue.splice(0);
        wasted += this.abandon(engine, flushed, v.end, dropped);
        if (this.edcOn) edc.afterFlush(flushed.length);
        draftPos = run.position;
        restartAt = v.end;
        keepDrafting = true;
      }
    }
    // Drafts past the request's end: abandoned when its last verification ended.
    this.abandon(engine, queue.splice(0), lastVerifyEnd, dropped);
    if (dropped.length > 0) run.charge(dropped);
  }

  /**
   * Abandons `batches` at time `t`: the PIM timeline is rewound to `t`, the work each batch
   * (and its pre-verification) did before `t` goes into `dropped`. Returns the draft tokens
   * whose drafting had started.
   */
  private abandon(engine: Engine, batches: readonly Batch[], t: number, dropped: PhaseCost[]): number {
    const iP = RESOURCES.indexOf('pim');
    let removed = 0;
    let wasted = 0;
    for (const x of batches) {
      const f = ranBefore(x.draftStart, x.ready, t);
      removed += x.phase.busy[iP]! * (1 - f);
      if (f > 0) {
        dropped.push(scaled(x.phase, f, this.ctx.platform.pricer));
        wasted += Math.ceil(x.k * f - 1e-9);
      }
      for (const pv of x.preVerifications) {
        const g = ranBefore(pv.start, pv.end, t);
        if (pv.end > t) removed += pv.end - Math.max(pv.start, t);
        if (g > 0) for (const e of pv.phases) dropped.push(scaled(e, g, this.ctx.platform.pricer));
      }
    }
    engine.rewind('pim', t, removed);
    return wasted;
  }
}

/**
 * The recorded draft length left at output position `pos`: the recorded step that covers it
 * (the last one starting at or before it) drafted `d` tokens from `start`; a batch starting
 * inside it drafts what is left of them (at least 1). `fallback` where the trace records none.
 */
function recordedDraftAt(run: RequestRun, pos: number, fallback: number): number {
  const { start, drafted, length } = run.acceptance.steps;
  let lo = 0;
  let hi = length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start[mid]! <= pos) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at < 0 || drafted[at]! === NO_DRAFT) return fallback;
  return Math.max(1, Math.min(fallback, drafted[at]! - (pos - start[at]!)));
}

/** Two GTSU mode switches around a pre-verification, priced by the platform's table. */
function modeSwitches(ctx: PolicyContext): PhaseCost {
  const actions = { pim_mode_switches: 2 };
  return phaseCost(0, new Float64Array(RESOURCES.length), 'pim', actions, ctx.platform.pricer.dynamic(actions));
}

export const ahasd: PolicyFactory = {
  describe: () => ({
    id: 'ahasd',
    system: 'AHASD (task-level asynchronous drafting on PIM, verification on the NPU)',
    summary: 'DLM on PIM, TLM on NPU through the unverified-draft queue; EDC, TVC, AAU and GTSU switchable; adaptive draft-length rules',
    recorded_drafting: false,
    params: {
      async: { default: true, doc: 'task-level asynchronous drafting (off: draft, then verify)', knob: KNOB.bool },
      aau: { default: true, doc: "attention / softmax / norm of the DLM inside PIM (off: on the NPU)", knob: KNOB.bool },
      edc: { default: true, doc: 'entropy-history-aware drafting control', knob: KNOB.bool },
      tvc: { default: true, doc: 'time-aware pre-verification control', knob: KNOB.bool },
      draft_rule: { default: 'adaedl', doc: `draft-length rule: ${DRAFT_RULES.join(', ')} (recorded: the trace's draft lengths, EDC trims them)`, knob: { kind: 'enum', values: DRAFT_RULES } },
      max_draft: { default: 0, doc: 'draft-length cap (0: the rule\'s default: recorded 64, fixed 4, specdec++ 16, svip 12, adaedl 16, banditspec 20)', knob: KNOB.int(0, 256, 'tokens') },
      max_pending: { default: 4, doc: 'unverified batches the queue holds', knob: KNOB.int(1, 1024, 'batches') },
      h_max: { default: 10, doc: 'EDC entropy ceiling (nats)', knob: KNOB.pos(1000, 'nats') },
      preverify_min: { default: 2, doc: 'TVC: pending draft tokens needed to pre-verify', knob: KNOB.int(1, 256, 'tokens') },
      preverify_max: { default: 8, doc: 'TVC: longest pre-verification', knob: KNOB.int(1, 256, 'tokens') },
      gtsu_switch_ns: { default: 55, doc: 'GTSU mode switch (artifact edge configs: 55 ns)', knob: KNOB.nonneg(1e9, 'ns') },
      entropy_model: { default: 'trace', doc: "draft entropy source: trace (recorded) or ahasd-synthetic (imputed)", knob: { kind: 'enum', values: ['trace', 'ahasd-synthetic'] } },
    },
  }),
  check(ctx) {
    const c = ctx.platform.config;
    if (!c.pim || !c.npu) throw new UserError(messages.policyNeedsHardware('ahasd', 'an NPU + PIM platform', c.id, !c.pim ? 'PIM' : 'an NPU', ['ahasd']));
    if (ctx.models.draft === null || ctx.models.draft.kind !== 'decoder') throw new UserError(messages.ahasdNeedsDraft());
    const rule = String(ctx.params['draft_rule']);
    if (!(DRAFT_RULES as readonly string[]).includes(rule)) throw new UserError(messages.badKnob('ahasd.draft_rule', `one of ${DRAFT_RULES.join(', ')}`, rule));
    const needs = ctx.params['edc'] === true || makeRule(rule as DraftRuleId, 4, 0).usesEntropy;
    if (needs) {
      EntropySource.check(String(ctx.params['entropy_model']), traceEntropies(ctx.trace), `ahasd (EDC or the ${rule} rule)`);
    }
  },
  create: (ctx) => new Ahasd(ctx),
};
