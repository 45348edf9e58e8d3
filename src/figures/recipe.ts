/**
 * Figure recipes (src/figures/recipes/*.json): which paper's reproduction feeds a figure and
 * what it shows. Parsed strictly: an unknown kind, paper or field is an error naming the file
 * and the field.
 */
import { messages } from '../config/messages.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../config/user-error.js';
import { REPRODUCTION_IDS } from '../reproduce/ids.js';
import { packagePath } from '../util/package-root.js';

interface Base {
  readonly id: string;
  readonly title: string;
  readonly paper: string;
  readonly caption: string;
}
export type Recipe = (Base & { readonly kind: 'claims'; readonly select: readonly string[] }) | (Base & { readonly kind: 'pim-llm-sweep'; readonly models: readonly string[]; readonly contexts: readonly number[] });

export const RECIPE_DIR = packagePath('src', 'figures', 'recipes');

function field<T>(file: string, o: Record<string, unknown>, name: string, check: (v: unknown) => v is T, expected: string): T {
  const v = o[name];
  if (!check(v)) throw new UserError(messages.recipeField(file, name, expected, JSON.stringify(v)));
  return v;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isString);
const isInts = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(x) && x > 0);

export function parseRecipe(text: string, file: string): Recipe {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new UserError(messages.fileNotJson(file, (e as Error).message));
  }
  const base = {
    id: field(file, o, 'id', isString, 'a non-empty string'),
    title: field(file, o, 'title', isString, 'a non-empty string'),
    paper: field(file, o, 'paper', (v): v is string => isString(v) && (REPRODUCTION_IDS as readonly string[]).includes(v), REPRODUCTION_IDS.join(' | ')),
    caption: field(file, o, 'caption', isString, 'a non-empty string'),
  };
  const kind = o['kind'];
  if (kind === 'claims') return { ...base, kind, select: field(file, o, 'select', isStrings, 'a non-empty array of claim substrings') };
  if (kind === 'pim-llm-sweep') return { ...base, kind, models: field(file, o, 'models', isStrings, 'model ids'), contexts: field(file, o, 'contexts', isInts, 'positive integer context lengths') };
  throw new UserError(messages.recipeField(file, 'kind', 'claims | pim-llm-sweep', JSON.stringify(kind)));
}

export function loadRecipes(ids: readonly string[]): Recipe[] {
  const files = fs.readdirSync(RECIPE_DIR).filter((f) => f.endsWith('.json')).sort();
  const all = files.map((f) => parseRecipe(fs.readFileSync(path.join(RECIPE_DIR, f), 'utf8'), path.join('src', 'figures', 'recipes', f)));
  if (ids.length === 0) return all;
  return ids.map((id) => {
    const r = all.find((x) => x.id === id);
    if (r === undefined) throw new UserError(messages.unknownRecipe(id, all.map((x) => x.id)));
    return r;
  });
}
