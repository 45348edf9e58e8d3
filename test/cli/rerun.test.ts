/**
 * Re-runnable runs: config.json holds everything expanded, and `replay TRACE --config
 * RUN/config.json -o RUN2` reproduces RUN byte for byte; platform files from the CLI; a bad
 * config.json fails with the file and the field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo, fixture, tmpDir } from '../helpers.js';

const EAGLE = fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');
const MY_PHONE = fixture('platforms', 'my-phone.json');

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

async function cli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const io = captureIo();
  const code = await main(args, io);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

describe('replay --config', () => {
  it('reproduces a run byte for byte from its config.json (platform overrides, DRAM timing and energy entry overrides, policy parameters)', async () => {
    const dir = tmpDir();
    const [one, two] = [path.join(dir, 'one'), path.join(dir, 'two')];
    const sets = ['--set', 'dram.timing.tRCD=20', '--set', 'energy_table.actions.pim_mode_switches.pj=15000', '--set', 'sd-gemv-pim.gemv_max_m=4', '--set', 'seed=7'];
    const a = await cli(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--platform', 'gemv-pim', '--policy', 'ar-npu', '--policy', 'sd-gemv-pim', ...sets, '-o', one, '-q', '--timeline', 'all']);
    expect(a.code, a.stderr).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(one, 'config.json'), 'utf8'));
    // Everything expanded: every DRAM timing, every energy entry with its source, every policy parameter, the policies.
    expect(config.platform.dram.timing.tRCD).toBe(20);
    expect(config.platform.dram.timing.tREFI).toBe(3906);
    expect(config.platform.energy_table.actions.pim_mode_switches.source).toMatch(/^set by the user to 15000/);
    expect(config.config.params['lp-spec']).toHaveProperty('prior_weight');
    expect(config.policies).toEqual(['ar-npu', 'sd-gemv-pim']);
    const b = await cli(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--config', path.join(one, 'config.json'), '-o', two, '-q', '--timeline', 'all']);
    expect(b.code, b.stderr).toBe(0);
    expect(filesOf(two)).toEqual(filesOf(one));
    for (const f of filesOf(one)) expect(fs.readFileSync(path.join(two, f)).equals(fs.readFileSync(path.join(one, f))), f).toBe(true);
  });

  it('--config with --platform, --policy or --set is a usage error', async () => {
    const r = await cli(['replay', EAGLE, '--config', 'x.json', '--platform', 'gemv-pim', '-o', path.join(tmpDir(), 'r')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--config replays a run as it was: leave out --platform, --policy and --set/);
  });

  it.each([
    ['a parameter out of range', (c: { config: { params: Record<string, Record<string, unknown>> } }) => (c.config.params['sd-gemv-pim']!['gemv_max_m'] = -3), /config\.json: field 'config\.params\.sd-gemv-pim\.gemv_max_m': .*expected a whole number/],
    ['a platform field out of range', (c: { platform: { npu: Record<string, unknown> } }) => (c.platform.npu['rows'] = 0), /config\.json \(platform\): field 'npu\.rows': expected a whole number in \[1, 65536\]/],
    ['no policies', (c: Record<string, unknown>) => delete c['policies'], /config\.json: field 'policies': expected the list of the run's policies/],
  ] as const)('a config.json with %s: one error naming the file and the field', async (_what, edit, re) => {
    const dir = tmpDir();
    const one = path.join(dir, 'one');
    expect((await cli(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--platform', 'gemv-pim', '--policy', 'sd-gemv-pim', '-o', one, '-q'])).code).toBe(0);
    const c = JSON.parse(fs.readFileSync(path.join(one, 'config.json'), 'utf8'));
    (edit as (c: unknown) => void)(c);
    const bad = path.join(dir, 'config.json');
    fs.writeFileSync(bad, JSON.stringify(c));
    const r = await cli(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--config', bad, '-o', path.join(dir, 'two'), '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(path.join(dir, 'two'))).toBe(false);
  });
});

describe('--platform FILE', () => {
  it("replays on a user's own platform file; list platforms --show prints a preset as such a file", async () => {
    const out = path.join(tmpDir(), 'run');
    const r = await cli(['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--platform', MY_PHONE, '--policy', 'sd-gemv-pim', '-o', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
    expect(config.platform.id).toBe('my-phone');
    expect(config.platform.energy_table.id).toBe('my-phone-energy');
    const shown = await cli(['list', 'platforms', '--show', 'gemv-pim']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).dram.timing.tRCD).toBe(18);
  });
});
