/**
 * One request being replayed under one policy: its acceptance, the engine, the phase costs,
 * and the recorder of step rows, busy time, energy and actions. Policies get outcomes only by
 * submitting a step (causality); the recorder checks that the request ends with exactly its
 * recorded output tokens (TRACES.md rule 1).
 */
import type { Pricer } from '../energy/pricer.js';
import type { ActionName } from '../hw/actions.js';
import { NO_DRAFT, type Outcome, type RequestAcceptance, type TreeIndex } from './acceptance.js';
import { Engine, RESOURCES, type Resource } from './engine.js';
import { ACTION_NAMES, type DraftShape, type PhaseCost, type PhaseCostSource } from './phase-cost.js';

export interface StepRecord {
  readonly drafted: number;
  readonly outcome: Outcome;
  readonly wasted: number;
  readonly t_start: number;
  readonly t_end: number;
  readonly draft_start: number;
  readonly draft_end: number;
  readonly verify_start: number;
  readonly verify_end: number;
  /** Busy ns per resource within the step. */
  readonly busy: Float64Array;
  /** The phases the step ran (their actions are added to the request's totals). */
  readonly phases: readonly PhaseCost[];
  readonly dynamic_pj: number;
}

export interface RequestTotals {
  readonly steps: number;
  readonly imputed_steps: number;
  readonly time_ns: number;
  readonly dynamic_pj: number;
  readonly static_pj: number;
  readonly actions: ReadonlyMap<ActionName, number>;
  readonly busy: Readonly<Record<Resource, number>>;
  readonly static_by_device: Readonly<Record<string, number>>;
}

/** Where a request run's rows go (the replay driver's step sink). */
export interface StepRecorder {
  begin(index: number, id: string): void;
  step(run: RequestRun, r: StepRecord, energyPj: number): void;
  request(run: RequestRun, totals: RequestTotals): void;
}

/** The outcomes of a request's steps so far, as typed arrays (a policy reads them through `StepView.history`). */
export class OutcomeHistory {
  length = 0;
  private committedArr: Int32Array;
  private acceptedArr: Int32Array;
  private imputedArr: Uint8Array;

  /** @param capacity steps to hold before growing (a replay passes the recorded step count) */
  constructor(capacity = 64) {
    const n = Math.max(16, capacity);
    this.committedArr = new Int32Array(n);
    this.acceptedArr = new Int32Array(n);
    this.imputedArr = new Uint8Array(n);
  }

  push(o: Outcome): void {
    if (this.length === this.committedArr.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.committedArr = grow(this.committedArr);
      this.acceptedArr = grow(this.acceptedArr);
      this.imputedArr = grow(this.imputedArr);
    }
    this.committedArr[this.length] = o.committed;
    this.acceptedArr[this.length] = o.accepted;
    this.imputedArr[this.length] = o.imputed ? 1 : 0;
    this.length++;
  }

  /** Step i's outcome (a new object: for reading, not for the hot loop). */
  at(i: number): Outcome {
    if (i < 0 || i >= this.length) throw new RangeError(`step ${i} of ${this.length}`);
    return { committed: this.committedArr[i]!, accepted: this.acceptedArr[i]!, imputed: this.imputedArr[i] === 1 };
  }
}

export class RequestRun {
  position: number;
  step = 0;
  /** What earlier steps of this request committed and accepted (no object kept per step). */
  readonly history: OutcomeHistory;
  /** Action counts by action id (see actionId). */
  private readonly actionTotals = new Float64Array(ACTION_NAMES.length);
  private dynamic = 0;
  private staticPj = 0;
  private imputedSteps = 0;
  private end = 0;
  private readonly busyTotals = new Float64Array(RESOURCES.length);

  constructor(
    readonly index: number,
    readonly id: string,
    readonly acceptance: RequestAcceptance,
    readonly prompt: number,
    readonly engine: Engine,
    readonly coster: PhaseCostSource,
    readonly trees: ReadonlyMap<string, TreeIndex>,
    private readonly pricer: Pricer,
    private readonly sink: StepRecorder,
  ) {
    this.position = acceptance.start;
    // Room for the recorded steps (a policy taking other steps grows it).
    this.history = new OutcomeHistory(acceptance.steps.length + 1);
    sink.begin(index, id);
  }

  get remaining(): number {
    return this.acceptance.length - this.position;
  }

  get context(): number {
    return this.prompt + this.position;
  }

  /** The recorded step that starts exactly at the current position, or -1. */
  recordedStepHere(): number {
    const steps = this.acceptance.steps;
    const start = steps.start;
    const s = this.step;
    if (s < steps.length && start[s] === this.position) return s;
    let lo = 0;
    let hi = steps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const st = start[mid]!;
      if (st < this.position) lo = mid + 1;
      else if (st > this.position) hi = mid - 1;
      else {
        // Several zero-commit steps can share a start: take the first not yet replayed.
        let m = mid;
        while (m > 0 && start[m - 1] === this.position) m--;
        return m;
      }
    }
    return -1;
  }

  /** The draft shape the recorded step s used (null when the trace does not record it). */
  recordedShape(s: number): DraftShape | null {
    const steps = this.acceptance.steps;
    const tree = steps.tree(s);
    if (tree !== null) return treeShape(this.trees.get(tree)!);
    const drafted = steps.drafted[s]!;
    return drafted === NO_DRAFT ? null : chainShape(drafted);
  }

  /** Outcome of verifying a draft from the current position (the only way to learn acceptance). */
  outcome(shape: DraftShape | { kind: 'recorded'; step: number }, keep: Uint8Array | null = null): Outcome {
    switch (shape.kind) {
      case 'recorded':
        return this.acceptance.recorded(shape.step);
      case 'none':
        return { committed: Math.min(1, this.remaining), accepted: 0, imputed: false };
      case 'chain':
        return this.acceptance.chain(this.position, shape.k);
      case 'tree':
        return this.acceptance.tree(this.position, shape.tree, keep ?? shape.keep ?? null);
    }
  }

  /** Timeline intervals already given their step's args. */
  private intervalMark = 0;

  /** Decision log (tests of causality): a decision about drafting `tokens` from `position`. */
  onDecision: ((position: number, tokens: number, what: string) => void) | null = null;

  decide(position: number, tokens: number, what: string): void {
    this.onDecision?.(position, tokens, what);
  }

  /** Adds work that belongs to no recorded step (drafts dropped at the request's end). */
  charge(phases: readonly PhaseCost[]): void {
    this.addActions(phases);
    for (const p of phases) {
      this.dynamic += p.energy_pj;
      for (let i = 0; i < RESOURCES.length; i++) this.busyTotals[i]! += p.busy[i]!;
    }
  }

  private addActions(phases: readonly PhaseCost[]): void {
    // Action ids index ACTION_NAMES: the totals array has a slot for each.
    const totals = this.actionTotals;
    for (let p = 0; p < phases.length; p++) {
      const ph = phases[p]!;
      const ids = ph.action_ids;
      const counts = ph.action_counts;
      for (let i = 0; i < ids.length; i++) totals[ids[i]!]! += counts[i]!;
    }
  }

  /**
   * Records a finished step and advances the position by its committed tokens. Static energy
   * is charged for the time the step moves the request's end forward, so overlapping steps of
   * an asynchronous schedule are not charged twice.
   */
  record(r: StepRecord): void {
    const ivs = this.engine.intervals;
    if (ivs !== null) {
      // The step's counts on every interval scheduled since the previous step was recorded.
      const stepArgs = { step: this.step, position: this.position, drafted: r.drafted, accepted: r.outcome.accepted, committed: r.outcome.committed, imputed: r.outcome.imputed, step_energy_pj: r.dynamic_pj };
      for (let k = Math.min(this.intervalMark, ivs.length); k < ivs.length; k++) ivs[k] = { ...ivs[k]!, args: { ...stepArgs, ...(ivs[k]!.args ?? {}) } };
      this.intervalMark = ivs.length;
    }
    const stat = this.pricer.staticPj(Math.max(0, r.t_end - this.end));
    this.addActions(r.phases);
    this.dynamic += r.dynamic_pj;
    this.staticPj += stat;
    if (r.outcome.imputed) this.imputedSteps++;
    for (let i = 0; i < RESOURCES.length; i++) this.busyTotals[i]! += r.busy[i]!;
    this.end = Math.max(this.end, r.t_end);
    this.sink.step(this, r, r.dynamic_pj + stat);
    this.history.push(r.outcome);
    this.position += r.outcome.committed;
    this.step++;
  }

  /** Called once the request is done: checks rule 1 and hands the totals to the sink. */
  finish(): void {
    if (this.position !== this.acceptance.length) {
      throw new Error(`request ${this.id}: the policy committed ${this.position} tokens, the recording has ${this.acceptance.length}`);
    }
    this.sink.request(this, {
      steps: this.step,
      imputed_steps: this.imputedSteps,
      time_ns: this.end,
      dynamic_pj: this.dynamic,
      static_pj: this.staticPj,
      actions: new Map(ACTION_NAMES.map((name, id) => [name, this.actionTotals[id] ?? 0] as [ActionName, number]).filter(([, n]) => n > 0)),
      busy: Object.fromEntries(RESOURCES.map((r, i) => [r, this.busyTotals[i]!])) as Record<Resource, number>,
      static_by_device: this.pricer.staticByDevice(this.end),
    });
  }
}

const chains: DraftShape[] = [{ kind: 'none' }];
/** The (shared) shape of a chain of k drafted tokens. */
export function chainShape(k: number): DraftShape {
  while (chains.length <= k) chains.push({ kind: 'chain', k: chains.length });
  return chains[k]!;
}

const treeShapes = new WeakMap<TreeIndex, DraftShape>();
/** The (shared) shape of drafting a whole tree template. */
export function treeShape(t: TreeIndex): DraftShape {
  let s = treeShapes.get(t);
  if (s === undefined) treeShapes.set(t, (s = { kind: 'tree', tree: t, keyId: treeKey(t), widths: t.widths.slice(0, t.widths.length - 1) }));
  return s;
}

const treeKeys = new WeakMap<TreeIndex, number>();
let nextTreeKey = 1;
/** A small integer per tree index (memo keys). */
export function treeKey(t: TreeIndex): number {
  let k = treeKeys.get(t);
  if (k === undefined) treeKeys.set(t, (k = nextTreeKey++));
  return k;
}
