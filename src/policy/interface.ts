/**
 * The policy interface. A policy decides, step by step, what to draft and where each operator
 * runs. It sees the request's state and the outcomes of past steps, plus draft-side signals
 * of the current step — never the current step's acceptance (TRACES.md rule 3): the outcome
 * of a step is returned only after the step is submitted.
 *
 * Synchronous policies implement `plan` (and optionally `observe`); the shared runner
 * executes the plan (draft, then verify) on the engine. Policies with their own schedule
 * (asynchronous drafting) implement `run` over the same primitives.
 */
import type { Platform } from '../platform/platforms.js';
import type { ParamSpec, ParamValue } from '../config/knobs.js';
import type { Trace } from '../trace/trace.js';
import { type DraftShape, type Outcome, type PhaseCost, type PhaseCoster, type PhaseOperator, type Placement, type ReplayConfig, type ReplayModels, type RequestRun, type TreeIndex, type OutcomeHistory } from '../kernel/index.js';

export type { ParamSpec, ParamValue } from '../config/knobs.js';

export interface PolicyDescription {
  readonly id: string;
  readonly system: string;
  readonly summary: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** True when the policy replays the trace's recorded drafting by default. */
  readonly recorded_drafting: boolean;
  /**
   * True when the policy's steps (draft shapes, contexts, placements) do not depend on the
   * platform's numbers, only on the trace, the replay settings and which devices exist: its
   * steps can be decided once and priced per platform (replay/step-shapes.ts). Such a policy is
   * synchronous and prices its phases through the placement (no `draft_cost` / `verify_cost`).
   */
  readonly platform_independent_steps?: boolean;
}

/** What a policy instance is built with (one per replay of one policy). */
export interface PolicyContext {
  readonly platform: Platform;
  readonly trace: Trace;
  readonly models: ReplayModels;
  readonly coster: PhaseCoster;
  readonly config: ReplayConfig;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly trees: ReadonlyMap<string, TreeIndex>;
}

/** What a synchronous policy sees before deciding a step. */
export interface StepView {
  readonly request_index: number;
  readonly step: number;
  /** Output tokens committed so far (output position of the next token). */
  readonly position: number;
  readonly remaining: number;
  readonly context: number;
  /** Recorded step starting exactly at this position (the recorded drafting can be replayed), or -1. */
  readonly recorded_step: number;
  /** Outcomes of this request's past steps. */
  /** The outcomes of the request's earlier steps (`history.at(i)`, `history.length`). */
  readonly history: OutcomeHistory;
}

export type DraftChoice = { readonly kind: 'recorded' } | DraftShape;

export interface StepPlan {
  readonly draft: DraftChoice;
  readonly draft_placement: Placement;
  readonly verify_placement: Placement;
  /** A policy's own draft-phase cost (e.g. on a share of the PIM channels); default: the placement's. */
  readonly draft_cost?: (shape: DraftShape, context: number) => PhaseCost;
  /** A policy's own verification cost (e.g. split over two devices); default: the placement's. */
  readonly verify_cost?: (tokens: number, context: number) => PhaseCost;
  /** The operators behind `draft_cost` (timelines only); default: the placement's, or none with a `draft_cost`. */
  readonly draft_operators?: (shape: DraftShape, context: number) => PhaseOperator[];
  /** The operators behind `verify_cost` (timelines only); default as `draft_operators`. */
  readonly verify_operators?: (tokens: number, context: number) => PhaseOperator[];
}

export interface SyncPolicy {
  readonly kind: 'sync';
  /** What the policy decided before the replay (e.g. an offline design search), for config.json. */
  report?(): Readonly<Record<string, unknown>>;
  plan(view: StepView): StepPlan;
  observe?(view: StepView, plan: StepPlan, outcome: Outcome): void;
}

export interface ScheduledPolicy {
  readonly kind: 'scheduled';
  run(request: RequestRun): void;
}

export type PolicyInstance = SyncPolicy | ScheduledPolicy;

export interface PolicyFactory {
  describe(): PolicyDescription;
  /** Throws a UserError naming what the trace or platform lacks and the options. */
  check(ctx: PolicyContext): void;
  create(ctx: PolicyContext): PolicyInstance;
}
