/** Ingest entry points: a file or a text, in a named format or `auto` (sniffed). */
import * as fs from 'node:fs';
import { messages } from '../config/messages.js';
import type { Trace } from '../trace/trace.js';
import { IngestError } from './diagnostics.js';
import type { IngestOptions, TraceFormat } from './format.js';
import { getFormat, readHead, sniffFormat } from './formats.js';

export async function ingestFile(path: string, format = 'auto', opts?: IngestOptions): Promise<{ trace: Trace; format: TraceFormat }> {
  if (!fs.existsSync(path)) throw new IngestError(path, {}, 'missing-file', messages.noSuchFile);
  if (fs.statSync(path).isDirectory()) throw new IngestError(path, {}, 'missing-file', messages.isDirectory);
  const f = format === 'auto' ? sniffFormat(readHead(path), path) : getFormat(format);
  return { trace: await f.load(path, opts), format: f };
}

export function ingestText(text: string, file: string, format = 'auto', opts?: IngestOptions): Trace {
  const f = format === 'auto' ? sniffFormat(text.slice(0, 1 << 16), file) : getFormat(format);
  return f.fromText(text, file, opts);
}
