/** Which errors are the user's (message, exit 1) and which are internal (stack, exit 2). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError, UserError } from '../../src/config/user-error.js';
import { PlatformError } from '../../src/platform/platforms.js';
import { IngestError } from '../../src/ingest/diagnostics.js';
import { main } from '../../src/cli/main.js';
import { captureIo, ROOT, tmpDir } from '../helpers.js';

describe('user errors', () => {
  it('UserError and its subclasses, the ingest and trace-file errors, and file-system refusals of given paths', () => {
    expect(isUserError(new UserError('x'))).toBe(true);
    expect(isUserError(new PlatformError('x'))).toBe(true);
    expect(isUserError(new IngestError('f.csv', { line: 3 }, 'field', 'bad'))).toBe(true);
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'file'), '');
    let fsError: unknown;
    try {
      fs.mkdirSync(path.join(dir, 'file', 'sub'), { recursive: true });
    } catch (e) {
      fsError = e;
    }
    expect(isUserError(fsError)).toBe(true);
  });

  it('anything else is internal', () => {
    expect(isUserError(new Error('bug'))).toBe(false);
    expect(isUserError(new TypeError('x is undefined'))).toBe(false);
    expect(isUserError(Object.assign(new Error('no syscall'), { code: 'ENOENT' }))).toBe(false);
    expect(isUserError('a string')).toBe(false);
  });

  it('an output path under a file is a one-line error with exit code 1, not a stack trace', async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'file'), '');
    const io = captureIo();
    const trace = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
    expect(await main(['replay', trace, '--platform', 'gemv-pim', '--policy', 'ar-npu', '-o', path.join(dir, 'file', 'run')], io)).toBe(1);
    expect(io.stderr).toMatch(/^specreplay: .*file.*: (already exists|a part of the path is a file, not a folder) \(while trying to \w+\)\n$/);
    expect(io.stderr).not.toContain('    at ');
  });
});
