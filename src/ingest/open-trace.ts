/** Opens a trace argument: a canonical .arrow file, or any ingestible file ingested in memory. */
import { messages } from '../config/messages.js';
import * as fs from 'node:fs';
import { ingestFile } from './ingest.js';
import type { IngestOptions } from './format.js';
import { validateTrace } from './validate.js';
import { Diagnostics } from './diagnostics.js';
import { readTraceFile } from '../trace/arrow-io.js';
import type { Trace } from '../trace/trace.js';
import { UserError } from '../config/user-error.js';
import { readHead } from './formats.js';

export async function loadAnyTrace(file: string, format = 'auto', opts?: IngestOptions): Promise<Trace> {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UserError(messages.traceIsDirectory(file));
  if (fs.existsSync(file) && format === 'auto' && readHead(file, 6) === 'ARROW1') {
    const trace = readTraceFile(file);
    validateTrace(trace, new Diagnostics(file));
    return trace;
  }
  return (await ingestFile(file, format, opts)).trace;
}
