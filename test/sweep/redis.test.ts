/**
 * The sweep's distributed backend: `specreplay sweep --redis` with `specreplay sweep-worker`
 * processes taking the tasks from a BullMQ queue gives the same bytes as a local sweep.
 * Needs a Redis at SPECREPLAY_TEST_REDIS (`.ci/run` installs redis-server and starts it on
 * 127.0.0.1) and the compiled dist/ (`npm test` builds first); the URL and connection checks
 * run everywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/config/user-error.js';
import { redisConnection } from '../../src/sweep/redis-backend.js';
import { runSweepFile } from '../../src/sweep/sweep.js';
import { ROOT, tmpDir } from '../helpers.js';

const REDIS = process.env['SPECREPLAY_TEST_REDIS'];
const BIN = path.join(ROOT, 'bin', 'specreplay.js');
const built = fs.existsSync(path.join(ROOT, 'dist', 'sweep', 'redis-backend.js'));
const SPS = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');

function sweepFile(o: object = {}): string {
  const dir = tmpDir();
  const file = path.join(dir, 'sweep.json');
  fs.writeFileSync(file, JSON.stringify({ id: 'redis-test', trace: SPS, platforms: ['gemv-pim'], policies: ['ar-npu', 'sd-npu'], baseline: 'ar-npu', grid: { 'draft.max_len': [2, 3, 4] }, ...o }));
  return file;
}

/** A `specreplay sweep-worker` process, resolved once it reports that it is connected. */
function startWorker(url: string, queue: string): Promise<{ child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, [BIN, 'sweep-worker', '--redis', url, '--queue', queue, '--threads', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('Ctrl-C to stop')) resolve({ child, log: () => log });
    });
    child.once('exit', (code) => reject(new Error(`sweep-worker exited with ${code}: ${log}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('Redis connection', () => {
  it('reads host, port, password and database from a redis:// URL; anything else is a user error', () => {
    expect(redisConnection('redis://127.0.0.1:6390')).toMatchObject({ host: '127.0.0.1', port: 6390, db: 0 });
    expect(redisConnection('redis://:s%40cret@cache.lab:7000/3')).toMatchObject({ host: 'cache.lab', port: 7000, db: 3, password: 's@cret' });
    expect(redisConnection('redis://cache.lab')).toMatchObject({ port: 6379 });
    expect(() => redisConnection('http://cache.lab')).toThrow(UserError);
    expect(() => redisConnection('nope')).toThrow(/--redis nope: not a redis URL/);
  });

  it('an unreachable Redis is a clear user error, and nothing is written', async () => {
    const out = path.join(tmpDir(), 'sw');
    const err = await runSweepFile(sweepFile(), { outDir: out, redis: { url: 'redis://127.0.0.1:1' } }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('--runs cannot be kept when the tasks run on other machines', async () => {
    await expect(runSweepFile(sweepFile(), { outDir: path.join(tmpDir(), 'sw'), keepRuns: true, redis: { url: 'redis://127.0.0.1:1' } })).rejects.toThrow(/with --redis the tasks run on the workers/);
  });
});

describe.skipIf(REDIS === undefined || !built)('sweep on Redis workers (BullMQ)', () => {
  it('two worker processes share the tasks; the output is byte-identical to the local pool', async () => {
    const queue = `specreplay-test-${process.pid}-a`;
    const workers = await Promise.all([startWorker(REDIS!, queue), startWorker(REDIS!, queue)]);
    try {
      const file = sweepFile();
      const local = path.join(tmpDir(), 'local');
      const remote = path.join(tmpDir(), 'remote');
      await runSweepFile(file, { outDir: local, workers: 1 });
      const r = await runSweepFile(file, { outDir: remote, redis: { url: REDIS!, queue } });
      expect(r.workers).toBe(0);
      expect(r.rows).toHaveLength(6);
      for (const f of ['results.arrow', 'results.csv', 'sweep.json', 'charts/sweep-tokens-per-s.svg', 'charts/sweep-speedup.svg']) {
        expect(fs.readFileSync(path.join(remote, f)).equals(fs.readFileSync(path.join(local, f))), f).toBe(true);
      }
      const done = workers.map((w) => (w.log().match(/^done: /gm) ?? []).length);
      expect(done.reduce((a, b) => a + b, 0)).toBe(3);
    } finally {
      for (const w of workers) {
        expect(await stop(w.child)).toBe(0);
        expect(w.log()).toMatch(/sweep-worker: SIGTERM: taking no more jobs/); // said at once, not silently ignored
      }
    }
  }, 60_000);

  it("a task failing on a worker is the user's error naming the task; nothing is written", async () => {
    const queue = `specreplay-test-${process.pid}-b`;
    const w = await startWorker(REDIS!, queue);
    try {
      const out = path.join(tmpDir(), 'sw');
      const bad = sweepFile({ platforms: ['mobile-npu-lpddr5'], policies: ['ar-npu', 'sd-gemv-pim'] });
      const err = await runSweepFile(bad, { outDir: out, redis: { url: REDIS!, queue } }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(/task mobile-npu-lpddr5,draft\.max_len=\d: sd-gemv-pim needs a platform with PIM/);
      expect(fs.existsSync(out)).toBe(false);
      expect(w.log()).toMatch(/failed: mobile-npu-lpddr5,draft\.max_len=2/);
    } finally {
      expect(await stop(w.child)).toBe(0);
    }
  }, 60_000);
});

const REDIS_BIN = '/usr/bin/redis-server';

/** A Redis of the test's own (so it can be restarted), on a free port, in a folder of its own. */
async function ownRedis(persist: boolean) {
  const net = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const dir = tmpDir('specreplay-redis-');
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', ...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'])];
  let child: ChildProcess;
  const start = async () => {
    child = spawn(REDIS_BIN, args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const c: import('node:net').Socket = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
        c.on('error', () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, kill };
}

describe.skipIf(!fs.existsSync(REDIS_BIN) || !built)('a Redis restart during a distributed sweep', () => {
  it.each([
    ['with persistence: the results already in Redis are read back', true],
    ['without persistence: the lost jobs are queued again', false],
  ])('%s; the output is byte-identical to the local pool, each task once', async (_what, persist) => {
    const redis = await ownRedis(persist);
    const queue = `specreplay-restart-${process.pid}`;
    const workers = await Promise.all([startWorker(redis.url, queue), startWorker(redis.url, queue)]);
    try {
      // 12 tasks: more than EventEmitter's default of 10 listeners (no per-job listener any more).
      const file = sweepFile({ grid: { 'draft.max_len': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } });
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.name);
      process.on('warning', onWarning);
      const local = path.join(tmpDir(), 'local');
      const remote = path.join(tmpDir(), 'remote');
      await runSweepFile(file, { outDir: local, workers: 1 });
      const done: string[] = [];
      const sweep = runSweepFile(file, { outDir: remote, redis: { url: redis.url, queue, reconnect_s: 60 }, onProgress: (_d, _t, id) => done.push(id) });
      await new Promise((r) => setTimeout(r, 700));
      await redis.kill();
      await new Promise((r) => setTimeout(r, 1300));
      await redis.start();
      const r = await sweep;
      process.off('warning', onWarning);
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      expect(r.rows).toHaveLength(24);
      expect([...done].sort()).toEqual([...new Set(done)].sort()); // each task reported once
      expect(done).toHaveLength(12);
      for (const f of ['results.arrow', 'results.csv', 'sweep.json']) expect(fs.readFileSync(path.join(remote, f)).equals(fs.readFileSync(path.join(local, f))), f).toBe(true);
    } finally {
      for (const w of workers) await stop(w.child);
      await redis.kill();
    }
  }, 120_000);
});
