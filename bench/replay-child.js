// Replay throughput: a generated chain-drafting trace of >= 1,000,000 steps under a
// synchronous policy (sd-npu, recorded drafting) on mobile-npu-lpddr5. Prints JSON.
import { replay } from '../dist/replay/replay.js';
import { chainTrace } from './chain-trace.js';

const [requests, stepsPerRequest, policy, platform] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 500), process.argv[4] ?? 'sd-npu', process.argv[5] ?? 'mobile-npu-lpddr5'];
const sets = process.argv.slice(6);
const trace = chainTrace(requests, stepsPerRequest);
global.gc?.();
const before = process.memoryUsage();
const t0 = performance.now();
const result = replay({ trace, platform, policies: [policy], sets });
const t1 = performance.now();
const after = process.memoryUsage();
const p = result.policies[0];
process.stdout.write(JSON.stringify({ steps: p.summary.steps, ms: t1 - t0, steps_per_s: p.summary.steps / ((t1 - t0) / 1000), heap_delta_mb: (after.heapUsed - before.heapUsed) / 2 ** 20, array_buffers_delta_mb: (after.arrayBuffers - before.arrayBuffers) / 2 ** 20, rss_mb: after.rss / 2 ** 20 }));
