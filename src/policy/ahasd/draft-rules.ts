/**
 * The adaptive drafting-length rules AHASD evaluates [AHASD Sec. 5; AHASD-ART configs/ahasd_config_template.json], as rules that
 * decide, token by token, whether to draft one more token of the current batch, from the
 * draft-side entropy of the token just drafted and the outcomes of past batches.
 *   recorded    the trace's own draft length for the round (the AHASD artifact's generator draws
 *               it, and the drafting algorithm only chooses the acceptance prior
 *               [AHASD-ART scripts/gen_acceptance_trace.py]); EDC may still stop a batch early.
 *   fixed       draft max_draft tokens.
 *   specdec++   stop when the predicted rejection risk exceeds the threshold; the risk of a
 *               token with entropy H is taken as H > entropy_threshold (artifact knob 2.5).
 *   svip        stop when the entropy-derived acceptance estimate 0.85 exp(-0.12 H) (the
 *               artifact's SVIP prior) falls below verification_threshold x 0.85.
 *   adaedl      stop when the entropy lower bound 1 - sqrt(gamma H) (gamma 0.2) falls below
 *               lambda (from 0.2); lambda adapts by adaptation_rate (0.1) towards 0.4 x the
 *               recent rejection ratio (8 batches), so good acceptance lengthens the drafts.
 *   banditspec  UCB1 over draft lengths 1..max_draft (c = 1.5, epsilon 0.15 exploration),
 *               reward = committed tokens per drafted-plus-verified token.
 */
import { hashUniform } from '../../util/rng.js';

export const DRAFT_RULES = ['recorded', 'fixed', 'specdec++', 'svip', 'adaedl', 'banditspec'] as const;
export type DraftRuleId = (typeof DRAFT_RULES)[number];

export interface DraftRule {
  readonly usesEntropy: boolean;
  /** Length cap chosen at the start of a batch. */
  begin(batch: number): number;
  /** After drafting token j (0-based) with entropy h: draft another? */
  more(j: number, h: number | null): boolean;
  observe(drafted: number, accepted: number, committed: number): void;
}

export function makeRule(id: DraftRuleId, maxDraft: number, seed: number): DraftRule {
  switch (id) {
    case 'recorded': // the policy caps each batch at the recorded length
    case 'fixed':
      return { usesEntropy: false, begin: () => maxDraft, more: (j) => j + 1 < maxDraft, observe: () => undefined };
    case 'specdec++':
      return { usesEntropy: true, begin: () => maxDraft, more: (j, h) => j + 1 < maxDraft && (h === null || h <= 2.5), observe: () => undefined };
    case 'svip':
      return { usesEntropy: true, begin: () => maxDraft, more: (j, h) => j + 1 < maxDraft && (h === null || 0.85 * Math.exp(-0.12 * h) >= 0.8 * 0.85), observe: () => undefined };
    case 'adaedl': {
      let lambda = 0.2;
      const history: number[] = [];
      return {
        usesEntropy: true,
        begin: () => maxDraft,
        more: (j, h) => j + 1 < maxDraft && (h === null || 1 - Math.sqrt(0.2 * h) >= lambda),
        observe(drafted, accepted) {
          if (drafted === 0) return;
          history.push(accepted / drafted);
          if (history.length > 8) history.shift();
          const ratio = history.reduce((a, b) => a + b, 0) / history.length;
          // Lower the bar when drafts are accepted, raise it when they are rejected.
          lambda = Math.min(0.9, Math.max(0.02, lambda + 0.1 * (0.4 * (1 - ratio) - lambda)));
        },
      };
    }
    case 'banditspec': {
      const n = new Float64Array(maxDraft + 1);
      const sum = new Float64Array(maxDraft + 1);
      let t = 0;
      let arm = 1;
      return {
        usesEntropy: false,
        begin(batch) {
          t++;
          if (hashUniform(seed, 77, batch, t) < 0.15) arm = 1 + Math.floor(hashUniform(seed, 78, batch, t) * maxDraft);
          else {
            let best = -1;
            for (let k = 1; k <= maxDraft; k++) {
              const ucb = n[k] === 0 ? Infinity : sum[k]! / n[k]! + 1.5 * Math.sqrt(Math.log(t) / n[k]!);
              if (ucb > best) {
                best = ucb;
                arm = k;
              }
            }
          }
          return arm;
        },
        more: (j) => j + 1 < arm,
        observe(drafted, _accepted, committed) {
          if (drafted < 1 || drafted > maxDraft) return;
          n[drafted]!++;
          sum[drafted]! += committed / (drafted + 1);
        },
      };
    }
  }
}
