/**
 * steps.csv read by the range parser on the calling thread (`loadCanonicalCsv`) gives what the
 * serial csv-parse reader gives (`fromCanonicalCsv` over the text): the same trace, or the same
 * first error, worded the same — on well-formed files and on files with defects anywhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCanonicalCsv, loadCanonicalCsv } from '../../src/ingest/from-canonical-csv.js';
import { tmpDir } from '../helpers.js';

const dir = tmpDir();
let n = 0;

/** A request's steps as CSV rows: chains that are consistent (committed = accepted + 1). */
const request = fc.record({
  id: fc.constantFrom('q1/0', 'q2/0', 'q3/1', 'qé/2', 'q4'),
  prompt: fc.integer({ min: 1, max: 500 }),
  steps: fc.array(fc.record({ drafted: fc.integer({ min: 0, max: 5 }), accepted: fc.nat(5), entropy: fc.option(fc.double({ min: 0, max: 8, noNaN: true }), { nil: null }) }), { minLength: 1, maxLength: 6 }),
});

/** A defect to put in one field of one row (or none). */
const defect = fc.oneof(
  fc.constant(null),
  fc.record({ row: fc.nat(), col: fc.nat(), text: fc.constantFrom('', 'x', '-1', '1e3', '2147483648', 'NaN', ' 3', '"4"', '5.5') }),
);

function csv(requests: readonly { id: string; prompt: number; steps: readonly { drafted: number; accepted: number; entropy: number | null }[] }[], crlf: boolean): string[] {
  const rows: string[] = [];
  for (const r of requests) {
    let ctx = r.prompt;
    r.steps.forEach((s, i) => {
      const acc = Math.min(s.accepted, s.drafted);
      rows.push([r.id, i, ctx, s.drafted, acc, acc + 1, s.entropy === null ? '' : String(s.entropy)].join(','));
      ctx += acc + 1;
    });
  }
  return crlf ? rows.map((x) => x + '\r') : rows;
}

describe('steps.csv by ranges on this thread', () => {
  it('equals the serial reader: the same trace, or the same first error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 5 }), defect, fc.boolean(), fc.boolean(), async (reqs, bad, crlf, lastNewline) => {
        const header = 'request_id,step,context_tokens,draft_tokens,accepted_tokens,committed_tokens,draft_entropy_mean' + (crlf ? '\r' : '');
        const rows = csv(reqs, crlf);
        if (bad !== null) {
          const r = bad.row % rows.length;
          const fields = rows[r]!.replace(/\r$/, '').split(',');
          fields[bad.col % fields.length] = bad.text;
          rows[r] = fields.join(',') + (crlf ? '\r' : '');
        }
        const text = [header, ...rows].join('\n') + (lastNewline ? '\n' : '');
        const sub = path.join(dir, `case-${n++}`);
        fs.mkdirSync(sub);
        const file = path.join(sub, 'steps.csv');
        fs.writeFileSync(file, text);
        let serial: unknown;
        let serialError: string | null = null;
        try {
          serial = fromCanonicalCsv(text, null, file);
        } catch (e) {
          serialError = (e as Error).message;
        }
        let ranges: unknown;
        let rangesError: string | null = null;
        try {
          ranges = await loadCanonicalCsv(file);
        } catch (e) {
          rangesError = (e as Error).message;
        }
        expect(rangesError).toBe(serialError);
        if (serialError === null) expect(ranges).toEqual(serial);
      }),
      { numRuns: 200, seed: 21 },
    );
  });
});
