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
import { float64, int32, type Column, type ColumnTable } from '../schema/columns.js';
import { bootstrapRatiosOfSums, type Interval } from '../stats/bootstrap.js';
import type { ReplayResult } from './replay.js';
import { chromeTrace } from './timeline.js';

export const RUN_FILES = ['config.json', 'steps.arrow', 'requests.arrow', 'energy.arrow', 'summary.json'] as const;

export function concatTables(tables: readonly ColumnTable[]): ColumnTable {
  const specs = tables[0]!.specs;
  const columns: Record<string, Column> = {};
  for (const s of specs) columns[s.name] = concatColumns(tables.map((t) => t.columns[s.name]!), s);
  return { length: tables.reduce((n, t) => n + t.length, 0), specs, columns };
}

/** Resamples behind summary.json's confidence intervals. */
export const SUMMARY_RESAMPLES = 2000;

/**
 * Per policy: the headline metrics and their 95% confidence intervals (percentile bootstrap
 * over requests of the aggregate rates, seeded by the run's seed).
 */
export function summaryJson(result: ReplayResult): object {
  const seed = result.resolved.config.seed;
  const policies = result.policies.map((p) => {
    const q = p.requests;
    if (q.length === 0) return p.summary;
    const decoded = int32(q, 'decoded_tokens').values;
    const seconds = Float64Array.from(float64(q, 'time_ns').values, (ns) => ns * 1e-9);
    const joules = Float64Array.from(float64(q, 'energy_pj').values, (pj) => pj * 1e-12);
    const [tps, tpj, jpt] = bootstrapRatiosOfSums(
      [
        { num: decoded, den: seconds },
        { num: decoded, den: joules },
        { num: joules, den: decoded },
      ],
      seed,
      SUMMARY_RESAMPLES,
    );
    const ci = (i: Interval) => ({ lo: i.lo, hi: i.hi });
    return { ...p.summary, ci95: { tokens_per_s: ci(tps!), tokens_per_j: ci(tpj!), energy_per_token_j: ci(jpt!), method: `percentile bootstrap over requests, ${SUMMARY_RESAMPLES} resamples, seed ${seed}` } };
  });
  return { policies, notes: result.resolved.notes, skipped_requests: result.resolved.skipped_requests };
}

function stable(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function writeRunDir(dir: string, result: ReplayResult, versions: Record<string, string>): string[] {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  try {
    const files: string[] = [];
    const put = (name: string, content: string | Uint8Array) => {
      const p = path.join(tmp, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
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
    const old = `${target}.old-${process.pid}`;
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(tmp, target);
    fs.rmSync(old, { recursive: true, force: true });
    return files.map((f) => path.join(dir, f));
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
