/**
 * An Arrow IPC file written batch by batch straight to a file descriptor: each appended table's
 * batches go to disk as they come, so a writer of many tables (one per policy) never holds the
 * whole file in memory (apache-arrow's writer otherwise queues every chunk until it is read).
 */
import * as fs from 'node:fs';
import * as arrow from './arrow.js';

/** The writer's byte sink, writing each chunk to the descriptor at once instead of queueing it. */
class FdSink extends arrow.AsyncByteQueue {
  constructor(private readonly fd: number) {
    super();
  }
  override write(value: arrow.AsyncByteQueue extends { write(v: infer V): unknown } ? V : never): void {
    const bytes = value as unknown as Uint8Array;
    if (bytes.byteLength > 0) fs.writeSync(this.fd, bytes);
  }
}

/** Writes record batches (all of the first one's schema) as an Arrow IPC file to `fd`, each chunk as it is made. */
export function writeBatchesToFd(fd: number, batches: Iterable<arrow.RecordBatch>): void {
  const writer = new arrow.RecordBatchFileWriter();
  let started = false;
  for (const b of batches) {
    if (!started) {
      writer.reset(new FdSink(fd), b.schema);
      started = true;
    }
    writer.write(b);
  }
  if (!started) throw new Error('an Arrow file needs a schema: no record batch was given');
  writer.finish();
}

export class ArrowFileAppender {
  private readonly writer = new arrow.RecordBatchFileWriter();
  private readonly fd: number;
  private started = false;
  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'w');
  }
  /** Appends a table's record batches (every table must have the first one's schema). */
  append(table: arrow.Table): void {
    if (!this.started) {
      this.writer.reset(new FdSink(this.fd), table.schema);
      this.started = true;
    }
    for (const b of table.batches) this.writer.write(b);
  }
  /** Writes the footer and closes the file. */
  finish(): void {
    this.writer.finish();
    fs.closeSync(this.fd);
  }
  /** Closes the file without finishing it (the caller removes it). */
  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      /* closed */
    }
  }
}
