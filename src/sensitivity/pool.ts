/**
 * A sensitivity analysis on the sweep's engine: each point of the plan is a sweep task (the
 * pair replayed with the point's field values), run on a pool of worker threads or on Redis
 * workers; the result does not depend on how many workers ran it.
 */
import { runTasks, type SweepOptions } from '../sweep/sweep.js';
import type { SweepTask } from '../sweep/spec.js';
import type { SweepRow } from '../sweep/task.js';
import { versions } from '../util/versions.js';
import { assembleSensitivity, planSensitivity, pointSets, ratiosOf, type SensitivityOptions, type SensitivityResult } from './analysis.js';

export interface PoolSensitivityOptions extends Omit<SensitivityOptions, 'trace'> {
  /** The trace file (each worker opens it once). */
  readonly traceFile: string;
  readonly tree: string | null;
  /** Only the first N requests. */
  readonly requests?: number;
  /** Worker threads (1: in this process). */
  readonly workers: number;
  readonly redis?: SweepOptions['redis'];
}

const headlineOf = (r: SweepRow) => ({ tokens_per_s: r.tokens_per_s, tokens_per_j: r.tokens_per_j, edp_j_s: r.edp_j_s, energy_per_token_j: r.energy_per_token_j, committed_per_step: r.committed_per_step, imputed_share: r.imputed_share });

export async function sensitivityOnPool(opts: PoolSensitivityOptions): Promise<SensitivityResult> {
  const plan = planSensitivity(opts);
  const [a, b] = opts.policies;
  const tasks: SweepTask[] = plan.points.map((_, i) => ({
    index: i,
    id: `point ${i}`,
    trace: opts.traceFile,
    tree: opts.tree,
    platform: opts.platform,
    policies: [a, b],
    knobs: {},
    sets: [...(opts.sets ?? []), ...pointSets(plan, i)],
    ...(opts.requests !== undefined ? { requests: opts.requests } : {}),
  }));
  let done = 0;
  const v = versions();
  const rows = await runTasks(tasks, () => ({ baseline: null, runDir: null, versions: v, intervals: false }), opts.redis !== undefined ? 0 : opts.workers, opts.redis, () => opts.onProgress?.(++done, tasks.length));
  const ratios = rows.map((r) => {
    const [ra, rb] = [r.find((x) => x.policy === a)!, r.find((x) => x.policy === b)!];
    return ratiosOf(headlineOf(ra), headlineOf(rb));
  });
  return assembleSensitivity(opts, plan, ratios);
}
