import { messages } from '../../config/messages.js';
import * as path from 'node:path';
import type { Command } from 'commander';
import { UsageError, type Io } from '../io.js';

export function registerExport(program: Command, io: Io): void {
  program
    .command('export')
    .description('write a trace as canonical JSONL (everything), canonical CSV (steps.csv + nodes.csv) or Parquet (the Arrow layout, for DuckDB, pandas, polars)')
    .argument('<trace>', 'a canonical trace (.arrow) or any ingestible file')
    .requiredOption('--to <form>', 'jsonl | csv | parquet')
    .requiredOption('-o, --out <path>', 'output file (jsonl) or folder (csv)')
    .option('--force', 'replace an output file that is not a previous export, or write into a folder that is not one')
    .action(async (file: string, o: { to: string; out: string; force?: boolean }) => {
      const { loadAnyTrace } = await import('../../ingest/open-trace.js');
      const { toCanonicalCsv, toCanonicalJsonl } = await import('../../trace/to-canonical.js');
      const { writeTextAtomic, writeDirAtomicSync, writeInto } = await import('../../util/atomic-write.js');
      const { claimOutputDir, claimOutputFile } = await import('../../util/output-guard.js');
      const output = { force: o.force === true, inputs: [file] };
      if (o.to !== 'jsonl' && o.to !== 'csv' && o.to !== 'parquet') throw new UsageError(messages.flagChoice('to', ['jsonl', 'csv', 'parquet'], o.to));
      if (o.to === 'jsonl') claimOutputFile(o.out, 'jsonl-export', output);
      else if (o.to === 'parquet') claimOutputFile(o.out, 'parquet-export', output);
      else claimOutputDir(o.out, 'csv-export', output);
      const trace = await loadAnyTrace(file);
      if (o.to === 'parquet') {
        const { traceToParquet } = await import('../../trace/to-parquet.js');
        writeTextAtomic(o.out, traceToParquet(trace));
        io.out(`${o.out}\n`);
      } else if (o.to === 'jsonl') {
        writeTextAtomic(o.out, toCanonicalJsonl(trace));
        io.out(`${o.out}\n`);
      } else {
        const { steps, nodes } = toCanonicalCsv(trace);
        writeDirAtomicSync(o.out, 'csv-export', output, (tmp) => {
          writeInto(tmp, 'steps.csv', steps);
          if (nodes !== null) writeInto(tmp, 'nodes.csv', nodes);
        });
        io.out(`${path.join(o.out, 'steps.csv')}${nodes !== null ? ` ${path.join(o.out, 'nodes.csv')}` : ''}\n`);
      }
    });
}
