/**
 * The replay engine's core: resources (NPU, PIM, GPU, crossbars, the shared external bus)
 * with timelines, and tasks scheduled on them with dependencies.
 *
 *   trace ─ acceptance (positions) ─┐
 *   policy ─ plan a step (causal) ──┼─> phase costs (hardware models, memoized)
 *                                   └─> engine: tasks on resources, start = max(deps, resource free)
 *                                         └─> per-step records, busy time, action counts -> energy
 *
 * Synchronous policies (draft, then verify) and task-level asynchronous ones (drafting on PIM
 * while the NPU verifies) use the same engine: a task starts when its dependencies have
 * finished and its resources are free; a resource runs one task at a time, so busy intervals
 * never overlap. Policies submit tasks in causal order, which makes this list scheduling an
 * exact discrete-event simulation of the schedule.
 */

export const RESOURCES = ['npu', 'pim', 'gpu', 'xbar', 'bus'] as const;
export type Resource = (typeof RESOURCES)[number];
const INDEX = Object.fromEntries(RESOURCES.map((r, i) => [r, i])) as Record<Resource, number>;

export interface Interval {
  readonly resource: Resource;
  readonly start_ns: number;
  readonly end_ns: number;
  readonly label: string;
  /** What the timeline shows of the interval (phase energy, bytes, busy time per device; the step's counts). */
  readonly args?: Readonly<Record<string, unknown>>;
  /** An operator inside a phase (drawn on the device's operator track), not a phase. */
  readonly operator?: boolean;
  /** An operator's time breakdown (drawn nested inside it; bus transfers also on the bus's track). */
  readonly segments?: readonly { readonly name: string; readonly time_ns: number; readonly bus?: boolean }[];
  /** A PIM operator's channels [first, first + count) of `total` (drawn on a track per channel group). */
  readonly pim_channels?: { readonly first: number; readonly count: number; readonly total: number };
}

export class Engine {
  private readonly free = new Float64Array(RESOURCES.length);
  readonly busy = new Float64Array(RESOURCES.length);
  /** Intervals, recorded only when a timeline is wanted. */
  readonly intervals: Interval[] | null;
  /** Operator-level events (timelines only): drawn on a track per device under the phases. */
  readonly operators: Interval[] | null;
  /** Args the intervals recorded next carry (set by the runner around a phase; timelines only). */
  nextArgs: Readonly<Record<string, unknown>> | null = null;

  constructor(recordIntervals = false) {
    this.intervals = recordIntervals ? [] : null;
    this.operators = recordIntervals ? [] : null;
  }

  static index(r: Resource): number {
    return INDEX[r];
  }

  freeAt(r: Resource): number {
    return this.free[Engine.index(r)]!;
  }

  /**
   * Runs a task of `duration` ns on all of `resources` at once, not before `earliest` (its
   * dependencies' end). Returns its start and end.
   */
  run(resources: readonly Resource[], earliest: number, duration: number, label: string): { start: number; end: number } {
    const end = this.runOn(resources, earliest, duration, label);
    return { start: this.lastStart, end };
  }

  /** The start of the task `runOn` last scheduled. */
  lastStart = 0;

  /** One resource by index (RESOURCES order), without allocating: returns the end; the start is in `lastStart`. */
  runIndex(i: number, earliest: number, duration: number, label: string): number {
    const start = Math.max(earliest, this.free[i]!);
    const end = start + duration;
    this.free[i] = end;
    this.busy[i]! += duration;
    if (this.intervals !== null && duration > 0) this.intervals.push({ resource: RESOURCES[i]!, start_ns: start, end_ns: end, label, ...(this.nextArgs ? { args: this.nextArgs } : {}) });
    this.lastStart = start;
    return end;
  }

  /** As `run`, without allocating: returns the end; the start is in `lastStart`. */
  runOn(resources: readonly Resource[], earliest: number, duration: number, label: string): number {
    let start = earliest;
    for (let k = 0; k < resources.length; k++) start = Math.max(start, this.free[Engine.index(resources[k]!)]!);
    const end = start + duration;
    for (let k = 0; k < resources.length; k++) {
      const r = resources[k]!;
      const i = Engine.index(r);
      this.free[i] = end;
      this.busy[i]! += duration;
      if (this.intervals !== null && duration > 0) this.intervals.push({ resource: r, start_ns: start, end_ns: end, label, ...(this.nextArgs ? { args: this.nextArgs } : {}) });
    }
    this.lastStart = start;
    return end;
  }

  /**
   * Cancels work on resource `r` from time `t` on (speculative work abandoned at `t`): the
   * resource is free again at `t`, `removed` ns of busy time (the caller knows which of its
   * tasks ran past `t`) are taken back, and recorded intervals are cut at `t`. Only the
   * resource's last-scheduled tasks can be cancelled this way.
   */
  rewind(r: Resource, t: number, removed: number): void {
    const i = Engine.index(r);
    if (this.free[i]! <= t) return;
    this.free[i] = t;
    this.busy[i] = Math.max(0, this.busy[i]! - removed);
    if (this.intervals !== null) cut(this.intervals, r, t);
    if (this.operators !== null) cut(this.operators, r, t);
  }

  /** Busy time per resource so far (ns). */
  busyOf(r: Resource): number {
    return this.busy[Engine.index(r)]!;
  }

  reset(): void {
    this.free.fill(0);
    this.busy.fill(0);
    if (this.intervals) this.intervals.length = 0;
    if (this.operators) this.operators.length = 0;
  }
}

/** Cuts a resource's recorded intervals at `t`: later ones removed, one running across `t` ended there. */
function cut(intervals: Interval[], r: Resource, t: number): void {
  for (let k = intervals.length - 1; k >= 0; k--) {
    const iv = intervals[k]!;
    if (iv.resource !== r || iv.end_ns <= t) continue;
    if (iv.start_ns >= t) intervals.splice(k, 1);
    else intervals[k] = { ...iv, end_ns: t };
  }
}
