/**
 * Atomic output: write to a temporary file beside the target, then rename over it, so a
 * failed write never leaves a partial file and never destroys what was there before.
 * Temporary paths carry the writer's pid; those of processes that are gone are removed by the
 * next write beside them, and those of this process by `removeLiveTemps` (the CLI calls it on
 * SIGINT / SIGTERM).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { claimOutputDir, installDir, type DirKind, type OutputOptions } from './output-guard.js';

const LIVE = new Set<string>();

/** Removes this process's temporary files and folders (partial outputs); for signal handlers. */
export function removeLiveTemps(): void {
  for (const p of LIVE) fs.rmSync(p, { recursive: true, force: true });
  LIVE.clear();
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes temporary files and folders beside `target` left by processes that no longer run. */
export function sweepStaleTemps(target: string): void {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const base = escapeRe(path.basename(abs));
  const re = new RegExp(`^(?:\\.${base}\\.(\\d+)\\.tmp|${base}\\.(?:tmp|old)-(\\d+))$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = re.exec(n);
    if (m === null) continue;
    const pid = Number(m[1] ?? m[2]);
    if (!alive(pid)) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
  }
}

function tempPath(target: string): string {
  sweepStaleTemps(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  LIVE.add(tmp);
  return tmp;
}

function done(tmp: string): void {
  LIVE.delete(tmp);
}

function renameOrClean(tmp: string, target: string): void {
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    done(tmp);
  }
}

/**
 * Runs `write` against a temporary file descriptor, then renames the file to `target`. With
 * `ready` (the content's validation, still running), the rename waits for it: if it rejects, the
 * temporary file is removed and its error thrown, also when the write failed too (the content's
 * error is the one a user can act on, and the one a write after validation would have given).
 */
export async function writeFileAtomic(target: string, write: (fd: number) => void | Promise<void>, ready: Promise<void> = Promise.resolve()): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = tempPath(target);
  const fd = fs.openSync(tmp, 'w');
  try {
    try {
      await write(fd);
    } catch (e) {
      await ready;
      throw e;
    }
    fs.fsyncSync(fd);
    await ready;
    fs.closeSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    done(tmp);
    throw e;
  }
  renameOrClean(tmp, target);
}

/** Writes text or bytes atomically. */
export function writeTextAtomic(target: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = tempPath(target);
  try {
    fs.writeFileSync(tmp, content);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    done(tmp);
    throw e;
  }
  renameOrClean(tmp, target);
}

/** A fresh, empty temporary folder beside `target`. */
export function freshTempDir(target: string): string {
  const abs = path.resolve(target);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  sweepStaleTemps(abs);
  const tmp = `${abs}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  LIVE.add(tmp);
  return tmp;
}

/** Writes `name` (a relative path, folders created) inside a temporary folder being filled. */
export function writeInto(tmp: string, name: string, content: string | Uint8Array): void {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

/**
 * Fills a temporary folder beside `target` (via `fill`), then puts it in place under the
 * overwrite rule (util/output-guard.ts): the target is checked before any work, a failure leaves
 * the previous folder untouched and no partial one behind.
 */
export async function writeDirAtomic<T>(target: string, kind: DirKind, opts: OutputOptions, fill: (tmp: string) => T | Promise<T>): Promise<T> {
  const plan = claimOutputDir(target, kind, opts);
  const tmp = freshTempDir(target);
  let out: T;
  try {
    out = await fill(tmp);
    installDir(tmp, target, plan, kind);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    done(tmp);
  }
  return out;
}

/** `writeDirAtomic` for a synchronous `fill`. */
export function writeDirAtomicSync<T>(target: string, kind: DirKind, opts: OutputOptions, fill: (tmp: string) => T): T {
  const plan = claimOutputDir(target, kind, opts);
  const tmp = freshTempDir(target);
  try {
    const out = fill(tmp);
    installDir(tmp, target, plan, kind);
    return out;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    done(tmp);
  }
}
