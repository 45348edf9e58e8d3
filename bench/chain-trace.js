// The replay benchmarks' generated trace: `requests` requests of `stepsPerRequest` steps, each
// drafting a chain of 4 and accepting 0-4 tokens (seeded), prompts of 64-319 tokens.
import { TraceBuilder, makeMeta } from '../dist/ingest/trace-builder.js';
import { rng } from './generate.js';

export function chainTrace(requests, stepsPerRequest) {
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
  return b.finish(makeMeta({ trace_id: 'bench', format: 'generated', method: 'sps', target_model: 'llama-2-7b', draft_model: 'llama-68m' })).trace;
}
