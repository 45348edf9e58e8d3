/**
 * The replays the demo runs on the bundled traces: each trace under the policies whose needs
 * it meets, on the platform of the system being compared.
 */
export interface DemoReplay {
  readonly name: string;
  readonly trace: string;
  readonly platform: string;
  readonly policies: readonly string[];
  readonly sets: readonly string[];
  readonly why: string;
}

export const DEMO_REPLAYS: readonly DemoReplay[] = [
  {
    name: 'eagle-gemv-pim',
    trace: 'specbench-vicuna7b-eagle',
    platform: 'gemv-pim',
    policies: ['ar-npu', 'sd-npu', 'sd-gemv-pim'],
    sets: [],
    why: 'EAGLE on Vicuna-7B (25-node tree, recorded acceptance) on a mobile NPU with GEMV-accelerated LPDDR5-PIM',
  },
  {
    name: 'sps-mobile-npu',
    trace: 'specbench-vicuna7b-sps',
    platform: 'mobile-npu-lpddr5',
    policies: ['ar-npu', 'sd-npu'],
    sets: ['draft.max_len=5'],
    why: 'SpS (Vicuna-68M drafter) on the mobile NPU: the draft length is not recorded, so chains of 5 (HF assisted generation\'s starting length) are replayed with imputation',
  },
  {
    name: 'rest-mobile-npu',
    trace: 'rest-mtbench-vicuna7b',
    platform: 'mobile-npu-lpddr5',
    policies: ['ar-npu'],
    sets: [],
    why: "REST's MT-Bench output replayed autoregressively on the mobile NPU (REST's per-step tree sizes are not recorded)",
  },
  {
    name: 'sps-specpim',
    trace: 'specbench-vicuna7b-sps',
    platform: 'specpim-hbm-pim',
    policies: ['sd-npu', 'specpim'],
    sets: ['draft.max_len=4'],
    why: "SpS on SpecPIM's GPU + HBM-PIM platform: GPU-only speculation (chains of 4, the AHASD artifact's SpecPIM draft length) against SpecPIM's explored mapping, channel split and draft length",
  },
  {
    name: 'sps-ahasd',
    trace: 'specbench-vicuna7b-sps',
    platform: 'ahasd',
    policies: ['sd-gemv-pim', 'ahasd'],
    sets: ['draft.max_len=5', 'ahasd.entropy_model=ahasd-synthetic', 'ahasd.draft_rule=fixed', 'ahasd.max_draft=5'],
    why: "SpS on AHASD's NPU + LPDDR5-PIM: the GEMV-PIM baseline against asynchronous drafting on PIM, both drafting up to 5 tokens (the trace records no draft entropy: EDC's signal is imputed from AHASD's synthetic model). With a 68M drafter the draft time is tiny, so asynchrony has little to hide: AHASD's gains need a large draft model (specreplay reproduce ahasd)",
  },
  {
    name: 'medusa-lp-spec',
    trace: 'medusa-mtbench-vicuna7b-run0',
    platform: 'lp-spec',
    policies: ['lp-spec'],
    sets: [],
    why: "Medusa on Vicuna-7B (MT-Bench) under LP-Spec's draft token pruner and data allocation unit (per-turn summaries only: acceptance imputed from Medusa's head accuracies)",
  },
  {
    name: 'vanilla-pim-llm',
    trace: 'specbench-vicuna7b-vanilla',
    platform: 'pim-llm',
    policies: ['pim-llm'],
    sets: [],
    why: 'The vanilla (autoregressive) Spec-Bench outputs decoded by PIM-LLM: W1A8 projections on crossbars, attention on the 32 x 32 systolic array',
  },
];

/** The demo's sensitivity analysis: small (a few replays), on a conclusion the sources leave open. */
export const DEMO_SENSITIVITY = {
  id: 'lp-spec-pim-compute',
  trace: 'medusa-mtbench-vicuna7b-run0',
  requests: 5,
  platform: 'lp-spec',
  policies: ['lp-spec', 'ar-npu'] as [string, string],
  fields: ['pim.freq_mhz'],
  what: "LP-Spec's speedup over autoregressive NPU decoding under the three readings of its PIM throughput (409.6 GOPS per die, per rank, or for all dies), on the first 5 MT-Bench requests",
} as const;
