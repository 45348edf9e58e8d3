import * as path from 'node:path';
import type { Command } from 'commander';
import { printJson, type Io } from '../io.js';
import { messages } from '../../config/messages.js';

export function registerCompare(program: Command, io: Io): void {
  program
    .command('compare')
    .description('paired statistics of every policy in a run against a baseline; writes compare.md, compare.csv, compare.json into the run')
    .argument('<run>', 'a run directory written by specreplay replay')
    .option('--baseline <policy>', 'the policy others are compared with (default: ar-npu if present, else the first)')
    .option('--resamples <n>', 'bootstrap resamples', '2000')
    .option('--json', 'print the comparison as JSON')
    .action(async (dir: string, o: { baseline?: string; resamples: string; json?: boolean }) => {
      const { comparisonTable } = await import('../../stats/format.js');
      const { compareRunDir } = await import('../../stats/write.js');
      const result = compareRunDir(dir, o.baseline, Math.max(100, Math.floor(Number(o.resamples)) || 2000));
      if (o.json) return printJson(io, result);
      io.out(result.comparisons.length > 0 ? comparisonTable(result.comparisons) : 'one policy in this run: nothing to compare (per-policy summary in compare.md)\n');
      if (result.comparisons.length > 0) io.out(`\n${messages.intervalMeaning}\n`);
      io.out(`wrote ${path.join(dir, 'compare.md')}, compare.csv, compare.json\n`);
    });
}
