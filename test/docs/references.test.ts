/**
 * Citations a user can follow: every key cited in the sources is defined in docs/references.md,
 * and nothing outside the tests points at the developers' shared notes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/platform/platforms.js';

const ROOT = path.join(import.meta.dirname, '..', '..');

function files(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(rel, exts));
    else if (exts.some((x) => e.name.endsWith(x))) out.push(rel);
  }
  return out;
}

const defined = new Set([...fs.readFileSync(path.join(ROOT, 'docs', 'references.md'), 'utf8').matchAll(/^\| ([A-Z0-9][A-Z0-9-]+) \|/gm)].map((m) => m[1]!));
const sources = [...files('src', ['.ts', '.json']), ...files('notebooks', ['.ipynb']), 'README.md'];

describe('docs/references.md', () => {
  it('defines the keys of the four papers, their artifacts and the simulators the models are checked against', () => {
    for (const k of ['LPSPEC', 'CAPIM', 'SPECPIM', 'AHASD', 'AHASD-ART', 'PIMLLM', 'H2LLM', 'ATTACC', 'PIMSIM', 'SCALESIM']) expect(defined.has(k), k).toBe(true);
  });
  it('every [KEY ...] cited in the sources is defined there', () => {
    const unknown: string[] = [];
    for (const f of sources) {
      const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
      for (const m of text.matchAll(/\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)[\] ]/g)) {
        const key = m[1]!;
        // Not citations: code (`[TREE]`), CLI syntax (`[RECIPE …]`) and image alt text (`![PIM-LLM …]`).
        if (key.length >= 3 && !defined.has(key) && !['TREE', 'RECIPE', 'PIM-LLM'].includes(key)) unknown.push(`${f}: ${key}`);
      }
    }
    expect(unknown).toEqual([]);
  });
  it('every platform cites at least one defined key', () => {
    for (const p of Object.values(PLATFORMS)) {
      const keys = p.sources.join(' ').match(/\[([A-Z][A-Z0-9-]+)/g) ?? [];
      expect(keys.length, p.id).toBeGreaterThan(0);
    }
  });
  it('every code source names the commit its paths were read at (40 hex digits)', () => {
    const rows = fs.readFileSync(path.join(ROOT, 'docs', 'references.md'), 'utf8').split('\n').filter((l) => /^\| [A-Z0-9-]+ \|/.test(l));
    const code = rows.filter((l) => /github\.com\//.test(l));
    expect(code.length).toBeGreaterThan(10);
    const unpinned = code.filter((l) => !/(commit |@)[0-9a-f]{40}\b/.test(l)).map((l) => l.split('|')[1]!.trim());
    expect(unpinned).toEqual([]);
    const short = rows.filter((l) => /commit [0-9a-f]{7,39}\b/.test(l)).map((l) => l.split('|')[1]!.trim());
    expect(short).toEqual([]);
  });
  it("nothing outside the tests points at the developers' shared notes", () => {
    const offenders = [...sources, ...files('docs', ['.md']), ...files('traces', ['.md']), ...files('bin', ['.js']), ...files('bench', ['.js', '.ts'])].filter((f) => /papers\.md|\.\.\/shared/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
