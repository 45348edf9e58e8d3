/**
 * Every chart builder's spec compiles with vega-lite without warnings, validates against the
 * Vega-Lite JSON schema (vega-lite/build/vega-lite-schema.json, ajv), and renders to an SVG with
 * marks and to a PNG with the bundled font; the HTML report inlines every chart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/replay/replay.js';
import { writeRunDir } from '../../src/replay/run-dir.js';
import { runCharts, writeRunReport } from '../../src/report/report.js';
import { compileChart, renderSvg, svgToPng } from '../../src/report/render.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { versions } from '../../src/util/versions.js';
import { ROOT, tmpDir } from '../helpers.js';

const SPS = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, logger: false }).compile(schema);

async function specpimRun(): Promise<string> {
  const { trace } = await ingestFile(SPS);
  const dir = path.join(tmpDir(), 'run');
  writeRunDir(dir, replay({ trace, platform: 'specpim-hbm-pim', policies: ['sd-npu', 'specpim'], sets: ['draft.max_len=4'], timeline: ['81/0'] }), versions());
  return dir;
}

describe('chart builders', () => {
  it('compile without warnings, validate against the Vega-Lite schema, render SVG marks and a PNG', async () => {
    const dir = await specpimRun();
    const charts = runCharts(dir);
    expect(charts.map((c) => c.id)).toEqual(['ratios', 'device-breakdown', 'phase-breakdown', 'energy-breakdown', 'committed', 'step-latency', 'occupancy', 'design-space', 'draft-length']);
    for (const c of charts) {
      expect((await compileChart(c)).warnings, c.id).toEqual([]);
      expect(validate(c.spec), `${c.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      expect(Object.keys(c.spec['datasets'] as object).length).toBeGreaterThan(0);
      const { svg } = await renderSvg(c);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/class="mark-(rect|line|symbol|rule)/);
      expect(svg).toContain('<text');
      const png = svgToPng(svg);
      expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    }
  }, 60_000);
  it('the HTML report inlines every chart as SVG and links its spec', async () => {
    const dir = await specpimRun();
    const r = await writeRunReport(dir);
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toBe(r.html);
    expect((html.match(/<figure id=/g) ?? []).length).toBe(r.charts.length);
    expect((html.match(/<svg /g) ?? []).length).toBe(r.charts.length);
    expect(html).not.toMatch(/<script[^>]+src="http/);
    for (const c of r.charts) expect(fs.existsSync(path.join(dir, c.spec))).toBe(true);
  }, 60_000);
});
