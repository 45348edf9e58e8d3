/**
 * LPDDR5: JEDEC-derived numbers, every timing rule tight (blocked one cycle early, allowed at
 * the bound; JESD209-5 timing table), and the analytical model against the command-level
 * simulator built on the same rules.
 */
import { describe, expect, it } from 'vitest';
import { LPDDR5_6400_X16, LPDDR5_AHASD } from '../../src/hw/lpddr5/presets.js';
import { resolveLpddr5, SpecError } from '../../src/hw/lpddr5/spec.js';
import { Lpddr5Channel, Lpddr5TimingError, type Lpddr5Command } from '../../src/hw/lpddr5/timing.js';
import { dramCost } from '../../src/hw/lpddr5/model.js';
import { randomAddresses, simulateReads, streamAddresses } from '../../src/hw/lpddr5/command-sim.js';
import { mapBurst } from '../../src/hw/lpddr5/address-mapping.js';

const r = resolveLpddr5(LPDDR5_6400_X16);

describe('LPDDR5-6400 x16 resolved from JESD209-5', () => {
  it('peak bandwidth 12.8 GB/s per x16 channel, 51.2 GB/s for a x64 (4-channel) device', () => {
    expect(r.peak_bandwidth_gbps).toBeCloseTo(12.8, 6);
    expect(r.burst_bytes / (r.nBL * r.tCK)).toBeCloseTo(12.8, 6); // 32 B per 2 CK at 800 MHz
    expect(dramCost(r, { pattern: 'stream', bytes: 1 << 20, channels: 4, mapping: 'bg-interleaved', refresh: false, window: 32 }).bandwidth_gbps).toBeCloseTo(51.2, 6);
  });
  it('cycle counts at tCK 1.25 ns (ceil of t/tCK)', () => {
    expect(r).toMatchObject({ nRCD: 15, nRPpb: 15, nRPab: 17, nRAS: 34, nRC: 49, nCL: 17, nBL: 2, nCCD_S: 2, nCCD_L: 4, nRRD: 4, nFAW: 16, nRTP: 6, nRFCab: 168, nREFI: 3124, banks: 16, burst_bytes: 32, page_bytes: 2048 });
  });
  it('the organization must multiply out to the density (ramulator check)', () => {
    expect(() => resolveLpddr5({ ...LPDDR5_6400_X16, org: { ...LPDDR5_6400_X16.org, rows: 1 << 14 } })).toThrow(SpecError);
  });
  it("AHASD's table read as cycles of a 1.6 GHz clock (0.625 ns), counted at LPDDR5-6400's 800 MHz CK", () => {
    const a = resolveLpddr5(LPDDR5_AHASD);
    // 32 x 0.625 = 20 ns = 16 CK; tCCD_S 4 x 0.625 = 2.5 ns = 2 CK = one BL16 burst; tREFI 3.9 us.
    expect(a).toMatchObject({ nRCD: 16, nRPpb: 16, nRAS: 32, nRRD: 4, nCCD_S: 2, nCCD_L: 3, nFAW: 32, nRFCab: 280, nREFI: 3120 });
    expect(LPDDR5_AHASD.timing.tREFI).toBeCloseTo(3900, 6);
  });
});

/** Builds a channel, runs setup commands, then checks `cmd` is blocked at bound-1 and allowed at bound. */
function gate(setup: [Lpddr5Command, number, number][], cmd: Lpddr5Command, bank: number, bound: number) {
  const fresh = () => {
    const ch = new Lpddr5Channel(r);
    for (const [c, b, t] of setup) ch.issue(c, b, t, 1);
    return ch;
  };
  expect(fresh().earliest(cmd, bank)).toBe(bound);
  expect(() => fresh().issue(cmd, bank, bound - 1, 1)).toThrow(Lpddr5TimingError);
  expect(() => fresh().issue(cmd, bank, bound, 1)).not.toThrow();
}

describe('timing rules (JESD209-5 core timings), each tight', () => {
  it('ACT -> RD same bank: nRCD', () => gate([['ACT', 0, 0]], 'RD', 0, r.nRCD));
  it('ACT -> PRE same bank: nRAS', () => gate([['ACT', 0, 0]], 'PRE', 0, r.nRAS));
  it('PRE -> ACT same bank: nRPpb', () => gate([['ACT', 0, 0], ['PRE', 0, 40]], 'ACT', 0, 40 + r.nRPpb));
  it('ACT -> ACT same bank: nRC', () => gate([['ACT', 0, 0], ['PRE', 0, r.nRAS]], 'ACT', 0, r.nRC));
  it('ACT -> ACT other bank: nRRD', () => gate([['ACT', 0, 0]], 'ACT', 5, r.nRRD));
  it('fifth ACT within the window: nFAW', () => gate([['ACT', 0, 0], ['ACT', 4, 4], ['ACT', 8, 8], ['ACT', 12, 12]], 'ACT', 1, r.nFAW));
  it('RD -> RD same bank group: nCCD_L', () => gate([['ACT', 0, 0], ['ACT', 1, 4], ['RD', 0, 30]], 'RD', 1, 30 + r.nCCD_L));
  it('RD -> RD other bank group: nCCD_S', () => gate([['ACT', 0, 0], ['ACT', 4, 4], ['RD', 0, 30]], 'RD', 4, 30 + r.nCCD_S));
  it('RD -> PRE same bank: nRTP', () => gate([['ACT', 0, 0], ['RD', 0, 40]], 'PRE', 0, 40 + r.nRTP));
  it('PREA -> REFab: nRPab; REFab -> ACT: nRFCab', () => {
    gate([['ACT', 0, 0], ['PREA', 0, 40]], 'REFab', 0, 40 + r.nRPab);
    gate([['PREA', 0, 0], ['REFab', 0, r.nRPab]], 'ACT', 3, r.nRPab + r.nRFCab);
  });
  it('state rules: no RD to a closed bank, no ACT to an open one, no REFab with a row open', () => {
    const ch = new Lpddr5Channel(r);
    expect(() => ch.issue('RD', 0, 100)).toThrow(/no open row/);
    ch.issue('ACT', 0, 0, 3);
    expect(() => ch.issue('ACT', 0, 200, 4)).toThrow(/row 3 open/);
    expect(() => ch.issue('REFab', 0, 400)).toThrow(/row open/);
  });
});

describe('analytical model vs the command-level simulator (same JEDEC rules)', () => {
  const within = (a: number, b: number, tol: number) => expect(Math.abs(a / b - 1)).toBeLessThan(tol);
  const bytes = 1 << 19;
  for (const mapping of ['bg-interleaved', 'row-sequential'] as const) {
    for (const refresh of [false, true]) {
      for (const window of [1, 32]) {
        // Refresh: the model charges nRTP + nRPab + nRFCab + nRCD per tREFI; the simulator also
        // waits out tRAS of recently opened rows before PREA and reopens every bank's row.
        const tol = refresh ? 0.1 : 0.03;
        it(`stream, ${mapping}, refresh ${refresh ? 'on' : 'off'}, window ${window}: time within ${tol * 100}%`, () => {
          const sim = simulateReads(r, streamAddresses(r, mapping, bytes), { refresh, pagePolicy: 'open', window });
          const model = dramCost(r, { pattern: 'stream', bytes, channels: 1, mapping, refresh, window });
          within(model.time_ns, sim.time_ns, tol);
          expect(sim.counts.ACT).toBeGreaterThanOrEqual(model.row_activations);
        });
      }
    }
  }
  it('bg-interleaved streams at 12.8 GB/s less refresh (the tCCD_S bound); row-sequential is tCCD_L-bound in order, recovering with the window', () => {
    const a = dramCost(r, { pattern: 'stream', bytes, channels: 1, mapping: 'bg-interleaved', refresh: false, window: 32 });
    expect(a.bandwidth_gbps).toBeCloseTo(12.8, 6);
    const seq = (window: number) => dramCost(r, { pattern: 'stream', bytes, channels: 1, mapping: 'row-sequential', refresh: false, window }).bandwidth_gbps;
    expect(seq(1)).toBeLessThanOrEqual(6.4 + 1e-9); // one burst per tCCD_L at best
    expect(seq(1)).toBeGreaterThan(0.85 * 6.4); // row switches exposed in order
    expect(seq(16)).toBeGreaterThan(seq(1));
    expect(seq(128)).toBeCloseTo(12.8, 1); // the window spans two rows: bank groups interleave
    const on = dramCost(r, { pattern: 'stream', bytes, channels: 1, mapping: 'bg-interleaved', refresh: true, window: 32 });
    expect(on.refresh_overhead).toBeCloseTo((6 + 17 + 168 + 15) / 3124, 9);
  });
  for (const refresh of [false, true]) {
    it(`uniformly random 32 B reads, refresh ${refresh ? 'on' : 'off'}: bandwidth within 10% (tRRD / tFAW bound)`, () => {
      const n = 20000;
      const sim = simulateReads(r, randomAddresses(r, n, 7), { refresh, pagePolicy: 'close', window: 32 });
      const model = dramCost(r, { pattern: 'random', bytes: n * 32, channels: 1, mapping: 'bg-interleaved', refresh, window: 32 });
      within(model.bandwidth_gbps, sim.bandwidth_gbps, 0.1);
    });
  }
  it('idle latency = tRP + tRCD + tCL + burst', () => {
    expect(dramCost(r, { pattern: 'idle', bytes: 0, channels: 1, mapping: 'bg-interleaved', refresh: true, window: 32 }).latency_ns).toBeCloseTo((15 + 15 + 17 + 2) * 1.25, 9);
  });
  it('mappings: bg-interleaved rotates bank groups burst by burst; row-sequential fills a row first', () => {
    const g = (m: 'bg-interleaved' | 'row-sequential', i: number) => mapBurst(r, m, i);
    expect([0, 1, 2, 3, 4].map((i) => Math.floor(g('bg-interleaved', i).bank / 4))).toEqual([0, 1, 2, 3, 0]);
    expect([0, 1, 63, 64].map((i) => g('row-sequential', i).bank)).toEqual([0, 0, 0, 4]);
  });
});
