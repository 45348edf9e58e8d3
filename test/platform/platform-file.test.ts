/** Platform files: every preset round-trips through its file form; a user's own platform replays; bad files fail with the file and the field path. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matmulOp, opCost } from '../../src/platform/cost.js';
import { platformFileText } from '../../src/platform/platform-file.js';
import { configurePlatform, PLATFORM_IDS, resolvePlatform } from '../../src/platform/platforms.js';
import { UserError } from '../../src/config/user-error.js';
import { ROOT, tmpDir } from '../helpers.js';

const MY_PHONE = path.join(ROOT, 'test', 'fixtures', 'platforms', 'my-phone.json');

function file(name: string, json: unknown): string {
  const f = path.join(tmpDir(), name);
  fs.writeFileSync(f, typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  return f;
}

describe('platform files', () => {
  it.each(PLATFORM_IDS)('preset %s round-trips through its file form (list platforms --show), the same platform and costs', (id) => {
    const f = file(`${id}.json`, platformFileText(configurePlatform(id)));
    const again = configurePlatform(f);
    expect(again).toEqual(configurePlatform(id));
    const [a, b] = [resolvePlatform(id), resolvePlatform(f)];
    const device = a.config.npu ? 'npu' : a.config.gpu ? 'gpu' : 'pim';
    expect(opCost(b, device, matmulOp(4, 4096, 4096, 'fp16')).energy_pj).toBe(opCost(a, device, matmulOp(4, 4096, 4096, 'fp16')).energy_pj);
  });

  it('"base" plus the fields that differ: the rest is the preset', () => {
    const f = file('eight-cores.json', { base: 'lp-spec', id: 'lp-spec-8-cores', npu: { cores: 8 }, dram: { timing: { tRCD: 24 } } });
    const p = configurePlatform(f);
    expect(p.id).toBe('lp-spec-8-cores');
    expect(p.npu!.cores).toBe(8);
    expect(p.npu!.rows).toBe(configurePlatform('lp-spec').npu!.rows);
    expect(p.dram.timing!.tRCD).toBe(24);
    expect(p.dram.timing!.tRPpb).toBe(18);
  });

  it("a user's own platform (own NPU, DRAM timings, PIM and energy table) resolves and prices with its own table", () => {
    const p = resolvePlatform(MY_PHONE);
    expect(p.config.id).toBe('my-phone');
    expect(p.dram.spec.timing.tRCD).toBe(20);
    expect(p.energyTable.id).toBe('my-phone-energy');
    const c = opCost(p, 'pim', matmulOp(1, 4096, 4096, 'int8'));
    expect(c.energy_by_action_pj.pim_mode_switches).toBe(2 * 15_000);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a misspelt field', { base: 'lp-spec', npu: { corez: 8 } }, /bad\.json: field 'npu\.corez': no such field; fields here: id, description, rows, cols, cores/],
    ['a value out of range', { base: 'lp-spec', npu: { rows: 0 } }, /bad\.json: field 'npu\.rows': expected a whole number in \[1, 65536\] PEs, got "?0"?/],
    ['a mistyped value', { base: 'lp-spec', dram: { channels: 'four' } }, /bad\.json: field 'dram\.channels': expected a number, got the string "four"/],
    ['a missing part of a complete platform', { id: 'x', dram: { preset: 'lpddr5-6400-x16', channels: 4, refresh: true, mapping: 'bg-interleaved', window: 32 }, npu: { rows: 32 }, energy: 'ahasd-mobile' }, /bad\.json: field 'npu\.id': missing \(expected a string\)/],
    ['no energy table', { id: 'x', dram: { preset: 'lpddr5-6400-x16', channels: 4, refresh: true, mapping: 'bg-interleaved', window: 32 } }, /bad\.json: field 'energy': missing/],
    ['an energy entry without its source', { base: 'ahasd', energy_table: { id: 't', description: 'd', actions: { pim_mode_switches: { pj: 1, source: ' ' } }, static_mw: {} } }, /field 'energy_table\.actions\.pim_mode_switches\.source': every energy entry cites its source/],
    ['an energy entry for an action no model counts', { base: 'ahasd', energy_table: { id: 't', description: 'd', actions: { teleport_bytes: { pj: 1, source: 'x' } }, static_mw: {} } }, /field 'energy_table\.actions\.teleport_bytes': no such field; fields here: dram_external_bytes/],
    ['an unknown base', { base: 'iphone' }, /bad\.json: field 'base': expected a platform preset \(mobile-npu-lpddr5/],
    ['an unknown enum value', { base: 'lp-spec', npu: { dataflow: 'xs' } }, /bad\.json: field 'npu\.dataflow': expected one of os, ws, is/],
  ];
  it.each(bad)('%s: one error naming the file and the field', (_what, json, re) => {
    const f = file('bad.json', json);
    expect(() => configurePlatform(f)).toThrow(UserError);
    expect(() => configurePlatform(f)).toThrow(re);
  });

  it('broken JSON names the line; a missing file says so', () => {
    const f = file('bad.json', '{\n  "base": "lp-spec",\n  "npu": { "cores": 8, }\n}\n');
    expect(() => configurePlatform(f)).toThrow(/bad\.json:3: not valid JSON/);
    expect(() => configurePlatform(path.join(tmpDir(), 'nope.json'))).toThrow(/nope\.json: no such platform file/);
  });
});

describe('overriding DRAM timings and energy entries', () => {
  it('dram.timing.* changes the DRAM model and is noted in the readings', () => {
    const slow = configurePlatform('lp-spec', ['dram.timing.tRCD=30']);
    expect(slow.dram.timing!.tRCD).toBe(30);
    expect(slow.readings.at(-1)).toBe("dram.timing.tRCD = 30 set by the user (the DRAM preset's: 18)");
    expect(resolvePlatform('lp-spec', ['dram.timing.tRCD=30']).dram.nRCD).toBeGreaterThan(resolvePlatform('lp-spec').dram.nRCD);
    expect(() => configurePlatform('lp-spec', ['dram.timing.tRCD=-1'])).toThrow(/field 'dram\.timing\.tRCD': expected a number in \[0, 1000000000\] ns/);
  });
  it("energy_table entries change the price everywhere, the entry's source says who set it", () => {
    const p = resolvePlatform('ahasd', ['energy_table.actions.pim_mode_switches.pj=0']);
    expect(p.energyTable.actions.pim_mode_switches!.pj).toBe(0);
    expect(p.energyTable.actions.pim_mode_switches!.source).toMatch(/^set by the user to 0 \(was 20000: \[AHASD-ART/);
    const op = matmulOp(1, 4096, 4096, 'int8');
    expect(opCost(p, 'pim', op).energy_pj).toBeLessThan(opCost(resolvePlatform('ahasd'), 'pim', op).energy_pj);
    expect(() => configurePlatform('ahasd', ['energy_table.actions.pim_mode_switches.pj=-5'])).toThrow(/expected a number in \[0, 1000000000000000\] pJ/);
  });
  it('a new DRAM preset brings its own timings; a new energy table its own entries', () => {
    const p = configurePlatform('lp-spec', ['dram.preset=lpddr5-ahasd']);
    expect(p.dram.timing).toEqual(configurePlatform('ahasd').dram.timing);
    expect(configurePlatform('lp-spec', ['energy=ahasd-mobile']).energy_table!.id).toBe('ahasd-mobile');
  });
});
