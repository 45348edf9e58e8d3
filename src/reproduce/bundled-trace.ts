/** Loads one bundled trace (traces/manifest.json) by id. */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { bundledPath, bundledTraces } from '../ingest/bundled-traces.js';
import { ingestFile } from '../ingest/ingest.js';
import type { Trace } from '../trace/trace.js';

export async function loadBundled(id: string): Promise<Trace> {
  const t = bundledTraces().find((x) => x.id === id);
  if (t === undefined) throw new UserError(messages.noBundledTrace(id));
  return (await ingestFile(bundledPath(t), t.format, { ...t.options, traceId: t.id, source: t.source })).trace;
}
