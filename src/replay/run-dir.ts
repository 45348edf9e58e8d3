/**
 * The run directory (ARCHITECTURE.md): config.json (the resolved configuration), steps.arrow,
 * requests.arrow, energy.arrow (one row per policy x ...), summary.json (headline metrics with
 * confidence intervals), and timelines/ when
 * asked. Written into a temporary folder beside the target and renamed into place, so a
 * failed replay leaves the previous run untouched. Byte-identical for identical inputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from '../schema/arrow.js';
import { concatColumns, toArrowTable } from '../schema/arrow-columns.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import { rateIntervals } from '../stats/intervals.js';
import { replay, type PolicyResult, type ReplayOptions, type ReplayResult } from './replay.js';
import { ArrowFileAppender } from '../schema/arrow-fd-writer.js';
import { tableToParquet } from '../schema/parquet.js';
import { SCHEMA_VERSION } from '../schema/trace-schema.js';
import { chromeTrace, chromeTraceAll, traceJson } from './timeline.js';
import { timelineViewerHtml } from './timeline-viewer.js';
import { hashString } from '../util/rng.js';
import type { Interval } from '../kernel/engine.js';
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
export function summaryJson(result: Pick<ReplayResult, 'resolved'> & { readonly policies: readonly Pick<PolicyResult, 'summary' | 'requests'>[] }): object {
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
  return `${safe.slice(0, 180)}~${hashString(requestId).toString(16).padStart(8, '0')}.json`;
}

function stable(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Step rows per record batch when a replay streams into the run directory. */
const STEP_BATCH_ROWS = 1 << 16;

const TABLE_FILES = [['steps.arrow', 'steps'], ['requests.arrow', 'requests'], ['energy.arrow', 'energy']] as const;

function writeTimelines(tmp: string, p: PolicyResult, files: string[]): void {
  for (const [req, intervals] of p.timelines) {
    const name = path.join('timelines', p.policy, timelineFileName(req));
    writeInto(tmp, name, traceJson(chromeTrace(p.policy, req, intervals.filter((iv) => !iv.operator))));
    files.push(name);
  }
}

/** Gathers each request's timelines over the policies, in policy order. */
class TimelinesByRequest {
  private readonly byRequest = new Map<string, [string, readonly Interval[]][]>();
  add(p: PolicyResult): void {
    for (const [req, intervals] of p.timelines) {
      let list = this.byRequest.get(req);
      if (list === undefined) this.byRequest.set(req, (list = []));
      list.push([p.policy, intervals]);
    }
  }
  /** `timelines/requests/<request>.json`: every policy of the request, a process each. */
  write(tmp: string, files: string[]): void {
    for (const [req, perPolicy] of this.byRequest) {
      const name = path.join('timelines', 'requests', timelineFileName(req));
      const trace = chromeTraceAll(req, perPolicy);
      writeInto(tmp, name, traceJson(trace));
      const html = name.replace(/\.json$/, '.html');
      writeInto(tmp, html, timelineViewerHtml(req, trace));
      files.push(name, html);
    }
  }
}

/**
 * Writes a replay result held in memory as a run directory, under the overwrite rule
 * (util/output-guard.ts): `dir` must be absent, empty or a previous run directory (unless
 * `opts.force`).
 */
export function writeRunDir(dir: string, result: ReplayResult, versions: Record<string, string>, opts: OutputOptions = {}): string[] {
  return writeDirAtomicSync(dir, 'run', opts, (tmp) => {
    const files: string[] = ['config.json'];
    writeInto(tmp, 'config.json', stable({ ...result.resolved, versions }));
    for (const [name, key] of TABLE_FILES) {
      writeInto(tmp, name, arrow.tableToIPC(toArrowTable(concatTables(result.policies.map((p) => p[key]))), 'file'));
      files.push(name);
    }
    writeInto(tmp, 'summary.json', stable(summaryJson(result)));
    files.push('summary.json');
    const byRequest = new TimelinesByRequest();
    for (const p of result.policies) {
      writeTimelines(tmp, p, files);
      byRequest.add(p);
    }
    byRequest.write(tmp, files);
    return files.map((f) => path.join(dir, f));
  });
}

/**
 * Replays straight into a run directory: each policy's tables are appended to the Arrow files
 * as soon as it is replayed and then dropped, so peak memory is the trace plus one policy's
 * results whatever the number of policies. Same contents as `replay` + `writeRunDir` (one
 * record batch per policy). Returns the result with each policy's summary and requests.
 */
export function replayToRunDir(
  dir: string,
  replayOpts: ReplayOptions,
  versions: Record<string, string>,
  opts: OutputOptions & { readonly format?: 'arrow' | 'parquet' } = {},
  /** Called after each batch of step rows is on disk (the CLI collects garbage there). */
  afterBatch?: () => void,
): ReplayResult {
  return writeDirAtomicSync(dir, 'run', opts, (tmp) => {
    const files: string[] = [];
    const byRequest = new TimelinesByRequest();
    const appenders = TABLE_FILES.map(([name]) => new ArrowFileAppender(path.join(tmp, name)));
    let result: ReplayResult;
    try {
      result = replay({
        ...replayOpts,
        onStepBatch: {
          rows: STEP_BATCH_ROWS,
          take: (_policy, steps) => {
            appenders[0]!.append(toArrowTable(steps));
            afterBatch?.();
          },
        },
        onPolicy: (p) => {
          TABLE_FILES.forEach(([, key], i) => appenders[i]!.append(toArrowTable(p[key])));
          writeTimelines(tmp, p, files);
          byRequest.add(p); // only the requests asked for (--timeline): small
          replayOpts.onPolicy?.(p);
        },
      });
      for (const a of appenders) a.finish();
    } catch (e) {
      for (const a of appenders) a.abort();
      throw e;
    }
    byRequest.write(tmp, files);
    writeInto(tmp, 'config.json', stable({ ...result.resolved, versions }));
    writeInto(tmp, 'summary.json', stable(summaryJson(result)));
    if (opts.format === 'parquet') toParquet(tmp, result);
    return result;
  });
}

/** Converts the run's Arrow tables in `tmp` to Parquet with the run's provenance, and removes the Arrow files. */
function toParquet(tmp: string, result: ReplayResult): void {
  const r = result.resolved;
  const metadata = {
    'specreplay.run_schema': 'replay results, schema version 1 (src/schema/result-columns.ts)',
    'specreplay.trace_schema_version': String(SCHEMA_VERSION),
    'specreplay.platform': r.platform.id,
    'specreplay.policies': JSON.stringify(result.policies.map((p) => p.policy)),
    'specreplay.seed': String(r.config.seed),
    'specreplay.trace': JSON.stringify(r.trace),
    'specreplay.models': JSON.stringify({ target: r.models.target, draft: r.models.draft, precision: r.models.precision }),
  };
  for (const [name] of TABLE_FILES) {
    const file = path.join(tmp, name);
    const table = arrow.tableFromIPC(fs.readFileSync(file));
    fs.writeFileSync(file.replace(/\.arrow$/, '.parquet'), tableToParquet(table, metadata));
    fs.rmSync(file);
  }
}
