/**
 * SpecPIM's design space [SPECPIM abstract; H2LLM Sec. 3.3]: an architecture space — the PIM
 * units' FPUs (token-parallel ALUs) per unit, clock and SIMD width, the parameters H2-LLM's
 * exploration of SpecPIM-style devices varies [H2LLM-ART dse/hardware.py: fpu_num_per_pe,
 * pe_frequency, fpu_simd_width] — and a dataflow space: where each operator class of each
 * model runs — draft and target model x projections (FC, LM head) and attention — on the host
 * (NPU or GPUs) or on the PIM channels; how the PIM channels are split between the two models
 * (each model's PIM operators run on the channels holding its weights); and the fixed draft
 * length, 0 (autoregressive) included. A design is a point of this space; its gene is the
 * vector of its choices (the genetic search's encoding).
 */

export type Unit = 'host' | 'pim';
export const UNITS: readonly Unit[] = ['host', 'pim'];

export interface Mapping {
  readonly draft_fc: Unit;
  readonly draft_attn: Unit;
  readonly target_fc: Unit;
  readonly target_attn: Unit;
}

export const MAPPING_KEYS = ['draft_fc', 'draft_attn', 'target_fc', 'target_attn'] as const;

/** A PIM unit organisation: token-parallel ALUs (FPUs), clock, SIMD lanes per ALU. */
export interface PimArch {
  readonly alus: number;
  readonly freq_mhz: number;
  readonly lanes: number;
}

export interface Design extends Mapping {
  /** PIM channels holding the draft model (the target has the rest). */
  readonly draft_channels: number;
  /** Drafted tokens per step; 0 = autoregressive (no speculation). */
  readonly draft_len: number;
  /** The PIM units' organisation. */
  readonly arch: PimArch;
}

export interface SpaceSpec {
  /** PIM channels of the platform. */
  readonly channels: number;
  /** PIM organisations searched (one: the platform's own, unless the user lists more). */
  readonly archs: readonly PimArch[];
  /** Draft lengths searched. */
  readonly draft_lens: readonly number[];
  /** Mappings searched (all 16 unless fixed by the user or the platform). */
  readonly mappings: readonly Mapping[];
}

export function allMappings(): Mapping[] {
  const out: Mapping[] = [];
  for (let i = 0; i < 16; i++) {
    const u = (b: number): Unit => ((i >> b) & 1 ? 'pim' : 'host');
    out.push({ draft_fc: u(3), draft_attn: u(2), target_fc: u(1), target_attn: u(0) });
  }
  return out;
}

export const usesPim = (m: Mapping, model: 'draft' | 'target'): boolean =>
  model === 'draft' ? m.draft_fc === 'pim' || m.draft_attn === 'pim' : m.target_fc === 'pim' || m.target_attn === 'pim';

/** The channel splits a mapping admits: only when both models use PIM is there a choice. */
export function splits(m: Mapping, channels: number, draftLen: number): number[] {
  const d = draftLen > 0 && usesPim(m, 'draft');
  const t = usesPim(m, 'target');
  if (d && t) return Array.from({ length: channels - 1 }, (_, i) => i + 1);
  return [d ? channels : 0];
}

/** Every design of the space (the exhaustive search's order: mapping, draft length, split). */
export function* designs(spec: SpaceSpec): Generator<Design> {
  const seen = new Set<string>();
  for (const arch of spec.archs) {
    for (const mapping of spec.mappings) {
      for (const k of spec.draft_lens) {
        // Without drafting the draft model's mapping is irrelevant: one representative (host).
        const m: Mapping = k === 0 ? { ...mapping, draft_fc: 'host', draft_attn: 'host' } : mapping;
        for (const c of splits(m, spec.channels, k)) {
          const d = { ...m, draft_channels: c, draft_len: k, arch };
          const name = designName(d, spec.channels);
          if (seen.has(name)) continue;
          seen.add(name);
          yield d;
        }
      }
    }
  }
}

export const archName = (a: PimArch): string => `${a.alus}x${a.lanes}@${a.freq_mhz}`;

export function spaceSize(spec: SpaceSpec): number {
  let n = 0;
  for (const _ of designs(spec)) n++;
  return n;
}

/** A stable short name: `d:fc=pim,attn=host t:fc=pim,attn=pim ch=4/12 k=4 pim=1x16@300` (ALUs x lanes @ MHz). */
export function designName(d: Design, channels: number): string {
  return `d:fc=${d.draft_fc},attn=${d.draft_attn} t:fc=${d.target_fc},attn=${d.target_attn} ch=${d.draft_channels}/${channels - d.draft_channels} k=${d.draft_len} pim=${archName(d.arch)}`;
}

/** Parses `host,pim,pim,pim` (draft_fc, draft_attn, target_fc, target_attn). */
export function parseMapping(s: string): Mapping | null {
  const parts = s.split(',').map((x) => x.trim());
  if (parts.length !== 4 || !parts.every((p) => p === 'host' || p === 'pim')) return null;
  const [a, b, c, d] = parts as Unit[];
  return { draft_fc: a!, draft_attn: b!, target_fc: c!, target_attn: d! };
}
