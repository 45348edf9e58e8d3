/**
 * Sequoia (Infini-AI-Lab/Sequoia) artifacts, as JSON (converted from the .pt pickles):
 * - growmaps: `{size, depth[], Successors[][], roots[][], branches[][]}`, a static draft tree
 *   whose node i's k-th successor is its rank-k candidate; becomes tree template
 *   `sequoia-<file stem>`.
 * - the acceptance-rate vector: `[0.0, p1, ..., pW, p_none]`, P(the rank-k candidate is the one
 *   accepted at a tree position), last entry P(none of the W accepted); becomes acceptance
 *   model `sequoia-<file stem>` (kind rank-vector; rank 0 = none).
 */
import { messages } from '../config/messages.js';
import type { TraceFormat } from './format.js';
import { baseName, finishTrace, stem } from './common.js';
import { jsonAdapter } from './json-adapter.js';
import { TraceBuilder } from './trace-builder.js';
import { Fields } from './fields.js';
import type { AcceptanceEntry } from '../schema/trace-schema.js';

export const sequoiaGrowmap: TraceFormat = {
  id: 'sequoia-growmap',
  summary: 'Sequoia growmap (static draft tree: Successors, depth, roots, branches) as a tree template',
  examples: 'Infini-AI-Lab/Sequoia A100_growmaps/**, L40_growmaps/** (.pt converted to JSON)',
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"Successors"'),
  ...jsonAdapter((doc, file, diag, opts) => {
    const f: Fields = new Fields(diag, 1, undefined, doc.nonFinite);
    const g = doc.value as Record<string, unknown>;
    if (g === null || typeof g !== 'object' || Array.isArray(g)) diag.error('format', {}, messages.wrongType('a growmap object', g));
    const succ = f.array(g, 'Successors').map((row, i) => {
      if (!Array.isArray(row)) f.fail(`Successors[${i}]`, messages.wrongType('a list of node ids', row));
      return row.map((x, j) => f.count(x, `Successors[${i}][${j}]`));
    });
    const depth = f.counts(g, 'depth');
    const size = f.count(g['size'], 'size');
    if (succ.length !== size) f.fail('Successors', messages.growmapMismatch(`${succ.length} rows for size ${size}`));
    if (depth.length !== size) f.fail('depth', messages.growmapMismatch(`${depth.length} depths for size ${size}`));
    const parents = new Array<number>(size).fill(-2);
    const ranks = new Array<number>(size).fill(0);
    parents[0] = -1;
    succ.forEach((children, p) =>
      children.forEach((c, k) => {
        if (c >= size) f.fail(`Successors[${p}][${k}]`, messages.growmapMismatch(`node ${c} >= size ${size}`));
        if (c === 0 || parents[c] !== -2) f.fail(`Successors[${p}][${k}]`, messages.growmapMismatch(`node ${c} has two parents (or is the root)`));
        if (c <= p) f.fail(`Successors[${p}][${k}]`, messages.parentOrder(c, p));
        parents[c] = p;
        ranks[c] = k;
      }),
    );
    parents.forEach((p, i) => {
      if (p === -2) f.fail('Successors', messages.growmapMismatch(`node ${i} has no parent`));
      const want = i === 0 ? 0 : depth[p]! + 1;
      if (depth[i] !== want) f.fail(`depth[${i}]`, messages.depthMismatch(i, depth[i]!, want));
    });
    const roots = f.optionalArray(g, 'roots');
    if (roots) {
      roots.forEach((layer, d) => {
        const want = depth.flatMap((x, i) => (x === d ? [i] : []));
        if (!Array.isArray(layer) || layer.length !== want.length || layer.some((x, j) => x !== want[j])) {
          f.fail(`roots[${d}]`, messages.growmapMismatch(`layer ${d} should list nodes ${JSON.stringify(want)}`));
        }
      });
    }
    const b = new TraceBuilder();
    b.trees.push({ id: `sequoia-${stem(file)}`, parents, ranks, source: baseName(file) });
    return finishTrace(
      b,
      { trace_id: stem(file), format: 'sequoia-growmap', method: 'sequoia', notes: ['tree template only (a static tree Sequoia verifies every step)'] },
      diag,
      opts,
    );
  }),
};

/** Tolerance on the vector's sum before it is reported. */
const SUM_TOLERANCE = 1e-3;

export const sequoiaAcceptance: TraceFormat = {
  id: 'sequoia-acceptance',
  summary: 'Sequoia acceptance-rate vector (P(rank-k candidate accepted), last entry P(none)) as an acceptance model',
  examples: 'Infini-AI-Lab/Sequoia acceptance-rate-vector.pt (as a JSON array)',
  sniff: (head) => /^\s*\[\s*-?[\d.]/.test(head),
  ...jsonAdapter((doc, file, diag, opts) => {
    const v = doc.value;
    const f: Fields = new Fields(diag, 1, undefined, doc.nonFinite);
    if (!Array.isArray(v) || v.length < 3) return diag.error('format', {}, messages.wrongType('a list [0, p1, ..., pW, p_none]', v));
    const p = v.map((x, i) => {
      const n = f.number(x, `[${i}]`);
      if (n < 0 || n > 1) f.fail(`[${i}]`, messages.probabilityRange(n));
      return n;
    });
    if (p[0] !== 0) diag.warn('unused-entry', { field: '[0]' }, `entry 0 is unused by Sequoia but holds ${p[0]}`, 'ignored');
    const sum = p.slice(1).reduce((s, x) => s + x, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) diag.warn('probability-sum', { field: '[1..]' }, messages.probabilitySum(sum), messages.probabilitySumRepair);
    const entries: AcceptanceEntry[] = p.slice(1, -1).map((probability, k) => ({ depth: null, rank: k + 1, probability }));
    entries.push({ depth: null, rank: 0, probability: p[p.length - 1]! });
    const b = new TraceBuilder();
    b.acceptanceModels.push({
      id: `sequoia-${stem(file)}`,
      kind: 'rank-vector',
      entries,
      source: baseName(file),
      notes: `width ${p.length - 2}; rank k = P(the rank-k candidate, sampled without replacement, is accepted); rank 0 = P(none accepted)`,
    });
    return finishTrace(b, { trace_id: stem(file), format: 'sequoia-acceptance', method: 'sequoia' }, diag, opts);
  }),
};
