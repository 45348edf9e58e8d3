/**
 * The demo, built once per test run and shared by every test that needs the whole pipeline
 * (demo golden, browser report, ...). The first test to ask takes a lock (an atomic mkdir in the
 * run's folder from `global-setup.ts`) and builds it; the others wait for its marker file, with
 * no wall-clock limit of their own. A failed build is reported to every waiter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inject } from 'vitest';
import { runDemo, type DemoResult } from '../src/demo/demo.js';

/** Tests that wait for the shared demo give the builder this long (a generous bound, not a performance limit). */
export const SHARED_DEMO_TIMEOUT_MS = 30 * 60_000;

let mine: Promise<DemoResult> | null = null;

export async function sharedDemo(): Promise<DemoResult> {
  const root = inject('demoRoot');
  const out = path.join(root, 'demo');
  const done = path.join(root, 'done.json');
  const lock = path.join(root, 'lock');
  try {
    fs.mkdirSync(lock);
  } catch {
    // Another worker builds it (or this worker already does).
    if (mine !== null) return mine;
    for (;;) {
      if (fs.existsSync(done)) {
        const r = JSON.parse(fs.readFileSync(done, 'utf8')) as { ok: true; result: DemoResult } | { ok: false; error: string };
        if (!r.ok) throw new Error(`the shared demo failed to build: ${r.error}`);
        return r.result;
      }
      await new Promise((res) => setTimeout(res, 250));
    }
  }
  mine = runDemo({ outDir: out }).then(
    (result) => {
      fs.writeFileSync(done, JSON.stringify({ ok: true, result }));
      return result;
    },
    (e: unknown) => {
      fs.writeFileSync(done, JSON.stringify({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
      throw e;
    },
  );
  return mine;
}
