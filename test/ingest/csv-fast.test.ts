/**
 * The byte-level fast path over a CSV range gives exactly what csv-parse gives: the same
 * columns (values and nulls, to the bit), the same dictionary of ids, the same warnings, the
 * same located errors — on plain records (with numbers in every form the fast parse does not
 * take itself) and on ranges it must hand back (quotes, blank lines, a record of another width).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_PLAIN, parseRange, parseRangeFastOnly, type CsvWorkerInput } from '../../src/ingest/csv-worker.js';
import { NODE_COLUMNS, STEP_COLUMNS, type ColumnSpec } from '../../src/schema/trace-schema.js';
import { tmpDir } from '../helpers.js';

const HEADER = ['request_id', ...NODE_COLUMNS.map((c) => c.name)];
const BYTES = { int32: 4, float64: 8, bool: 1, utf8: 0 } as const;
const dir = tmpDir();
let fileNo = 0;

function input(text: string, rows: number, strict = false, header: readonly string[] = HEADER, specs: readonly ColumnSpec[] = NODE_COLUMNS): CsvWorkerInput {
  const file = path.join(dir, `range-${fileNo++}.csv`);
  fs.writeFileSync(file, text);
  const storage: CsvWorkerInput['storage'] = Object.fromEntries(
    specs.filter((s) => s.type !== 'utf8').map((s) => [s.name, { values: new SharedArrayBuffer(Math.max(1, rows * BYTES[s.type])), valid: s.nullable ? new SharedArrayBuffer(Math.max(1, rows)) : null }]),
  );
  return { path: file, start: 0, end: Buffer.byteLength(text), fileName: 'nodes.csv', strict, header, specs, idColumn: 'request_id', rowOffset: 0, rowCount: rows, storage, codes: new SharedArrayBuffer(Math.max(4, rows * 4)) };
}

/** Both paths over the same text (each into its own storage): output and every column's bytes. */
async function both(text: string, rows: number, strict = false, header: readonly string[] = HEADER, specs: readonly ColumnSpec[] = NODE_COLUMNS) {
  const run = async (fast: boolean) => {
    const inp = input(text, rows, strict, header, specs);
    const out = await parseRange(inp, fast);
    const cols = Object.fromEntries(Object.entries(inp.storage).map(([k, v]) => [k, [Buffer.from(new Uint8Array(v.values)).toString('hex'), v.valid ? Buffer.from(new Uint8Array(v.valid)).toString('hex') : null]]));
    return { out, cols, codes: Buffer.from(new Uint8Array(inp.codes)).toString('hex') };
  };
  return { fast: await run(true), slow: await run(false) };
}

const int = fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.constantFrom('0', '-0', '2147483647', '-2147483648', '2147483648', '007', '', '1e2', '+3', 'x'));
const real = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x.toFixed(fc.sample(fc.integer({ min: 0, max: 17 }), 1)[0]!)),
  fc.constantFrom('0.5', '-0.0', '1.', '.5', '123456789012345.6', '0.1234567890123456789', '1e-7', '3.5E+2', 'NaN', 'nan', 'Infinity', '', '0x10', '1.2.3'),
);
const bool = fc.constantFrom('0', '1', 'true', 'false', 'True', 'False', 'yes', '');
const row = fc.tuple(fc.constantFrom('q1/0', 'q1/0', 'q2/1', 'é/3'), int, int, int, int, int, int, real, real, real, real, bool);

describe('CSV fast path', () => {
  it('plain ranges: what csv-parse gives, to the bit (values, nulls, ids, warnings, errors)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.boolean(), async (rows, crlf, lastNewline) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = rows.map((r) => r.join(',')).join(eol) + (lastNewline ? eol : '');
        expect((parseRangeFastOnly(input(text, rows.length)) as { code?: string }).code).not.toBe(NOT_PLAIN); // the fast path takes it (a value or an error)
        const { fast, slow } = await both(text, rows.length);
        expect(fast.out).toEqual(slow.out);
        if (slow.out.ok) {
          expect(fast.cols).toEqual(slow.cols);
          expect(fast.codes).toEqual(slow.codes);
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('numbers the fast parse takes come out as Number() reads them (decimals of up to 15 digits)', async () => {
    const text = ['a,1,0,-1,0,,,0.1,0.30000000000000004,123456789.012345,-0.0,1', 'a,2,0,0,1,0,5,1,2.5,1e300,5e-324,0'].join('\n') + '\n';
    const { fast, slow } = await both(text, 2);
    expect(fast.out).toEqual(slow.out);
    expect(fast.cols).toEqual(slow.cols);
  });

  it('hands back what is not plain: quotes, blank lines, a record of another width, a lone CR (same result as csv-parse)', async () => {
    const good = 'a,1,0,-1,0,,,0.1,0.2,0.3,0.4,1';
    for (const [text, rows] of [
      [`"a",1,0,-1,0,,,0.1,0.2,0.3,0.4,1\n`, 1],
      [`${good}\n\n${good}\n`, 2],
      [`${good}\n${good},9\n`, 2],
      [`${good}\r${good}\n`, 2],
    ] as const) {
      const { fast, slow } = await both(text, rows);
      expect(fast.out, JSON.stringify(text)).toEqual(slow.out);
      if (slow.out.ok) expect(fast.cols).toEqual(slow.cols);
    }
    expect(parseRangeFastOnly(input(`"a",1,0,-1,0,,,0.1,0.2,0.3,0.4,1\n`, 1))).toMatchObject({ ok: false, code: NOT_PLAIN });
    expect(parseRangeFastOnly(input(`${good}\r${good}\n`, 2))).toMatchObject({ ok: false, code: NOT_PLAIN });
    expect(parseRangeFastOnly(input(`${good}\r\n${good}\r\n`, 2))).toMatchObject({ ok: true });
    expect(parseRangeFastOnly(input(`${good}\n${good}\r`, 2))).toMatchObject({ ok: false, code: NOT_PLAIN }); // a \r at the very end
  });

  it('a \\r\\n split across two reads of the file is a line end; a lone \\r or a quote in a later read hands the range back', () => {
    // 17-byte records (\r\n included): record 61681 ends at byte 2^20 + 1, so its \r is the
    // last byte of the first 1 MiB read and its \n the first of the second.
    const header = ['request_id', 'step', 'committed_tokens', 'context_tokens'];
    const rec = 'q1/0,12,3,45678\r\n';
    expect(rec.length).toBe(17);
    const rows = 70_000;
    const text = rec.repeat(rows);
    expect(text.slice(2 ** 20 - 1, 2 ** 20 + 1)).toBe('\r\n');
    const ok = parseRangeFastOnly(input(text, rows, false, header, STEP_COLUMNS));
    expect(ok).toMatchObject({ ok: true });
    // The same \r followed by a digit: a lone \r inside a record of the right width.
    const lone = text.slice(0, 2 ** 20) + '9\r\n' + text.slice(2 ** 20 + 1);
    expect(parseRangeFastOnly(input(lone, rows, false, header, STEP_COLUMNS))).toMatchObject({ ok: false, code: NOT_PLAIN });
    const quoted = text.slice(0, 1_500_000) + '"' + text.slice(1_500_001);
    expect(parseRangeFastOnly(input(quoted, rows, false, header, STEP_COLUMNS))).toMatchObject({ ok: false, code: NOT_PLAIN });
  });

  it('strict mode: a warning (NaN in a nullable column) is the same error on both paths', async () => {
    const text = 'a,1,0,-1,0,,,NaN,0.2,0.3,0.4,1\n';
    const { fast, slow } = await both(text, 1, true);
    expect(slow.out.ok).toBe(false);
    expect(fast.out).toEqual(slow.out);
  });

  it('columns the header lacks and string columns: the same rows as csv-parse (nulls where absent)', async () => {
    // nodes.csv without its nullable signal columns
    const nodeHeader = ['request_id', 'step', 'node', 'parent', 'depth', 'accepted'];
    const nodes = 'a,0,0,-1,0,1\na,0,1,0,1,0\nb,0,0,-1,0,1\n';
    let r = await both(nodes, 3, false, nodeHeader);
    expect(r.fast.out).toEqual(r.slow.out);
    expect(r.fast.out.ok).toBe(true);
    expect(r.fast.cols).toEqual(r.slow.cols);
    // steps.csv with a string column (tree ids, one empty) and without it
    const stepHeader = ['request_id', 'step', 'committed_tokens', 'tree_id', 'draft_tokens'];
    const steps = 'q/0,0,3,t1,9\nq/0,1,1,,9\nq/1,0,2,t\u00e92,4\n';
    r = await both(steps, 3, false, stepHeader, STEP_COLUMNS);
    expect(r.fast.out).toEqual(r.slow.out);
    expect(r.fast.out.ok && r.fast.out.text['tree_id']).toEqual(['t1', null, 't\u00e92']);
    expect(r.fast.cols).toEqual(r.slow.cols);
    r = await both('q/0,0,3,9\nq/0,1,1,9\n', 2, false, ['request_id', 'step', 'committed_tokens', 'draft_tokens'], STEP_COLUMNS);
    expect(r.fast.out).toEqual(r.slow.out);
    expect(r.fast.out.ok && r.fast.out.text['tree_id']).toEqual([null, null]);
    expect(r.fast.cols).toEqual(r.slow.cols);
  });
});
