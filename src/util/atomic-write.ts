/**
 * Atomic output: write to a temporary file beside the target, then rename over it, so a
 * failed write never leaves a partial file and never destroys what was there before.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function tempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

/** Runs `write` against a temporary file descriptor, then renames the file to `target`. */
export async function writeFileAtomic(target: string, write: (fd: number) => void | Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = tempPath(target);
  const fd = fs.openSync(tmp, 'w');
  try {
    await write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, target);
}

/** Writes text or bytes atomically. */
export function writeTextAtomic(target: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = tempPath(target);
  try {
    fs.writeFileSync(tmp, content);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, target);
}

/** A fresh, empty temporary folder beside `target` (for `swapDirIntoPlace`). */
export function freshTempDir(target: string): string {
  const abs = path.resolve(target);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  return tmp;
}

/** Writes `name` (a relative path, folders created) inside a temporary folder being filled. */
export function writeInto(tmp: string, name: string, content: string | Uint8Array): void {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

/** Replaces `target` (if any) by the filled temporary folder `tmp`. */
export function swapDirIntoPlace(tmp: string, target: string): void {
  const abs = path.resolve(target);
  const old = `${abs}.old-${process.pid}`;
  if (fs.existsSync(abs)) fs.renameSync(abs, old);
  fs.renameSync(tmp, abs);
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Fills a temporary folder beside `target` (via `fill`), then swaps it into place: a failure
 * leaves the previous folder untouched and no partial one behind.
 */
export async function writeDirAtomic<T>(target: string, fill: (tmp: string) => T | Promise<T>): Promise<T> {
  const tmp = freshTempDir(target);
  let out: T;
  try {
    out = await fill(tmp);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  swapDirIntoPlace(tmp, target);
  return out;
}
