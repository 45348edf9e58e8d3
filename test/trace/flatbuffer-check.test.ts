/** The reader's own decoding of Arrow file headers agrees with apache-arrow's decoder on real files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from 'apache-arrow';
import { Footer } from 'apache-arrow/ipc/metadata/file';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { writeTraceFile } from '../../src/trace/arrow-io.js';
import { footerRecordBatchOffsets, readMessageHeader } from '../../src/trace/flatbuffer-check.js';
import { fixture, tmpDir } from '../helpers.js';

describe('Arrow file headers read without apache-arrow', () => {
  it('record batch offsets, body lengths, row counts and field node lengths equal what apache-arrow decodes', async () => {
    const { trace } = await ingestFile(fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl'), 'auto', { tree: 'eagle-mc_sim_7b_63' });
    const file = path.join(tmpDir(), 't.arrow');
    await writeTraceFile(file, trace);
    const bytes = fs.readFileSync(file);
    const footerLength = bytes.readInt32LE(bytes.length - 10);
    const footerBytes = bytes.subarray(bytes.length - 10 - footerLength, bytes.length - 10);
    const footer = Footer.decode(footerBytes);
    const offsets = footerRecordBatchOffsets(footerBytes);
    expect(offsets).toEqual([...footer.recordBatches()].map((b) => Number(b.offset)));
    expect(offsets.length).toBeGreaterThan(0);
    for (const at of offsets) {
      const len = bytes.readInt32LE(at + 4);
      const meta = bytes.subarray(at + 8, at + 8 + len);
      const mine = readMessageHeader(meta);
      const theirs = arrow.Message.decode(meta);
      const rb = theirs.header() as unknown as { length: number | bigint; nodes: { length: number | bigint }[] };
      expect(mine).toEqual({ type: 3, bodyLength: Number(theirs.bodyLength), rows: Number(rb.length), nodeLengths: rb.nodes.map((n) => Number(n.length)) });
    }
    // A schema message (a stream's first) has no rows.
    const stream = arrow.tableToIPC(new arrow.Table({ x: arrow.vectorFromArray([1, 2, 3]) }), 'stream');
    const schemaLength = Buffer.from(stream).readInt32LE(4);
    expect(readMessageHeader(stream.subarray(8, 8 + schemaLength))).toEqual({ type: 1, bodyLength: 0, rows: 0, nodeLengths: [] });
  });
});
