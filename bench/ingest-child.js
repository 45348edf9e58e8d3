// One measured ingest in a fresh process: CSV on disk -> Arrow file on disk. Prints JSON.
import * as fs from 'node:fs';
import { loadCanonicalCsv } from '../dist/ingest/from-canonical-csv.js';
import { writeTraceFile } from '../dist/trace/arrow-io.js';

const [stepsPath, outPath] = process.argv.slice(2);
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const timer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
const t0 = performance.now();
const trace = await loadCanonicalCsv(stepsPath);
const t1 = performance.now();
await writeTraceFile(outPath, trace);
const t2 = performance.now();
clearInterval(timer);
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    node_rows: trace.nodes.length,
    step_rows: trace.steps.length,
    parse_ms: t1 - t0,
    write_ms: t2 - t1,
    total_ms: t2 - t0,
    arrow_bytes: fs.statSync(outPath).size,
    baseline_rss_bytes: baselineRss,
    peak_rss_bytes: Math.max(peakRss, maxRss),
  }),
);
