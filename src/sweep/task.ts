/**
 * One sweep task: replay the trace on the task's platform with its overrides under every
 * policy, and reduce each policy to a result row (aggregate rates with bootstrap intervals,
 * ratios against the baseline). The same function runs in a pool thread or in-process, so a
 * sweep's results do not depend on how many threads ran it.
 */
import { writeRunDir } from '../replay/run-dir.js';
import { replay } from '../replay/replay.js';
import { ShapeCache, type PricedPolicy } from '../replay/step-shapes.js';
import { rateIntervalsOf, requestColumns } from '../stats/intervals.js';
import type { Trace } from '../trace/trace.js';
import type { KnobValue, SweepTask } from './spec.js';

export interface SweepRow {
  readonly task: number;
  readonly task_id: string;
  readonly platform: string;
  readonly knobs: Readonly<Record<string, KnobValue>>;
  readonly policy: string;
  readonly requests: number;
  readonly steps: number;
  readonly decoded_tokens: number;
  readonly time_s: number;
  readonly energy_j: number;
  readonly tokens_per_s: number;
  readonly tokens_per_s_lo: number;
  readonly tokens_per_s_hi: number;
  readonly tokens_per_j: number;
  readonly tokens_per_j_lo: number;
  readonly tokens_per_j_hi: number;
  readonly energy_per_token_j: number;
  readonly edp_j_s: number;
  readonly committed_per_step: number;
  readonly imputed_share: number;
  /** tokens/s over the baseline's in the same task (null without a baseline). */
  readonly speedup: number | null;
  /** tokens/J over the baseline's in the same task (null without a baseline). */
  readonly energy_efficiency_gain: number | null;
}

export interface TaskOptions {
  readonly baseline: string | null;
  /** Write the task's whole run directory here (steps.arrow etc.), when set. */
  readonly runDir: string | null;
  readonly versions: Record<string, string>;
  /** Bootstrap intervals of the rates (default on; a sensitivity analysis needs only the point values). */
  readonly intervals?: boolean;
}

/**
 * The step shapes of the policies whose steps do not depend on the platform, per trace and
 * settings: a worker records them at its first task and prices them at every further one.
 */
const shapes = new ShapeCache();

/** Each policy's totals: a whole replay when the task writes its run directory, else by step shapes where they apply. */
function priced(task: SweepTask, trace: Trace, opts: TaskOptions): PricedPolicy[] {
  if (opts.runDir === null) return shapes.results(trace, task.platform, task.policies, task.sets);
  const result = replay({ trace, platform: task.platform, policies: task.policies, sets: task.sets });
  writeRunDir(opts.runDir, result, opts.versions);
  const seed = result.resolved.config.seed;
  return result.policies.map((p) => ({ summary: p.summary, seed, requests: requestColumns(p.requests) }));
}

export function runTask(task: SweepTask, trace: Trace, opts: TaskOptions): SweepRow[] {
  const results = priced(task, trace, opts);
  const base = opts.baseline === null ? undefined : results.find((p) => p.summary.policy === opts.baseline)?.summary;
  return results.map((p) => {
    const s = p.summary;
    const ci = opts.intervals === false ? null : rateIntervalsOf(p.requests, p.seed);
    return {
      task: task.index,
      task_id: task.id,
      platform: task.platform,
      knobs: task.knobs,
      policy: s.policy,
      requests: s.requests,
      steps: s.steps,
      decoded_tokens: s.decoded_tokens,
      time_s: s.time_s,
      energy_j: s.energy_j,
      tokens_per_s: s.tokens_per_s,
      tokens_per_s_lo: ci?.tokens_per_s.lo ?? s.tokens_per_s,
      tokens_per_s_hi: ci?.tokens_per_s.hi ?? s.tokens_per_s,
      tokens_per_j: s.tokens_per_j,
      tokens_per_j_lo: ci?.tokens_per_j.lo ?? s.tokens_per_j,
      tokens_per_j_hi: ci?.tokens_per_j.hi ?? s.tokens_per_j,
      energy_per_token_j: s.energy_per_token_j,
      edp_j_s: s.edp_j_s,
      committed_per_step: s.committed_per_step,
      imputed_share: s.imputed_share,
      speedup: base && base.tokens_per_s > 0 ? s.tokens_per_s / base.tokens_per_s : null,
      energy_efficiency_gain: base && base.tokens_per_j > 0 ? s.tokens_per_j / base.tokens_per_j : null,
    };
  });
}
