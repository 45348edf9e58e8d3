/** AHASD's decision rules on hand-made situations (papers.md 3.5, 3.6). */
import { describe, expect, it } from 'vitest';
import { Edc } from '../../src/policy/ahasd/edc.js';
import { Tvc } from '../../src/policy/ahasd/tvc.js';
import { makeRule } from '../../src/policy/ahasd/draft-rules.js';

describe('EDC', () => {
  it('entropy buckets: floor(min(max(H, 0), Hmax) / Hmax x 7.99)', () => {
    const e = new Edc(10);
    expect([-1, 0, 1.25, 1.26, 5, 9.99, 10, 42].map((h) => e.bucket(h))).toEqual([0, 0, 0, 1, 3, 7, 7, 7]);
  });
  it('after a draft: LEHT[ptr] = bucket, ptr advances mod 8, LLR saturates at 7, idx = avg(LEHT[4..7]) << 6 | avg(LEHT[0..3]) << 3 | LLR', () => {
    const e = new Edc(10);
    expect(e.afterDraft(9.9)).toBe(true); // PHT initialised weakly taken (2)
    expect(Array.from(e.leht)).toEqual([7, 0, 0, 0, 0, 0, 0, 0]);
    expect(e.llr).toBe(1);
    expect(e.index()).toBe((0 << 6) | (1 << 3) | 1); // floor(7 / 4) = 1
    for (let i = 0; i < 9; i++) e.afterDraft(9.9);
    expect(e.ptr).toBe(10 % 8);
    expect(e.llr).toBe(7);
    expect(e.index()).toBe((7 << 6) | (7 << 3) | 7);
  });
  it('after a verification: LLR decrements; full acceptance commits LEHT and strengthens PHT[idx]; a rejection rolls back and weakens it', () => {
    const e = new Edc(10);
    e.afterDraft(9.9);
    e.afterVerify(true);
    expect(e.llr).toBe(0);
    expect(Array.from(e.lceht)).toEqual(Array.from(e.leht));
    const idx = e.index();
    expect(e.pht[idx]).toBe(3);
    e.afterDraft(0);
    e.afterDraft(9.9);
    e.afterVerify(false);
    expect(Array.from(e.leht)).toEqual([7, 0, 0, 0, 0, 0, 0, 0]); // rolled back to the committed history
    expect(e.llr).toBe(1);
    const j = e.index();
    expect(e.pht[j]).toBe(1);
    e.afterVerify(false);
    expect(e.pht[e.index()]).toBeGreaterThanOrEqual(0);
  });
  it('batches dropped unverified leave LLR (it counts the unverified batches in flight)', () => {
    const e = new Edc(10);
    for (let i = 0; i < 5; i++) e.afterDraft(3);
    expect(e.llr).toBe(5);
    e.afterVerify(false);
    e.afterFlush(3);
    expect(e.llr).toBe(1);
    e.afterFlush(4);
    expect(e.llr).toBe(0);
  });
  it('the pattern table stops drafting once a pattern has failed twice (2-bit counter below 2)', () => {
    const e = new Edc(10);
    const idx = () => e.index();
    e.afterDraft(5);
    const i0 = idx();
    e.pht[i0] = 1;
    e.llr = 0;
    e.ptr = 0;
    e.leht.fill(0);
    expect(e.afterDraft(5)).toBe(e.pht[e.index()]! >= 2);
  });
});

describe('TVC', () => {
  const mk = () => new Tvc({ fPimMhz: 800, fNpuMhz: 1000, minPending: 2, maxLen: 8 }, { npuPerKvToken: 100, pimDraftPerToken: 1000, pimVerifyPerToken: 2000 });
  it('C_PIM-Left = C_NPU,i x f_PIM/f_NPU - (C_now + C_PIM-Draft,1); length = floor(left / per-token pre-verify cycles)', () => {
    const t = mk();
    // NPU: 100 cycles per KV token x 1000 tokens x 0.8 = 80,000; now 10,000; one draft 1,000 -> left 69,000 -> 34
    const d = t.decide(1000, 10_000, 1, 40);
    expect(d.left).toBe(69_000);
    expect(d.length).toBe(8); // clamped to max 8
  });
  it('clamps to the pending tokens; below one token or fewer than min_pending pending: keep drafting (0)', () => {
    const t = mk();
    expect(t.decide(1000, 10_000, 1, 3).length).toBe(3);
    expect(t.decide(1000, 10_000, 1, 1).length).toBe(0);
    expect(t.decide(10, 10_000, 1, 40).length).toBe(0);
  });
  it('the tables are 4-entry FIFOs of (cycles, length): the mean cost per unit length updates', () => {
    const t = mk();
    for (const c of [200, 200, 200, 200]) t.nvct.push(c, 1);
    // the seed entry (100) has left the FIFO: 200 x 1000 x 0.8 - 11,000
    expect(t.decide(1000, 10_000, 1, 40).left).toBe(160_000 - 11_000);
  });
});

describe('draft-length rules', () => {
  it('fixed drafts max tokens; specdec++ stops at entropy above 2.5; banditspec explores all arms', () => {
    const f = makeRule('fixed', 3, 1);
    expect([0, 1, 2].map((j) => f.more(j, 9))).toEqual([true, true, false]);
    const s = makeRule('specdec++', 8, 1);
    expect(s.more(0, 2.4)).toBe(true);
    expect(s.more(0, 2.6)).toBe(false);
    const b = makeRule('banditspec', 4, 1);
    const arms = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const k = b.begin(i);
      arms.add(k);
      b.observe(k, k - 1, k);
    }
    expect([...arms].sort()).toEqual([1, 2, 3, 4]);
  });
});
