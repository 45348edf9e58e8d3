// SpecPIM's design-space exploration: designs evaluated per second (exhaustive, cold caches, on
// specpim-hbm-pim with Vicuna-7B + LLaMA-68M), and the genetic search's evaluations and time.
import { exploreDesigns } from '../dist/policy/specpim/specpim.js';
import { policyParams } from '../dist/policy/registry.js';
import { resolvePlatform } from '../dist/platform/platforms.js';
import { resolveReplayConfig } from '../dist/kernel/config.js';
import { PhaseCoster } from '../dist/kernel/phase-cost.js';
import { resolveModels } from '../dist/kernel/workload.js';
import { TraceBuilder, makeMeta } from '../dist/ingest/trace-builder.js';

const b = new TraceBuilder();
b.addRequest({ question_id: 'q', turn: 0, output_tokens: 256, prompt_tokens: 512, status: 'ok' });
const trace = b.finish(makeMeta({ trace_id: 'bench', format: 'generated', method: 'sps', target_model: 'vicuna-7b', draft_model: 'llama-68m' })).trace;
function ctx(sets) {
  const config = resolveReplayConfig('specpim-hbm-pim', sets, policyParams());
  const p = resolvePlatform(config.platform, config.platform_overrides);
  const models = resolveModels(trace.meta, config);
  return { platform: p, trace, models, coster: new PhaseCoster(p, models.target, models.draft, 'fp16'), config, params: config.params['specpim'], trees: new Map() };
}
let t0 = performance.now();
const ex = exploreDesigns(ctx(['specpim.alpha=0.7', 'specpim.search=exhaustive']));
const exMs = performance.now() - t0;
t0 = performance.now();
const ga = exploreDesigns(ctx(['specpim.alpha=0.7', 'specpim.search=genetic']));
const gaMs = performance.now() - t0;
process.stdout.write(JSON.stringify({ designs: ex.result.evaluated, exhaustive_ms: exMs, designs_per_s: ex.result.evaluated / (exMs / 1000), genetic_evaluated: ga.result.evaluated, genetic_ms: gaMs, same_best: ex.result.best.tokens_per_s === ga.result.best.tokens_per_s }));
