import * as path from 'node:path';
import type { Command } from 'commander';
import { UsageError, type Io } from '../io.js';

export function registerExport(program: Command, io: Io): void {
  program
    .command('export')
    .description('write a trace as canonical JSONL (everything) or canonical CSV (steps.csv + nodes.csv)')
    .argument('<trace>', 'a canonical trace (.arrow) or any ingestible file')
    .requiredOption('--to <form>', 'jsonl | csv')
    .requiredOption('-o, --out <path>', 'output file (jsonl) or folder (csv)')
    .action(async (file: string, o: { to: string; out: string }) => {
      const { loadAnyTrace } = await import('../../ingest/open-trace.js');
      const { toCanonicalCsv, toCanonicalJsonl } = await import('../../trace/to-canonical.js');
      const { writeTextAtomic } = await import('../../util/atomic-write.js');
      const trace = await loadAnyTrace(file);
      if (o.to === 'jsonl') {
        writeTextAtomic(o.out, toCanonicalJsonl(trace));
        io.out(`${o.out}\n`);
      } else if (o.to === 'csv') {
        const { steps, nodes } = toCanonicalCsv(trace);
        writeTextAtomic(path.join(o.out, 'steps.csv'), steps);
        if (nodes !== null) writeTextAtomic(path.join(o.out, 'nodes.csv'), nodes);
        io.out(`${path.join(o.out, 'steps.csv')}${nodes !== null ? ` ${path.join(o.out, 'nodes.csv')}` : ''}\n`);
      } else throw new UsageError(`--to must be jsonl or csv, not '${o.to}'`);
    });
}
