/**
 * Samsung's PIM GEMV kernel model against Samsung's cycle-level PIMSimulator on its own
 * configuration: 64 HBM2 pseudo-channels (system_hbm_64ch.ini, ini/HBM2_samsung_2M_16B_x64.ini),
 * FP16, one input vector. The cycle counts below were printed by PIMSimulator
 * ([PIMSIM] at commit b464dde014a5b137a510e53e95cfa9c706e77fee, built with `scons NO_STORAGE=1`)
 * running PIMBenchFixture's GEMV case (`setPIMBenchTestCase(KernelType::GEMV, out, in)`,
 * `executePIMKernel()`, "> Cycle :"), tCK = 1 ns. Weight dimension out x in.
 */
import { describe, expect, it } from 'vitest';
import { resolvePlatform } from '../../src/platform/platforms.js';
import { samsungGemv } from '../../src/hw/pim/samsung-kernel.js';
import { matmulOp, opCost } from '../../src/platform/cost.js';

const PIMSIMULATOR: readonly [out: number, inn: number, cycles: number][] = [
  [4096, 4096, 13166],
  [4096, 1024, 3662],
  [11008, 4096, 39127],
  [4096, 11008, 35022],
  [1024, 4096, 13166],
  [8192, 4096, 26337],
  [4096, 2048, 6970],
  [4096, 256, 1138],
];

describe('Samsung PIM GEMV kernel vs PIMSimulator (64 pseudo-channels, FP16)', () => {
  const p = resolvePlatform('hbm2-pim', ['dram.channels=64']);
  it('the platform follows dram.channels: 64 pseudo-channels of 8 PIM blocks each', () => {
    expect(p.config.pim!.channels).toBe(64);
    expect(p.config.pim!.units_per_channel * p.config.pim!.channels).toBe(512);
  });
  it.each(PIMSIMULATOR)('%i x %i: within 10%% of PIMSimulator', (out, inn, cycles) => {
    const k = samsungGemv(p.config.pim!, p.dram, 64, out, inn, 1);
    expect(k.cycles / cycles).toBeGreaterThan(0.9);
    expect(k.cycles / cycles).toBeLessThan(1.1);
  });
  it('tiles: output rows per tile = 512 units x 8 GRF_B registers; input per tile = 8 GRF_A x 16 lanes', () => {
    const k = samsungGemv(p.config.pim!, p.dram, 64, 11008, 4096, 1);
    expect(k.output_tiles).toBe(3);
    expect(k.input_tiles).toBe(32);
    expect(k.mac_commands_per_channel).toBe(3 * 32 * 64);
    // Same output tiles, same time: 1024 and 4096 rows both fit one tile.
    expect(samsungGemv(p.config.pim!, p.dram, 64, 1024, 4096, 1).cycles).toBe(samsungGemv(p.config.pim!, p.dram, 64, 4096, 4096, 1).cycles);
  });
  it('an operator on the platform costs the kernel plus reading the results back; M tokens run the kernel M times', () => {
    const one = opCost(p, 'pim', matmulOp(1, 4096, 4096, 'fp16'));
    const k = samsungGemv(p.config.pim!, p.dram, 64, 4096, 4096, 1);
    expect(one.time_ns).toBeGreaterThan(k.time_ns);
    expect(one.time_ns).toBeLessThan(k.time_ns * 1.05);
    const four = opCost(p, 'pim', matmulOp(4, 4096, 4096, 'fp16'));
    expect(four.time_ns / one.time_ns).toBeGreaterThan(3.8);
  });
  it('the streaming model it replaces was a fifth to a third optimistic on the same GEMVs', () => {
    const stream = resolvePlatform('hbm2-pim', ['dram.channels=64', 'pim.kernel=stream']);
    const s = opCost(stream, 'pim', matmulOp(1, 4096, 4096, 'fp16')).time_ns;
    expect(s / 13166).toBeLessThan(0.85);
  });
  it.each(['samsung-gemv', 'stream'])("the %s model's time breakdown (timelines) adds up to the operator's time, transfers marked as bus", (kernel) => {
    const q = resolvePlatform('hbm2-pim', ['dram.channels=64', `pim.kernel=${kernel}`]);
    for (const m of [1, 4]) {
      const c = opCost(q, 'pim', matmulOp(m, 4096, 11008, 'fp16'));
      const parts = c.segments ?? [];
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.reduce((s, g) => s + g.time_ns, 0) / c.time_ns).toBeCloseTo(1, 9);
      expect(parts.filter((g) => g.bus).map((g) => g.name)).toContain('read output');
    }
  });
});
