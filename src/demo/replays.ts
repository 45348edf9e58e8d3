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
];
