import type { Command } from 'commander';
import { printJson, type Io } from '../io.js';

export function registerInspect(program: Command, io: Io): void {
  program
    .command('inspect')
    .description('what a trace holds: requests, steps, tokens, committed tokens per step, trees, signals, provenance')
    .argument('<trace>', 'a canonical trace (.arrow) or any ingestible file (ingested in memory)')
    .option('-f, --format <format>', 'format when the file is not a canonical trace', 'auto')
    .option('--tree <id>', 'tree template, when ingesting on the fly')
    .option('--json', 'print JSON')
    .action(async (file: string, o: Record<string, string | boolean | undefined>) => {
      const { loadAnyTrace } = await import('../../ingest/open-trace.js');
      const { inspectTrace } = await import('../../inspect/inspect.js');
      const { formatSummary } = await import('../format-summary.js');
      const trace = await loadAnyTrace(file, o['format'] as string, { tree: o['tree'] as string | undefined });
      const summary = inspectTrace(trace);
      if (o['json']) return printJson(io, summary);
      io.out(formatSummary(summary));
    });
}
