/**
 * A minimal offline viewer of a timeline file (ui.perfetto.dev needs a network): one HTML page per
 * request beside its JSON, `timelines/requests/<request>.html`, drawing every complete event as a
 * bar on its process / thread row (hover for name and args). For a closer look, load the JSON in
 * ui.perfetto.dev or chrome://tracing.
 */
import { escHtml } from '../util/html.js';

const SCRIPT = `
const t = JSON.parse(document.getElementById('trace').textContent);
const names = new Map();
for (const e of t.traceEvents) if (e.ph === 'M' && e.name === 'process_name') names.set(e.pid + ':', e.args.name);
for (const e of t.traceEvents) if (e.ph === 'M' && e.name === 'thread_name') names.set(e.pid + ':' + e.tid, e.args.name);
const xs = t.traceEvents.filter((e) => e.ph === 'X');
const rows = [...new Set(xs.map((e) => e.pid + ':' + e.tid))].sort((a, b) => { const [p, q] = a.split(':').map(Number), [r, s] = b.split(':').map(Number); return p - r || q - s; });
const end = Math.max(1, ...xs.map((e) => e.ts + e.dur));
const root = document.getElementById('rows');
const colours = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9'];
rows.forEach((key, i) => {
  const row = document.createElement('div'); row.className = 'row';
  const label = document.createElement('span'); label.className = 'label';
  label.textContent = names.get(key.split(':')[0] + ':') + ' · ' + (names.get(key) ?? key); row.appendChild(label);
  const lane = document.createElement('div'); lane.className = 'lane'; row.appendChild(lane);
  for (const e of xs) {
    if (e.pid + ':' + e.tid !== key) continue;
    // Where an operator's time goes (its segments) in the lower half of its bar.
    const b = document.createElement('div'); b.className = String(e.cat).endsWith(' segment') ? 'bar seg' : 'bar';
    b.style.left = (100 * e.ts / end) + '%'; b.style.width = Math.max(0.05, 100 * e.dur / end) + '%';
    b.style.background = colours[i % colours.length];
    b.title = e.name + ' ' + e.dur.toFixed(1) + ' us ' + JSON.stringify(e.args ?? {});
    lane.appendChild(b);
  }
  root.appendChild(row);
});
document.body.dataset.bars = String(document.querySelectorAll('.bar').length);
`;

export function timelineViewerHtml(requestId: string, trace: object): string {
  const json = JSON.stringify(trace).replace(/</g, '\\u003c');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>timeline ' + escHtml(requestId) + '</title>',
    '<style>body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:1.5em}.row{display:flex;align-items:center;height:22px}.label{width:260px;font-size:12px;white-space:nowrap;overflow:hidden}.lane{position:relative;flex:1;height:16px;background:#f4f4f4}.bar{position:absolute;top:0;height:16px}.seg{top:8px;height:8px;filter:brightness(0.7);border-left:1px solid #fff}</style>',
    '</head><body>',
    `<h1>Timeline of request ${escHtml(requestId)}</h1>`,
    '<p>Every policy of the request, a row per device (phases), per device\'s operators and per PIM channel group; an operator\'s time breakdown (PIM mode switches, input broadcast, bank passes, read-back) in the lower half of its bar; hover a bar for its args. The same events as the JSON beside this page (open it in ui.perfetto.dev or chrome://tracing for zooming).</p>',
    '<div id="rows"></div>',
    `<script type="application/json" id="trace">${json}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
