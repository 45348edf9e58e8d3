/** Versions written beside every result (package and Node; no wall clock). */
import * as fs from 'node:fs';
import { packagePath } from './package-root.js';

export function versions(): Record<string, string> {
  const pkg = JSON.parse(fs.readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
  return { specreplay: pkg.version, trace_schema: '1' };
}
