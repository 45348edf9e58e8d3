/**
 * Builds a format's pure `fromText` and streaming `load` from one line consumer, so both
 * paths run the same code (Arquero's fromCSV / loadCSV split).
 */
import type { Trace } from '../trace/trace.js';
import type { IngestOptions } from './format.js';
import { feedFileLines, feedLines, type LineSink } from './lines.js';

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
      await feedFileLines(path, p.line);
      return p.end();
    },
  };
}
