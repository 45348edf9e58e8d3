/**
 * Shared helpers: one replay of one policy, returning its summary. Every replay of a
 * reproduction goes through here, so the intervals over open fields (intervals.ts) can re-run
 * a paper's setup with one platform's open field at another reading.
 */
import { replay, type PolicySummary, type ReplayResult } from '../replay/replay.js';
import type { Trace } from '../trace/trace.js';

/** Settings the replays on one platform take while a reproduction re-runs under another reading. */
let overriding: { readonly platform: string; readonly sets: readonly string[] } | null = null;
/** Platforms the replays used since the last `recordPlatforms`. */
let used: Set<string> | null = null;

function setsFor(platform: string, sets: readonly string[]): readonly string[] {
  used?.add(platform);
  return overriding !== null && overriding.platform === platform ? [...sets, ...overriding.sets] : sets;
}

/** Runs `fn` with `sets` added to every replay on `platform`. */
export async function withPlatformSets<T>(platform: string, sets: readonly string[], fn: () => Promise<T>): Promise<T> {
  overriding = { platform, sets };
  try {
    return await fn();
  } finally {
    overriding = null;
  }
}

/** Runs `fn` and returns the platforms its replays used. */
export async function recordPlatforms<T>(fn: () => Promise<T>): Promise<{ value: T; platforms: string[] }> {
  used = new Set();
  try {
    const value = await fn();
    return { value, platforms: [...used] };
  } finally {
    used = null;
  }
}

export function run(trace: Trace, platform: string, policy: string, sets: readonly string[]): PolicySummary {
  return replay({ trace, platform, policies: [policy], sets: setsFor(platform, sets) }).policies[0]!.summary;
}

export function runFull(trace: Trace, platform: string, policy: string, sets: readonly string[]): ReplayResult {
  return replay({ trace, platform, policies: [policy], sets: setsFor(platform, sets) });
}

/** Energy-delay product per token in s x mJ (LP-Spec's unit). */
export const edpSmJ = (s: PolicySummary): number => (1 / s.tokens_per_s) * (1000 / s.tokens_per_j);
