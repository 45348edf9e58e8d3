/** Ctrl-C or a kill during a run: the CLI removes its partial outputs and leaves earlier ones as they were. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, tmpDir } from '../helpers.js';

const BIN = path.join(ROOT, 'bin', 'specreplay.js');
const EAGLE = fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');

function start(argv: string[]) {
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p).toString('base64');
  }
  return out;
}

describe('signals', () => {
  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s during a replay leaves no temporary file and the previous run as it was', async (signal, code) => {
    const dir = tmpDir();
    const out = path.join(dir, 'run');
    const args = ['replay', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '--platform', 'mobile-npu-lpddr5', '--policy', 'sd-npu', '--policy', 'ar-npu', '--timeline', 'all', '-o', out, '-q'];
    const first = start(args);
    expect(await first.exited).toBe(0);
    const before = snapshot(out);
    // Kill a second run at several moments; whenever the signal lands, the rule holds.
    for (const delayMs of [150, 400, 800]) {
      const r = start(args);
      await new Promise((res) => setTimeout(res, delayMs));
      r.child.kill(signal);
      const exit = await r.exited;
      // null: the signal came before the CLI had installed its handler (still loading, under
      // load), so nothing had been written; the rule must hold then too.
      expect([0, code, null]).toContain(exit);
      if (exit === code) expect(r.stderr()).toMatch(/interrupted/);
      expect(fs.readdirSync(dir).sort()).toEqual(['run']);
      if (exit !== 0) expect(snapshot(out)).toEqual(before);
    }
  });
});
