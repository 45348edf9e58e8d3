/**
 * Platform presets: named compositions of the devices for each system of the papers, each
 * citing its sources and stating its readings. Any field can be overridden with a dotted key
 * (`npu.dataflow=ws`, `dram.channels=8`, `dram.refresh=off`); an unknown preset or key is an
 * error listing the valid ones. Resolution is pure: preset, then overrides, then validation.
 */
import { UserError } from '../config/user-error.js';
import { messages } from '../config/messages.js';
import { applyOverrides } from './overrides.js';
import { isPlatformFile, loadPlatformFile } from './platform-file.js';
import { GPU_PRESETS, type GpuSpec } from '../hw/gpu/model.js';
import { EAGER_GPU_PRESETS } from '../hw/gpu/eager.js';
import type { AddressMapping } from '../hw/lpddr5/address-mapping.js';
import { GDDR6_16GBPS_X16, HBM2_PIM_2GBPS } from '../hw/lpddr5/other-presets.js';
import { LPDDR5_PRESETS } from '../hw/lpddr5/presets.js';
import { resolveLpddr5, type Lpddr5Organization, type Lpddr5Resolved, type Lpddr5Spec, type Lpddr5Timing } from '../hw/lpddr5/spec.js';
import { memoryPort, type MemoryPort } from '../hw/memory-port.js';
import { NPU_PRESETS } from '../hw/npu/presets.js';
import type { NpuSpec } from '../hw/npu/spec.js';
import { PIM_PRESETS } from '../hw/pim/presets.js';
import type { PimSpec } from '../hw/pim/spec.js';
import { XBAR_PRESETS, type XbarSpec } from '../hw/xbar/spec.js';
import { ENERGY_TABLES, type EnergyTableId } from '../energy/tables.js';
import type { EnergyTable } from '../energy/ert.js';
import { energyTableOf } from './energy-table.js';
import { Pricer } from '../energy/pricer.js';
import { OPEN_FIELDS, type OpenField } from './open-fields.js';

export const DRAM_PRESETS: Readonly<Record<string, Lpddr5Spec>> = {
  ...LPDDR5_PRESETS,
  [HBM2_PIM_2GBPS.id]: HBM2_PIM_2GBPS,
  [GDDR6_16GBPS_X16.id]: GDDR6_16GBPS_X16,
};

export interface DramConfig {
  /** A DRAM preset id (specreplay list platforms); a platform file giving `org` and `timing` in full may name its own. */
  readonly preset: string;
  readonly channels: number;
  readonly refresh: boolean;
  readonly mapping: AddressMapping;
  /** Requests the memory controller reorders among. */
  readonly window: number;
  /** The DRAM's organisation and timings (expanded from the preset; `--set dram.timing.tRCD=20`). */
  readonly org?: Lpddr5Organization;
  readonly timing?: Lpddr5Timing;
  /** Where the DRAM's numbers come from, and the readings they take (expanded from the preset). */
  readonly sources?: readonly string[];
  readonly readings?: readonly string[];
}

export interface PlatformConfig {
  readonly id: string;
  readonly description: string;
  readonly sources: readonly string[];
  readonly readings: readonly string[];
  readonly dram: DramConfig;
  readonly npu?: NpuSpec;
  /** PIM units' spec plus how many PIM channels (dies) the platform has. */
  readonly pim?: PimSpec & { readonly channels: number };
  readonly xbar?: XbarSpec;
  readonly gpu?: GpuSpec & { readonly count: number };
  /** The energy table's id (a preset table, or the id of `energy_table`). */
  readonly energy: EnergyTableId | (string & {});
  /** The energy table in full (expanded from the preset table; `--set energy_table.actions.pim_mode_switches.pj=1000`). */
  readonly energy_table?: EnergyTable;
  /** The precision the platform's paper runs (replay default; workload.precision overrides). */
  readonly precision?: 'fp16' | 'int8' | 'w1a8';
  /**
   * Every DRAM channel is a PIM channel (HBM-PIM, GDDR6-AiM): setting dram.channels sets
   * pim.channels too, and pim.channels (a subset, e.g. one model's share) may not exceed it.
   */
  readonly pim_in_every_channel?: boolean;
  /** Fields the sources leave open, with their alternative readings (open-fields.ts; a platform file may declare its own). */
  readonly open?: readonly OpenField[];
}

const LPDDR5_X64 = (refresh = true): DramConfig => ({ preset: 'lpddr5-6400-x16', channels: 4, refresh, mapping: 'bg-interleaved', window: 32 });

/** AHASD's hardware [AHASD Table "Hardware Configuration of Experimental Platform"], shared by its platform, its artifact's SpecPIM and its NPU-only base. */
const AHASD_HW = {
  dram: { preset: 'lpddr5-ahasd', channels: 4, refresh: true, mapping: 'bg-interleaved', window: 32 },
  npu: NPU_PRESETS['npu-ahasd'],
  pim: { ...PIM_PRESETS['ahasd-lpddr5-pim'], channels: 4 },
  energy: 'ahasd-mobile',
} as const satisfies Pick<PlatformConfig, 'dram' | 'npu' | 'pim' | 'energy'>;

export const PLATFORMS = {
  'mobile-npu-lpddr5': {
    id: 'mobile-npu-lpddr5',
    description: 'Mobile NPU (32.8 TOPS) + plain LPDDR5-6400 x64 (51.2 GB/s): the mobile-NPU baseline',
    sources: ['[LPSPEC Table II] via [CAPIM common/config.py]: mobile NPU and 51.2 GB/s LPDDR5'],
    readings: ['the same NPU as LP-Spec\'s platform with all 4 ranks plain DRAM'],
    dram: LPDDR5_X64(),
    npu: NPU_PRESETS['npu-lp-spec'],
    energy: 'mobile-attacc-lp-spec',
  },
  'gemv-pim': {
    id: 'gemv-pim',
    description: 'Mobile NPU + GEMV-accelerated LPDDR5-PIM (Samsung LPDDR5-PIM dies, 102.4 GB/s per channel class)',
    sources: ['[LPSPEC Sec. VI-A] via [CAPIM common/config.py]: the performance-enhanced die is 4x the baseline (102.4 GOPS per die)', '[H2LLM Table 2]: Samsung LPDDR5-PIM'],
    readings: ['LP-Spec\'s GEMV-PIM baseline read as its platform with Samsung LPDDR5-PIM dies in the 3 PIM ranks (12 dies)'],
    dram: LPDDR5_X64(),
    npu: NPU_PRESETS['npu-lp-spec'],
    pim: { ...PIM_PRESETS['samsung-lpddr5-pim'], channels: 12 },
    energy: 'mobile-attacc-lp-spec',
  },
  'lp-spec': {
    id: 'lp-spec',
    description: 'LP-Spec: mobile NPU + hybrid LPDDR5 module (3 performance-enhanced PIM ranks + 1 DRAM rank, 4 dies per rank)',
    sources: ['[LPSPEC abstract, Table II, Sec. V-VI] via [CAPIM common/config.py, doc/main.tex]'],
    readings: [
      '409.6 GOPS read per die; 12 PIM dies (3 ranks x 4) give 4.9152 TOPS',
      'the 4 ranks share the 4 x16 channels (51.2 GB/s) with the NPU; input broadcasts reach every rank of a channel at once',
    ],
    dram: LPDDR5_X64(),
    npu: NPU_PRESETS['npu-lp-spec'],
    pim: { ...PIM_PRESETS['lp-spec-pim'], channels: 12 },
    energy: 'mobile-attacc-lp-spec',
  },
  'ahasd': {
    id: 'ahasd',
    description: 'AHASD: mobile NPU (16 TOPS, 2 chips) + LPDDR5-PIM (16 ranks of 102.4 GOPS, 256 GB/s internal each, 51.2 GB/s external)',
    sources: ['[AHASD Table "Hardware Configuration of Experimental Platform"]', '[AHASD-ART docs/SimulatorArchitecture.md]'],
    readings: ['its timing table read as cycles of a 1.6 GHz clock (lpddr5-ahasd)', '4 x16 channels for the 51.2 GB/s off-chip bandwidth', 'PIM compute per rank (ahasd-lpddr5-pim)'],
    ...AHASD_HW,
  },
  'ahasd-art-specpim': {
    id: 'ahasd-art-specpim',
    description: "AHASD artifact's SpecPIM baseline: the AHASD mobile NPU + LPDDR5-PIM hardware run by SpecPIM's static, synchronous schedule with draft length 4",
    sources: ['[AHASD-ART configs/baselines/specpim.json, edge_specpim.json]: NPU + PIM proxy, EDC/TVC/GTSU off, max_draft_length 4, static PIM allocation', '[AHASD Table "Hardware Configuration of Experimental Platform"]'],
    readings: ['the artifact\'s reading of SpecPIM (run it with the specpim policy and specpim.draft_len=4); the paper\'s text names two RTX 4090 Laptop GPUs + HBM-PIM / GDDR6-AiM (specpim-hbm-pim, specpim-gddr6-aim)'],
    ...AHASD_HW,
  },
  'ahasd-npu-lpddr5': {
    id: 'ahasd-npu-lpddr5',
    description: "AHASD's NPU + plain LPDDR5 base: the AHASD NPU (16 TOPS, 2 chips) with LPDDR5 that has no PIM",
    sources: ['[AHASD Sec. 5]: power/efficiency table against an NPU + LPDDR5 base', '[AHASD Table "Hardware Configuration of Experimental Platform"]', '[AHASD-ART configs/baselines/edge_npu_only.json]'],
    readings: ['the ahasd preset without the PIM units (same NPU, DRAM timing and channels)'],
    dram: AHASD_HW.dram,
    npu: AHASD_HW.npu,
    energy: AHASD_HW.energy,
  },
  'specpim-hbm-pim': {
    id: 'specpim-hbm-pim',
    description: 'SpecPIM (as AHASD reconstructs it): two RTX 4090 Laptop GPUs as host + Samsung HBM-PIM (16 pseudo-channels)',
    sources: ['[AHASD Sec. 5]: SpecPIM reconstructed on Samsung HBM-PIM / SK hynix GDDR-PIM with two GPUs (RTX 4090 Laptop) as host'],
    readings: ['one HBM-PIM cube with 16 PIM pseudo-channels (128 PCUs, 1.2 TFLOPS, about 1 TB/s internal)'],
    dram: { preset: 'hbm2-2gbps-pch', channels: 16, refresh: true, mapping: 'bg-interleaved', window: 32 },
    gpu: { ...GPU_PRESETS['rtx4090-laptop'], count: 2 },
    pim: { ...PIM_PRESETS['hbm2-pim'], channels: 16 },
    pim_in_every_channel: true,
    energy: 'gpu-board',
  },
  'specpim-gddr6-aim': {
    id: 'specpim-gddr6-aim',
    description: 'SpecPIM with SK hynix GDDR6-AiM: two RTX 4090 Laptop GPUs + 8 AiM chips (16 channels)',
    sources: ['[SPECPIM Sec. 7.1, Table 2] via [CAPIM common/config.py]: HBM2 vs GDDR6 design space', '[AIM-ISSCC22]: GDDR6-AiM'],
    readings: ['8 AiM chips (16 x16 channels, 512 GB/s external, 8 TB/s internal): the count is not stated'],
    dram: { preset: 'gddr6-16gbps-x16', channels: 16, refresh: true, mapping: 'bg-interleaved', window: 32 },
    gpu: { ...GPU_PRESETS['rtx4090-laptop'], count: 2 },
    pim: { ...PIM_PRESETS['gddr6-aim'], channels: 16 },
    pim_in_every_channel: true,
    energy: 'gpu-board',
  },
  'gpu-rtx4090-laptop': {
    id: 'gpu-rtx4090-laptop',
    description: "RTX 4090 Laptop GPU as a roofline device (AHASD's GPU-only baseline)",
    sources: ['[AHASD Sec. 5]: GPU-only baseline, draft and verify alternate on one RTX 4090 Laptop', '[RTX4090L-SPEC]'],
    readings: [],
    dram: LPDDR5_X64(),
    gpu: { ...GPU_PRESETS['rtx4090-laptop'], count: 1 },
    energy: 'gpu-board',
  },
  'ahasd-art-gpu-orin': {
    id: 'ahasd-art-gpu-orin',
    description: "AHASD artifact's GPU-only baseline: an edge GPU (Jetson AGX Orin proxy, 204.8 GB/s); draft and verify alternate on it",
    sources: ['[AHASD-ART configs/baselines/edge_gpu_orin.json]', '[NV-ORIN-TB]'],
    readings: [
      'the artifact\'s reading of "GPU-only"; the paper\'s text names an RTX 4090 Laptop (gpu-rtx4090-laptop)',
      'the configured gpu_memory_bandwidth_gbs 204.8 is taken; the same file says its executable ONNXim proxy runs two 800 MHz 32 B channels, a "conservative 102.4 GB/s memory slice" (override gpu.memory_gbps=102.4 for that reading)',
    ],
    dram: LPDDR5_X64(),
    gpu: { ...GPU_PRESETS['jetson-agx-orin'], count: 1 },
    energy: 'gpu-board',
  },
  'gpu-rtx3090': {
    id: 'gpu-rtx3090',
    description: "RTX 3090 as a roofline device (LP-Spec's GPU comparison)",
    sources: ['[LPSPEC abstract]: EDP vs RTX 3090', '[NV-GA102]'],
    readings: [],
    dram: LPDDR5_X64(),
    gpu: { ...GPU_PRESETS['rtx3090'], count: 1 },
    energy: 'gpu-board',
  },
  'gpu-a100': {
    id: 'gpu-a100',
    description: 'A100 SXM4 40 GB as a roofline device',
    sources: ['[SADDLE] and [ATTACC] A100 baselines', '[NV-A100]'],
    readings: [],
    dram: LPDDR5_X64(),
    gpu: { ...GPU_PRESETS['a100'], count: 1 },
    energy: 'gpu-board',
  },
  'specbench-rtx3090': {
    id: 'specbench-rtx3090',
    description: "Spec-Bench's RTX 3090: one RTX 3090 run by eager PyTorch at batch 1 (the GPU speculative-decoding measurements)",
    sources: ['[SPECBENCH Leaderboard.md "Leaderboard on 3090"]: one RTX 3090 (24 GB), 12 CPU cores, PyTorch 2.5.1, CUDA 12.1, Vicuna-7B-v1.3, greedy, FP16, batch 1', '[NV-GA102]'],
    readings: ['host time per operator from a measurement of eager against compiled decoding on another RTX 3090 machine (the EAGLE artifact\'s)'],
    dram: LPDDR5_X64(),
    gpu: { ...EAGER_GPU_PRESETS['rtx3090-eager'], count: 1 },
    energy: 'gpu-board',
  },
  'specbench-a100': {
    id: 'specbench-a100',
    description: "Spec-Bench's A100: one A100 80 GB run by eager PyTorch at batch 1",
    sources: ['[SPECBENCH Leaderboard.md "Leaderboard on A100"]: one A100 (80 GB), 96 CPU cores, PyTorch 2.5.1, Vicuna-7B-v1.3, greedy, FP16, batch 1', '[NV-A100]'],
    readings: ['host time per operator from gpt-fast\'s eager and compiled measurements on its A100-80GB machine'],
    dram: LPDDR5_X64(),
    gpu: { ...EAGER_GPU_PRESETS['a100-80gb-eager'], count: 1 },
    energy: 'gpu-board',
  },
  'rest-a6000': {
    id: 'rest-a6000',
    description: "REST's RTX A6000: one RTX A6000 run by eager PyTorch at batch 1",
    sources: ['[REST-ART README.md]: experiments on a single NVIDIA RTX A6000', '[NV-A6000]'],
    readings: ['host time per operator from REST\'s own autoregressive baseline on the same machine'],
    dram: LPDDR5_X64(),
    gpu: { ...EAGER_GPU_PRESETS['a6000-eager'], count: 1 },
    energy: 'gpu-board',
  },
  'pim-llm': {
    id: 'pim-llm',
    description: 'PIM-LLM: 1-bit projections on 256 x 256 RRAM crossbars, attention on a 32 x 32 OS systolic array at 100 MHz, LPDDR for the KV cache',
    sources: ['[PIMLLM Sec. III]'],
    readings: ['PIM-LLM states no LPDDR part: one LPDDR5-6400 x16 channel (12.8 GB/s) holds the KV cache and carries activations'],
    dram: { preset: 'lpddr5-6400-x16', channels: 1, refresh: true, mapping: 'bg-interleaved', window: 32 },
    npu: NPU_PRESETS['npu-tpu-llm'],
    xbar: XBAR_PRESETS['pim-llm-rram'],
    energy: 'xbar-pim-llm',
    precision: 'w1a8',
  },
  'tpu-llm': {
    id: 'tpu-llm',
    description: "PIM-LLM's TPU-LLM baseline: the same 32 x 32 systolic array runs the whole model",
    sources: ['[PIMLLM Sec. IV]: TPU-LLM runs the whole model on the LLM-specific TPU'],
    readings: ['same LPDDR as pim-llm; projections stream 1-bit weights from LPDDR'],
    dram: { preset: 'lpddr5-6400-x16', channels: 1, refresh: true, mapping: 'bg-interleaved', window: 32 },
    npu: NPU_PRESETS['npu-tpu-llm'],
    energy: 'xbar-pim-llm',
    precision: 'w1a8',
  },
  'hbm2-pim': {
    id: 'hbm2-pim',
    description: "Samsung HBM2-PIM (Aquabolt-XL) alone: FP16, 1 PIM unit per 2 banks, 16 banks per 64-bit pseudo-channel, 2 Gb/s per pin (SAIT PIMSimulator's organisation)",
    sources: ['[PIMSIM README.md, ini/HBM2_samsung_2M_16B_x64.ini, system_hbm_64ch.ini]'],
    readings: ['one pseudo-channel by default (dram.channels scales it, the PIM units with it), for comparison with the cycle-level PIM simulator'],
    dram: { preset: 'hbm2-2gbps-pch', channels: 1, refresh: true, mapping: 'bg-interleaved', window: 32 },
    pim: { ...PIM_PRESETS['hbm2-pim'], channels: 1 },
    pim_in_every_channel: true,
    energy: 'hbm-pim-attacc',
  },
} as const satisfies Record<string, PlatformConfig>;

export type PlatformId = keyof typeof PLATFORMS;
export const PLATFORM_IDS = Object.keys(PLATFORMS) as PlatformId[];

export class PlatformError extends UserError {
  override readonly name = 'PlatformError';
}

/**
 * A platform with every part spelt out: the DRAM preset's organisation and timings under
 * `dram.org` / `dram.timing`, the energy table under `energy_table` (what `config.json` and
 * `list platforms --show` hold, and what a platform file may give in full).
 */
export function expandPlatform(cfg: PlatformConfig): PlatformConfig {
  const spec = DRAM_PRESETS[cfg.dram.preset];
  if ((cfg.dram.org === undefined || cfg.dram.timing === undefined) && spec === undefined) throw new PlatformError(messages.unknownDramPreset(cfg.id, cfg.dram.preset, Object.keys(DRAM_PRESETS)));
  const table = cfg.energy_table ?? (ENERGY_TABLES as Record<string, EnergyTable>)[cfg.energy];
  if (table === undefined) throw new PlatformError(messages.unknownEnergyTable(cfg.id, cfg.energy, Object.keys(ENERGY_TABLES)));
  return { ...cfg, dram: { ...cfg.dram, org: cfg.dram.org ?? spec!.org, timing: cfg.dram.timing ?? spec!.timing, sources: cfg.dram.sources ?? spec?.sources ?? [], readings: cfg.dram.readings ?? spec?.readings ?? [] }, energy_table: table };
}

/** A preset with its open fields, or undefined. */
export function presetConfig(id: string): PlatformConfig | undefined {
  const p = (PLATFORMS as Record<string, PlatformConfig>)[id];
  return p === undefined ? undefined : { ...p, open: OPEN_FIELDS[id] ?? [] };
}

/** A preset (or a platform file, `*.json`) with `key=value` overrides applied and checked, expanded. */
export function configurePlatform(id: string, overrides: readonly string[] = []): PlatformConfig {
  const base = isPlatformFile(id) ? loadPlatformFile(id) : presetConfig(id);
  if (base === undefined) throw new PlatformError(messages.unknownPlatform(id, PLATFORM_IDS));
  return applyOverrides(expandPlatform(base), overrides);
}

/** A configured platform with its DRAM resolved and a memory port for streaming devices. */
export interface Platform {
  readonly config: PlatformConfig;
  readonly dram: Lpddr5Resolved;
  readonly memory: MemoryPort;
  /** The energy table resolved for this platform's devices (`energy-table.ts`). */
  readonly energyTable: EnergyTable;
  /** Prices this platform's action counts and static power: the only place energy is computed. */
  readonly pricer: Pricer;
}

export function resolvePlatform(id: string, overrides: readonly string[] = []): Platform {
  return platformOf(configurePlatform(id, overrides));
}

/** A platform from an expanded configuration (a preset's, a file's, or a run's config.json). */
export function platformOf(config: PlatformConfig): Platform {
  const id = config.id;
  const preset = DRAM_PRESETS[config.dram.preset];
  const spec: Lpddr5Spec = {
    id: config.dram.preset,
    description: preset?.description ?? `the DRAM of platform '${id}'`,
    sources: config.dram.sources ?? preset?.sources ?? config.sources,
    readings: config.dram.readings ?? preset?.readings ?? [],
    org: config.dram.org ?? preset!.org,
    timing: config.dram.timing ?? preset!.timing,
  };
  if (!(config.dram.channels >= 1 && Number.isInteger(config.dram.channels))) throw new PlatformError(messages.platformWholeNumber(id, 'dram.channels', config.dram.channels));
  for (const [k, v] of [['npu.rows', config.npu?.rows], ['npu.cols', config.npu?.cols], ['npu.cores', config.npu?.cores], ['npu.freq_mhz', config.npu?.freq_mhz]] as const) {
    if (v !== undefined && !(v >= 1 && Number.isInteger(v))) throw new PlatformError(messages.platformWholeNumber(id, k, v));
  }
  const dram = resolveLpddr5(spec);
  if (config.gpu !== undefined && !(config.gpu.count >= 1 && Number.isInteger(config.gpu.count))) throw new PlatformError(messages.platformWholeNumber(id, 'gpu.count', config.gpu.count));
  const energyTable = energyTableOf(config);
  return { config, dram, memory: memoryPort(dram, config.dram.channels, config.dram.mapping, config.dram.refresh, config.dram.window), energyTable, pricer: new Pricer(energyTable, staticDevices(config, energyTable)) };
}

/** Devices whose static power a run charges over its wall time: the platform's devices (and its DRAM) that the energy table prices. */
function staticDevices(config: PlatformConfig, ert: EnergyTable): string[] {
  const devices = (['npu', 'pim', 'xbar', 'gpu'] as const).filter((d) => config[d] !== undefined);
  return [...devices, 'dram'].filter((d) => d in ert.static_mw);
}
