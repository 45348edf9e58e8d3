/**
 * The run directory (ARCHITECTURE.md): config.json (the resolved configuration), steps.arrow,
 * requests.arrow, energy.arrow (one row per policy x ...), summary.json (headline metrics with
 * confidence intervals), and timelines/ when
 * asked. Written into a temporary folder beside the target and renamed into place, so a
 * failed replay leaves the previous run untouched. Byte-identical for identical inputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { concatColumns, toArrowTable } from '../schema/arrow-columns.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import { rateIntervals } from '../stats/intervals.js';
import type { ReplayResult } from './replay.js';
import { chromeTrace } from './timeline.js';
import { freshTempDir, swapDirIntoPlace, writeInto } from '../util/atomic-write.js';

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

function stable(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function writeRunDir(dir: string, result: ReplayResult, versions: Record<string, string>): string[] {
  const tmp = freshTempDir(dir);
  try {
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
      for (const [req, intervals] of p.timelines) put(path.join('timelines', p.policy, `${req.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`), stable(chromeTrace(p.policy, req, intervals)));
    }
    swapDirIntoPlace(tmp, dir);
    return files.map((f) => path.join(dir, f));
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
