/** The policy registry: a typed object literal keyed by stable ids (no side-effect registration). */
import { arNpu } from './ar-npu.js';
import { ahasd } from './ahasd/ahasd.js';
import { lpSpec } from './lp-spec/lp-spec.js';
import { pimLlm } from './pim-llm.js';
import type { ParamSpec, PolicyFactory } from './interface.js';
import { sdGemvPim } from './sd-gemv-pim.js';
import { sdNpu } from './sd-npu.js';
import { specPim } from './specpim/specpim.js';

export const policies = {
  'ar-npu': arNpu,
  'sd-npu': sdNpu,
  'sd-gemv-pim': sdGemvPim,
  ahasd,
  'lp-spec': lpSpec,
  'pim-llm': pimLlm,
  specpim: specPim,
} as const satisfies Record<string, PolicyFactory>;

export type PolicyId = keyof typeof policies;
export const POLICY_IDS = Object.keys(policies) as PolicyId[];

/** Every policy's parameters (default, doc, type and range), by policy id. */
export function policyParams(): Record<string, Readonly<Record<string, ParamSpec>>> {
  return Object.fromEntries(Object.entries(policies).map(([id, f]) => [id, f.describe().params]));
}
