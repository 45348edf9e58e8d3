/**
 * The overwrite rule (README "Bad input"): an output path is replaced only if it is absent or a
 * previous output of the same kind — a folder with specreplay's marker file (or, for folders
 * written before the marker existed, the kind's signature files), or an Arrow trace. Anything
 * else is refused unless `force` is given, and even then a folder that is not a previous output
 * is never deleted: the new files are moved into it beside what is there. An output equal to an
 * input, or a folder holding an input, is always refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';

/** Marker written into every output folder. */
export const OUTPUT_MARKER = '.specreplay-output.json';

export type DirKind = 'run' | 'sweep' | 'demo' | 'figures' | 'csv-export' | 'sensitivity';

/**
 * Per kind: the top-level names the kind writes (a later output of the kind replaces exactly
 * these), and the names whose presence marks a folder written before the marker existed.
 */
const KINDS: Record<DirKind, { readonly names: readonly string[]; readonly legacy: readonly string[] | ((dir: string, entries: readonly string[]) => boolean) }> = {
  run: {
    names: ['config.json', 'steps.arrow', 'requests.arrow', 'energy.arrow', 'steps.parquet', 'requests.parquet', 'energy.parquet', 'summary.json', 'timelines', 'compare.md', 'compare.csv', 'compare.json', 'report.html', 'charts', 'lib', 'index.html'],
    legacy: ['config.json', 'summary.json'],
  },
  sweep: { names: ['results.arrow', 'results.csv', 'sweep.json', 'charts', 'runs'], legacy: ['results.arrow', 'sweep.json'] },
  demo: { names: ['traces', 'runs', 'figures', 'sweeps', 'sensitivity', 'summary.json', 'summary.md', 'index.html'], legacy: ['summary.json', 'summary.md', 'runs'] },
  // Figures are written file by file into one folder per recipe (each with its notes.md).
  figures: { names: [], legacy: (dir, entries) => entries.every((e) => fs.existsSync(path.join(dir, e, 'notes.md'))) },
  'csv-export': { names: ['steps.csv', 'nodes.csv'], legacy: [] },
  sensitivity: { names: ['sensitivity.json', 'oat.csv', 'indices.csv', 'draws.arrow', 'draws.parquet', 'summary.md', 'report.html', 'charts'], legacy: [] },
};

export interface OutputOptions {
  /** Replace what the rule would refuse (never deleting a folder that is not a previous output). */
  readonly force?: boolean;
  /** Files the command reads: never overwritten, and never inside a replaced folder. */
  readonly inputs?: readonly string[];
}

/** How a folder output goes into place. */
export type DirPlan =
  | { readonly mode: 'swap' } // absent, empty, or a previous output holding only its own files
  | { readonly mode: 'merge'; readonly replace: readonly string[] }; // move new entries in, replacing these names only

function refuse(msg: string): never {
  throw new UserError(msg);
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function isInside(child: string, dir: string): boolean {
  const rel = path.relative(real(dir), real(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function checkPathText(target: string): void {
  if (target.trim() === '') refuse(messages.emptyOutputPath);
}

function readMarker(dir: string): string | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dir, OUTPUT_MARKER), 'utf8')) as { kind?: unknown };
    return typeof v.kind === 'string' ? v.kind : null;
  } catch {
    return null;
  }
}

/** The marker's content for a folder of this kind. */
export function markerContent(kind: DirKind): string {
  return JSON.stringify({ tool: 'specreplay', kind }) + '\n';
}

/**
 * Decides whether `target` may receive a folder output of `kind`, and how (`swap` or `merge`).
 * Throws a UserError naming the path and the rule otherwise.
 */
export function claimOutputDir(target: string, kind: DirKind, opts: OutputOptions = {}): DirPlan {
  checkPathText(target);
  for (const input of opts.inputs ?? []) {
    if (fs.existsSync(target) && isInside(input, target)) refuse(messages.outputHoldsInput(target, input));
  }
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return { mode: 'swap' };
  }
  if (!st.isDirectory()) {
    if (opts.force) return { mode: 'swap' };
    refuse(messages.outputNotFolder(target));
  }
  const entries = fs.readdirSync(target);
  if (entries.length === 0) return { mode: 'swap' };
  const spec = KINDS[kind];
  const marked = readMarker(target);
  const legacy = typeof spec.legacy === 'function' ? spec.legacy(target, entries) : spec.legacy.length > 0 && spec.legacy.every((n) => entries.includes(n));
  const ours = marked === kind || (marked === null && legacy);
  if (!ours && !opts.force) {
    const shown = entries.slice(0, 4).join(', ') + (entries.length > 4 ? ', ...' : '');
    refuse(marked !== null ? messages.outputOtherKind(target, marked, kind) : messages.outputForeignFolder(target, kind, shown));
  }
  const own = new Set([OUTPUT_MARKER, ...spec.names]);
  if (ours && entries.every((e) => own.has(e))) return { mode: 'swap' };
  return { mode: 'merge', replace: ours ? entries.filter((e) => own.has(e)) : [] };
}

/**
 * Puts the filled temporary folder `tmp` in place of `target` as `plan` says: a swap renames
 * the old folder aside and removes it only after the new one is in place; a merge moves each new
 * entry into the existing folder (replacing same-named entries), leaving every other entry.
 */
export function installDir(tmp: string, target: string, plan: DirPlan, kind: DirKind): void {
  fs.writeFileSync(path.join(tmp, OUTPUT_MARKER), markerContent(kind));
  const abs = path.resolve(target);
  if (plan.mode === 'swap') {
    const old = `${abs}.old-${process.pid}`;
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(abs);
    } catch {
      /* absent */
    }
    if (st !== null) fs.renameSync(abs, old);
    fs.renameSync(tmp, abs);
    fs.rmSync(old, { recursive: true, force: true });
    return;
  }
  for (const name of plan.replace) fs.rmSync(path.join(abs, name), { recursive: true, force: true });
  for (const name of fs.readdirSync(tmp)) {
    const dest = path.join(abs, name);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.renameSync(path.join(tmp, name), dest);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

/** What kind of file an output file is. */
export type FileKind = 'arrow-trace' | 'jsonl-export' | 'parquet-export';

function looksLike(file: string, kind: FileKind): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const n = fs.readSync(fd, buf, 0, 64, 0);
    const head = buf.subarray(0, n).toString('latin1');
    return kind === 'arrow-trace' ? head.startsWith('ARROW1') : kind === 'parquet-export' ? head.startsWith('PAR1') : head.startsWith('{"type":"meta"');
  } finally {
    fs.closeSync(fd);
  }
}

/** Checks that `target` may receive a file output of `kind`; throws a UserError otherwise. */
export function claimOutputFile(target: string, kind: FileKind, opts: OutputOptions = {}): void {
  checkPathText(target);
  for (const input of opts.inputs ?? []) if (fs.existsSync(target) && sameFile(input, target)) refuse(messages.outputIsInput(target));
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    return;
  }
  if (st.isDirectory()) refuse(messages.outputIsFolder(target));
  if (!st.isFile()) refuse(messages.outputNotRegular(target));
  if (opts.force || st.size === 0 || looksLike(target, kind)) return;
  refuse(messages.outputForeignFile(target, kind === 'arrow-trace' ? 'an Arrow trace' : kind === 'parquet-export' ? 'a Parquet export' : 'a canonical JSONL export'));
}
