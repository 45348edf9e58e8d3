import { describe, expect, it } from 'vitest';
import { configurePlatform, PLATFORM_IDS, resolvePlatform } from '../../src/platform/platforms.js';
import { overridableKeys } from '../../src/platform/overrides.js';
import { UserError } from '../../src/config/user-error.js';
import { matmulOp, opCost, platformDevices, stepBreakdown } from '../../src/platform/cost.js';
import { ENERGY_TABLES } from '../../src/energy/tables.js';
import { price, EnergyTableError } from '../../src/energy/ert.js';
import { arStepOps } from '../../src/workload/decompose.js';
import { getModel } from '../../src/workload/models.js';

const REQUIRED_IDS = ['mobile-npu-lpddr5', 'gemv-pim', 'lp-spec', 'ahasd', 'specpim-hbm-pim', 'specpim-gddr6-aim', 'gpu-rtx4090-laptop', 'gpu-rtx3090', 'gpu-a100', 'pim-llm', 'tpu-llm', 'hbm2-pim'];

describe('platform presets', () => {
  it('every required id exists', () => {
    expect(PLATFORM_IDS).toEqual(expect.arrayContaining(REQUIRED_IDS));
  });
  it.each(REQUIRED_IDS)('%s validates, cites sources, and prices every action its devices emit', (id) => {
    const p = resolvePlatform(id);
    expect(p.config.sources.length).toBeGreaterThan(0);
    for (const d of platformDevices(p)) {
      const op = d === 'xbar' ? matmulOp(1, 1024, 1024, 'w1a8') : matmulOp(4, 1024, 1024, d === 'pim' && p.config.pim?.precision === 'fp16' ? 'fp16' : 'int8');
      const c = opCost(p, d, op);
      expect(c.time_ns).toBeGreaterThan(0);
      expect(c.energy_pj).toBeGreaterThan(0);
    }
  });
  it('the keys the issue names exist under these names', () => {
    const keys = overridableKeys(configurePlatform('lp-spec'));
    for (const k of ['dram.channels', 'dram.refresh', 'npu.rows', 'npu.cols', 'npu.cores', 'npu.dataflow', 'npu.freq_mhz']) expect(keys.has(k)).toBe(true);
  });
  it('dotted overrides apply: dataflow, channels (bandwidth scales by channel), refresh off', () => {
    expect(configurePlatform('lp-spec', ['npu.dataflow=os']).npu!.dataflow).toBe('os');
    const two = resolvePlatform('mobile-npu-lpddr5', ['dram.channels=2', 'dram.refresh=off']);
    expect(two.memory.bandwidth_gbps).toBeCloseTo(25.6, 6);
    expect(resolvePlatform('mobile-npu-lpddr5', ['dram.refresh=off']).memory.bandwidth_gbps).toBeCloseTo(51.2, 6);
  });
  it('unknown preset, unknown key, bad enum and bad number are clear errors listing the valid ones', () => {
    expect(() => resolvePlatform('nope')).toThrow(/unknown platform 'nope'; platforms: mobile-npu-lpddr5, gemv-pim/);
    expect(() => resolvePlatform('lp-spec', ['npu.rowz=3'])).toThrow(/field 'npu.rowz': platform 'lp-spec' has no such field; fields: .*npu\.rows/);
    expect(() => resolvePlatform('lp-spec', ['npu.dataflow=xs'])).toThrow(/expected one of os, ws, is/);
    expect(() => resolvePlatform('lp-spec', ['npu.rows=-1'])).toThrow(UserError);
    expect(() => resolvePlatform('lp-spec', ['npu.rows=0'])).toThrow(/field 'npu.rows': expected a whole number in \[1, 65536\] PEs, got "0"/);
    expect(() => resolvePlatform('lp-spec', ['dram.preset=ddr9'])).toThrow(/field 'dram.preset': unknown DRAM preset "ddr9"; expected one of lpddr5-6400-x16/);
  });
  it('a step breakdown adds up per device', () => {
    const p = resolvePlatform('pim-llm');
    const b = stepBreakdown(p, arStepOps(getModel('opt-6.7b'), 128, 'w1a8'));
    const sum = Object.values(b.by_device).reduce((s, d) => s + d.time_ns, 0);
    expect(sum).toBeCloseTo(b.time_ns, 6);
    expect(Object.keys(b.by_device).sort()).toEqual(['npu', 'xbar']);
  });
});

describe('energy reference tables', () => {
  it('off-chip streaming of a full row costs AttAcc\'s 3.59 pJ/bit; in-bank 0.55 pJ/bit (the 15% ratio)', () => {
    const t = ENERGY_TABLES['mobile-attacc-lp-spec'];
    const row = 2048;
    const off = price({ dram_external_bytes: row, dram_row_activations: 1 }, t).dynamic_pj / (row * 8);
    const inb = price({ dram_internal_bytes: row, dram_row_activations: 1 }, t).dynamic_pj / (row * 8);
    expect(off).toBeCloseTo(3.59, 9);
    expect(inb).toBeCloseTo(0.55, 9);
    expect(inb / off).toBeCloseTo(0.153, 3);
  });
  it('INT8 MAC = 63.6% of FP16', () => {
    const t = ENERGY_TABLES['mobile-attacc-lp-spec'];
    expect(t.actions.npu_macs_int8!.pj / t.actions.npu_macs_fp16!.pj).toBeCloseTo(0.636, 9);
  });
  it('every entry cites a source; an action without an entry is an error, not a silent 0', () => {
    for (const t of Object.values(ENERGY_TABLES)) for (const e of [...Object.values(t.actions), ...Object.values(t.static_mw)]) expect(e.source.length).toBeGreaterThan(10);
    // A typed union rejects an unknown name at compile time; a table lacking a known action fails at run time.
    expect(() => price({ adc_conversions: 1 }, ENERGY_TABLES['ahasd-mobile'])).toThrow(EnergyTableError);
  });
});
