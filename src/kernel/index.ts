/**
 * The replay kernel: everything a policy sees, and the one module policies import from the
 * replay side. Below the policies: the engine (resources and their timelines), phase costs,
 * placements and draft shapes, acceptance outcomes, the request run a scheduled policy drives,
 * the resolved configuration and models, and operator layout for timelines. The driver that
 * runs policies over a trace (`replay/`) sits above the policies and is handed their registry.
 */
export { RESOURCES, Engine, type Interval, type Resource } from './engine.js';
export { MATCH, MISMATCH, NO_DRAFT, indexTree, type Outcome, type RequestAcceptance, type TreeIndex } from './acceptance.js';
export { PhaseCoster, phaseCost, type DraftShape, type PhaseCost, type PhaseCostSource, type PhaseOperator, type Placement } from './phase-cost.js';
export { OutcomeHistory, RequestRun, chainShape, treeKey, treeShape, type StepRecord } from './request-run.js';
export type { ReplayConfig } from './config.js';
export type { ReplayModels } from './workload.js';
export { layOutDeviceOperators, layOutOperators } from './operators.js';
