import * as path from 'node:path';
import type { Command } from 'commander';
import type { Io } from '../io.js';

export function registerFigures(program: Command, io: Io): void {
  program
    .command('figures')
    .description("reproduce the papers' headline figures from the recipes in src/figures/recipes (data, Vega-Lite spec, SVG, PNG, notes with published vs reproduced)")
    .argument('[recipe...]', 'recipe ids (default: all)')
    .option('-o, --out <dir>', 'output folder', 'reports/figures')
    .option('--force', 'write into an output folder that is not a previous figures output (adds the files; deletes nothing else)')
    .action(async (ids: string[], o: { out: string; force?: boolean }) => {
      const { buildFigures } = await import('../../figures/figures.js');
      const { loadRecipes } = await import('../../figures/recipe.js');
      const results = await buildFigures(loadRecipes(ids), o.out, (what) => (io.interactive ? io.err(`  ${what}\n`) : undefined), { force: o.force === true });
      for (const r of results) {
        io.out(`${path.join(r.dir, `${r.id}.svg`)}  (${r.rows.length} values; notes: ${path.join(r.dir, 'notes.md')})\n`);
        for (const w of r.warnings) io.err(`  warning (${r.id}): ${w}\n`);
      }
    });
}
