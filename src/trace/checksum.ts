/**
 * A content checksum of a trace (Arrow has none): SHA-256 over the schema metadata strings and
 * every column of the flat tables, in schema order. Stored as `specreplay.checksum` when a trace
 * is written and checked whenever one is read, so a zeroed or flipped block is an error instead
 * of silently different rows. Validity is normalized (no validity array = all present).
 */
import { createHash, type Hash } from 'node:crypto';
import type { ColumnTable } from '../schema/columns.js';

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Strings handed to the hash at a time. */
const CHUNK = 4096;
const NUL = '\u0000N';
const NULS = NUL.repeat(CHUNK);

/**
 * Each string as `length:value` (a null as NUL N), handed to the hash a chunk at a time: the
 * digest of concatenated updates is that of one update per value, without a native call per
 * row (a 1 M-row column of absent tree ids took 100 ms one value at a time). A run of nulls
 * (a column the trace does not record) goes as slices of one repeated string.
 */
function hashStrings(h: Hash, values: readonly (string | null)[]): void {
  const n = values.length;
  const parts: string[] = [];
  let i = 0;
  while (i < n) {
    if (values[i] === null || values[i] === undefined) {
      let j = i + 1;
      while (j < n && (values[j] === null || values[j] === undefined)) j++;
      for (let run = j - i; run > 0; run -= CHUNK) h.update(run >= CHUNK ? NULS : NULS.slice(0, run * NUL.length));
      i = j;
      continue;
    }
    parts.length = 0;
    const end = Math.min(n, i + CHUNK);
    for (; i < end; i++) {
      const v = values[i];
      parts.push(v === null || v === undefined ? NUL : `${v.length}:${v}`);
    }
    h.update(parts.join(''));
  }
}

function hashTable(h: Hash, name: string, t: ColumnTable | null): void {
  if (t === null || t.length === 0) {
    // An empty optional table reads back as absent: both hash the same.
    h.update(`${name}:empty\n`);
    return;
  }
  h.update(`${name}:${t.length}\n`);
  for (const s of t.specs) {
    const c = t.columns[s.name]!;
    h.update(`${s.name}:${c.type}\n`);
    if (c.type === 'utf8') {
      hashStrings(h, c.values);
      continue;
    }
    h.update(bytes(c.values));
    if ('valid' in c && c.valid !== null && c.valid.indexOf(0) !== -1) h.update(bytes(c.valid));
    else h.update('all-valid');
  }
}

/** The checksum of a trace's tables and its metadata strings (as stored in the file). */
export function traceChecksum(tables: { requests: ColumnTable; steps: ColumnTable; nodes: ColumnTable | null; oracle: ColumnTable | null }, metadata: readonly string[]): string {
  const h = createHash('sha256');
  for (const m of metadata) h.update(`${m.length}:${m}`);
  hashTable(h, 'requests', tables.requests);
  hashTable(h, 'steps', tables.steps);
  hashTable(h, 'nodes', tables.nodes);
  hashTable(h, 'oracle', tables.oracle);
  return `sha256:${h.digest('hex')}`;
}
