/**
 * SpecPIM's design space (papers.md 2): where each operator class of each model runs — draft
 * and target model x projections (FC, LM head) and attention — on the host (NPU or GPUs) or on
 * the PIM channels; how the PIM channels are split between the two models (each model's PIM
 * operators run on the channels holding its weights); and the fixed draft length. A design is
 * a point of this space; its gene is the vector of its choices (the genetic search's encoding).
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

export interface Design extends Mapping {
  /** PIM channels holding the draft model (the target has the rest). */
  readonly draft_channels: number;
  /** Drafted tokens per step; 0 = autoregressive (no speculation). */
  readonly draft_len: number;
}

export interface SpaceSpec {
  /** PIM channels of the platform. */
  readonly channels: number;
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
  for (const mapping of spec.mappings) {
    for (const k of spec.draft_lens) {
      // Without drafting the draft model's mapping is irrelevant: one representative (host).
      const m: Mapping = k === 0 ? { ...mapping, draft_fc: 'host', draft_attn: 'host' } : mapping;
      for (const c of splits(m, spec.channels, k)) {
        const d = { ...m, draft_channels: c, draft_len: k };
        const name = designName(d, spec.channels);
        if (seen.has(name)) continue;
        seen.add(name);
        yield d;
      }
    }
  }
}

export function spaceSize(spec: SpaceSpec): number {
  let n = 0;
  for (const _ of designs(spec)) n++;
  return n;
}

/** A stable short name: `d:fc=pim,attn=host t:fc=pim,attn=pim ch=4/12 k=4`. */
export function designName(d: Design, channels: number): string {
  return `d:fc=${d.draft_fc},attn=${d.draft_attn} t:fc=${d.target_fc},attn=${d.target_attn} ch=${d.draft_channels}/${channels - d.draft_channels} k=${d.draft_len}`;
}

/** Parses `host,pim,pim,pim` (draft_fc, draft_attn, target_fc, target_attn). */
export function parseMapping(s: string): Mapping | null {
  const parts = s.split(',').map((x) => x.trim());
  if (parts.length !== 4 || !parts.every((p) => p === 'host' || p === 'pim')) return null;
  const [a, b, c, d] = parts as Unit[];
  return { draft_fc: a!, draft_attn: b!, target_fc: c!, target_attn: d! };
}
