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

export default function setup(project: TestProject): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'specreplay-demo-'));
  project.provide('demoRoot', root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
