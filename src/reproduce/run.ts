/** Shared helpers: one replay of one policy, returning its summary. */
import { replay, type PolicySummary, type ReplayResult } from '../replay/replay.js';
import type { Trace } from '../trace/trace.js';

export function run(trace: Trace, platform: string, policy: string, sets: readonly string[]): PolicySummary {
  return replay({ trace, platform, policies: [policy], sets }).policies[0]!.summary;
}

export function runFull(trace: Trace, platform: string, policy: string, sets: readonly string[]): ReplayResult {
  return replay({ trace, platform, policies: [policy], sets });
}

/** Energy-delay product per token in s x mJ (LP-Spec's unit). */
export const edpSmJ = (s: PolicySummary): number => (1 / s.tokens_per_s) * (1000 / s.tokens_per_j);
