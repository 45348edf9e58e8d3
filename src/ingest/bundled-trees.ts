/**
 * Tree templates bundled with specreplay (traces/trees/, Apache-2.0 copies of Medusa's and
 * EAGLE's `choices`). Ids are `<family>-<name>`: `eagle-mc_sim_7b_63` (EAGLE-1's 25-node tree)
 * and `medusa-mc_sim_7b_63` (Medusa's 63-node tree), plus Medusa's other published trees.
 */
import * as fs from 'node:fs';
import type { TreeTemplate } from '../schema/trace-schema.js';
import { packagePath } from '../util/package-root.js';
import { treesFromChoices } from './choices-tree.js';

const FILES = [
  { family: 'eagle', file: 'eagle_choices.json', source: 'SafeAILab/EAGLE eagle/model/choices.py @148042c5 (Apache-2.0)' },
  { family: 'medusa', file: 'medusa_choices.json', source: 'FasterDecoding/Medusa medusa/model/medusa_choices.py @0455d08f (Apache-2.0)' },
] as const;

let cache: Map<string, TreeTemplate> | null = null;

export function bundledTrees(): ReadonlyMap<string, TreeTemplate> {
  if (cache !== null) return cache;
  const out = new Map<string, TreeTemplate>();
  for (const f of FILES) {
    const json = JSON.parse(fs.readFileSync(packagePath('traces', 'trees', f.file), 'utf8')) as Record<string, unknown>;
    for (const t of treesFromChoices(json, f.family, f.source, (detail) => {
      throw new Error(`bundled tree file ${f.file}: ${detail}`);
    })) {
      out.set(t.id, t);
    }
  }
  cache = out;
  return out;
}
