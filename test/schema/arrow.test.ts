/**
 * apache-arrow's two copies: a program importing the library (and the tests) use its ES
 * modules, any other process (the CLI, a sweep's threads) its single-file build. Both must see
 * every name the project uses and write the same bytes, and each must read what the other wrote.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esm from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import * as ours from '../../src/schema/arrow.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { readTraceFile, writeTraceFile } from '../../src/trace/arrow-io.js';
import { toCanonicalJsonl } from '../../src/trace/to-canonical.js';
import { fixture, ROOT, tmpDir } from '../helpers.js';

const DIST = path.join(ROOT, 'dist', 'schema', 'arrow.js');
const built = fs.existsSync(DIST);
const BIN = path.join(ROOT, 'bin', 'specreplay.js');
const EAGLE = fixture('spec-bench', 'vicuna-7b-v1.3-eagle-float16-temperature-0.0.jsonl');

/** Runs a module in a process of its own (its stdout). */
function run(dir: string, source: string): string {
  const file = path.join(dir, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, source);
  return execFileSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
}

describe('apache-arrow as this process loads it', () => {
  it('in-process (the library) it is the package\'s ES modules: tables pass to and from a program\'s own apache-arrow', () => {
    expect(ours.ARROW_FROM_BUNDLE).toBe(false);
    expect(ours.Table).toBe(esm.Table);
    expect(ours.makeData).toBe(esm.makeData);
  });

  it.skipIf(!built)('a process that loads the library takes its ES modules, any other the single-file build, with every name defined; require() loads the library (notebooks)', () => {
    const url = (p: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', p)).href);
    const probe = (first: string) =>
      JSON.parse(
        run(
          tmpDir(),
          `${first}
          const m = await import(${url('schema/arrow.js')});
          const missing = Object.entries(m).filter(([, v]) => v === undefined || v === null).map(([k]) => k);
          console.log(JSON.stringify({ bundle: m.ARROW_FROM_BUNDLE, missing, names: Object.keys(m).length }));`,
        ),
      ) as { bundle: boolean; missing: string[]; names: number };
    const bundled = probe('');
    const library = probe(`await import(${url('index.js')});`);
    expect(bundled).toEqual({ bundle: true, missing: [], names: library.names });
    expect(library).toMatchObject({ bundle: false, missing: [] });
    // tslab's notebook cells load the library with require(): no top-level await in its graph.
    const out = execFileSync(process.execPath, ['-e', `const sr = require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))}); console.log(typeof sr.ingestFile)`], { encoding: 'utf8' });
    expect(out).toBe('function\n');
  });

  it.skipIf(!built)('the CLI (single-file build) writes the bytes the library writes, and each reads the other\'s file', async () => {
    const dir = tmpDir();
    const viaCli = path.join(dir, 'cli.arrow');
    execFileSync(process.execPath, [BIN, 'ingest', EAGLE, '--tree', 'eagle-mc_sim_7b_63', '-o', viaCli, '-q']);
    const { trace } = await ingestFile(EAGLE, 'auto', { tree: 'eagle-mc_sim_7b_63' });
    const viaLib = path.join(dir, 'lib.arrow');
    await writeTraceFile(viaLib, trace);
    expect(fs.readFileSync(viaCli).equals(fs.readFileSync(viaLib))).toBe(true);
    expect(toCanonicalJsonl(readTraceFile(viaCli))).toBe(toCanonicalJsonl(trace));
    expect(esm.tableFromIPC(fs.readFileSync(viaCli)).numRows).toBe(trace.requests.length);
    // The CLI reads the library's file through the single-file build (inspect checks the checksum).
    const out = execFileSync(process.execPath, [BIN, 'inspect', viaLib, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ requests: trace.requests.length });
  });
});
