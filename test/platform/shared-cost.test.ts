/** One operator-cost cache per hardware configuration, shared across replays in a process. */
import { describe, expect, it } from 'vitest';
import { sharedCostCache } from '../../src/platform/cost.js';
import { resolvePlatform } from '../../src/platform/platforms.js';

describe('shared operator-cost caches', () => {
  it('the same hardware shares one cache whatever its energy table; other timings get their own', () => {
    const base = sharedCostCache(resolvePlatform('lp-spec'));
    expect(sharedCostCache(resolvePlatform('lp-spec'))).toBe(base);
    expect(sharedCostCache(resolvePlatform('lp-spec', ['energy_table.actions.dram_internal_bytes.pj=5']))).toBe(base);
    expect(sharedCostCache(resolvePlatform('lp-spec', ['dram.timing.tRCD=30']))).not.toBe(base);
    expect(sharedCostCache(resolvePlatform('lp-spec', ['pim.freq_mhz=50']))).not.toBe(base);
  });
  it('keeps at most 8 platforms (the oldest goes first)', () => {
    const first = sharedCostCache(resolvePlatform('gemv-pim', ['dram.window=1']));
    for (let w = 2; w <= 9; w++) sharedCostCache(resolvePlatform('gemv-pim', [`dram.window=${w}`]));
    expect(sharedCostCache(resolvePlatform('gemv-pim', ['dram.window=1']))).not.toBe(first);
  });
});
