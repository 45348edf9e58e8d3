/** Figure recipes: strict parsing with located errors, and figures with data, spec, SVG, PNG and notes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../../src/figures/figures.js';
import { loadRecipes, parseRecipe } from '../../src/figures/recipe.js';
import { compileChart } from '../../src/report/render.js';
import { claimsFigure } from '../../src/figures/charts.js';
import { claim } from '../../src/reproduce/claims.js';
import { Ajv } from 'ajv';
import { ROOT, tmpDir } from '../helpers.js';

const validate = new Ajv({ allErrors: true, strict: false, logger: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'vega-lite', 'build', 'vega-lite-schema.json'), 'utf8')));

describe('figure recipes', () => {
  it('the repository recipes cover the four papers', () => {
    const r = loadRecipes([]);
    expect(new Set(r.map((x) => x.paper))).toEqual(new Set(['ahasd', 'lp-spec', 'specpim', 'pim-llm']));
  });
  it('a bad recipe names the file and the field', () => {
    expect(() => parseRecipe('{"id":"x","title":"t","paper":"nope","caption":"c","kind":"claims","select":["a"]}', 'r.json')).toThrow(/r\.json: field 'paper': expected lp-spec \| specpim \| ahasd \| pim-llm/);
    expect(() => parseRecipe('{"id":"x","title":"t","paper":"ahasd","caption":"c","kind":"bars"}', 'r.json')).toThrow(/r\.json: field 'kind'/);
    expect(() => parseRecipe('{"id":"x","title":"t","paper":"pim-llm","caption":"c","kind":"pim-llm-sweep","models":["opt-6.7b"],"contexts":[0]}', 'r.json')).toThrow(/field 'contexts'/);
    expect(() => parseRecipe('{', 'r.json')).toThrow(/r\.json: not JSON/);
    expect(() => loadRecipes(['missing'])).toThrow(/unknown figure recipe 'missing'; recipes: ahasd-ablation/);
  });
  it('the claims figure compiles without warnings', async () => {
    const c = claimsFigure('t', 'T', 'caption', [claim('P', 'a', 'cfg', 2, 1.5, 'x', 's'), claim('P', 'b', 'cfg', null, 3, 'x', 's')]);
    expect((await compileChart(c)).warnings).toEqual([]);
    expect(validate(c.spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});

describe('specreplay figures', () => {
  it('the PIM-LLM context sweep: data, spec, SVG, PNG and notes with published beside reproduced', async () => {
    const out = tmpDir();
    const [r] = await buildFigures(loadRecipes(['pim-llm-context']), out);
    expect(r!.warnings).toEqual([]);
    for (const f of ['data.json', 'pim-llm-context.vl.json', 'pim-llm-context.svg', 'pim-llm-context.png', 'notes.md']) expect(fs.existsSync(path.join(out, 'pim-llm-context', f))).toBe(true);
    expect(r!.rows).toHaveLength(2 * 6 * 2);
    const spec = JSON.parse(fs.readFileSync(path.join(out, 'pim-llm-context', 'pim-llm-context.vl.json'), 'utf8'));
    expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const notes = fs.readFileSync(path.join(out, 'pim-llm-context', 'notes.md'), 'utf8');
    expect(notes).toMatch(/\| opt-6\.7b, l=128, speedup \| 79\.2 \| [\d.]+ \| [\d.]+ \|/);
    // Speedup falls with context for both models (the paper's trend).
    for (const model of ['gpt2-355m', 'opt-6.7b']) {
      const s = r!.rows.filter((x) => x.what.startsWith(`${model},`) && x.what.endsWith('speedup')).map((x) => x.reproduced);
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]!);
    }
  }, 60_000);
});
