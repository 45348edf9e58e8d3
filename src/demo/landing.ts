/**
 * The demo's landing page, `reports/demo/index.html`: every run with one headline sentence per
 * comparison and its imputed shares, every paper figure, every sweep, linked to their files.
 * Static HTML (no script), so it opens from the file system anywhere.
 */
import * as path from 'node:path';
import { comparisonsHtml, escHtml, policiesHtml, TABLE_CSS } from '../report/html-tables.js';
import type { DemoFigure, DemoRun, DemoSensitivity, DemoSweep } from './demo.js';

const link = (href: string, text: string) => `<a href="${escHtml(href.split(path.sep).join('/'))}">${escHtml(text)}</a>`;

export function landingHtml(runs: readonly DemoRun[], figures: readonly DemoFigure[], sweeps: readonly DemoSweep[], sensitivities: readonly DemoSensitivity[] = []): string {
  const body: string[] = [
    '<h1>specreplay demo</h1>',
    `<p>The bundled traces replayed under the published systems' policies (${runs.length} runs), the papers' headline figures reproduced (${figures.length}), and the example sweeps (${sweeps.length}). ` +
      `Each run links to its interactive report; ${link('summary.md', 'summary.md')} has the same in Markdown.</p>`,
    '<nav><ul>',
    ...runs.map((r) => `<li>${link(`#run-${r.name}`, `run ${r.name}`)}</li>`),
    `<li>${link('#figures', 'paper figures')}</li>`,
    ...sweeps.map((s) => `<li>${link(`#sweep-${s.id}`, `sweep ${s.id}`)}</li>`),
    ...sensitivities.map((s) => `<li>${link(`#sensitivity-${s.id}`, `sensitivity ${s.id}`)}</li>`),
    '</ul></nav>',
  ];
  for (const r of runs) {
    const order = r.policies.map((p) => p.policy);
    body.push(
      `<section class="run" id="run-${escHtml(r.name)}">`,
      `<h2>Run ${escHtml(r.name)}: ${escHtml(r.trace)} on ${escHtml(r.platform)}</h2>`,
      `<p>${escHtml(r.why)} — ${link(path.join(r.dir, 'report.html'), 'report')}, ${link(path.join(r.dir, 'compare.md'), 'compare.md')}, ${link(path.join(r.dir, 'summary.json'), 'summary.json')}</p>`,
      comparisonsHtml(
        r.comparisons.map((c) => ({ ...c })),
        order,
      ),
      policiesHtml(r.policies.map((p) => ({ ...p, committed_per_step: p.committed_per_step }))),
      ...r.notes.map((n) => `<p class="note">Note: ${escHtml(n)}</p>`),
      '</section>',
    );
  }
  body.push('<section id="figures"><h2>Paper figures</h2>', '<p>Published values beside reproduced ones; each figure\'s notes list every value and its ratio, and the README explains every gap over 25%.</p>');
  for (const f of figures) {
    const png = f.svg.replace(/\.svg$/, '.png');
    body.push(`<figure class="paper-figure" id="figure-${escHtml(f.id)}"><img src="${escHtml(png)}" alt="${escHtml(f.id)}" width="720"><figcaption>${escHtml(f.id)} — ${link(f.svg, 'SVG')}, ${link(f.notes, 'notes (published vs reproduced)')}</figcaption></figure>`);
  }
  body.push('</section>');
  for (const s of sweeps) {
    body.push(`<section class="sweep" id="sweep-${escHtml(s.id)}"><h2>Sweep ${escHtml(s.id)}</h2>`, `<p>${link(path.join(s.dir, 'results.csv'), 'results.csv')}, ${link(path.join(s.dir, 'sweep.json'), 'sweep.json')}</p>`);
    for (const c of s.charts) body.push(`<figure class="sweep-chart"><img src="${escHtml(c.replace(/\.svg$/, '.png'))}" alt="${escHtml(path.basename(c))}" width="640"><figcaption>${link(c, path.basename(c))}</figcaption></figure>`);
    body.push('</section>');
  }
  for (const s of sensitivities) {
    body.push(`<section class="sensitivity" id="sensitivity-${escHtml(s.id)}"><h2>Sensitivity ${escHtml(s.id)}</h2>`, `<p>${escHtml(s.what)}. ${link(path.join(s.dir, 'report.html'), 'report')}, ${link(path.join(s.dir, 'oat.csv'), 'oat.csv')}</p>`, `<ul>${s.headline.map((h) => `<li>${escHtml(h)}</li>`).join('')}</ul>`);
    for (const c of s.charts) body.push(`<figure class="sensitivity-chart"><img src="${escHtml(c.replace(/\.svg$/, '.png'))}" alt="${escHtml(path.basename(c))}" width="640"><figcaption>${link(c, path.basename(c))}</figcaption></figure>`);
    body.push('</section>');
  }
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>specreplay demo</title>',
    `<style>body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em;max-width:1100px}section{margin:2em 0}figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #eee}${TABLE_CSS}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
