import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { messages } from '../../config/messages.js';
import { printJson, UsageError, type Io } from '../io.js';

export function registerSweep(program: Command, io: Io): void {
  program
    .command('sweep')
    .description('replay a trace over platforms x knob values (a sweep file) on a pool of worker threads; writes results.arrow/.csv, charts and sweep.json')
    .argument('<sweep>', 'a sweep file (JSON; README "Sweeps")')
    .requiredOption('-o, --out <dir>', 'output folder (written atomically)')
    .option('--workers <n>', 'worker threads (default: the cores; 1 runs in-process)')
    .option('--runs', "keep every task's run directory under runs/ (for specreplay compare / report)")
    .option('--redis <url>', 'run the tasks as BullMQ jobs on this Redis (redis://host:port); `specreplay sweep-worker` processes run them')
    .option('--queue <name>', 'the Redis queue (with --redis)', 'specreplay-sweep')
    .option('--redis-reconnect <seconds>', 'with --redis: how long to keep reconnecting to a Redis that went away before giving up', '60')
    .option('--json', 'print the result rows as JSON')
    .option('-q, --quiet', 'no progress')
    .option('--force', 'write into an output folder that is not a previous sweep output (adds the files; deletes nothing else)')
    .action(async (file: string, o: { out: string; workers?: string; runs?: boolean; redis?: string; queue: string; redisReconnect: string; json?: boolean; quiet?: boolean; force?: boolean }) => {
      const reconnect = Number(o.redisReconnect);
      if (!(Number.isFinite(reconnect) && reconnect >= 0 && reconnect <= 86_400)) throw new UsageError(messages.sweepReconnect(o.redisReconnect));
      const workers = o.workers === undefined ? undefined : Number(o.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) throw new UsageError(messages.sweepWorkers(o.workers!));
      const { runSweepFile } = await import('../../sweep/sweep.js');
      const showProgress = !o.quiet && !o.json;
      const { counter } = await import('../progress.js');
      let progress: ReturnType<typeof counter> | null = null;
      const r = await runSweepFile(file, {
        outDir: o.out,
        force: o.force === true,
        workers,
        keepRuns: o.runs === true,
        redis: o.redis === undefined ? undefined : { url: o.redis, queue: o.queue, reconnect_s: reconnect },
        onProgress: showProgress ? (done, total, id) => (progress ??= counter(io, total, 'task ', { finished: true }))(done, `${id} done`) : undefined,
      });
      if (o.json) return printJson(io, r.rows);
      const { sweepTableLines } = await import('../sweep-table.js');
      for (const line of sweepTableLines(r.rows, r.tasks.map((t) => t.id), r.spec.baseline, path.join(o.out, 'results.csv'))) io.out(line);
      const ran = o.redis !== undefined ? `Redis workers (${o.redis}, queue ${o.queue})` : `${r.workers} thread${r.workers === 1 ? '' : 's'}`;
      io.out(`${r.tasks.length} tasks on ${ran} -> ${path.join(o.out, 'results.arrow')} (and results.csv, sweep.json, charts/: ${r.charts.map((c) => c.id).join(', ')})\n`);
      for (const c of r.charts) for (const wmsg of c.warnings) io.err(`  warning (${c.id}): ${wmsg}\n`);
    });
}

export function registerSweepWorker(program: Command, io: Io): void {
  program
    .command('sweep-worker')
    .description('run sweep tasks from a Redis queue (the distributed backend of specreplay sweep --redis) until interrupted')
    .requiredOption('--redis <url>', 'the Redis the coordinator uses (redis://host:port)')
    .option('--queue <name>', 'the queue', 'specreplay-sweep')
    .option('--threads <n>', 'tasks run at once, each on its own thread (default: the cores)')
    .action(async (o: { redis: string; queue: string; threads?: string }) => {
      const threads = o.threads === undefined ? os.availableParallelism() : Number(o.threads);
      if (!(Number.isInteger(threads) && threads >= 1)) throw new UsageError(messages.sweepThreads(o.threads!));
      const { startSweepWorker } = await import('../../sweep/redis-backend.js');
      const w = await startSweepWorker({ url: o.redis, queue: o.queue, threads, onJob: (id, ok) => io.err(`${ok ? 'done' : 'failed'}: ${id}\n`) });
      io.err(`sweep-worker: ${o.redis} queue ${o.queue}, ${threads} thread${threads === 1 ? '' : 's'}; Ctrl-C to stop\n`);
      const stopped = new Promise<void>((resolve) => {
        // The first signal stops taking jobs and lets the running ones finish (their results are
        // wanted); a second one stops at once (BullMQ hands unfinished jobs to another worker).
        const stop = (signal: string) => {
          io.err(messages.workerStopping(signal));
          process.once('SIGINT', () => void w.close(true).then(resolve));
          process.once('SIGTERM', () => void w.close(true).then(resolve));
          void w.close().then(resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      try {
        await Promise.race([stopped, w.lost]);
      } catch (e) {
        await w.close(true);
        // BullMQ leaves timers of a connection that gave up; end the process once the error is out.
        setTimeout(() => process.exit(1), 200).unref();
        throw e;
      }
    });
}
