/**
 * SpecPIM [SPECPIM]: the bundled Spec-Bench SpS run (Vicuna-7B target, Vicuna-68M draft,
 * FP16) on both SpecPIM platforms (two RTX 4090 Laptop GPUs + HBM-PIM / GDDR6-AiM), SpecPIM's
 * own exploration choosing mapping, channel split and draft length. Baselines on the same
 * platforms: speculative inference on the GPUs alone at its best draft length (the
 * exploration restricted to the host), and a PIM LLM accelerator decoding autoregressively
 * with the target's projections and attention on PIM (GEMV on PIM, as HBM-PIM / AiM systems
 * run decoding). The paper's ratios are geometric means over its (unstated) workloads; here
 * over the two platforms.
 */
import { claim, geomean, type ClaimRow, type Reproduction } from './claims.js';
import { loadBundled } from './bundled-trace.js';
import { run } from './run.js';

const SRC = '[SPECPIM abstract]';
const TRACE = 'specbench-vicuna7b-sps';
const PLATFORMS = ['specpim-hbm-pim', 'specpim-gddr6-aim'] as const;

const GAPS = {
  workload: "SpecPIM's model pairs, datasets, draft lengths and architecture ranges are not published (abstract only); here one bundled Vicuna-7B / Vicuna-68M run on the two PIM organisations",
  energyGpu:
    "SpecPIM's energy model is not published beyond HBM2 / GDDR6 energies per bit (5.47 / 6.48 pJ/b, TPU-v4i) and its GPU baseline's power is unknown; here the host GPUs draw their rated board power while busy " +
    'and an assumed idle power while PIM works, and the GPU baseline runs on the same two GPUs: an energy basis under which PIM saves far less than 6.67x',
  energyPim:
    'the PIM-based LLM accelerator SpecPIM compares against is not named in the abstract, nor its energy model; here autoregressive decoding with the target on the same PIM, which pays the same in-bank energy per weight read',
};

export const specPimReproduction: Reproduction = {
  id: 'specpim',
  paper: 'SpecPIM',
  describe: 'Vicuna-7B + Vicuna-68M (bundled Spec-Bench SpS run), FP16, on GPU + HBM-PIM and GPU + GDDR6-AiM',
  async run(onProgress) {
    const trace = await loadBundled(TRACE);
    const speed: { gpu: number; pim: number }[] = [];
    const ee: { gpu: number; pim: number }[] = [];
    for (const p of PLATFORMS) {
      onProgress?.(`specpim on ${p}`);
      const sp = run(trace, p, 'specpim', []);
      onProgress?.(`GPU speculative inference on ${p}'s GPUs`);
      const gpu = run(trace, p, 'specpim', ['specpim.mapping=host,host,host,host']);
      onProgress?.(`PIM accelerator (autoregressive, GEMV on PIM) on ${p}`);
      const pim = run(trace, p, 'specpim', ['specpim.mapping=host,host,pim,pim', 'specpim.draft_len=0']);
      speed.push({ gpu: sp.tokens_per_s / gpu.tokens_per_s, pim: sp.tokens_per_s / pim.tokens_per_s });
      ee.push({ gpu: sp.tokens_per_j / gpu.tokens_per_j, pim: sp.tokens_per_j / pim.tokens_per_j });
    }
    const cfg = `${TRACE}; specpim (exploration) on ${PLATFORMS.join(' and ')}; geomean over the platforms`;
    return [
      claim('SpecPIM', 'speedup vs speculative inference on GPUs (geomean)', `${cfg}; baseline: mapping host,host,host,host at its best draft length`, 1.52, geomean(speed.map((x) => x.gpu)), 'x', SRC, { gap: GAPS.workload }),
      claim('SpecPIM', 'energy efficiency vs speculative inference on GPUs (geomean)', 'tokens/J, same runs', 6.67, geomean(ee.map((x) => x.gpu)), 'x', SRC, { gap: GAPS.energyGpu }),
      claim('SpecPIM', 'speedup vs PIM-based LLM accelerator (geomean)', `${cfg}; baseline: autoregressive, target projections and attention on PIM`, 2.02, geomean(speed.map((x) => x.pim)), 'x', SRC, { gap: GAPS.workload }),
      claim('SpecPIM', 'energy efficiency vs PIM-based LLM accelerator (geomean)', 'tokens/J, same runs', 2.68, geomean(ee.map((x) => x.pim)), 'x', SRC, { gap: GAPS.energyPim }),
    ] satisfies ClaimRow[];
  },
};
