/**
 * Runs once per `vitest run`, in the main process: names a folder for the demo that the
 * whole-pipeline tests share (`shared-demo.ts` builds it on first use, once per run, whichever
 * worker asks first) and removes it when the run ends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    demoRoot: string;
  }
}

/** The external (unlicensed, never copied) traces CI places beside the checkout; see helpers.ts. */
const EXTERNAL = path.resolve(import.meta.dirname, '..', '..', 'shared', 'traces', 'external');

export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'specreplay-demo-'));
  project.provide('demoRoot', root);
  const missing = !fs.existsSync(EXTERNAL);
  return () => {
    fs.rmSync(root, { recursive: true, force: true });
    // Said once per run, so a clone without the external traces does not lose their tests silently.
    if (missing) console.warn(`\nexternal traces not found (${EXTERNAL}): the external-trace tests (about 120) were skipped; CI provides them\n`);
  };
}
