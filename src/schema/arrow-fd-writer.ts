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

/** An Arrow IPC file on an open descriptor: its schema set by the first `write`, the footer by `finish`. */
class FdFileWriter {
  private readonly writer = new arrow.RecordBatchFileWriter();
  started = false;
  constructor(private readonly fd: number) {}
  /** Writes the batches (every call with the first one's schema). */
  write(schema: arrow.Schema, batches: Iterable<arrow.RecordBatch>): void {
    if (!this.started) {
      this.writer.reset(new FdSink(this.fd), schema);
      this.started = true;
    }
    for (const b of batches) this.writer.write(b);
  }
  finish(): void {
    this.writer.finish();
  }
}

/** Writes record batches (all of the first one's schema) as an Arrow IPC file to `fd`, each chunk as it is made. */
export function writeBatchesToFd(fd: number, batches: Iterable<arrow.RecordBatch>): void {
  const out = new FdFileWriter(fd);
  for (const b of batches) out.write(b.schema, [b]);
  if (!out.started) throw new Error('an Arrow file needs a schema: no record batch was given');
  out.finish();
}

export class ArrowFileAppender {
  private readonly fd: number;
  private readonly out: FdFileWriter;
  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'w');
    this.out = new FdFileWriter(this.fd);
  }
  /** Appends a table's record batches (every table must have the first one's schema). */
  append(table: arrow.Table): void {
    this.out.write(table.schema, table.batches);
  }
  /** Writes the footer and closes the file. */
  finish(): void {
    this.out.finish();
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
