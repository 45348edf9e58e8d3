/**
 * Builds a format's pure `fromText` and streaming `load` from one line consumer, so both
 * paths run the same code (Arquero's fromCSV / loadCSV split).
 */
import type { Trace } from '../trace/trace.js';
import type { IngestOptions } from './format.js';
import { feedFileLines, feedLines, LineTooLongError, type LineSink } from './lines.js';
import { IngestError } from './diagnostics.js';
import { messages } from '../config/messages.js';

export interface LineParser {
  readonly line: LineSink;
  end(): Trace;
}

export type LineParserFactory = (file: string, opts: IngestOptions | undefined) => LineParser;

export function lineAdapter(factory: LineParserFactory): Pick<import('./format.js').TraceFormat, 'fromText' | 'load'> {
  return {
    fromText(text: string, file: string, opts?: IngestOptions): Trace {
      const p = factory(file, opts);
      feedLines(text, p.line);
      return p.end();
    },
    async load(path: string, opts?: IngestOptions): Promise<Trace> {
      const p = factory(path, opts);
      try {
        await feedFileLines(path, p.line);
      } catch (e) {
        if (e instanceof LineTooLongError) throw new IngestError(path.split(/[\\/]/).pop()!, { line: e.line }, 'limit', messages.lineTooLong(e.limit));
        throw e;
      }
      return p.end();
    },
  };
}
