/**
 * The bundled real traces (traces/manifest.json): small Apache-2.0 files copied from their
 * repositories with provenance, ingested by the demo. Sources without a stated license are
 * never bundled (the tests that read them skip where they are absent).
 */
import * as fs from 'node:fs';
import type { IngestOptions } from './format.js';
import { packagePath } from '../util/package-root.js';

export interface BundledTrace {
  /** Trace id (the output file is `<id>.arrow`). */
  readonly id: string;
  /** Path under traces/. */
  readonly file: string;
  readonly format: string;
  readonly description: string;
  readonly options?: Pick<IngestOptions, 'tree' | 'method' | 'target' | 'draft' | 'dataset'>;
  readonly source: { readonly repo: string; readonly path: string; readonly commit: string; readonly license: string };
}

export function bundledTraces(): BundledTrace[] {
  return JSON.parse(fs.readFileSync(packagePath('traces', 'manifest.json'), 'utf8')) as BundledTrace[];
}

export function bundledPath(t: BundledTrace): string {
  return packagePath('traces', t.file);
}
