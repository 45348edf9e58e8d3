/** The example sweep files shipped in src/sweep/examples/ (the demo runs them). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packagePath } from '../util/package-root.js';

export const SWEEP_EXAMPLE_DIR = packagePath('src', 'sweep', 'examples');

export function sweepExamples(): string[] {
  return fs
    .readdirSync(SWEEP_EXAMPLE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(SWEEP_EXAMPLE_DIR, f));
}
