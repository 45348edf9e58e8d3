/**
 * Reads a trace file one record batch at a time, so peak memory is the trace plus one batch
 * instead of the whole file plus the trace (issue: a 312 MB file peaked at 812 MB). A first
 * pass reads only the messages' headers (their field nodes give every table's row count), the
 * flat tables are allocated to their final length, and a second pass reads each batch's bytes,
 * decodes it as a one-batch IPC stream (the schema message + the batch + end-of-stream), copies
 * its columns in, and lets the bytes go.
 *
 * Arrow IPC file layout: "ARROW1" + 2 padding bytes, the stream format (the schema message, the
 * record batch messages (each: 0xFFFFFFFF, int32 metadata length, flatbuffer metadata, body),
 * end of stream), the footer (the schema again and each batch's offset), the footer's int32
 * length, "ARROW1".
 */
import * as fs from 'node:fs';
import * as arrow from '../schema/arrow.js';
import { FillCollector } from '../schema/column-collect.js';
import { footerRecordBatchOffsets, readMessageHeader, type MessageHeader } from './flatbuffer-check.js';
import type { ColumnSpec } from '../schema/trace-schema.js';

const MAGIC = 'ARROW1';
const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

interface RawMessage {
  readonly start: number;
  /** Bytes of the prefix and metadata. */
  readonly headerBytes: number;
  readonly bodyLength: number;
  readonly header: MessageHeader;
}

function readAt(fd: number, pos: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  const got = fs.readSync(fd, b, 0, n, pos);
  if (got !== n) throw new Error(`the file ends at byte ${pos + got}, inside a message that needs ${n} bytes from byte ${pos}`);
  return b;
}

/** The message at `pos`, or null at the end-of-stream marker. Every length is checked against the file before anything is allocated. */
function messageAt(fd: number, pos: number, size: number): RawMessage | null {
  if (!(Number.isSafeInteger(pos) && pos >= 0 && pos + 8 <= size)) throw new Error(`a message offset of ${pos} is outside the file (${size} bytes)`);
  const prefix = readAt(fd, pos, 8);
  let len = prefix.readInt32LE(0);
  let hdr = 4;
  if (len === -1) {
    len = prefix.readInt32LE(4);
    hdr = 8;
  }
  if (len === 0) return null;
  if (len < 0 || pos + hdr + len > size) throw new Error(`a message at byte ${pos} claims ${len} bytes of metadata, past the end of the file`);
  const meta = readAt(fd, pos + hdr, len);
  const header = readMessageHeader(meta); // bounds-checked: apache-arrow trusts every vector length
  const bodyLength = header.bodyLength;
  if (!(Number.isSafeInteger(bodyLength) && bodyLength >= 0 && pos + hdr + len + bodyLength <= size)) throw new Error(`the message at byte ${pos} claims a body of ${bodyLength} bytes, past the end of the file`);
  return { start: pos, headerBytes: hdr + len, bodyLength, header };
}

/** Index of the field node of every field (depth first, as the IPC format numbers them). */
function nodeIndex(schema: arrow.Schema): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const walk = (f: arrow.Field, path: string) => {
    out.set(path, i++);
    for (const c of (f.type.children ?? []) as arrow.Field[]) walk(c, `${path}/${c.name}`);
  };
  for (const f of schema.fields) walk(f, f.name);
  return out;
}

export interface FileBatches {
  readonly schema: arrow.Schema;
  /** Rows of each flat table, from the batches' headers. */
  readonly rows: { readonly requests: number; readonly steps: number; readonly nodes: number; readonly oracle: number };
  /** Decodes the record batches one at a time (each batch's bytes are read when it is reached). */
  batches(): Generator<arrow.RecordBatch>;
  /** Collectors that fill columns allocated to the tables' final lengths. */
  collectors(table: 'requests' | 'steps' | 'nodes' | 'oracle', specs: readonly ColumnSpec[]): FillCollector[];
  close(): void;
}

/** Opens an Arrow IPC file for batch-at-a-time reading; null when it is not in the file format. */
export function openFileBatches(path: string): FileBatches | null {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(8);
    if (size < 18 || fs.readSync(fd, head, 0, 8, 0) < 8 || head.toString('latin1', 0, 6) !== MAGIC) {
      fs.closeSync(fd);
      return null;
    }
    // The footer (schema and the record batches' blocks) sits before its length and the magic.
    const tail = readAt(fd, size - 10, 10);
    if (tail.toString('latin1', 4, 10) !== MAGIC) throw new Error('no closing ARROW1 magic (the file was cut)');
    const footerLength = tail.readInt32LE(0);
    if (footerLength <= 0 || footerLength > size - 18) throw new Error(`a footer length of ${footerLength} bytes does not fit the file`);
    const footerBytes = readAt(fd, size - 10 - footerLength, footerLength);
    const offsets = footerRecordBatchOffsets(footerBytes); // bounds-checked before anything is decoded
    if (offsets.length > size / 16) throw new Error(`the footer lists ${offsets.length} record batches in a ${size}-byte file`);
    // The footer's schema (apache-arrow's file writer writes it nowhere else), read by
    // apache-arrow from the footer alone: magic, padding, footer, its length, magic.
    const footerOnly = Buffer.concat([Buffer.from('ARROW1\0\0', 'latin1'), footerBytes, tail]);
    const schema = arrow.RecordBatchReader.from(footerOnly).open().schema;
    // The schema as a stream message: every batch is decoded as [schema][batch][end of stream].
    const schemaStream = arrow.tableToIPC(new arrow.Table(schema), 'stream');
    const schemaBytes = schemaStream.subarray(0, schemaStream.length - EOS.length);
    const nodes = nodeIndex(schema);
    const at = (p: string) => {
      const i = nodes.get(p);
      if (i === undefined) throw new Error(`the schema lacks ${p}`);
      return i;
    };
    const iSteps = at('steps/item');
    const iNodes = at('nodes/item');
    const iOracle = at('oracle_committed_tokens/item');
    const found: RawMessage[] = [];
    const rows = { requests: 0, steps: 0, nodes: 0, oracle: 0 };
    for (const offset of offsets) {
      const m = messageAt(fd, offset, size);
      if (m === null || m.header.type !== 3) throw new Error(`the block at byte ${offset} is not a record batch`);
      if (m.start + m.headerBytes + m.bodyLength > size) throw new Error(`the record batch at byte ${m.start} runs past the end of the file`);
      const rb = m.header;
      // A row takes at least a bit of the body: a count past the body's bits is a damaged header.
      const len = (i: number) => {
        const v = rb.nodeLengths[i];
        if (v === undefined) throw new Error(`the record batch at byte ${m.start} has too few field nodes`);
        if (!(Number.isSafeInteger(v) && v >= 0 && v <= 8 * m.bodyLength)) throw new Error(`the record batch at byte ${m.start} claims ${v} rows in ${m.bodyLength} bytes`);
        return v;
      };
      const requests = rb.rows;
      if (!(Number.isSafeInteger(requests) && requests >= 0 && requests <= 8 * m.bodyLength)) throw new Error(`the record batch at byte ${m.start} claims ${requests} requests in ${m.bodyLength} bytes`);
      rows.requests += requests;
      rows.steps += len(iSteps);
      rows.nodes += len(iNodes);
      rows.oracle += len(iOracle);
      found.push(m);
    }
    for (const [table, n] of Object.entries(rows)) if (n > 8 * size) throw new Error(`the batch headers claim ${n} ${table} rows in a ${size}-byte file`);
    let open = true;
    return {
      schema,
      rows,
      *batches() {
        for (const m of found) {
          const n = m.headerBytes + m.bodyLength;
          const bytes = new Uint8Array(schemaBytes.length + n + EOS.length);
          bytes.set(schemaBytes, 0);
          if (fs.readSync(fd, bytes, schemaBytes.length, n, m.start) !== n) throw new Error(`the file ends inside the record batch at byte ${m.start}`);
          bytes.set(EOS, schemaBytes.length + n);
          for (const b of arrow.tableFromIPC(bytes).batches) yield b;
        }
      },
      collectors(table, specs) {
        return specs.map((s) => new FillCollector(s, rows[table]));
      },
      close() {
        if (open) fs.closeSync(fd);
        open = false;
      },
    };
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    throw e;
  }
}
