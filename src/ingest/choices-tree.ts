/**
 * Medusa / EAGLE `choices` -> tree templates. A choice is a path of sibling ranks from the
 * root: [a, b] is the top-(b+1) child of the top-(a+1) child of the root. Node ids follow
 * Medusa's own ordering (`sorted(choices, key=lambda x: (len(x), x))`), so node i's parent
 * precedes it; the root is node 0.
 */
import { messages } from '../config/messages.js';
import type { TreeTemplate } from '../schema/trace-schema.js';

export function treeFromChoices(id: string, paths: readonly (readonly number[])[], source: string | undefined, fail: (detail: string) => never): TreeTemplate {
  const sorted = [...paths].sort((a, b) => a.length - b.length || compareLex(a, b));
  const index = new Map<string, number>([['', 0]]);
  const parents = [-1];
  const ranks = [0];
  for (const p of sorted) {
    const key = p.join(',');
    if (index.has(key)) fail(messages.treeDuplicatePath(JSON.stringify(p)));
    const parent = index.get(p.slice(0, -1).join(','));
    if (parent === undefined) fail(messages.treeMissingPath(JSON.stringify(p)));
    index.set(key, parents.length);
    parents.push(parent);
    ranks.push(p[p.length - 1]!);
  }
  return source === undefined ? { id, parents, ranks } : { id, parents, ranks, source };
}

function compareLex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Every tree of a `{NAME: [[...], ...]}` object, validated: paths of whole numbers >= 0. */
export function treesFromChoices(json: Record<string, unknown>, family: string, source: string | undefined, fail: (detail: string, field?: string) => never): TreeTemplate[] {
  const out: TreeTemplate[] = [];
  for (const [name, value] of Object.entries(json)) {
    if (!Array.isArray(value) || value.length === 0) fail(messages.wrongType('a non-empty list of paths', value), name);
    const paths = value.map((p, i) => {
      if (!Array.isArray(p) || p.length === 0) fail(messages.wrongType('a non-empty list of ranks', p), `${name}[${i}]`);
      return p.map((r, j) => {
        if (!Number.isInteger(r) || (r as number) < 0) fail(messages.wrongType('a whole number >= 0', r), `${name}[${i}][${j}]`);
        return r as number;
      });
    });
    out.push(treeFromChoices(`${family}-${name}`, paths, source, (d) => fail(d, name)));
  }
  return out;
}
