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

/**
 * Longest line read (README "Bad input"): 64 MiB, far beyond any record of the supported
 * formats; a longer one is a located error instead of unbounded memory.
 */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** A line over the limit, at `line` (the ingester locates it in the file). */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line ${line} is longer than ${limit} characters`);
  }
}

/**
 * Streams the lines of a file to `sink` without holding the whole file in memory. Linear in
 * the file's size however long its lines: the pieces of an unfinished line are kept apart and
 * joined once, and only each new chunk is searched for the newline.
 */
export async function feedFileLines(path: string, sink: LineSink, maxLineChars = MAX_LINE_CHARS): Promise<void> {
  const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let parts: string[] = [];
  let partsLength = 0;
  let lineNo = 1;
  const emit = (text: string) => sink(text.endsWith('\r') ? text.slice(0, -1) : text, lineNo++);
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf('\n', start);
      if (end < 0) break;
      if (partsLength + end - start > maxLineChars) throw new LineTooLongError(lineNo, maxLineChars);
      const piece = chunk.slice(start, end);
      emit(parts.length > 0 ? parts.join('') + piece : piece);
      parts = [];
      partsLength = 0;
      start = end + 1;
    }
    if (start < chunk.length) {
      parts.push(chunk.slice(start));
      partsLength += chunk.length - start;
      if (partsLength > maxLineChars) throw new LineTooLongError(lineNo, maxLineChars);
    }
  }
  if (partsLength > 0) emit(parts.join(''));
}

/** Reads a whole (small) file as text, with a located error when it cannot be read. */
export function readText(path: string): string {
  return fs.readFileSync(path, 'utf8');
}
