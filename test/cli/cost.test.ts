import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers.js';

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, ...io, json: () => JSON.parse(io.stdout) };
}

describe('specreplay cost', () => {
  it('dram: LPDDR5-6400 x16 streams 12.8 GB/s per channel without refresh, 51.2 GB/s on 4 channels', async () => {
    const one = (await run('cost', 'dram', '--preset', 'lpddr5-6400-x16', '--pattern', 'stream', '--refresh', 'off', '--json')).json();
    expect(one.bandwidth_gbps).toBeCloseTo(12.8, 6);
    const four = (await run('cost', 'dram', '--preset', 'lpddr5-6400-x16', '--channels', '4', '--pattern', 'stream', '--refresh', 'off', '--json')).json();
    expect(four).toMatchObject({ bandwidth_gbps: expect.closeTo(51.2, 6), latency_ns: expect.any(Number), time_ns: expect.any(Number) });
    const idle = (await run('cost', 'dram', '--preset', 'lpddr5-6400-x16', '--pattern', 'idle', '--json')).json();
    expect(idle.latency_ns).toBeCloseTo(61.25, 6);
  });
  it('op: the fields the issue names', async () => {
    const r = (await run('cost', 'op', '--platform', 'lp-spec', '--device', 'npu', '--op', 'gemm', '--m', '16', '--k', '4096', '--n', '4096', '--precision', 'int8', '--set', 'npu.dataflow=os', '--json')).json();
    for (const k of ['time_ns', 'cycles', 'compute_cycles', 'utilization', 'energy_pj', 'actions']) expect(r).toHaveProperty(k);
    expect(r.actions.npu_macs_int8).toBe(16 * 4096 * 4096);
  });
  it('step: per-operator and per-device breakdown', async () => {
    const r = (await run('cost', 'step', '--platform', 'lp-spec', '--target', 'llama-2-7b', '--phase', 'verify', '--tokens', '8', '--context', '512', '--json')).json();
    expect(r.ops.length).toBeGreaterThan(10);
    expect(Object.keys(r.by_device).length).toBeGreaterThan(0);
    expect(r.time_ns).toBeCloseTo(r.ops.reduce((s: number, o: { time_ns: number }) => s + o.time_ns, 0), 3);
  });
  it('user errors exit 1 with a message: unknown preset / key / model / device', async () => {
    expect((await run('cost', 'op', '--platform', 'nope', '--device', 'npu', '--k', '1', '--n', '1')).stderr).toMatch(/unknown platform 'nope'; platforms: /);
    expect((await run('cost', 'op', '--platform', 'lp-spec', '--device', 'xbar', '--k', '1', '--n', '1')).stderr).toMatch(/has no xbar; its devices: npu, pim/);
    expect((await run('cost', 'step', '--platform', 'lp-spec', '--target', 'gpt-9', '--phase', 'ar', '--context', '1')).stderr).toMatch(/unknown model 'gpt-9'; models: llama-2-7b/);
    const r = await run('cost', 'dram', '--preset', 'lpddr5-6400-x16', '--pattern', 'sideways');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--pattern must be one of stream, random, idle/);
  });
  it('list platforms and models', async () => {
    const p = (await run('list', 'platforms', '--json')).json().map((x: { id: string }) => x.id);
    expect(p).toEqual(expect.arrayContaining(['lp-spec', 'ahasd', 'pim-llm', 'tpu-llm', 'hbm2-pim']));
    const m = (await run('list', 'models', '--json')).json().map((x: { id: string }) => x.id);
    expect(m).toEqual(expect.arrayContaining(['llama-2-7b', 'opt-6.7b', 'medusa-vicuna-7b', 'gpt2-355m']));
  });
});

describe('cost op dimensions', () => {
  it('a dimension no operator has (1e308, 2.5, 0) is refused with the range, never printed as Infinity', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { captureIo } = await import('../helpers.js');
    for (const m of ['1e308', '2.5', '0', '16777217']) {
      const io = captureIo();
      expect(await main(['cost', 'op', '--platform', 'gemv-pim', '--device', 'npu', '--m', m, '--k', '4096', '--n', '4096'], io), m).toBe(1);
      expect(io.stderr).toMatch(new RegExp(`--m must be a whole number in \\[1, 16777216\\], got '${m.replace('.', '\\.')}'`));
      expect(io.stdout).not.toMatch(/Infinity/);
    }
  });
});
