/** The import rules (import-rules.ts) hold over src/, and each of them catches a violation. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../helpers.js';
import { checkImports } from './import-rules.js';

function tree(files: Record<string, string>): string {
  const src = path.join(tmpDir(), 'src');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    fs.writeFileSync(path.join(src, name), text);
  }
  return src;
}

describe('import rules', () => {
  it('src/ keeps them: policies see the kernel only, hw/ never prices, no cycle between folders', () => {
    expect(checkImports(path.join(ROOT, 'src'))).toEqual([]);
  });

  it('a policy importing a replay module, or a kernel file past its face, fails', () => {
    const src = tree({
      'policy/a.ts': "import { replay } from '../replay/replay.js';\nimport { Engine } from '../kernel/engine.js';\nimport { RESOURCES } from '../kernel/index.js';\n",
      'replay/replay.ts': 'export const replay = 1;\n',
      'kernel/engine.ts': 'export const Engine = 1;\n',
      'kernel/index.ts': "export { Engine as RESOURCES } from './engine.js';\n",
    });
    const v = checkImports(src);
    expect(v.map((x) => x.rule)).toEqual(['policy-kernel', 'policy-kernel']);
    expect(v[0]!.message).toContain(path.join('policy', 'a.ts'));
  });

  it('hw/ importing energy/ fails; a commented-out import does not count', () => {
    const src = tree({ 'hw/x.ts': "// import { price } from '../energy/ert.js';\nimport { price } from '../energy/ert.js';\n", 'energy/ert.ts': 'export const price = 1;\n' });
    expect(checkImports(src).map((x) => x.rule)).toEqual(['hw-energy']);
  });

  it('a cycle between folders fails, naming a file of each direction', () => {
    const src = tree({ 'a/x.ts': "import '../b/y.js';\n", 'b/y.ts': "import '../c/z.js';\n", 'c/z.ts': "import '../a/x.js';\n", 'd/w.ts': "import '../a/x.js';\n" });
    const v = checkImports(src);
    expect(v).toHaveLength(1);
    expect(v[0]!.rule).toBe('folder-cycle');
    expect(v[0]!.message).toMatch(/^folders a, b, c import each other/);
    expect(v[0]!.message).toContain(`${path.join('c', 'z.ts')} -> ${path.join('a', 'x.ts')}`);
  });
});
