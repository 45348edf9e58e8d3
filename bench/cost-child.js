// Operator costs per second: the memoized cost model over the shapes a replay produces
// (verification and AR steps of LLaMA-2-7B over contexts 0..1023), and the raw models.
import { CostCache, opCost, defaultDevice } from '../dist/platform/cost.js';
import { resolvePlatform } from '../dist/platform/platforms.js';
import { verifyOps, arStepOps } from '../dist/workload/decompose.js';
import { getModel } from '../dist/workload/models.js';
import { PhaseCoster } from '../dist/kernel/phase-cost.js';

const platform = resolvePlatform('lp-spec');
const target = getModel('llama-2-7b');
const ops = [];
for (let ctx = 0; ctx < 1024; ctx += 8) for (const m of [1, 4, 8, 26]) ops.push(...(m === 1 ? arStepOps(target, ctx, 'int8') : verifyOps(target, m, ctx, 'int8')));
const devices = ops.map((op) => defaultDevice(platform, op));

const cache = new CostCache(platform);
const N = 2_000_000;
let sink = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const j = i % ops.length;
  sink += cache.cost(devices[j], ops[j]).time_ns;
}
const t1 = performance.now();
const R = 100_000;
for (let i = 0; i < R; i++) {
  const j = i % ops.length;
  sink += opCost(platform, devices[j], ops[j]).time_ns;
}
const t2 = performance.now();
// Whole decode steps of LLaMA-2-7B, each at a context not seen before (a phase-cost miss: its
// operators priced again, the context-independent ones from the operator cache).
const coster = new PhaseCoster(platform, target, null, 'int8');
const place = { id: 'bench-npu', device: () => 'npu' };
const S = 20_000;
const t3 = performance.now();
for (let ctx = 1; ctx <= S; ctx++) sink += coster.verify(1, ctx, place).time_ns;
const t4 = performance.now();
process.stdout.write(JSON.stringify({ memoized_per_s: N / ((t1 - t0) / 1000), raw_per_s: R / ((t2 - t1) / 1000), distinct_shapes: cache.misses, decode_steps_per_s: S / ((t4 - t3) / 1000), sink }));
