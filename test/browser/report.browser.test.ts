/**
 * The demo's HTML report in a real browser: playwright-core drives the OS's Chromium
 * (/usr/bin/chromium, installed by .ci/run), opens each report from disk, waits for vega-embed
 * (loaded from lib/ beside the report) to render every chart, checks each has an SVG with marks
 * and that nothing was logged as an error, and saves a screenshot to
 * reports/browser/. Skipped where Chromium is not installed (a plain `npm test` on a machine
 * with only Node and npm).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { SHARED_DEMO_TIMEOUT_MS, sharedDemo } from '../shared-demo.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const HAVE = fs.existsSync(CHROMIUM);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const launch = () => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** A new page that collects console errors and page errors. */
async function pageWithErrors(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/** Where screenshots go (created). */
function shotsDir(): string {
  const shots = path.join(ROOT, 'reports', 'browser');
  fs.mkdirSync(shots, { recursive: true });
  return shots;
}

describe.skipIf(!HAVE)('HTML report in Chromium', () => {
  it('every chart of every demo report renders with marks and no console errors; screenshot saved', async () => {
    const demo = await sharedDemo();
    const out = demo.outDir;
    const browser = await launch();
    try {
      const shots = shotsDir();
      for (const run of demo.runs) {
        const { page, errors } = await pageWithErrors(browser);
        await page.goto(pathToFileURL(path.join(out, run.dir, 'report.html')).href);
        // vega-embed (from lib/ beside the report) replaces each pre-rendered SVG with a live view.
        await page.waitForFunction('document.body.dataset.rendered !== undefined', undefined, { timeout: 30_000 });
        const figures = await page.locator('figure.chart').count();
        expect(await page.evaluate('Number(document.body.dataset.rendered)')).toBe(figures);
        expect(await page.locator('figure.chart div.view.vega-embed').count(), run.name).toBe(figures);
        expect(figures, run.name).toBeGreaterThanOrEqual(3);
        const marks = await page.locator('figure.chart').evaluateAll((els) => els.map((e) => e.querySelectorAll('svg .mark-rect path, svg .mark-line path, svg .mark-symbol path, svg .mark-rule line, svg .mark-rect, svg .mark-symbol').length));
        for (const [i, n] of marks.entries()) expect(n, `${run.name} chart ${i}`).toBeGreaterThan(0);
        const boxes = await page.locator('figure.chart svg').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
        for (const w of boxes) expect(w).toBeGreaterThan(50);
        expect(errors, run.name).toEqual([]);
        await page.screenshot({ path: path.join(shots, `${run.name}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, SHARED_DEMO_TIMEOUT_MS);

  it('the landing page: a headline per comparison, imputed shares spelled out, every link and image resolves', async () => {
    const demo = await sharedDemo();
    const out = demo.outDir;
    const browser = await launch();
    try {
      const { page, errors } = await pageWithErrors(browser);
      await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
      const comparisons = demo.runs.reduce((n, r) => n + r.comparisons.length, 0);
      expect(await page.locator('li.headline').count()).toBe(comparisons);
      const first = demo.runs.find((r) => r.comparisons.length > 0)!.comparisons.find((c) => c.metric === 'tokens_per_s')!;
      expect(await page.locator('li.headline').allTextContents()).toContain(
        `${first.policy} is ${first.geomean_ratio >= 1 ? `${first.geomean_ratio.toFixed(2)}× faster` : `${(1 / first.geomean_ratio).toFixed(2)}× slower`} than ${first.baseline} (ratio ${first.geomean_ratio.toFixed(2)} [${first.ci_lo.toFixed(2)}, ${first.ci_hi.toFixed(2)}], 95% CI); ${first.favour_policy} of ${first.n} requests favour ${first.policy}.`,
      );
      const imputed = demo.runs.reduce((n, r) => n + r.policies.filter((p) => p.imputed_share > 0).length, 0);
      expect(imputed).toBeGreaterThan(0);
      expect(await page.locator('p.imputed-note').count()).toBe(imputed);
      expect(await page.locator('td.imputed').count()).toBe(imputed);
      expect(await page.locator('section.run').count()).toBe(demo.runs.length);
      expect(await page.locator('figure.paper-figure').count()).toBe(demo.figures.length);
      const refs = (await page.evaluate('[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")).concat([...document.querySelectorAll("img")].map((i) => i.getAttribute("src")))')) as string[];
      for (const ref of refs.filter((r) => !r.startsWith('#'))) expect(fs.existsSync(path.join(out, ref)), ref).toBe(true);
      const broken = await page.evaluate('[...document.querySelectorAll("img")].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.getAttribute("src"))');
      expect(broken).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: path.join(shotsDir(), 'index.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, SHARED_DEMO_TIMEOUT_MS);

  it('a timeline opens in the offline viewer beside its JSON: a bar per event, no errors', async () => {
    const demo = await sharedDemo();
    const dir = path.join(demo.outDir, 'runs', 'eagle-gemv-pim', 'timelines', 'requests');
    const html = fs.readdirSync(dir).find((f) => f.endsWith('.html'))!;
    const trace = JSON.parse(fs.readFileSync(path.join(dir, html.replace(/\.html$/, '.json')), 'utf8')) as { traceEvents: { ph: string }[] };
    const browser = await launch();
    try {
      const { page, errors } = await pageWithErrors(browser);
      await page.goto(pathToFileURL(path.join(dir, html)).href);
      await page.waitForFunction('document.body.dataset.bars !== undefined', undefined, { timeout: 30_000 });
      expect(Number(await page.evaluate('document.body.dataset.bars'))).toBe(trace.traceEvents.filter((e) => e.ph === 'X').length);
      expect(await page.locator('.row').count()).toBeGreaterThan(3);
      expect(errors).toEqual([]);
      await page.screenshot({ path: path.join(shotsDir(), 'timeline.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, SHARED_DEMO_TIMEOUT_MS);
});
