/**
 * The import rules of src/, checked over the TypeScript imports (the compiler's own
 * pre-processor reads them, so comments and strings never count):
 *   1. a policy imports nothing from replay/, and from kernel/ only its face, kernel/index.ts;
 *   2. hw/ (device timing models) never imports energy/ (pricing happens in platform/);
 *   3. no cycle between top-level folders: a dependency points down the pipeline.
 * `npm run check:imports` runs it (test/architecture/imports.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface Violation {
  readonly rule: 'policy-kernel' | 'hw-energy' | 'folder-cycle';
  readonly message: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Relative imports of every file under `src`: [from, to], paths relative to `src`, `.ts` names. */
export function importEdges(src: string): [string, string][] {
  const edges: [string, string][] = [];
  for (const file of sourceFiles(src)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const imp of info.importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), imp.fileName).replace(/\.js$/, '.ts');
      edges.push([path.relative(src, file), path.relative(src, target)]);
    }
  }
  return edges;
}

const top = (f: string) => (f.includes(path.sep) ? f.split(path.sep)[0]! : '(root)');

/** Strongly connected folders of the folder graph (Tarjan), each with more than one folder. */
function folderCycles(edges: readonly [string, string][]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    const [x, y] = [top(a), top(b)];
    if (x === y) continue;
    if (!graph.has(x)) graph.set(x, new Set());
    if (!graph.has(y)) graph.set(y, new Set());
    graph.get(x)!.add(y);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

export function checkImports(src: string): Violation[] {
  const edges = importEdges(src);
  const out: Violation[] = [];
  for (const [from, to] of edges) {
    const [a, b] = [top(from), top(to)];
    if (a === 'policy' && b === 'replay') out.push({ rule: 'policy-kernel', message: `${from} imports ${to}: a policy sees the replay through kernel/index.ts only` });
    if (a === 'policy' && b === 'kernel' && to !== path.join('kernel', 'index.ts')) out.push({ rule: 'policy-kernel', message: `${from} imports ${to}: import it from kernel/index.ts` });
    if (a === 'hw' && b === 'energy') out.push({ rule: 'hw-energy', message: `${from} imports ${to}: device models emit action counts; pricing belongs to platform/` });
  }
  for (const scc of folderCycles(edges)) {
    const inside = edges.filter(([f, t]) => top(f) !== top(t) && scc.includes(top(f)) && scc.includes(top(t)));
    const examples = new Map<string, string>();
    for (const [f, t] of inside) if (!examples.has(`${top(f)} -> ${top(t)}`)) examples.set(`${top(f)} -> ${top(t)}`, `${f} -> ${t}`);
    out.push({ rule: 'folder-cycle', message: `folders ${scc.join(', ')} import each other: ${[...examples.values()].join('; ')}` });
  }
  return out;
}
