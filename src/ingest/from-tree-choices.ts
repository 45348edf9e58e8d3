/**
 * Medusa / EAGLE static tree definitions (`choices`): a JSON object `{NAME: [[0], [0, 0], ...]}`
 * (the Python list literals of medusa_choices.py / choices.py, converted to JSON). Each NAME
 * becomes a tree template `<family>-<NAME>`; the family is the file name's prefix
 * (`medusa_choices.json` -> medusa, `eagle_choices.json` -> eagle; otherwise `choices`).
 */
import type { TraceFormat } from './format.js';
import { baseName, finishTrace, stem } from './common.js';
import { treesFromChoices } from './choices-tree.js';
import { jsonAdapter } from './json-adapter.js';
import { TraceBuilder } from './trace-builder.js';
import { messages } from '../config/messages.js';

function isChoicesObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const vals = Object.values(v);
  return vals.length > 0 && vals.every((x) => Array.isArray(x) && x.every((p) => Array.isArray(p)));
}

export const treeChoices: TraceFormat = {
  id: 'tree-choices',
  summary: 'Medusa / EAGLE static draft trees ("choices": paths of sibling ranks) as tree templates',
  examples: 'FasterDecoding/Medusa medusa/model/medusa_choices.py; SafeAILab/EAGLE eagle/model/choices.py (as JSON)',
  sniff: (head) => /^\s*\{\s*"[^"]+"\s*:\s*\[\s*\[/.test(head),
  ...jsonAdapter((doc, file, diag, opts) => {
    if (!isChoicesObject(doc.value)) diag.error('format', {}, messages.wrongType('an object of tree paths {NAME: [[...], ...]}', doc.value));
    const family = /^([a-z0-9]+)_choices$/i.exec(stem(file))?.[1]?.toLowerCase() ?? 'choices';
    const b = new TraceBuilder();
    const fail = (detail: string, field?: string): never => diag.error('tree', { field }, detail);
    b.trees.push(...treesFromChoices(doc.value as Record<string, unknown>, family, baseName(file), fail));
    return finishTrace(
      b,
      {
        trace_id: stem(file),
        format: 'tree-choices',
        notes: ['tree templates only: node ids follow sorted(choices, key=(len, path)); rank = the path\'s last entry'],
      },
      diag,
      opts,
    );
  }),
};
