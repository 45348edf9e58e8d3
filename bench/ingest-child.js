// One measured ingest in a fresh process, the way a user runs it: `specreplay ingest
// steps.csv -o trace.arrow` (CSV on disk -> Arrow file on disk), through the CLI entry, timed
// from the library loaded to the file written.
// Prints JSON: timings, the Arrow file's size and the process's peak RSS (worker threads
// included: they share the process).
import * as fs from 'node:fs';
import { main } from '../dist/cli/main.js';
// The library loaded before the clock starts, as the DuckDB child loads its (native) library
// first: the modules the ingest command imports (the CLI loads them on demand). The whole
// processes, imports included, are timed by the caller.
import '../dist/ingest/ingest.js';
import '../dist/util/output-guard.js';
import '../dist/trace/arrow-io.js';

const [stepsPath, outPath] = process.argv.slice(2);
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const timer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
const quiet = { out: () => undefined, err: (s) => process.stderr.write(s), interactive: false };
const t0 = performance.now();
const code = await main(['ingest', stepsPath, '-o', outPath, '-q'], quiet);
const t1 = performance.now();
clearInterval(timer);
if (code !== 0) process.exit(code);
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({
    total_ms: t1 - t0,
    arrow_bytes: fs.statSync(outPath).size,
    baseline_rss_bytes: baselineRss,
    peak_rss_bytes: Math.max(peakRss, maxRss),
  }),
);
