/**
 * The whole pipeline: `specreplay demo` ingests every bundled trace and replays them under every
 * policy; its summary.json is compared with a golden file (numbers to 6 significant digits).
 * The demo is built once per test run and shared (`test/shared-demo.ts`).
 * Regenerate after an intended change with UPDATE_GOLDEN=1 npx vitest run test/demo.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_IDS } from '../../src/policy/registry.js';
import { FIXTURES } from '../helpers.js';
import { SHARED_DEMO_TIMEOUT_MS, sharedDemo } from '../shared-demo.js';

const GOLDEN = path.join(FIXTURES, 'golden', 'demo-summary.json');
const GOLDEN_SVG = path.join(FIXTURES, 'golden', 'svg');

function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(6));
  if (Array.isArray(v)) return v.map(rounded);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
  return v;
}

describe('specreplay demo', () => {
  it('writes traces, run directories and a summary matching the golden file; every policy runs', async () => {
    const out = (await sharedDemo()).outDir;
    const summary = rounded(JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')));
    if (process.env['UPDATE_GOLDEN'] === '1') fs.writeFileSync(GOLDEN, JSON.stringify(summary, null, 2) + '\n');
    expect(summary).toEqual(JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
    expect(fs.existsSync(path.join(out, 'summary.md'))).toBe(true);
    const runs = (summary as { runs: { name: string; policies: { policy: string }[] }[] }).runs;
    const ran = new Set(runs.flatMap((r) => r.policies.map((p) => p.policy)));
    for (const p of POLICY_IDS) expect(ran.has(p), `demo runs ${p}`).toBe(true);
    for (const r of runs) for (const f of ['config.json', 'steps.arrow', 'requests.arrow', 'energy.arrow', 'summary.json', 'compare.md', 'report.html']) expect(fs.existsSync(path.join(out, 'runs', r.name, f))).toBe(true);
    const sweeps = (summary as { sweeps: { dir: string; charts: string[] }[] }).sweeps;
    expect(sweeps.length).toBeGreaterThan(0);
    for (const s of sweeps) for (const f of ['results.arrow', 'results.csv', 'sweep.json', ...s.charts.map((c) => path.relative(s.dir, c))]) expect(fs.existsSync(path.join(out, s.dir, f)), f).toBe(true);
    // The sensitivity analysis: its folder and a headline naming the field that decides it.
    const sens = (summary as { sensitivities: { dir: string; headline: string[] }[] }).sensitivities;
    expect(sens).toHaveLength(1);
    for (const f of ['summary.md', 'report.html', 'oat.csv', 'charts/tornado.svg']) expect(fs.existsSync(path.join(out, sens[0]!.dir, f)), f).toBe(true);
    expect(sens[0]!.headline[0]).toMatch(/pim\.freq_mhz moves it most/);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('## Sensitivity lp-spec-pim-compute');
    // Golden SVGs of the EAGLE run's charts and of the sensitivity tornado (reviewable by diff).
    const charts = path.join(out, 'runs', 'eagle-gemv-pim', 'charts');
    const svgs = [...fs.readdirSync(charts).filter((x) => x.endsWith('.svg')).map((f) => path.join(charts, f)), path.join(out, sens[0]!.dir, 'charts', 'tornado.svg')];
    for (const file of svgs) {
      const f = path.basename(file);
      const golden = path.join(GOLDEN_SVG, f);
      const got = fs.readFileSync(file, 'utf8');
      if (process.env['UPDATE_GOLDEN'] === '1') fs.writeFileSync(golden, got);
      expect(got, f).toBe(fs.readFileSync(golden, 'utf8'));
    }
  }, SHARED_DEMO_TIMEOUT_MS);
});
