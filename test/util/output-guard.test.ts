/** The overwrite rule: nothing a user had is deleted or half-written, whatever `-o` names. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { OUTPUT_MARKER } from '../../src/util/output-guard.js';
import { sweepStaleTemps, writeTextAtomic } from '../../src/util/atomic-write.js';
import { timelineFileName } from '../../src/replay/run-dir.js';
import { captureIo, fixture, tmpDir } from '../helpers.js';

const EAGLE = fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, ...io };
}

/** A folder a user cares about: a note and a source folder. */
function userFolder(dir: string): void {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
  fs.writeFileSync(path.join(dir, 'src', 'main.c'), 'int main(void) { return 0; }\n');
}

function expectUserFolderIntact(dir: string): void {
  expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
  expect(fs.readFileSync(path.join(dir, 'src', 'main.c'), 'utf8')).toContain('int main');
}

function noTemps(dir: string): void {
  expect(fs.readdirSync(dir).filter((n) => /\.tmp|\.old-/.test(n))).toEqual([]);
}

async function ingested(dir: string): Promise<string> {
  const t = path.join(dir, 't.arrow');
  expect((await run('ingest', EAGLE, '-o', t, '--tree', 'eagle-mc_sim_7b_63', '-q')).code).toBe(0);
  return t;
}

const replayArgs = (trace: string, out: string, ...more: string[]) => ['replay', trace, '--platform', 'mobile-npu-lpddr5', '--policy', 'ar-npu', '-o', out, '-q', ...more];

describe('the overwrite rule', () => {
  it('refuses a non-empty folder that is not a previous run, and deletes nothing', async () => {
    const dir = tmpDir();
    const t = await ingested(dir);
    const user = path.join(dir, 'user');
    userFolder(user);
    const r = await run(...replayArgs(t, user));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a previous specreplay run output \(it holds notes.txt, src\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectUserFolderIntact(user);
    expect(fs.readdirSync(user).sort()).toEqual(['notes.txt', 'src']);
    noTemps(dir);
  });

  it('refuses an empty path and the folder holding the input', async () => {
    const dir = tmpDir();
    const t = await ingested(dir);
    expect((await run(...replayArgs(t, ''))).stderr).toMatch(/output path is empty/);
    const r = await run(...replayArgs(t, dir, '--force'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds the input/);
    expect(fs.existsSync(t)).toBe(true);
  });

  it('--force adds the run beside the user files and deletes none of them, then or later', async () => {
    const dir = tmpDir();
    const t = await ingested(dir);
    const user = path.join(dir, 'user');
    userFolder(user);
    expect((await run(...replayArgs(t, user, '--force'))).code).toBe(0);
    expectUserFolderIntact(user);
    expect(fs.existsSync(path.join(user, 'steps.arrow'))).toBe(true);
    // A later run into the now-marked folder replaces the run's files and keeps the user's.
    expect((await run(...replayArgs(t, user))).code).toBe(0);
    expectUserFolderIntact(user);
    noTemps(dir);
  });

  it('replaces a previous run directory, keeping a file the user put there', async () => {
    const dir = tmpDir();
    const t = await ingested(dir);
    const out = path.join(dir, 'run');
    expect((await run(...replayArgs(t, out, '--timeline', 'all'))).code).toBe(0);
    expect(fs.existsSync(path.join(out, OUTPUT_MARKER))).toBe(true);
    expect(fs.existsSync(path.join(out, 'timelines'))).toBe(true);
    fs.writeFileSync(path.join(out, 'my-analysis.txt'), 'keep me\n');
    expect((await run(...replayArgs(t, out))).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'my-analysis.txt'), 'utf8')).toBe('keep me\n');
    expect(fs.existsSync(path.join(out, 'timelines'))).toBe(false); // the old run's files went
    // A run with only its own files is swapped whole.
    fs.rmSync(path.join(out, 'my-analysis.txt'));
    expect((await run(...replayArgs(t, out))).code).toBe(0);
    noTemps(dir);
  });

  it('ingest never overwrites its input or a file that is not an Arrow trace', async () => {
    const dir = tmpDir();
    const src = path.join(dir, 'eagle.jsonl');
    fs.copyFileSync(EAGLE, src);
    const before = fs.readFileSync(src);
    const self = await run('ingest', src, '-o', src, '--tree', 'eagle-mc_sim_7b_63', '--force');
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/over its own input/);
    expect(fs.readFileSync(src)).toEqual(before);
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'my notes\n');
    const r = await run('ingest', src, '-o', notes, '--tree', 'eagle-mc_sim_7b_63');
    expect(r.stderr).toMatch(/not an Arrow trace/);
    expect(fs.readFileSync(notes, 'utf8')).toBe('my notes\n');
    const d = await run('ingest', src, '-o', dir, '--tree', 'eagle-mc_sim_7b_63');
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/is a folder/);
    // A previous Arrow trace is replaced.
    const t = path.join(dir, 't.arrow');
    expect((await run('ingest', src, '-o', t, '--tree', 'eagle-mc_sim_7b_63', '-q')).code).toBe(0);
    expect((await run('ingest', src, '-o', t, '--tree', 'eagle-mc_sim_7b_63', '-q')).code).toBe(0);
    noTemps(dir);
  });

  it('export, sweep, figures and demo refuse a folder of user files too', async () => {
    const dir = tmpDir();
    const t = await ingested(dir);
    const user = path.join(dir, 'user');
    userFolder(user);
    const sweep = path.join(dir, 'sweep.json');
    fs.writeFileSync(sweep, JSON.stringify({ id: 's', trace: t, platforms: ['mobile-npu-lpddr5'], policies: ['ar-npu'], grid: {} }));
    for (const argv of [
      ['export', t, '--to', 'csv', '-o', user],
      ['export', t, '--to', 'jsonl', '-o', path.join(user, 'notes.txt')],
      ['sweep', sweep, '-o', user, '--workers', '1', '-q'],
      ['figures', 'pim-llm-context', '-o', user],
      ['demo', '-o', user, '-q'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toMatch(/^specreplay: .*(not a previous|not a canonical JSONL)/);
      expectUserFolderIntact(user);
      expect(fs.readdirSync(user).sort()).toEqual(['notes.txt', 'src']);
    }
  });
});

describe('temporary files', () => {
  it('a temp file of a process that is gone is removed by the next write beside it; a live one is kept', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'out.arrow');
    const dead = path.join(dir, '.out.arrow.999999999.tmp');
    const deadDir = path.join(dir, 'out.arrow.tmp-999999998');
    const live = path.join(dir, `.out.arrow.${process.ppid}.tmp`);
    fs.writeFileSync(dead, 'partial');
    fs.mkdirSync(deadDir);
    fs.writeFileSync(live, 'another writer');
    writeTextAtomic(target, 'x');
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(deadDir)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    sweepStaleTemps(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('x');
  });
});

describe('timeline file names', () => {
  it('distinct request ids never share a file', () => {
    const ids = ['a b/0', 'a_b/0', 'a?b/0', 'a_b_0', '..', '.', 'x'.repeat(300), 'x'.repeat(301)];
    const names = ids.map(timelineFileName);
    expect(new Set(names).size).toBe(ids.length);
    expect(timelineFileName('81/0')).toBe('81%2F0.json');
    expect(timelineFileName('a b/0')).toBe('a%20b%2F0.json');
    expect(timelineFileName('..')).toBe('%2E..json');
    expect(timelineFileName('plain-id_1.2')).toBe('plain-id_1.2.json');
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_.~%-]+\.json$/);
  });
});

describe('removeLiveTemps', () => {
  it('removes the temporary folders of this process (what the signal handler calls)', async () => {
    const { freshTempDir, removeLiveTemps } = await import('../../src/util/atomic-write.js');
    const dir = tmpDir();
    const tmp = freshTempDir(path.join(dir, 'run'));
    fs.writeFileSync(path.join(tmp, 'steps.arrow'), 'partial');
    removeLiveTemps();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
