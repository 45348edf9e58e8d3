/**
 * Draft entropy per output position for EDC and the entropy-based drafting rules. From the
 * trace where it records one (per-node entropies along each step's drafted chain up to the
 * first rejection; else the step's mean entropy over its accepted positions and correction);
 * otherwise only from a named model the user chose:
 *   ahasd-synthetic  AHASD's synthetic-trace relation (artifact SyntheticAcceptanceModel.cc:
 *                    p = base exp(-alpha H), AdaEDL prior base 0.83, alpha 0.14, H uniform in
 *                    [2.5, 5.0]) inverted: H drawn from p(H) (a match) or 1 - p(H) (a
 *                    mismatch) at positions whose outcome the trace records, from the uniform
 *                    prior where it does not. A draft-side signal: the draft model knows its
 *                    entropy before verification; the model makes it correlate with acceptance.
 */
import { messages } from '../../config/messages.js';
import { UserError } from '../../config/user-error.js';
import { MATCH, MISMATCH, type RequestAcceptance } from '../../kernel/index.js';
import { hashUniform } from '../../util/rng.js';
import { bool, float64, int32 } from '../../schema/columns.js';
import { requestOffsets, type Trace } from '../../trace/trace.js';

export const ENTROPY_MODELS = ['trace', 'ahasd-synthetic'] as const;

/** Where each recorded step starts and how many tokens it accepted, per request. */
function stepPositions(trace: Trace): { start: number; accepted: number }[][] {
  const n = trace.requests.length;
  const off = requestOffsets(trace.steps, n);
  const committed = int32(trace.steps, 'committed_tokens').values;
  const accepted = int32(trace.steps, 'accepted_tokens');
  const uncounted = int32(trace.requests, 'uncounted_tokens').values;
  const out: { start: number; accepted: number }[][] = [];
  for (let r = 0; r < n; r++) {
    let pos = uncounted[r]!;
    const list: { start: number; accepted: number }[] = [];
    for (let i = off[r]!; i < off[r + 1]!; i++) {
      list.push({ start: pos, accepted: accepted.valid === null || accepted.valid[i] === 1 ? accepted.values[i]! : Math.max(0, committed[i]! - 1) });
      pos += committed[i]!;
    }
    out.push(list);
  }
  return out;
}

/** Entropies recorded in the trace, by request and output position (NaN = not recorded). */
export function traceEntropies(trace: Trace): Float64Array[] | null {
  const stepH = float64(trace.steps, 'draft_entropy_mean');
  const nodeH = trace.nodes ? float64(trace.nodes, 'draft_entropy') : null;
  const anyStep = stepH.valid === null ? stepH.values.length > 0 : stepH.valid.indexOf(1) >= 0;
  const anyNode = nodeH !== null && (nodeH.valid === null ? nodeH.values.length > 0 : nodeH.valid.indexOf(1) >= 0);
  if (!anyStep && !anyNode) return null;
  const n = trace.requests.length;
  const stepOff = requestOffsets(trace.steps, n);
  const nodeOff = trace.nodes ? requestOffsets(trace.nodes, n) : null;
  const positions = stepPositions(trace);
  const output = int32(trace.requests, 'output_tokens').values;
  const out: Float64Array[] = [];
  for (let r = 0; r < n; r++) {
    const acc = { steps: positions[r]! };
    const h = new Float64Array(output[r]! + 1).fill(NaN);
    acc.steps.forEach((st, s) => {
      const i = stepOff[r]! + s;
      if (stepH.valid === null || stepH.valid[i] === 1) for (let j = 0; j <= st.accepted && st.start + j < h.length; j++) h[st.start + j] = stepH.values[i]!;
    });
    if (nodeOff && nodeH) {
      const step = int32(trace.nodes!, 'step').values;
      const depth = int32(trace.nodes!, 'depth').values;
      const parent = int32(trace.nodes!, 'parent').values;
      const accepted = bool(trace.nodes!, 'accepted').values;
      let rowStart = nodeOff[r]!;
      for (let i = nodeOff[r]!; i < nodeOff[r + 1]!; i++) {
        if (depth[i] === 0) rowStart = i;
        if (depth[i] === 0 || !(nodeH.valid === null || nodeH.valid[i] === 1)) continue;
        const st = acc.steps[step[i]!];
        if (st === undefined) continue;
        // A node's entropy is the draft distribution at its position given its parent's
        // prefix: the position's own signal when the parent is on the accepted path.
        if (accepted[rowStart + parent[i]!] === 1) h[st.start + depth[i]! - 1] = nodeH.values[i]!;
      }
    }
    out.push(h);
  }
  return out;
}

/** Inverse CDFs (256 steps) of H on [2.5, 5] weighted by p(H), 1 - p(H), and uniform. */
const LO = 2.5;
const HI = 5;
const prob = (h: number) => 0.83 * Math.exp(-0.14 * h);
function inverseCdf(weight: (h: number) => number): Float64Array {
  const n = 256;
  const cdf = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) cdf[i] = cdf[i - 1]! + weight(LO + ((i - 0.5) / n) * (HI - LO));
  const inv = new Float64Array(n + 1);
  let j = 0;
  for (let q = 0; q <= n; q++) {
    const target = (q / n) * cdf[n]!;
    while (j < n && cdf[j + 1]! < target) j++;
    const span = cdf[j + 1]! - cdf[j]!;
    const frac = span > 0 ? (target - cdf[j]!) / span : 0;
    inv[q] = LO + ((j + Math.min(1, Math.max(0, frac))) / n) * (HI - LO);
  }
  return inv;
}
const INV_MATCH = inverseCdf(prob);
const INV_MISMATCH = inverseCdf((h) => 1 - prob(h));
const INV_PRIOR = inverseCdf(() => 1);

function sample(inv: Float64Array, u: number): number {
  const x = u * (inv.length - 1);
  const i = Math.floor(x);
  return i >= inv.length - 1 ? inv[inv.length - 1]! : inv[i]! + (x - i) * (inv[i + 1]! - inv[i]!);
}

export class EntropySource {
  constructor(
    private readonly model: string,
    private readonly recorded: Float64Array[] | null,
    private readonly seed: number,
  ) {}

  static check(model: string, recorded: Float64Array[] | null, needed: string): void {
    if (model === 'trace' && recorded === null) {
      throw new UserError(
        `${needed} needs draft entropy, which this trace does not record; options: --set ahasd.edc=off with a non-entropy rule (--set ahasd.draft_rule=fixed or banditspec), or --set ahasd.entropy_model=ahasd-synthetic (imputed from AHASD's synthetic acceptance model; the output says so)`,
      );
    }
    if (!(ENTROPY_MODELS as readonly string[]).includes(model)) throw new UserError(messages.badKnob('ahasd.entropy_model', `one of ${ENTROPY_MODELS.join(', ')}`, model));
  }

  /** Entropy of the draft at output position p, and whether it was imputed. */
  at(acc: RequestAcceptance, p: number): { h: number | null; imputed: boolean } {
    const rec = this.recorded?.[acc.requestIndex]?.[p];
    if (rec !== undefined && !Number.isNaN(rec)) return { h: rec, imputed: false };
    if (this.model !== 'ahasd-synthetic') return { h: null, imputed: false };
    const top1 = acc.top1[p];
    const u = hashUniform(this.seed, 91, acc.requestIndex, p);
    return { h: sample(top1 === MATCH ? INV_MATCH : top1 === MISMATCH ? INV_MISMATCH : INV_PRIOR, u), imputed: true };
  }
}
