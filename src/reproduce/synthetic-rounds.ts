/**
 * AHASD's synthetic acceptance traces, generated as its artifact does
 * [AHASD-ART scripts/gen_acceptance_trace.py]: per round, the draft length is drawn uniformly
 * from 1..max_draft (randint); the draft entropy H ramps from 2.5 to 5.0 over the generation
 * plus a jitter of uniform(-0.25, 0.25) + 0.5 (round mod 4), clamped to [0.5, 9.5]; the first
 * draft token is accepted with p0 = clamp(base exp(-alpha H), p_min, 1), token i of a k-token
 * draft with max(p_min, p0 (1 - decay i / max(1, k - 1))); tokens are accepted in order until
 * the first rejection. The drafting algorithm chooses only the prior. One difference: the
 * artifact ramps over a fixed round count; a generation of N tokens here ramps over the
 * tokens produced (its round count is not known in advance). Rows are `request_id,round,draft_length,avg_entropy,accepted_length` (the
 * ahasd-rounds ingest format). Seeded: the same arguments give the same text.
 */
import { hashString, hashUniform } from '../util/rng.js';

export interface AcceptancePrior {
  readonly base: number;
  readonly alpha: number;
  readonly decay: number;
  readonly p_min: number;
}

/** The artifact's priors per drafting algorithm [AHASD-ART scripts/gen_acceptance_trace.py ALGO_PRIORS]. */
export const AHASD_PRIORS: Readonly<Record<string, AcceptancePrior>> = {
  'specdec++': { base: 0.82, alpha: 0.1, decay: 0.3, p_min: 0.05 },
  svip: { base: 0.85, alpha: 0.12, decay: 0.25, p_min: 0.07 },
  adaedl: { base: 0.83, alpha: 0.14, decay: 0.2, p_min: 0.05 },
  banditspec: { base: 0.8, alpha: 0.09, decay: 0.35, p_min: 0.05 },
};

/** Family bumps of the base rate [AHASD-ART scripts/gen_acceptance_trace.py FAMILY_BUMPS]: OPT -0.02, PaLM -0.01. */
export function familyBump(model: string): number {
  return model.startsWith('opt') ? -0.02 : model.startsWith('palm') ? -0.01 : 0;
}

export interface RoundsSpec {
  readonly prior: AcceptancePrior;
  readonly bump: number;
  readonly draft_length: number;
  readonly generation_tokens: number;
  readonly requests: number;
  readonly seed: number;
  readonly label: string;
}

export function syntheticRoundsCsv(spec: RoundsSpec): string {
  const lines = ['request_id,round,draft_length,avg_entropy,accepted_length'];
  const L = spec.draft_length;
  const stream = hashString(spec.label);
  for (let r = 0; r < spec.requests; r++) {
    let produced = 0;
    let round = 0;
    let draw = 0;
    const u = () => hashUniform(spec.seed, stream, r, draw++);
    while (produced < spec.generation_tokens) {
      const drawn = 1 + Math.min(L - 1, Math.floor(u() * L));
      const progress = produced / spec.generation_tokens;
      const h = Math.max(0.5, Math.min(9.5, 2.5 + 2.5 * progress + (u() - 0.5) * 0.5 + 0.5 * (round % 4)));
      const p0 = Math.min(1, Math.max(spec.prior.p_min, (spec.prior.base + spec.bump) * Math.exp(-spec.prior.alpha * h)));
      const k = Math.max(0, Math.min(drawn, spec.generation_tokens - produced - 1));
      let accepted = 0;
      while (accepted < k) {
        const p = Math.min(1, Math.max(spec.prior.p_min, p0 * (1 - (spec.prior.decay * accepted) / Math.max(1, k - 1))));
        if (u() > p) break;
        accepted++;
      }
      lines.push(`r${r},${round},${k},${h.toFixed(4)},${accepted}`);
      produced += accepted + 1;
      round++;
    }
  }
  return lines.join('\n') + '\n';
}
