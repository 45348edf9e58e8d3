/**
 * The sweep's distributed backend (ARCHITECTURE.md "Scaling out"): the same task calls as the
 * local pool, as BullMQ jobs in a Redis queue. The coordinator (`specreplay sweep --redis URL`)
 * adds one job per task and waits for their results; any number of `specreplay sweep-worker
 * --redis URL` processes, on any machines that see the trace at the same path, take jobs and
 * run each on their own thread pool. Results come back as the job's return value, merged in
 * task order, so the output is the same as a local sweep's.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionOptions } from 'bullmq';
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

/**
 * ioredis options from a redis:// URL (host, port, password, database). `retries`: reconnection
 * attempts (backing off up to 2 s) before the connection gives up for good.
 */
export function redisConnection(url: string, retries = 3): ConnectionOptions {
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
    retryStrategy: (times: number) => (times > retries ? null : Math.min(2000, 200 * times)),
    maxRetriesPerRequest: null,
  };
}

/** Runs the calls as jobs of `queue` and resolves to their results in call order. */
export async function runCallsOnRedis(calls: readonly WorkerCall[], url: string, queue: string, onDone: (call: WorkerCall) => void): Promise<CallResult[]> {
  const { Queue, QueueEvents } = await import('bullmq');
  const connection = redisConnection(url);
  const q = new Queue(queue, { connection });
  const events = new QueueEvents(queue, { connection });
  const sweepRun = randomUUID();
  const failed = firstError(url, [q, events]);
  try {
    await connected(url, Promise.all([q.waitUntilReady(), events.waitUntilReady()]));
    const jobs = await q.addBulk(calls.map((c, i) => ({ name: c.task.id, data: c, opts: { jobId: `${sweepRun}-${i}`, attempts: 1 } })));
    try {
      return await Promise.race([
        Promise.all(
          jobs.map(async (job, i) => {
            const r = (await job.waitUntilFinished(events)) as CallResult;
            onDone(calls[i]!);
            return r;
          }),
        ),
        failed,
      ]);
    } finally {
      await Promise.all(jobs.map((j) => j.remove().catch(() => undefined)));
    }
  } finally {
    // Closing a connection that never opened rejects: that must not hide the error above.
    await events.close().catch(() => undefined);
    await q.close().catch(() => undefined);
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
