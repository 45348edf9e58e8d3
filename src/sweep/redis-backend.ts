/**
 * The sweep's distributed backend (ARCHITECTURE.md "Scaling out"): the same task calls as the
 * local pool, as BullMQ jobs in a Redis queue. The coordinator (`specreplay sweep --redis URL`)
 * adds one job per task and waits for their results; any number of `specreplay sweep-worker
 * --redis URL` processes, on any machines that see the trace at the same path, take jobs and
 * run each on their own thread pool. Results come back as the job's return value, merged in
 * task order, so the output is the same as a local sweep's.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionOptions, Job } from 'bullmq';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { CallResult, WorkerCall } from './worker.js';

/** Rejects with a clear user error on the first connection error any of `emitters` reports. */
function firstError(url: string, emitters: readonly { on(event: 'error', fn: (e: Error) => void): unknown }[]): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    for (const e of emitters) e.on('error', (err: Error) => reject(unreachable(url, err)));
  });
  p.catch(() => undefined); // raced against the work; a later error must not go unhandled
  return p;
}

function unreachable(url: string, e: unknown): UserError {
  return e instanceof UserError ? e : new UserError(messages.sweepRedisUnreachable(url, (e as Error).message));
}

/**
 * Waits for the connections (which give up after a few retries, see redisConnection), turning
 * a refused or failed connection into a clear user error.
 */
async function connected(url: string, ready: Promise<unknown>): Promise<void> {
  try {
    await ready;
  } catch (e) {
    throw unreachable(url, e);
  }
}

export const DEFAULT_QUEUE = 'specreplay-sweep';

/** How long the coordinator keeps reconnecting to a Redis that went away (default; `--redis-reconnect`). */
export const DEFAULT_RECONNECT_S = 60;

/** A retry strategy that backs off up to 1 s and gives up `ms` after the connection dropped. */
function windowRetry(ms: number): (times: number) => number | null {
  let downSince = 0;
  return (times) => {
    if (times === 1) downSince = Date.now(); // the retry policy's clock only: no result depends on it
    return Date.now() - downSince > ms ? null : Math.min(1000, 100 * times);
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * ioredis options from a redis:// URL (host, port, password, database). `retries`: reconnection
 * attempts (backing off up to 2 s) before the connection gives up for good; `giveUpAfterMs`,
 * when given, replaces the count by a time: reconnect for that long after the connection dropped.
 */
export function redisConnection(url: string, retries = 3, giveUpAfterMs?: number): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(messages.notRedisUrl(url));
  }
  if (u.protocol !== 'redis:') throw new UserError(messages.notRedisUrl(url));
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port === '' ? 6379 : Number(u.port),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    db,
    // Give up when Redis stays away instead of retrying for ever.
    retryStrategy: giveUpAfterMs === undefined ? (times: number) => (times > retries ? null : Math.min(2000, 200 * times)) : windowRetry(giveUpAfterMs),
    maxRetriesPerRequest: null,
  };
}

/** Jobs whose state one poll reads (sent together on the one connection). */
const POLL_BATCH = 256;
const POLL_MS = 200;

/**
 * Runs the calls as jobs of `queue` and resolves to their results in call order. The
 * coordinator polls the jobs' states (no per-job listener), so it rides out a Redis restart:
 * it reconnects with backoff for `reconnectS` seconds, reads the results already in Redis, and
 * adds again (under the same job id) any job a restart without persistence lost. Each task's
 * result is taken once, whatever ran twice.
 */
export async function runCallsOnRedis(
  calls: readonly WorkerCall[],
  url: string,
  queue: string,
  onDone: (call: WorkerCall) => void,
  reconnectS = DEFAULT_RECONNECT_S,
): Promise<CallResult[]> {
  const { Queue } = await import('bullmq');
  // A first, short-lived handle fails fast when Redis is not there at all.
  const probe = new Queue(queue, { connection: redisConnection(url) });
  void firstError(url, [probe]);
  try {
    await connected(url, probe.waitUntilReady());
  } finally {
    await probe.close().catch(() => undefined);
  }
  const q = new Queue(queue, { connection: redisConnection(url, 0, reconnectS * 1000) });
  q.on('error', () => undefined); // a dropped connection is retried; giving up is noticed below
  const sweepRun = randomUUID();
  const jobId = (i: number) => `${sweepRun}-${i}`;
  const add = (i: number) => ({ name: calls[i]!.task.id, data: calls[i]!, opts: { jobId: jobId(i), attempts: 1 } });
  const results: (CallResult | undefined)[] = new Array(calls.length);
  const client = await q.client;
  const gaveUp = () => client.status === 'end';
  try {
    await q.addBulk(calls.map((_, i) => add(i)));
    let pending = calls.map((_, i) => i);
    while (pending.length > 0) {
      if (gaveUp()) throw new UserError(messages.sweepRedisLost(url));
      const batch = pending.slice(0, POLL_BATCH);
      let states: (Job | undefined)[];
      try {
        states = await Promise.all(batch.map((i) => q.getJob(jobId(i))));
      } catch {
        if (gaveUp()) throw new UserError(messages.sweepRedisLost(url));
        await sleep(POLL_MS); // reconnecting: the commands wait in ioredis' queue, or failed and are retried here
        continue;
      }
      const lost: number[] = [];
      batch.forEach((i, k) => {
        const job = states[k];
        if (job === undefined || job === null) return void lost.push(i);
        if (job.failedReason !== undefined && job.finishedOn !== undefined) throw new UserError(messages.sweepTaskFailed(calls[i]!.task.id, job.failedReason));
        if (job.finishedOn !== undefined && job.returnvalue !== null && job.returnvalue !== undefined && results[i] === undefined) {
          results[i] = job.returnvalue as CallResult;
          onDone(calls[i]!);
        }
      });
      if (lost.length > 0) await q.addBulk(lost.map(add)).catch(() => undefined); // Redis lost them (restarted without persistence)
      const before = pending.length;
      const remaining = pending.filter((i) => results[i] === undefined);
      // The polled jobs go to the back, so every pending job is polled in turn; wait only when nothing finished.
      const polled = new Set(batch);
      pending = [...remaining.filter((i) => !polled.has(i)), ...remaining.filter((i) => polled.has(i))];
      if (pending.length === before) await sleep(POLL_MS);
    }
    return results as CallResult[];
  } finally {
    await Promise.all(calls.map((_, i) => q.remove(jobId(i)).catch(() => undefined)));
    await q.close().catch(() => undefined);
    if (gaveUp()) await q.disconnect().catch(() => undefined);
  }
}

export interface SweepWorkerOptions {
  readonly url: string;
  readonly queue?: string;
  /** Jobs run at once, each on its own pool thread (default: the machine's cores). */
  readonly threads: number;
  readonly onJob?: (taskId: string, ok: boolean) => void;
}

/** A worker's reconnection attempts: it rides out a Redis restart of about half a minute. */
const WORKER_RETRIES = 20;
/** How often a running worker checks that its connection has not given up. */
const HEALTH_CHECK_MS = 1000;

export interface RunningSweepWorker {
  /** Stops taking jobs; waits for the running ones unless `force` (a lost connection). */
  close(force?: boolean): Promise<void>;
  /** Rejects (a user error naming the URL) once the connection to Redis has given up. */
  readonly lost: Promise<never>;
}

/**
 * A sweep worker: takes jobs from the queue and runs each on a pool thread until `close()`.
 * Resolves once connected.
 */
export async function startSweepWorker(opts: SweepWorkerOptions): Promise<RunningSweepWorker> {
  const { Queue, Worker } = await import('bullmq');
  const queue = opts.queue ?? DEFAULT_QUEUE;
  // Probe with a queue handle first: a Worker that cannot connect leaves rejections behind.
  const probe = new Queue(queue, { connection: redisConnection(opts.url) });
  void firstError(opts.url, [probe]); // the connection's error events are reported by `connected`
  try {
    await connected(opts.url, probe.waitUntilReady());
  } finally {
    await probe.close().catch(() => undefined);
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: new URL('./worker.js', import.meta.url).href, minThreads: 1, maxThreads: opts.threads });
  const worker = new Worker(
    queue,
    async (job) => {
      const r = (await pool.run(job.data as WorkerCall)) as CallResult;
      opts.onJob?.((job.data as WorkerCall).task.id, r.ok);
      return r;
    },
    { connection: redisConnection(opts.url, WORKER_RETRIES), concurrency: opts.threads, autorun: false },
  );
  void firstError(opts.url, [worker]);
  try {
    await connected(opts.url, worker.waitUntilReady());
  } catch (e) {
    await worker.close(true).catch(() => undefined);
    await pool.destroy();
    throw e;
  }
  void worker.run().catch(() => undefined); // errors reach the 'error' listener
  const client = await worker.client;
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (client.status === 'end') reject(new UserError(messages.sweepRedisLost(opts.url)));
    }, HEALTH_CHECK_MS);
  });
  lost.catch(() => undefined);
  return {
    lost,
    async close(force = false) {
      clearInterval(timer);
      await worker.close(force).catch(() => undefined);
      // A connection that gave up can leave its reconnection timers behind: drop them.
      if (force) await worker.disconnect().catch(() => undefined);
      await pool.destroy();
    },
  };
}
