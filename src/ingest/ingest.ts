/** Ingest entry points: a file or a text, in a named format or `auto` (sniffed). */
import * as fs from 'node:fs';
import { basename } from 'node:path';
import { ColumnRangeError } from '../schema/columns.js';
import { messages } from '../config/messages.js';
import type { Trace } from '../trace/trace.js';
import { IngestError } from './diagnostics.js';
import type { IngestOptions, PendingTrace, TraceFormat } from './format.js';
import { getFormat, readHead, sniffFormat } from './formats.js';

export async function ingestFile(path: string, format = 'auto', opts?: IngestOptions): Promise<{ trace: Trace; format: TraceFormat }> {
  const { trace, format: f, validated } = await ingestFilePending(path, format, opts);
  await validated;
  return { trace, format: f };
}

/**
 * As `ingestFile`, returning before a format that validates on a worker thread (canonical CSV
 * with a big nodes.csv) has finished validating: the trace may be written meanwhile, but not
 * published before `validated` resolves (it rejects with the first violation, located).
 */
export async function ingestFilePending(path: string, format = 'auto', opts?: IngestOptions): Promise<PendingTrace & { format: TraceFormat }> {
  if (!fs.existsSync(path)) throw new IngestError(path, {}, 'missing-file', messages.noSuchFile);
  const st = fs.statSync(path);
  if (st.isDirectory()) throw new IngestError(path, {}, 'missing-file', messages.isDirectory);
  if (!st.isFile()) throw new IngestError(path, {}, 'missing-file', messages.notRegularInput);
  if (st.size === 0) throw new IngestError(path, {}, 'empty', messages.emptyFile);
  const head = readHead(path);
  // Only blank lines (or a byte-order mark) is empty too, for every format.
  if (st.size <= 1 << 16 && head.replace(/^\ufeff/, '').trim() === '') throw new IngestError(path, {}, 'empty', messages.emptyFile);
  const f = format === 'auto' ? sniffFormat(head, path) : getFormat(format);
  try {
    if (f.loadPending === undefined) return { trace: await f.load(path, opts), validated: Promise.resolve(), format: f };
    const { trace, validated } = await f.loadPending(path, opts);
    const validatedHere = validated.catch((e: unknown) => {
      throw located(e, path);
    });
    validatedHere.catch(() => undefined); // reported where it is awaited
    return { trace, validated: validatedHere, format: f };
  } catch (e) {
    throw located(e, path);
  }
}

/** A value too large for its column becomes a located error naming the file, line and field. */
function located(e: unknown, path: string): unknown {
  if (!(e instanceof ColumnRangeError)) return e;
  return new IngestError(basename(path), { line: e.line, field: e.field }, 'field', messages.int32Range(e.value));
}

export function ingestText(text: string, file: string, format = 'auto', opts?: IngestOptions): Trace {
  if (text.replace(/^\ufeff/, '').trim() === '') throw new IngestError(file, {}, 'empty', messages.emptyFile);
  const f = format === 'auto' ? sniffFormat(text.slice(0, 1 << 16), file) : getFormat(format);
  try {
    return f.fromText(text, file, opts);
  } catch (e) {
    throw located(e, file);
  }
}
