/**
 * The format registry (a typed object literal, as STYLE.md asks) and `--format auto`.
 * Sniffing order matters: the most specific shapes come first.
 */
import * as fs from 'node:fs';
import { messages } from '../config/messages.js';
import { ahasdRounds } from './from-ahasd-rounds.js';
import { canonicalCsv } from './from-canonical-csv.js';
import { canonicalJsonl } from './from-canonical-jsonl.js';
import { eagle3PerStep } from './from-eagle3-perstep.js';
import { medusaAcc } from './from-medusa-acc.js';
import { perTurn } from './from-per-turn.js';
import { sequoiaAcceptance, sequoiaGrowmap } from './from-sequoia.js';
import { specBench } from './from-spec-bench.js';
import { specDecodeOracle } from './from-specdecode-oracle.js';
import { treeChoices } from './from-tree-choices.js';
import type { TraceFormat } from './format.js';
import { IngestError } from './diagnostics.js';
import { baseName } from './common.js';

export const formats = {
  'canonical-jsonl': canonicalJsonl,
  'canonical-csv': canonicalCsv,
  'spec-bench': specBench,
  'per-turn': perTurn,
  'specdecode-oracle': specDecodeOracle,
  'tree-choices': treeChoices,
  'sequoia-growmap': sequoiaGrowmap,
  'sequoia-acceptance': sequoiaAcceptance,
  'medusa-acc': medusaAcc,
  'ahasd-rounds': ahasdRounds,
  'eagle3-perstep': eagle3PerStep,
} as const satisfies Record<string, TraceFormat>;

export type FormatId = keyof typeof formats;
export const FORMAT_IDS = Object.keys(formats) as FormatId[];

/** Sniffing order: specific JSON shapes before the generic choices object. */
const SNIFF_ORDER: readonly FormatId[] = [
  'canonical-jsonl',
  'spec-bench',
  'per-turn',
  'specdecode-oracle',
  'eagle3-perstep',
  'sequoia-growmap',
  'tree-choices',
  'sequoia-acceptance',
  'canonical-csv',
  'ahasd-rounds',
  'medusa-acc',
];

/** Known files that are not traces, with what they are (so the error says so). */
const NOT_TRACES: ReadonlyArray<readonly [(head: string) => boolean, string]> = [
  [(h) => h.startsWith('ARROW1'), 'already a canonical trace (Arrow IPC); inspect or replay it directly'],
  [(h) => /^policy,MAT,/.test(h), 'a per-policy summary table (policy, MAT, ...), not per-step data'],
  [(h) => /"valid_budget"/.test(h) && /"target_time"/.test(h), "a Sequoia tree-search configuration (the hardware cost profile), not a tree or trace"],
  [(h) => /^request_id,step,node,/.test(h) || /^request_id,(.*,)?parent,/.test(h.split('\n', 1)[0] ?? ''), 'a nodes.csv: ingest its steps.csv, which reads nodes.csv beside it'],
];

export function getFormat(id: string): TraceFormat {
  const f = (formats as Record<string, TraceFormat>)[id];
  if (f === undefined) throw new IngestError('--format', {}, 'unknown-format', messages.unknownFormat(id, ['auto', ...FORMAT_IDS]));
  return f;
}

/** Picks the format of a file from its first 64 KiB (and name). */
export function sniffFormat(head: string, file: string): TraceFormat {
  const name = baseName(file);
  if (head.trim() === '') throw new IngestError(name, {}, 'empty', messages.emptyFile);
  for (const [test, what] of NOT_TRACES) if (test(head)) throw new IngestError(name, {}, 'not-a-trace', messages.notATrace(what));
  for (const id of SNIFF_ORDER) if (formats[id].sniff(head, name)) return formats[id];
  throw new IngestError(name, {}, 'unknown-format', messages.cannotSniff('no known format matches its first lines', FORMAT_IDS));
}

export function readHead(path: string, bytes = 1 << 16): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
