/**
 * TVC, Time-Aware Pre-Verification Control [AHASD Sec. 4.3; AHASD-ART ONNXim/src/async_queue/TVC.h]. Three 4-entry FIFOs of (cycles, length): NVCT (NPU verification vs KV length), PDCT
 * (PIM drafting vs draft length), PVCT (PIM pre-verification vs draft length), seeded with
 * offline-profiled per-token cycles. Invoked only when EDC says stop drafting:
 *   C_NPU,i      = mean_j (C_NPU / L_KV)_j x L_KV,i x f_PIM / f_NPU
 *   C_PIM-Draft  = mean_j (C_PIM-DLM / L_Draft)_j x L_Draft        (one more draft)
 *   C_PIM-Left   = C_NPU,i - (C_now + C_PIM-Draft,1)
 *   length       = floor(C_PIM-Left / per-token pre-verify cycles)
 * length < 1: keep drafting. Otherwise pre-verify, requiring >= min_pending pending draft
 * tokens and clamping to [1, min(max_len, pending)]; with an empty PVCT the per-token
 * pre-verify cost is 0.8x the drafting cost.
 */
class Fifo4 {
  private readonly entries: [number, number][] = [];
  push(cycles: number, length: number): void {
    if (length <= 0) return;
    this.entries.push([cycles, length]);
    if (this.entries.length > 4) this.entries.shift();
  }
  /** Mean cycles per unit length, or null when empty. */
  perUnit(): number | null {
    if (this.entries.length === 0) return null;
    return this.entries.reduce((s, [c, l]) => s + c / l, 0) / this.entries.length;
  }
}

export interface TvcParams {
  readonly fPimMhz: number;
  readonly fNpuMhz: number;
  readonly minPending: number;
  readonly maxLen: number;
}

export class Tvc {
  readonly nvct = new Fifo4();
  readonly pdct = new Fifo4();
  readonly pvct = new Fifo4();
  constructor(
    readonly p: TvcParams,
    seed: { npuPerKvToken: number; pimDraftPerToken: number; pimVerifyPerToken: number },
  ) {
    this.nvct.push(seed.npuPerKvToken, 1);
    this.pdct.push(seed.pimDraftPerToken, 1);
    this.pvct.push(seed.pimVerifyPerToken, 1);
  }

  /**
   * PIM cycles left before the NPU finishes, and the pre-verify length (0: keep drafting).
   * @param kvLength the KV length of the NPU's current verification
   * @param nowCycles PIM cycles the NPU task has already run (NCR, in PIM cycles)
   */
  decide(kvLength: number, nowCycles: number, nextDraftLength: number, pending: number): { left: number; length: number } {
    const npu = (this.nvct.perUnit() ?? 0) * kvLength * (this.p.fPimMhz / this.p.fNpuMhz);
    const draft = (this.pdct.perUnit() ?? 0) * nextDraftLength;
    const left = npu - (nowCycles + draft);
    const perToken = this.pvct.perUnit() ?? 0.8 * (this.pdct.perUnit() ?? 0);
    const raw = perToken > 0 ? Math.floor(left / perToken) : 0;
    if (raw < 1 || pending < this.p.minPending) return { left, length: 0 };
    return { left, length: Math.max(1, Math.min(raw, this.p.maxLen, pending)) };
  }
}
