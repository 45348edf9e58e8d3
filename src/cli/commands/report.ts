import * as path from 'node:path';
import type { Command } from 'commander';
import type { Io } from '../io.js';

export function registerReport(program: Command, io: Io): void {
  program
    .command('report')
    .description('charts of a run directory (Vega-Lite specs with their data, SVG and PNG) and an offline report.html')
    .argument('<run>', 'a run directory written by specreplay replay')
    .action(async (dir: string) => {
      const { writeRunReport } = await import('../../report/report.js');
      const r = await writeRunReport(dir);
      for (const c of r.charts) {
        io.out(`  ${path.join(dir, 'charts', `${c.id}.svg`)}  ${c.title}\n`);
        for (const w of c.warnings) io.err(`  warning (${c.id}): ${w}\n`);
      }
      io.out(`open ${path.join(dir, 'report.html')}\n`);
    });
}
