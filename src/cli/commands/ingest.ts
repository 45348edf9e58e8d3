import type { Command } from 'commander';
import { printJson, type Io } from '../io.js';

export function registerIngest(program: Command, io: Io): void {
  program
    .command('ingest')
    .description('convert a trace file of any supported format to the canonical trace (Arrow IPC)')
    .argument('<file>', 'the source file')
    .requiredOption('-o, --out <file>', 'output .arrow file (written atomically)')
    .option('-f, --format <format>', 'source format, or auto to sniff it (see `specreplay list formats`)', 'auto')
    .option('--tree <id>', 'the tree template every step verified (e.g. eagle-mc_sim_7b_63)')
    .option('--strict', 'treat warnings (repairable defects) as errors')
    .option('--id <id>', 'trace id (default: the file name)')
    .option('--method <method>', 'speculative method (default: from the file / model_id)')
    .option('--target <model>', 'target model id')
    .option('--draft <model>', 'draft model id')
    .option('--dataset <name>', 'dataset the trace was recorded on')
    .option('--proposer <name>', 'oracle files: proposer field acc_<name> to read', 'eagle')
    .option('--nodes <file>', 'canonical CSV: the nodes.csv to read with steps.csv')
    .option('--json', 'print the inspection summary of the result as JSON')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--force', 'replace an output file that is not an Arrow trace')
    .action(async (file: string, o: Record<string, string | boolean | undefined>) => {
      // The Arrow writer's modules load beside the reader's (this thread parses as soon as they
      // are in); a failed load is reported when the writer is needed.
      const arrowIo = import('../../trace/arrow-io.js');
      arrowIo.catch(() => undefined);
      const { ingestFilePending } = await import('../../ingest/ingest.js');
      const { claimOutputFile } = await import('../../util/output-guard.js');
      const output = { force: o['force'] === true, inputs: [file, ...(typeof o['nodes'] === 'string' ? [o['nodes']] : [])] };
      claimOutputFile(o['out'] as string, 'arrow-trace', output); // before any work
      // A big canonical CSV is validated on a worker thread while this one writes the file, which
      // is put in place only once the trace is valid.
      const { trace, format, validated } = await ingestFilePending(file, o['format'] as string, {
        strict: o['strict'] === true,
        tree: o['tree'] as string | undefined,
        traceId: o['id'] as string | undefined,
        method: o['method'] as string | undefined,
        target: o['target'] as string | undefined,
        draft: o['draft'] as string | undefined,
        dataset: o['dataset'] as string | undefined,
        proposer: o['proposer'] as string | undefined,
        nodes: o['nodes'] as string | undefined,
      });
      const { writeTraceFile } = await arrowIo;
      await writeTraceFile(o['out'] as string, trace, output, validated);
      if (o['quiet'] && !o['json']) return;
      const { inspectTrace } = await import('../../inspect/inspect.js');
      const summary = inspectTrace(trace);
      if (o['json']) return printJson(io, summary);
      for (const w of trace.meta.warnings) io.err(`warning: ${w.message} -> ${w.repair}\n`);
      io.out(
        `${o['out']}: ${summary.requests} requests, ${summary.steps} steps, ${summary.output_tokens} output tokens` +
          ` (format ${format.id}${trace.meta.warnings.length ? `, ${trace.meta.warnings.length} warnings` : ''})\n`,
      );
    });
}
