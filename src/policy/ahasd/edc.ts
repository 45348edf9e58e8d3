/**
 * EDC, Entropy-History-Aware Drafting Control (AHASD paper Sec. 4.2; artifact
 * ONNXim/src/async_queue/EDC.h [AHASD-ART]). State: LEHT and LCEHT (8 x 3-bit entropy
 * buckets), LLR (3-bit count of unverified batches), PHT (512 x 2-bit saturating counters,
 * initialised weakly-taken = 2).
 *   after a draft batch:  b = floor(min(max(H, 0), Hmax) / Hmax x 7.99); LEHT[ptr] = b;
 *                         ptr = (ptr + 1) mod 8; LLR = min(LLR + 1, 7);
 *                         idx = (avg(LEHT[4..7]) << 6) | (avg(LEHT[0..3]) << 3) | LLR;
 *                         continue drafting iff PHT[idx] >= 2
 *   after a verification: LLR = max(LLR - 1, 0); fully accepted: LCEHT <- LEHT (commit),
 *                         else LEHT <- LCEHT (rollback); recompute idx; PHT[idx] +1 if fully
 *                         accepted else -1 (saturating 0..3)
 *   batches dropped unverified (drafted on a prefix a rejection invalidated): LLR -= dropped
 *                         (the sources leave flushes open; LLR counts the unverified batches
 *                         in flight, so dropped ones leave it — otherwise LLR saturates at 7
 *                         after the first rejections and the lookups never meet the updates)
 */
export class Edc {
  readonly leht = new Uint8Array(8);
  readonly lceht = new Uint8Array(8);
  readonly pht = new Uint8Array(512).fill(2);
  llr = 0;
  ptr = 0;

  constructor(readonly hMax = 10) {}

  bucket(h: number): number {
    return Math.floor((Math.min(Math.max(h, 0), this.hMax) / this.hMax) * 7.99);
  }

  index(): number {
    const avg = (a: number, b: number) => {
      let s = 0;
      for (let i = a; i <= b; i++) s += this.leht[i]!;
      return Math.floor(s / (b - a + 1));
    };
    return (avg(4, 7) << 6) | (avg(0, 3) << 3) | this.llr;
  }

  /** After a draft batch with mean entropy h: true to keep drafting. */
  afterDraft(h: number): boolean {
    this.leht[this.ptr] = this.bucket(h);
    this.ptr = (this.ptr + 1) % 8;
    this.llr = Math.min(this.llr + 1, 7);
    return this.pht[this.index()]! >= 2;
  }

  /** After `n` queued batches were dropped without verification. */
  afterFlush(n: number): void {
    this.llr = Math.max(this.llr - n, 0);
  }

  /** After the NPU verified a batch. */
  afterVerify(fullyAccepted: boolean): void {
    this.llr = Math.max(this.llr - 1, 0);
    if (fullyAccepted) this.lceht.set(this.leht);
    else this.leht.set(this.lceht);
    const i = this.index();
    const v = this.pht[i]!;
    this.pht[i] = fullyAccepted ? Math.min(3, v + 1) : Math.max(0, v - 1);
  }
}
