/**
 * Line sources for line-oriented formats: the same consumer runs over a string (`fromX`,
 * pure) or over a file streamed in chunks (`loadX`), with 1-based line numbers.
 */
import * as fs from 'node:fs';

export type LineSink = (line: string, lineNo: number) => void;

/** Feeds every line of `text` to `sink` (handles \n and \r\n; a trailing newline adds no line). */
export function feedLines(text: string, sink: LineSink): void {
  let start = 0;
  let lineNo = 1;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    sink(text.slice(start, stop), lineNo++);
    start = end + 1;
  }
}

/** Streams the lines of a file to `sink` without holding the whole file in memory. */
export async function feedFileLines(path: string, sink: LineSink): Promise<void> {
  const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let carry = '';
  let lineNo = 1;
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = carry + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      sink(text.slice(start, stop), lineNo++);
      start = end + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) sink(carry.endsWith('\r') ? carry.slice(0, -1) : carry, lineNo);
}

/** Reads a whole (small) file as text, with a located error when it cannot be read. */
export function readText(path: string): string {
  return fs.readFileSync(path, 'utf8');
}
