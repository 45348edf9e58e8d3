/**
 * AHASD [AHASD Sec. 5]: the three model pairs x four adaptive drafting algorithms at generation
 * length 1024, batch 1, INT8, on synthetic acceptance traces from the artifact's generator
 * [AHASD-ART scripts/gen_acceptance_trace.py]: the algorithm chooses the acceptance prior, the
 * trace draws each round's draft length, and every system replays those rounds (ahasd with
 * draft_rule=recorded, EDC trimming batches); the baselines draft chains of 4 as the
 * artifact's baseline overlays do.
 * Baselines: GPU-only (draft and verify alternate on one RTX 4090 Laptop), the NPU + LPDDR5
 * base and the NPU + LPDDR5-PIM system (GEMV work on PIM), SpecPIM (its own exploration on
 * two RTX 4090 Laptop GPUs + HBM-PIM). The ablation adds AAU, EDC and TVC to task-level
 * asynchronous drafting one at a time.
 */
import { ahasdRounds } from '../ingest/from-ahasd-rounds.js';
import type { PolicySummary } from '../replay/replay.js';
import { claim, geomean, type ClaimRow, type Reproduction } from './claims.js';
import { run } from './run.js';
import { AHASD_PRIORS, familyBump, syntheticRoundsCsv } from './synthetic-rounds.js';

const PAIRS = [
  { scale: 'small', draft: 'opt-1.3b', target: 'opt-6.7b' },
  { scale: 'medium', draft: 'llama-2-7b', target: 'llama-2-13b' },
  { scale: 'large', draft: 'palm-8b-like', target: 'palm-30b-like' },
] as const;

/** The artifact's max draft lengths per algorithm [AHASD-ART configs/ahasd_config_template.json]; rounds draw 1..this many. */
const MAX_DRAFT: Record<string, number> = { 'specdec++': 16, svip: 12, adaedl: 16, banditspec: 20 };

const ABLATION = [
  { name: 'async NPU+PIM', sets: ['ahasd.aau=off', 'ahasd.edc=off', 'ahasd.tvc=off'] },
  { name: '+ AAU', sets: ['ahasd.edc=off', 'ahasd.tvc=off'] },
  { name: '+ EDC', sets: ['ahasd.tvc=off'] },
  { name: '+ TVC (full AHASD)', sets: [] },
] as const;

/** Why a value may stay outside 25% of the published one (printed only when it does). */
const GAPS = {
  throughputVsGpu:
    "4.2x needs AHASD to verify the target several times faster than the GPU-only system, but AHASD's NPU streams the TLM over 51.2 GB/s (LPDDR5) against the RTX 4090 Laptop's 576 GB/s " +
    "(the artifact's edge GPU: 204.8 GB/s), so one verification costs the NPU 4-11x the GPU's time and no schedule of drafting reaches 4.2x. Unknown: how the paper's simulator fed its NPU " +
    "(the artifact's base system model gives the NPU 16 HBM2 channels)",
  energyVsGpu:
    "the GPU's power while decoding at batch 1 is not stated; its rated board power is taken while busy (an upper bound that overstates GPU energy) and an assumed idle power otherwise",
  vsNpu:
    'both systems verify the TLM on the same NPU over 51.2 GB/s, which dominates their steps; AHASD removes the drafting time (the DLM on the NPU for the baseline, chains of 4 as the ' +
    "artifact's edge_npu_only.json) and commits longer recorded drafts, which bounds its gain near 2x here. 3.1x would need the baseline's drafting to take about twice the verification: " +
    'the per-model values, EDC thresholds (h_max 10 in the template, 6 in the edge configs) and the acceptance generator\'s round count behind the average are not published',
  throughputVsSpecpim:
    'in the paper\'s reading SpecPIM runs on two RTX 4090 Laptops + HBM-PIM (about 1 TB/s in-bank), against AHASD\'s 51.2 GB/s NPU: AHASD cannot be faster. In the artifact\'s reading ' +
    "(AHASD's own hardware, static k = 4) SpecPIM's exploration verifies the TLM on the PIM (1.64 TOPS INT8, 256 GB/s per rank under the per-rank reading), faster than AHASD's TLM-on-NPU split; " +
    'the 1.5x presumes SpecPIM verifies on the host. Unknown: the mapping of the paper\'s SpecPIM reconstruction',
  energyVsSpecpim:
    "paper reading: SpecPIM's two GPUs at rated board power dominate its energy (their power at batch 1 is not stated); artifact reading: as for throughput, the PIM verification of SpecPIM's mapping " +
    'is cheaper than AHASD\'s NPU verification over the external bus',
};

const REQUESTS = 2;
/**
 * The baselines' draft length: the artifact's NPU-only, GPU-only and SpecPIM overlays set
 * max_draft_length 4 [AHASD-ART configs/baselines/edge_npu_only.json, gpu_only.json,
 * specpim.json]. Chains of 4 past a shorter recorded round are imputed (the run's imputed share).
 */
const BASELINE_DRAFT = 4;
const GENERATION = 1024;
const SRC = '[AHASD abstract, Sec. 5]';

interface Cell {
  readonly gpu: PolicySummary;
  /** The artifact's readings of the baselines: an edge GPU (Orin proxy) and SpecPIM as a static k = 4 schedule on AHASD's own hardware. */
  readonly gpuArt: PolicySummary;
  readonly specpimArt: PolicySummary;
  readonly npu: PolicySummary;
  readonly npuPim: PolicySummary;
  readonly specpim: PolicySummary;
  readonly ablation: PolicySummary[];
}

export const ahasdReproduction: Reproduction = {
  id: 'ahasd',
  paper: 'AHASD',
  describe: '3 model pairs x 4 drafting algorithms, synthetic acceptance traces (artifact generator), generation 1024, INT8',
  async run(onProgress) {
    const cells: Cell[] = [];
    for (const pair of PAIRS) {
      for (const [alg, prior] of Object.entries(AHASD_PRIORS)) {
        onProgress?.(`${pair.draft} -> ${pair.target}, ${alg}`);
        const label = `ahasd-${pair.scale}-${alg}`;
        const csv = syntheticRoundsCsv({ prior, bump: familyBump(pair.target), draft_length: MAX_DRAFT[alg]!, generation_tokens: GENERATION, requests: REQUESTS, seed: 1, label });
        const trace = ahasdRounds.fromText(csv, `${label}.csv`, { target: pair.target, draft: pair.draft, traceId: label });
        const common = [`workload.target=${pair.target}`, `workload.draft=${pair.draft}`, 'workload.precision=int8', 'workload.prompt_tokens=128'];
        const ahasd = [...common, 'ahasd.draft_rule=recorded'];
        const base = [...common, `draft.max_len=${BASELINE_DRAFT}`];
        cells.push({
          gpu: run(trace, 'gpu-rtx4090-laptop', 'sd-npu', base),
          gpuArt: run(trace, 'ahasd-art-gpu-orin', 'sd-npu', base),
          specpimArt: run(trace, 'ahasd-art-specpim', 'specpim', [...common, `specpim.draft_len=${BASELINE_DRAFT}`]),
          npu: run(trace, 'ahasd-npu-lpddr5', 'sd-npu', base),
          npuPim: run(trace, 'ahasd', 'sd-gemv-pim', base),
          specpim: run(trace, 'specpim-hbm-pim', 'specpim', common),
          ablation: ABLATION.map((a) => run(trace, 'ahasd', 'ahasd', [...ahasd, ...a.sets])),
        });
      }
    }
    const full = (c: Cell) => c.ablation[ABLATION.length - 1]!;
    const thr = (c: Cell, base: PolicySummary, s = full(c)) => s.tokens_per_s / base.tokens_per_s;
    const ee = (c: Cell, base: PolicySummary, s = full(c)) => s.tokens_per_j / base.tokens_per_j;
    const cfg = `${PAIRS.length} model pairs x ${Object.keys(AHASD_PRIORS).length} algorithms, ${REQUESTS} x ${GENERATION} tokens each`;
    const rows: ClaimRow[] = [
      claim('AHASD', 'throughput vs GPU-only (max over workloads)', `ahasd on ahasd vs sd-npu (chains of ${BASELINE_DRAFT}) on gpu-rtx4090-laptop; ${cfg}`, 4.2, Math.max(...cells.map((c) => thr(c, c.gpu))), 'x', SRC, {
        others: [{ baseline: 'artifact (edge GPU, ahasd-art-gpu-orin)', reproduced: Math.max(...cells.map((c) => thr(c, c.gpuArt))) }],
        gap: GAPS.throughputVsGpu,
      }),
      claim('AHASD', 'energy efficiency vs GPU-only (max over workloads)', `tokens/J, same runs`, 5.6, Math.max(...cells.map((c) => ee(c, c.gpu))), 'x', SRC, {
        others: [{ baseline: 'artifact (edge GPU, ahasd-art-gpu-orin)', reproduced: Math.max(...cells.map((c) => ee(c, c.gpuArt))) }],
        gap: GAPS.energyVsGpu,
      }),
    ];
    ABLATION.forEach((a, i) => {
      rows.push(claim('AHASD', `ablation ${a.name}: throughput vs GPU-only (geomean)`, `ahasd ${a.sets.join(' ') || '(all features)'}`, null, geomean(cells.map((c) => thr(c, c.gpu, c.ablation[i]!))), 'x', `${SRC}; a figure only (not published as a number)`));
      rows.push(claim('AHASD', `ablation ${a.name}: energy efficiency vs GPU-only (geomean)`, `ahasd ${a.sets.join(' ') || '(all features)'}`, null, geomean(cells.map((c) => ee(c, c.gpu, c.ablation[i]!))), 'x', `${SRC}; a figure only (not published as a number)`));
    });
    rows.push(
      claim('AHASD', 'throughput vs NPU + LPDDR5 (geomean)', 'sd-npu on ahasd-npu-lpddr5', 3.1, geomean(cells.map((c) => thr(c, c.npu))), 'x', SRC, { baseline: 'paper text = artifact (edge_npu_only.json)', gap: GAPS.vsNpu }),
      claim('AHASD', 'energy per token vs NPU + LPDDR5 (geomean)', 'sd-npu on ahasd-npu-lpddr5', 0.48, geomean(cells.map((c) => 1 / ee(c, c.npu))), 'x', SRC, { baseline: 'paper text = artifact (edge_npu_only.json)', gap: GAPS.vsNpu }),
      claim('AHASD', 'throughput vs NPU + LPDDR5-PIM (geomean)', 'sd-gemv-pim on ahasd', null, geomean(cells.map((c) => thr(c, c.npuPim))), 'x', `${SRC}; a figure only (not published as a number)`),
      claim('AHASD', 'energy per token vs NPU + LPDDR5-PIM (geomean)', 'sd-gemv-pim on ahasd', null, geomean(cells.map((c) => 1 / ee(c, c.npuPim))), 'x', `${SRC}; a figure only (not published as a number)`),
      claim('AHASD', 'throughput vs SpecPIM (max over workloads)', 'specpim (its exploration) on specpim-hbm-pim', 1.5, Math.max(...cells.map((c) => thr(c, c.specpim))), 'x', SRC, {
        others: [{ baseline: 'artifact (static k = 4 on AHASD hardware, ahasd-art-specpim)', reproduced: Math.max(...cells.map((c) => thr(c, c.specpimArt))) }],
        gap: GAPS.throughputVsSpecpim,
      }),
      claim('AHASD', 'energy efficiency vs SpecPIM (geomean)', 'specpim on specpim-hbm-pim', 1.24, geomean(cells.map((c) => ee(c, c.specpim))), 'x', SRC, {
        others: [{ baseline: 'artifact (static k = 4 on AHASD hardware, ahasd-art-specpim)', reproduced: geomean(cells.map((c) => ee(c, c.specpimArt))) }],
        gap: GAPS.energyVsSpecpim,
      }),
    );
    return rows;
  },
};
