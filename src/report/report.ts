/**
 * The report of a run directory: the comparison (compare.md/.csv/.json), every chart as
 * charts/<id>.vl.json (spec with its named datasets) and charts/<id>.svg, and report.html,
 * which inlines the SVGs and needs nothing online.
 */
import { messages } from '../config/messages.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../config/user-error.js';
import { comparisonsHtml, policiesHtml, TABLE_CSS } from './html-tables.js';
import { escHtml } from '../util/html.js';
import { utf8 } from '../schema/columns.js';
import { readRunDir, type RunTables } from '../stats/run-tables.js';
import { compareRunDir, type RunComparison } from '../stats/write.js';
import { writeTextAtomic } from '../util/atomic-write.js';
import { packagePath } from '../util/package-root.js';
import { committedDistribution } from './charts/committed-dist.js';
import { designSpace, type DesignPoint } from './charts/design-space.js';
import { deviceBreakdown } from './charts/device-breakdown.js';
import { energyBreakdown, phaseBreakdown } from './charts/breakdowns.js';
import { ratioBars } from './charts/ratio-bars.js';
import type { ChartSpec } from './charts/spec.js';
import { stepLatency } from './charts/step-latency.js';
import { sensitivityLines } from './charts/sensitivity.js';
import { intervalsFromChromeTrace, occupancyTimeline, type BusyInterval } from './charts/occupancy.js';
import { renderSvg, svgToPng } from './render.js';

export interface RunReport {
  readonly html: string;
  readonly charts: readonly { id: string; title: string; svg: string; spec: string; warnings: readonly string[] }[];
}

/** The browser builds the report loads (copied from node_modules into <run>/lib/). */
const LIBS = [
  { file: 'vega.min.js', from: packagePath('node_modules', 'vega', 'build', 'vega.min.js') },
  { file: 'vega-lite.min.js', from: packagePath('node_modules', 'vega-lite', 'build', 'vega-lite.min.js') },
  { file: 'vega-embed.min.js', from: packagePath('node_modules', 'vega-embed', 'build', 'vega-embed.min.js') },
];


/** The charts of a run; `cmp` is its comparison when the caller already made it. */
export function runCharts(dir: string, cmp?: RunComparison, run: RunTables = readRunDir(dir)): ChartSpec[] {
  cmp ??= compareRunDir(dir, undefined, undefined, run);
  const charts: ChartSpec[] = [];
  if (cmp.comparisons.length > 0) charts.push(ratioBars(cmp.comparisons));
  charts.push(deviceBreakdown(cmp.policies), phaseBreakdown(run.steps, run.requests), energyBreakdown(run.energy, run.requests), committedDistribution(run.steps));
  const first = utf8(run.steps, 'request_id').values[0];
  if (first) charts.push(stepLatency(run.steps, first));
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { policy_reports?: Record<string, { designs?: DesignPoint[]; pareto?: DesignPoint[]; best?: DesignPoint }> };
  const tl = path.join(dir, 'timelines');
  if (fs.existsSync(tl)) {
    const intervals: BusyInterval[] = [];
    let request = '';
    // timelines/<policy>/ per policy; timelines/requests/ holds the same, every policy per file.
    for (const policy of fs.readdirSync(tl).sort().filter((d) => d !== 'requests' && fs.statSync(path.join(tl, d)).isDirectory())) {
      const files = fs.readdirSync(path.join(tl, policy)).filter((f) => f.endsWith('.json')).sort();
      if (files.length === 0) continue;
      const trace = JSON.parse(fs.readFileSync(path.join(tl, policy, files[0]!), 'utf8'));
      request ||= (trace.otherData?.request_id as string) ?? files[0]!;
      intervals.push(...intervalsFromChromeTrace(policy, trace));
    }
    // The window: each policy's first 16 busy intervals (about 8 draft/verify steps); the longest
    // of those, so every lane shows activity.
    const ends = [...new Set(intervals.map((i) => i.policy))].map((p) => {
      const e = intervals.filter((i) => i.policy === p).map((i) => i.end_ms).sort((a, b) => a - b);
      return e[Math.min(15, e.length - 1)] ?? 0;
    });
    if (intervals.length > 0) charts.push(occupancyTimeline(request, intervals, Math.max(...ends)));
  }
  const sp = config.policy_reports?.['specpim'];
  if (sp?.designs && sp.pareto && sp.best) {
    charts.push(designSpace(sp.designs, sp.pareto, sp.best));
    // Draft-length sensitivity: the best design at each draft length.
    const best = new Map<number, DesignPoint>();
    for (const d of sp.designs) {
      const k = Number(/ k=(\d+)(?: |$)/.exec(d.design)?.[1]);
      if (Number.isFinite(k) && (best.get(k)?.tokens_per_s ?? -1) < d.tokens_per_s) best.set(k, d);
    }
    const pts = [...best].sort((a, b) => a[0] - b[0]).flatMap(([k, d]) => [{ series: 'tokens/s', x: k, y: d.tokens_per_s }]);
    if (pts.length > 1) charts.push(sensitivityLines('draft-length', 'SpecPIM: best design per draft length', 'draft length (tokens)', 'throughput of the best mapping (tokens/s)', pts));
  }
  return charts;
}

/** @param run the run's tables when the caller has read them already */
export async function writeRunReport(dir: string, cmp?: RunComparison, run?: RunTables): Promise<RunReport> {
  if (run === undefined && !fs.existsSync(path.join(dir, 'config.json'))) throw new UserError(messages.notRunDir(dir, ' (no config.json)'));
  run ??= readRunDir(dir);
  const comparison = cmp ?? compareRunDir(dir, undefined, undefined, run);
  const charts = [];
  const runChartsSpecs = runCharts(dir, comparison, run);
  for (const c of runChartsSpecs) {
    const { svg, warnings } = await renderSvg(c);
    const spec = path.join('charts', `${c.id}.vl.json`);
    const file = path.join('charts', `${c.id}.svg`);
    writeTextAtomic(path.join(dir, spec), JSON.stringify(c.spec, null, 2) + '\n');
    writeTextAtomic(path.join(dir, file), svg);
    writeTextAtomic(path.join(dir, 'charts', `${c.id}.png`), svgToPng(svg));
    charts.push({ id: c.id, title: c.title, svg, spec, warnings });
  }
  // vega, vega-lite and vega-embed copied beside the report (works offline, from file://); the
  // specs are inlined (browsers refuse to fetch local files from a file:// page) and each chart's
  // pre-rendered SVG stays in place until vega-embed replaces it with the interactive view.
  for (const f of LIBS) writeTextAtomic(path.join(dir, 'lib', f.file), fs.readFileSync(f.from));
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const specs = runChartsSpecs.map((c) => `<script type="application/json" id="spec-${c.id}">${json(c.spec)}</script>`);
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>specreplay report</title>',
    `<style>body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em;max-width:1100px}figure{margin:1.5em 0}${TABLE_CSS}</style>`,
    ...LIBS.map((f) => `<script src="lib/${f.file}"></script>`),
    '</head><body>',
    `<h1>specreplay report: ${escHtml(path.basename(path.resolve(dir)))}</h1>`,
    '<p>Interactive charts (vega-embed, loaded from <code>lib/</code> beside this file: no network needed); each figure links to its Vega-Lite spec with data. Without JavaScript the pre-rendered SVGs show.</p>',
    ...charts.map((c) => `<figure id="${c.id}" class="chart"><div class="view" data-chart="${c.id}">${c.svg}</div><figcaption>${escHtml(c.title)} — <a href="${c.spec}">${c.spec}</a></figcaption></figure>`),
    ...specs,
    '<h2>Comparison</h2>',
    comparisonsHtml(
      comparison.comparisons.map((c) => ({ ...c, ci_lo: c.ci.lo, ci_hi: c.ci.hi })),
      comparison.policies.map((q) => q.policy),
    ),
    '<h2>Policies</h2>',
    policiesHtml(comparison.policies),
    '<p>The same as Markdown and CSV, with the t-test and d_z: <a href="compare.md">compare.md</a>, <a href="compare.csv">compare.csv</a>.</p>',
    '<script>',
    'const views = Array.from(document.querySelectorAll("div.view"));',
    'Promise.all(views.map((el) => vegaEmbed(el, JSON.parse(document.getElementById("spec-" + el.dataset.chart).textContent), { renderer: "svg", actions: false })))',
    '  .then(() => { document.body.dataset.rendered = String(views.length); })',
    '  .catch((e) => { console.error("vega-embed failed: " + e); });',
    '</script>',
    '</body></html>',
    '',
  ].join('\n');
  writeTextAtomic(path.join(dir, 'report.html'), html);
  return { html, charts };
}
