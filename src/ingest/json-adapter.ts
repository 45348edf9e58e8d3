/**
 * Builds `fromText` / `load` for formats that are one JSON document (tree choices, Sequoia
 * growmaps and acceptance vectors, the EAGLE-3 per-step log). These files are small; `load`
 * reads the whole file.
 */
import * as fs from 'node:fs';
import { messages } from '../config/messages.js';
import type { Trace } from '../trace/trace.js';
import type { Diagnostics } from './diagnostics.js';
import type { IngestOptions, TraceFormat } from './format.js';
import { newDiagnostics } from './common.js';
import { jsonErrorOffset, parseJsonLenient, type LenientJson } from './json-lenient.js';

export type JsonDocParser = (doc: LenientJson, file: string, diag: Diagnostics, opts: IngestOptions | undefined) => Trace;

/** Line number of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseJsonDocument(text: string, diag: Diagnostics): LenientJson {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) diag.error('nul-truncated', { line: lineOf(text, nul) }, messages.nulBytes(nul - text.lastIndexOf('\n', nul)) + ' (a JSON document cannot be repaired)');
  if (text.trim() === '') diag.error('empty', {}, messages.emptyFile);
  try {
    return parseJsonLenient(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    return diag.error('json', at >= 0 ? { line: lineOf(text, at) } : {}, messages.notJson((e as Error).message.split('\n')[0]!.slice(0, 120)));
  }
}

export function jsonAdapter(parse: JsonDocParser): Pick<TraceFormat, 'fromText' | 'load'> {
  const fromText = (text: string, file: string, opts?: IngestOptions): Trace => {
    const diag = newDiagnostics(file, opts);
    return parse(parseJsonDocument(text, diag), file, diag, opts);
  };
  return {
    fromText,
    load: async (path: string, opts?: IngestOptions) => fromText(fs.readFileSync(path, 'utf8'), path, opts),
  };
}
