// Replay throughput: a generated chain-drafting trace of >= 1,000,000 steps under a
// synchronous policy (sd-npu, recorded drafting) on mobile-npu-lpddr5. Prints JSON.
import { TraceBuilder, makeMeta } from '../dist/ingest/trace-builder.js';
import { replay } from '../dist/replay/replay.js';
import { rng } from './generate.js';

const [requests, stepsPerRequest, policy, platform] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 500), process.argv[4] ?? 'sd-npu', process.argv[5] ?? 'mobile-npu-lpddr5'];
const sets = process.argv.slice(6);
const rand = rng(7);
const b = new TraceBuilder();
const steps = b.steps;
for (let r = 0; r < requests; r++) {
  const acc = [];
  let out = 0;
  for (let s = 0; s < stepsPerRequest; s++) {
    const a = Math.floor(rand() * 5);
    acc.push(a);
    out += a + 1;
  }
  const ri = b.addRequest({ question_id: `q${r}`, turn: 0, output_tokens: out, num_steps: stepsPerRequest, prompt_tokens: 64 + (r % 256) });
  for (let s = 0; s < stepsPerRequest; s++) {
    steps.int('request_index').push(ri);
    steps.int('step').push(s);
    steps.int('context_tokens').push(null);
    steps.int('draft_tokens').push(4);
    steps.str('tree_id').push(null);
    steps.int('accepted_tokens').push(acc[s]);
    steps.int('committed_tokens').push(acc[s] + 1);
    steps.f64('draft_entropy_mean').push(null);
    steps.f64('draft_time_ns').push(null);
    steps.f64('verify_time_ns').push(null);
    steps.f64('step_time_ns').push(null);
    b.stepLine(0);
  }
}
const trace = b.finish(makeMeta({ trace_id: 'bench', format: 'generated', method: 'sps', target_model: 'llama-2-7b', draft_model: 'llama-68m' })).trace;
global.gc?.();
const before = process.memoryUsage();
const t0 = performance.now();
const result = replay({ trace, platform, policies: [policy], sets });
const t1 = performance.now();
const after = process.memoryUsage();
const p = result.policies[0];
process.stdout.write(JSON.stringify({ steps: p.summary.steps, ms: t1 - t0, steps_per_s: p.summary.steps / ((t1 - t0) / 1000), heap_delta_mb: (after.heapUsed - before.heapUsed) / 2 ** 20, array_buffers_delta_mb: (after.arrayBuffers - before.arrayBuffers) / 2 ** 20, rss_mb: after.rss / 2 ** 20 }));
