/**
 * `specreplay sweep`: every task of a sweep file replayed on a pool of worker threads
 * (piscina; one task per call, the trace opened once per thread), the rows merged in task
 * order into results.arrow / results.csv, charts of tokens/s, tokens/J and the speedup against
 * the baseline, and sweep.json (the resolved sweep, its tasks, versions). The output folder is
 * written atomically and is the same whatever the number of threads. Tasks are checked (trace
 * present, platform, policies, every override) before any replay runs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { policies as registry, policyParams, POLICY_IDS } from '../policy/registry.js';
import { resolveReplayConfig } from '../kernel/config.js';
import { resolvePlatform } from '../platform/platforms.js';
import { toArrowTable } from '../schema/arrow-columns.js';
import type { ChartSpec } from '../report/charts/spec.js';
import { sweepChart, type SweepMetric, type SweepPoint } from '../report/charts/sweep-lines.js';
import { writeDirAtomic, writeInto } from '../util/atomic-write.js';
import { RATE_RESAMPLES } from '../stats/intervals.js';
import { tableToCsv } from '../util/csv-text.js';
import { versions } from '../util/versions.js';
import { expandTasks, parseSweep, taskDirName, type SweepSpec, type SweepTask } from './spec.js';
import { sweepTable } from './table.js';
import type { SweepRow, TaskOptions } from './task.js';
import { runCall, type CallResult } from './worker.js';
import * as arrow from '../schema/arrow.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

export interface SweepOptions {
  readonly outDir: string;
  /** Threads (default: the machine's cores, at most one per task). 1 runs in-process. */
  readonly workers?: number;
  /** Keep every task's whole run directory under runs/ (steps.arrow etc.). */
  readonly keepRuns?: boolean;
  readonly onProgress?: (done: number, total: number, taskId: string) => void;
  /** Run the tasks as BullMQ jobs on this Redis (workers: `specreplay sweep-worker`) instead of a local pool. */
  readonly redis?: { readonly url: string; readonly queue?: string; /** Seconds the coordinator reconnects to a Redis that went away (default 60). */ readonly reconnect_s?: number };
  /** Write into an output folder that is not a previous sweep output (util/output-guard.ts). */
  readonly force?: boolean;
}

export interface SweepResult {
  readonly spec: SweepSpec;
  readonly tasks: readonly SweepTask[];
  readonly rows: readonly SweepRow[];
  readonly charts: readonly { readonly id: string; readonly title: string; readonly warnings: readonly string[] }[];
  /** Local threads that ran the tasks (0: Redis workers did; not written into the results). */
  readonly workers: number;
}

/** Checks every task before anything runs: a bad override fails in seconds, not mid-sweep. */
export function checkTasks(spec: SweepSpec, tasks: readonly SweepTask[], file: string): void {
  if (!fs.existsSync(spec.trace) || fs.statSync(spec.trace).isDirectory()) throw new UserError(messages.sweepNoTrace(file, spec.trace));
  for (const p of spec.policies) if (!(p in registry)) throw new UserError(messages.sweepUnknownPolicy(file, p, POLICY_IDS));
  const defaults = policyParams();
  for (const t of tasks) {
    try {
      const cfg = resolveReplayConfig(t.platform, t.sets, defaults);
      resolvePlatform(cfg.platform, cfg.platform_overrides);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(messages.sweepTaskInvalid(file, t.id, e.message));
      throw e;
    }
  }
}

function asError(r: Extract<CallResult, { ok: false }>, task: SweepTask): Error {
  const text = messages.sweepTaskFailed(task.id, r.message);
  return r.user ? new UserError(text) : new Error(text);
}

/** Runs tasks in this process, on a pool of worker threads, or on Redis workers; rows per task, in task order. */
export async function runTasks(
  tasks: readonly SweepTask[],
  options: (t: SweepTask) => TaskOptions,
  workers: number,
  redis: SweepOptions['redis'],
  onDone: (t: SweepTask) => void,
): Promise<SweepRow[][]> {
  // Worker threads need the compiled module (run from the TypeScript sources, one thread).
  if (workers > 1 && !fs.existsSync(fileURLToPath(WORKER_URL))) workers = 1;
  const out: SweepRow[][] = new Array(tasks.length);
  const take = (t: SweepTask, r: CallResult, notify = true) => {
    if (!r.ok) throw asError(r, t);
    out[t.index] = r.rows;
    if (notify) onDone(t);
  };
  if (redis !== undefined) {
    const { runCallsOnRedis, DEFAULT_QUEUE } = await import('./redis-backend.js');
    const results = await runCallsOnRedis(
      tasks.map((t) => ({ task: t, options: options(t) })),
      redis.url,
      redis.queue ?? DEFAULT_QUEUE,
      (call) => onDone(call.task),
      redis.reconnect_s,
    );
    results.forEach((r, i) => take(tasks[i]!, r, false));
    return out;
  }
  if (workers <= 1) {
    for (const t of tasks) take(t, await runCall({ task: t, options: options(t) }));
    return out;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: WORKER_URL.href, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  try {
    await Promise.all(tasks.map(async (t) => take(t, (await pool.run({ task: t, options: options(t) })) as CallResult)));
  } finally {
    await pool.destroy();
  }
  return out;
}

const METRICS: readonly (SweepMetric & { readonly lo?: keyof SweepRow; readonly hi?: keyof SweepRow })[] = [
  { id: 'tokens_per_s', title: 'Throughput', axis: 'throughput (tokens/s)', lo: 'tokens_per_s_lo', hi: 'tokens_per_s_hi' },
  { id: 'tokens_per_j', title: 'Energy efficiency', axis: 'energy efficiency (tokens/J)', lo: 'tokens_per_j_lo', hi: 'tokens_per_j_hi' },
  { id: 'speedup', title: 'Speedup over the baseline', axis: 'tokens/s ratio over the baseline (×)' },
];

/** The sweep's charts: one numeric knob gives lines against it, anything else bars per task. */
export function sweepCharts(spec: SweepSpec, rows: readonly SweepRow[]): ChartSpec[] {
  const knob = spec.grid.length === 1 && spec.grid[0]!.values.every((v) => typeof v === 'number') ? spec.grid[0]!.key : null;
  // With many tasks the charts box the metric over the other knobs against the first knob.
  const groupKnob = spec.grid[0]?.key ?? null;
  return METRICS.filter((m) => m.id !== 'speedup' || spec.baseline !== null).map((m) => {
    const points: SweepPoint[] = rows
      .filter((r) => m.id !== 'speedup' || r.policy !== spec.baseline)
      .map((r) => ({
        task_id: r.task_id,
        platform: r.platform,
        policy: r.policy,
        x: knob === null ? null : (r.knobs[knob] as number),
        group: groupKnob === null ? r.platform : (r.knobs[groupKnob] ?? null),
        y: r[m.id as keyof SweepRow] as number,
        lo: m.lo ? (r[m.lo] as number) : null,
        hi: m.hi ? (r[m.hi] as number) : null,
      }));
    const title = m.id === 'speedup' ? `${m.title} (${spec.baseline})` : m.title;
    return sweepChart(spec.id, { ...m, title, axis: m.id === 'speedup' ? `tokens/s ratio over ${spec.baseline} (×)` : m.axis }, knob, points, groupKnob);
  });
}

export async function runSweep(spec: SweepSpec, file: string, opts: SweepOptions): Promise<SweepResult> {
  const tasks = expandTasks(spec);
  checkTasks(spec, tasks, file);
  if (opts.redis !== undefined && opts.keepRuns) throw new UserError(messages.sweepRunsRemote);
  const compiled = fs.existsSync(fileURLToPath(WORKER_URL));
  const workers = compiled ? Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), tasks.length)) : 1;
  const v = versions();
  return writeDirAtomic(opts.outDir, 'sweep', { force: opts.force, inputs: [file, spec.trace] }, async (tmp) => {
    let done = 0;
    const perTask = await runTasks(
      tasks,
      (t) => ({ baseline: spec.baseline, runDir: opts.keepRuns ? path.join(tmp, 'runs', taskDirName(t)) : null, versions: v }),
      opts.redis !== undefined ? 0 : workers,
      opts.redis,
      (t) => opts.onProgress?.(++done, tasks.length, t.id),
    );
    // The folder as a whole is swapped into place: plain writes inside it.
    const put = (name: string, content: string | Uint8Array) => writeInto(tmp, name, content);
    const rows = perTask.flat();
    const table = sweepTable(spec, rows);
    put('results.arrow', arrow.tableToIPC(toArrowTable(table), 'file'));
    put('results.csv', tableToCsv(table));
    const resolved = {
      id: spec.id,
      trace_file: path.basename(spec.trace),
      tree: spec.tree,
      platforms: spec.platforms,
      policies: spec.policies,
      baseline: spec.baseline,
      sets: spec.sets,
      grid: Object.fromEntries(spec.grid.map((g) => [g.key, g.values])),
      tasks: tasks.map((t) => ({ index: t.index, id: t.id, platform: t.platform, knobs: t.knobs, sets: t.sets, ...(opts.keepRuns ? { run_dir: path.join('runs', taskDirName(t)) } : {}) })),
      confidence_intervals: `percentile bootstrap over requests, ${RATE_RESAMPLES} resamples, seeded by each task's replay seed`,
      versions: v,
    };
    put('sweep.json', JSON.stringify(resolved, null, 2) + '\n');
    const { renderSvg, svgToPng } = await import('../report/render.js');
    const charts = [];
    for (const c of sweepCharts(spec, rows)) {
      const { svg, warnings } = await renderSvg(c);
      put(path.join('charts', `${c.id}.vl.json`), JSON.stringify(c.spec, null, 2) + '\n');
      put(path.join('charts', `${c.id}.svg`), svg);
      put(path.join('charts', `${c.id}.png`), svgToPng(svg));
      charts.push({ id: c.id, title: c.title, warnings });
    }
    return { spec, tasks, rows, charts, workers: opts.redis !== undefined ? 0 : workers };
  });
}

/** Reads, checks and runs a sweep file. */
export async function runSweepFile(file: string, opts: SweepOptions): Promise<SweepResult> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UserError(messages.sweepNoFile(file));
  return runSweep(parseSweep(fs.readFileSync(file, 'utf8'), file), file, opts);
}
