/**
 * The ingest adapter interface: one module per external format, each with a pure `fromText`
 * (text in, trace out) and a `load` (path in; streams large files), and a `sniff` used by
 * `--format auto`.
 */
import type { Trace } from '../trace/trace.js';

export interface IngestOptions {
  /** Warnings become errors. */
  readonly strict?: boolean;
  /** Tree template every step verified (a bundled id, e.g. eagle-mc_sim_7b_63). */
  readonly tree?: string;
  /** Trace id (default: the file's base name). */
  readonly traceId?: string;
  readonly method?: string;
  readonly target?: string;
  readonly draft?: string;
  readonly dataset?: string;
  /** Oracle files: which proposer's field to read (acc_<proposer>; default eagle). */
  readonly proposer?: string;
  /** Canonical CSV: the nodes.csv beside steps.csv (default: nodes.csv in the same folder, if present). */
  readonly nodes?: string;
  /** Provenance to record (repo, path, commit, license). */
  readonly source?: { repo?: string; path?: string; commit?: string; license?: string; recorded_by?: string };
}

export interface IngestResult {
  readonly trace: Trace;
}

/** A trace whose validation may still be running (on a worker thread): publish it only once `validated` resolves. */
export interface PendingTrace {
  readonly trace: Trace;
  readonly validated: Promise<void>;
}

export interface TraceFormat {
  readonly id: string;
  readonly summary: string;
  /** Example source files / producers. */
  readonly examples: string;
  /** True when the head of a file (first 64 KiB) and its name look like this format. */
  sniff(head: string, fileName: string): boolean;
  /** Pure: the whole file's text in, a validated trace out. `file` names the source in messages. */
  fromText(text: string, file: string, opts?: IngestOptions): Trace;
  /** Reads a file (streaming where the format can be large). */
  load(path: string, opts?: IngestOptions): Promise<Trace>;
  /** As `load`, returning before the trace's validation ends (formats that validate on a thread). */
  loadPending?(path: string, opts?: IngestOptions): Promise<PendingTrace>;
}
