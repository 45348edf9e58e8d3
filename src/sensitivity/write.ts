/**
 * A sensitivity analysis as a folder: sensitivity.json (the result and its configuration),
 * oat.csv, draws.arrow and draws.parquet (every global draw: the fields' values and the
 * ratios), indices.csv, charts (tornado, ratio distribution: Vega-Lite, SVG, PNG), report.html
 * and summary.md with the headline.
 */
import * as path from 'node:path';
import * as arrow from '../schema/arrow.js';
import { toArrowTable } from '../schema/arrow-columns.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import { tableToParquet } from '../schema/parquet.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import { writeDirAtomic, writeInto } from '../util/atomic-write.js';
import { csvField } from '../util/csv-text.js';
import { escHtml } from '../util/html.js';
import type { OutputOptions } from '../util/output-guard.js';
import { ratioDistribution, tornado } from '../report/charts/tornado.js';
import { RATIO_METRICS, type SensitivityResult } from './analysis.js';
import { headlineSentences } from './headline.js';

function csv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** The global draws as a column table: one float column per field, then the three ratios. */
function drawsTable(r: SensitivityResult): ColumnTable {
  const specs: ColumnSpec[] = [
    { name: 'draw', type: 'int32', nullable: false, doc: 'the draw, in sampling order' },
    ...r.factors.map((f) => ({ name: f.field, type: 'float64' as const, nullable: false, doc: `${f.field} (${f.unit})` })),
    ...RATIO_METRICS.map((m) => ({ name: `${m}_ratio`, type: 'float64' as const, nullable: false, doc: `${m} of ${r.policies[0]} over ${r.policies[1]}` })),
  ];
  const n = r.draws.length;
  const columns: Record<string, Column> = { draw: { type: 'int32', values: Int32Array.from({ length: n }, (_, i) => i), valid: null } };
  r.factors.forEach((f, j) => (columns[f.field] = { type: 'float64', values: Float64Array.from(r.draws, (d) => d.values[j]!), valid: null }));
  for (const m of RATIO_METRICS) columns[`${m}_ratio`] = { type: 'float64', values: Float64Array.from(r.draws, (d) => d.ratios[m]), valid: null };
  return { length: n, specs, columns };
}

export async function writeSensitivity(dir: string, r: SensitivityResult, resolved: Record<string, unknown>, opts: OutputOptions): Promise<{ charts: { id: string; warnings: readonly string[] }[] }> {
  return writeDirAtomic(dir, 'sensitivity', opts, async (tmp) => {
    const put = (name: string, content: string | Uint8Array) => writeInto(tmp, name, content);
    const [a, b] = r.policies;
    put('sensitivity.json', JSON.stringify({ ...resolved, result: r }, null, 2) + '\n');
    put('oat.csv', csv([['field', 'reading', 'value', 'source', ...RATIO_METRICS.map((m) => `${m}_ratio`)], ...r.oat.map((o) => [o.field, o.reading, o.value, o.source, ...RATIO_METRICS.map((m) => o.ratios[m])])]));
    put('indices.csv', csv([['field', 'metric', r.method === 'sobol' ? 'first_order' : 'mu_star', r.method === 'sobol' ? 'total' : 'sigma'], ...r.indices.map((i) => [i.field, i.metric, i.a, i.b])]));
    const table = toArrowTable(drawsTable(r));
    put('draws.arrow', arrow.tableToIPC(table, 'file'));
    put('draws.parquet', tableToParquet(table, { 'specreplay.sensitivity': JSON.stringify({ policies: r.policies, platform: r.platform, method: r.method }) }));
    const sentences = headlineSentences(r);
    put('summary.md', [`# Sensitivity: ${a} against ${b} on ${r.platform}`, '', ...sentences.map((s) => `- ${s}`), '', `${r.evaluations} replays (${r.method}); the fields varied and their readings are in sensitivity.json and oat.csv.`, ''].join('\n'));
    const oatRows = r.factors.flatMap((f) =>
      RATIO_METRICS.map((m) => {
        const pts = r.oat.filter((o) => o.field === f.field);
        const lo = pts.reduce((p, o) => (o.ratios[m] < p.ratios[m] ? o : p));
        const hi = pts.reduce((p, o) => (o.ratios[m] > p.ratios[m] ? o : p));
        return { metric: m, field: f.field, lo: lo.ratios[m], hi: hi.ratios[m], lo_reading: lo.reading, hi_reading: hi.reading, reference: r.reference[m] };
      }),
    );
    const specs = [tornado(`What moves ${a} / ${b} (one field at a time)`, oatRows)];
    if (r.draws.length > 0) specs.push(ratioDistribution(`${a} / ${b} over ${r.draws.length} draws of all open fields`, r.draws.flatMap((d) => (['tokens_per_s', 'tokens_per_j'] as const).map((m) => ({ metric: m, ratio: d.ratios[m] })))));
    const { renderSvg, svgToPng } = await import('../report/render.js');
    const charts = [];
    const figures: string[] = [];
    for (const c of specs) {
      const { svg, warnings } = await renderSvg(c);
      put(path.join('charts', `${c.id}.vl.json`), JSON.stringify(c.spec, null, 2) + '\n');
      put(path.join('charts', `${c.id}.svg`), svg);
      put(path.join('charts', `${c.id}.png`), svgToPng(svg));
      charts.push({ id: c.id, warnings });
      figures.push(`<figure id="${c.id}">${svg}<figcaption>${escHtml(c.title)} — <a href="charts/${c.id}.vl.json">Vega-Lite spec with data</a></figcaption></figure>`);
    }
    const row = (cells: readonly (string | number)[]) => `<tr>${cells.map((c) => `<td>${escHtml(typeof c === 'number' ? c.toPrecision(4) : c)}</td>`).join('')}</tr>`;
    put('report.html', [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sensitivity</title>',
      '<style>body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}</style></head><body>',
      `<h1>Sensitivity: ${escHtml(a)} against ${escHtml(b)} on ${escHtml(r.platform)}</h1>`,
      `<ul>${sentences.map((s) => `<li>${escHtml(s)}</li>`).join('')}</ul>`,
      ...figures,
      '<h2>Open fields and their readings</h2><table><tr><th>field</th><th>reading</th><th>value</th><th>source</th><th>tokens/s ratio</th><th>tokens/J ratio</th></tr>',
      ...r.oat.map((o) => row([o.field, o.reading, o.value, o.source, o.ratios.tokens_per_s, o.ratios.tokens_per_j])),
      '</table>',
      r.indices.length > 0 ? `<h2>${r.method === 'sobol' ? 'Sobol indices (first order, total)' : 'Morris elementary effects (mu*, sigma; per unit of each field\'s span)'}</h2><table><tr><th>field</th><th>metric</th><th>${r.method === 'sobol' ? 'first order' : 'mu*'}</th><th>${r.method === 'sobol' ? 'total' : 'sigma'}</th></tr>${r.indices.map((i) => row([i.field, i.metric, i.a, i.b])).join('')}</table>` : '',
      '</body></html>',
      '',
    ].join('\n'));
    return { charts };
  });
}
