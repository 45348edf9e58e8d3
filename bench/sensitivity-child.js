// A sensitivity pair's cost per point when no point repeats: sd-gemv-pim against ar-npu on
// lp-spec over the bundled EAGLE trace, each point a PIM clock and DRAM energy not seen before
// (the step shapes recorded once, then every point priced), in this process.
import { ShapeCache } from '../dist/replay/step-shapes.js';
import { loadBundled } from '../dist/reproduce/bundled-trace.js';

const trace = await loadBundled('specbench-vicuna7b-eagle');
const cache = new ShapeCache();
const t0 = performance.now();
cache.summaries(trace, 'lp-spec', ['sd-gemv-pim', 'ar-npu'], []);
const recordMs = performance.now() - t0;
const N = 40;
const t1 = performance.now();
for (let i = 0; i < N; i++) cache.summaries(trace, 'lp-spec', ['sd-gemv-pim', 'ar-npu'], [`pim.freq_mhz=${17 + 4.5 * i}`, `energy_table.actions.dram_internal_bytes.pj=${3 + 0.05 * i}`]);
process.stdout.write(JSON.stringify({ record_ms: recordMs, point_ms: (performance.now() - t1) / N }));
