/**
 * The run directory (ARCHITECTURE.md): config.json (the resolved configuration), steps.arrow,
 * requests.arrow, energy.arrow (one row per policy x ...), summary.json (headline metrics with
 * confidence intervals), and timelines/ when
 * asked. Written into a temporary folder beside the target and renamed into place, so a
 * failed replay leaves the previous run untouched. Byte-identical for identical inputs.
 */
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { concatColumns, toArrowTable } from '../schema/arrow-columns.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import { rateIntervals } from '../stats/intervals.js';
import type { ReplayResult } from './replay.js';
import { chromeTrace } from './timeline.js';
import { writeDirAtomicSync, writeInto } from '../util/atomic-write.js';
import type { OutputOptions } from '../util/output-guard.js';

export const RUN_FILES = ['config.json', 'steps.arrow', 'requests.arrow', 'energy.arrow', 'summary.json'] as const;

export function concatTables(tables: readonly ColumnTable[]): ColumnTable {
  const specs = tables[0]!.specs;
  const columns: Record<string, Column> = {};
  for (const s of specs) columns[s.name] = concatColumns(tables.map((t) => t.columns[s.name]!), s);
  return { length: tables.reduce((n, t) => n + t.length, 0), specs, columns };
}

/**
 * Per policy: the headline metrics and their 95% confidence intervals (percentile bootstrap
 * over requests of the aggregate rates, seeded by the run's seed).
 */
export function summaryJson(result: ReplayResult): object {
  const seed = result.resolved.config.seed;
  const policies = result.policies.map((p) => {
    const ci95 = rateIntervals(p.requests, seed);
    return ci95 === null ? p.summary : { ...p.summary, ci95 };
  });
  return { policies, notes: result.resolved.notes, skipped_requests: result.resolved.skipped_requests };
}

/**
 * A request id as a file name, reversibly: every byte outside [A-Za-z0-9_-] (and a leading
 * dot) is written %XX, so distinct ids never share a file ('a b/0', 'a_b/0', 'a?b/0' give
 * a%20b%2F0, a_b%2F0, a%3Fb%2F0; '81/0' gives 81%2F0). Names past 200 characters are cut and
 * end in an FNV-1a hash of the id.
 */
export function timelineFileName(requestId: string): string {
  let safe = '';
  for (const byte of Buffer.from(requestId, 'utf8')) {
    const c = String.fromCharCode(byte);
    safe += /[A-Za-z0-9_.-]/.test(c) && !(c === '.' && safe === '') ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (safe.length <= 200) return `${safe}.json`;
  let h = 0x811c9dc5;
  for (let i = 0; i < requestId.length; i++) h = Math.imul(h ^ requestId.charCodeAt(i), 0x01000193) >>> 0;
  return `${safe.slice(0, 180)}~${h.toString(16).padStart(8, '0')}.json`;
}

function stable(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Writes the run directory under the overwrite rule (util/output-guard.ts): `dir` must be absent,
 * empty or a previous run directory (unless `opts.force`).
 */
export function writeRunDir(dir: string, result: ReplayResult, versions: Record<string, string>, opts: OutputOptions = {}): string[] {
  return writeDirAtomicSync(dir, 'run', opts, (tmp) => {
    const files: string[] = [];
    const put = (name: string, content: string | Uint8Array) => {
      writeInto(tmp, name, content);
      files.push(name);
    };
    put('config.json', stable({ ...result.resolved, versions }));
    for (const [name, key] of [['steps.arrow', 'steps'], ['requests.arrow', 'requests'], ['energy.arrow', 'energy']] as const) {
      put(name, arrow.tableToIPC(toArrowTable(concatTables(result.policies.map((p) => p[key]))), 'file'));
    }
    put('summary.json', stable(summaryJson(result)));
    for (const p of result.policies) {
      for (const [req, intervals] of p.timelines) put(path.join('timelines', p.policy, timelineFileName(req)), stable(chromeTrace(p.policy, req, intervals)));
    }
    return files.map((f) => path.join(dir, f));
  });
}
