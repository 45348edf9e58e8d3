/**
 * The cost of one SpecPIM design at the target scenario (a context length): a step drafts a
 * chain of k tokens with the draft model, then verifies k + 1 tokens with the target, each
 * operator on the unit its class is mapped to (operator-level synchronous: one operator at a
 * time, draft then verify). A model's PIM operators run on the PIM channels holding its
 * weights, so the draft model's operators see `draft_channels` channels and the target's the
 * rest; vector operators (norms, softmax, activations) stay on the host. Energy adds the static
 * power of every device over the step. Throughput and energy per token divide by the profile's
 * expected committed tokens per step.
 */
import type { Device } from '../../platform/cost.js';
import { platformOf, type Platform } from '../../platform/platforms.js';
import { applyOverrides } from '../../platform/overrides.js';
import { PhaseCoster, type PhaseCost, type PhaseOperator, type Placement } from '../../kernel/index.js';
import type { ModelShape } from '../../workload/models.js';
import type { Op, Precision } from '../../workload/ops.js';
import { expectedCommitted, type AcceptanceProfile } from './profile.js';
import { headline, type Headline } from '../../stats/headline.js';
import { archName, type Design, type Mapping, type PimArch, type Unit } from './space.js';

export interface DesignMetrics {
  readonly design: Design;
  readonly step_time_ns: number;
  readonly step_energy_pj: number;
  readonly committed_per_step: number;
  readonly tokens_per_s: number;
  readonly tokens_per_j: number;
  /** Energy-delay product per token, J x s. */
  readonly edp_j_s: number;
}

export type Objective = 'throughput' | 'energy' | 'edp';
export const OBJECTIVES: readonly Objective[] = ['throughput', 'energy', 'edp'];

/** Larger is better. */
export function score(m: DesignMetrics, objective: Objective): number {
  return objective === 'throughput' ? m.tokens_per_s : objective === 'energy' ? m.tokens_per_j : -m.edp_j_s;
}

export function modelPlacement(fc: Unit, attn: Unit, host: Device, tag: string): Placement {
  const dev = (u: Unit): Device => (u === 'pim' ? 'pim' : host);
  const fcDev = dev(fc);
  const attnDev = dev(attn);
  return {
    id: `specpim:${tag}:${fc}:${attn}:${host}`,
    device: (op: Op) => (op.kind === 'vector' ? host : op.kind === 'attention' ? attnDev : fcDev),
  };
}

export const draftPlacement = (m: Mapping, host: Device, channels: number) => modelPlacement(m.draft_fc, m.draft_attn, host, `draft:${channels}`);
export const targetPlacement = (m: Mapping, host: Device, channels: number) => modelPlacement(m.target_fc, m.target_attn, host, `target:${channels}`);

/** Phase costers per PIM channel count and organisation (the platform with `pim.channels`, `pim.alus`, `pim.freq_mhz`, `pim.lanes` set). */
export class ChannelCosters {
  private readonly byChannels = new Map<string, PhaseCoster>();
  constructor(
    private readonly base: Platform,
    private readonly target: ModelShape,
    private readonly draft: ModelShape | null,
    private readonly precision: Precision,
  ) {}

  get(channels: number, arch: PimArch | null = null): PhaseCoster {
    const pim = this.base.config.pim;
    const all = pim?.channels ?? 0;
    const c = channels <= 0 || channels === all ? all : channels;
    const own = arch === null || pim === undefined || (arch.alus === pim.alus && arch.freq_mhz === pim.freq_mhz && arch.lanes === pim.lanes);
    const key = own ? `${c}` : `${c}|${archName(arch!)}`;
    let coster = this.byChannels.get(key);
    if (coster === undefined) {
      const sets = [...(c === all ? [] : [`pim.channels=${c}`]), ...(own ? [] : [`pim.alus=${arch!.alus}`, `pim.freq_mhz=${arch!.freq_mhz}`, `pim.lanes=${arch!.lanes}`])];
      // The run's platform (already overridden and expanded) with this channel count and organisation.
      const platform = sets.length === 0 ? this.base : platformOf(applyOverrides(this.base.config, sets));
      this.byChannels.set(key, (coster = new PhaseCoster(platform, this.target, this.draft, this.precision)));
    }
    return coster;
  }
}

export class DesignEvaluator {
  readonly host: Device;
  readonly channels: number;
  constructor(
    readonly costers: ChannelCosters,
    readonly platform: Platform,
    host: Device,
    readonly profile: AcceptanceProfile,
    readonly context: number,
  ) {
    this.host = host;
    this.channels = platform.config.pim?.channels ?? 0;
  }

  draftCost(d: Design, k: number, context: number): PhaseCost {
    return this.costers.get(d.draft_channels, d.arch).draftPhase({ kind: 'chain', k }, context, draftPlacement(d, this.host, d.draft_channels));
  }

  verifyCost(d: Design, tokens: number, context: number): PhaseCost {
    const ch = this.channels - d.draft_channels;
    return this.costers.get(ch, d.arch).verify(tokens, context, targetPlacement(d, this.host, ch));
  }

  /** The draft phase's operators (timelines): its PIM operators on the first `draft_channels` channels. */
  draftOperators(d: Design, k: number, context: number): PhaseOperator[] {
    if (k <= 0) return [];
    const ops = this.costers.get(d.draft_channels, d.arch).phaseOperators('draft', { kind: 'chain', k }, context, draftPlacement(d, this.host, d.draft_channels));
    return onChannels(ops, 0, this.channels);
  }

  /** The verification's operators (timelines): its PIM operators on the channels after the draft model's. */
  verifyOperators(d: Design, tokens: number, context: number): PhaseOperator[] {
    const ch = this.channels - d.draft_channels;
    const ops = this.costers.get(ch, d.arch).phaseOperators('verify', tokens, context, targetPlacement(d, this.host, ch));
    return onChannels(ops, d.draft_channels, this.channels);
  }

  evaluate(d: Design): DesignMetrics {
    const draft = this.draftCost(d, d.draft_len, this.context);
    const verify = this.verifyCost(d, d.draft_len + 1, this.context);
    const time = draft.time_ns + verify.time_ns;
    const energy = draft.energy_pj + verify.energy_pj + this.platform.pricer.staticPj(time);
    const committed = expectedCommitted(this.profile, d.draft_len);
    return {
      design: d,
      step_time_ns: time,
      step_energy_pj: energy,
      committed_per_step: committed,
      // The catalogue's rates for one step of `committed` expected tokens (stats/headline.ts).
      ...pick(headline({ decoded_tokens: committed, time_ns: time, energy_pj: energy, steps: 1, imputed_steps: 0 })),
    };
  }
}

/** Operators of a coster over `count` PIM channels, placed on channels [first, first + count) of `total`. */
function onChannels(ops: readonly PhaseOperator[], first: number, total: number): PhaseOperator[] {
  return ops.map((op) => (op.pim_channels ? { ...op, pim_channels: { first, count: op.pim_channels.count, total } } : op));
}

const pick = (h: Headline) => ({ tokens_per_s: h.tokens_per_s, tokens_per_j: h.tokens_per_j, edp_j_s: h.edp_j_s });
