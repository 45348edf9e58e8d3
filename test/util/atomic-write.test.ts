/** Atomic writes that wait for the content's validation before the file is put in place. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { tmpDir } from '../helpers.js';

const left = (dir: string) => fs.readdirSync(dir).sort();

describe('writeFileAtomic with a pending validation', () => {
  it('puts the file in place once the validation resolves', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'out.bin');
    let resolve = () => undefined as void;
    const ready = new Promise<void>((r) => (resolve = r));
    const done = writeFileAtomic(target, (fd) => void fs.writeSync(fd, 'new'), ready);
    await new Promise((r) => setTimeout(r, 20));
    expect(fs.existsSync(target)).toBe(false); // written, waiting for the validation
    resolve();
    await done;
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(left(dir)).toEqual(['out.bin']);
  });

  it('a rejected validation leaves the previous file and no temporary file, and is the error thrown', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'out.bin');
    fs.writeFileSync(target, 'old');
    const invalid = new Error('nodes.csv:12: the trace is invalid');
    await expect(writeFileAtomic(target, (fd) => void fs.writeSync(fd, 'new'), Promise.reject(invalid))).rejects.toBe(invalid);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(left(dir)).toEqual(['out.bin']);
    // The write failing too: the validation's error is the one reported (as when validation ran first).
    const failing = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    await expect(writeFileAtomic(target, failing, Promise.reject(invalid))).rejects.toBe(invalid);
    await expect(writeFileAtomic(target, failing, Promise.resolve())).rejects.toThrow(/ENOSPC/);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(left(dir)).toEqual(['out.bin']);
  });
});
