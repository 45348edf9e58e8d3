import { messages } from '../../config/messages.js';
import type { Command } from 'commander';
import { printJson, UsageError, type Io } from '../io.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerReplay(program: Command, io: Io): void {
  program
    .command('replay')
    .description('replay a trace on a platform under one or more policies; writes the run directory')
    .argument('<trace>', 'a canonical trace (.arrow) or any ingestible file')
    .option('--platform <name>', 'platform preset (specreplay list platforms) or platform file (*.json)')
    .option('--policy <id>', 'policy (repeatable; specreplay list policies)', collect, [])
    .option('--config <file>', "a run's config.json: replay exactly that configuration (platform, policies and every parameter; instead of --platform, --policy, --set)")
    .option('--set <key=value>', 'override: platform field, draft.max_len, draft.tree, workload.*, impute.*, seed, <policy>.<param> (repeatable)', collect, [])
    .requiredOption('-o, --out <dir>', 'run directory (written atomically)')
    .option('--timeline <request_id>', "export a Chrome/Perfetto timeline of this request ('all' for every request; repeatable)", collect, [])
    .option('--tree <id>', 'tree template, when ingesting the trace on the fly')
    .option('--json', 'print summary.json')
    .option('-q, --quiet', 'no progress bar')
    .option('--force', 'write into an output folder that is not a previous run directory (adds the files; deletes nothing else)')
    .option('--format <format>', 'the run tables as arrow (default) or parquet (steps/requests/energy.parquet, with units and provenance)', 'arrow')
    .action(async (file: string, o: { platform?: string; config?: string; policy: string[]; set: string[]; out: string; timeline: string[]; tree?: string; json?: boolean; quiet?: boolean; force?: boolean; format: string }) => {
      if (o.format !== 'arrow' && o.format !== 'parquet') throw new UsageError(messages.flagChoice('format', ['arrow', 'parquet'], o.format));
      if (o.config !== undefined && (o.platform !== undefined || o.policy.length > 0 || o.set.length > 0)) throw new UsageError(messages.configExcludes());
      if (o.config === undefined && (o.platform === undefined || o.policy.length === 0)) throw new UsageError(messages.replayNeedsPlatform());
      let rerun: import('../../replay/run-config.js').RunConfig | undefined;
      if (o.config !== undefined) {
        const { readRunConfig } = await import('../../replay/run-config.js');
        const { policyParams } = await import('../../policy/registry.js');
        rerun = readRunConfig(o.config, policyParams());
      }
      const platformName = rerun?.config.platform ?? o.platform!;
      const { claimOutputDir } = await import('../../util/output-guard.js');
      const output = { force: o.force === true, inputs: [file], format: o.format as 'arrow' | 'parquet' };
      claimOutputDir(o.out, 'run', output); // before any work; checked again when writing
      const { loadAnyTrace } = await import('../../ingest/open-trace.js');
      const { default: cliProgress } = await import('cli-progress');
      const { replayToRunDir, summaryJson } = await import('../../replay/run-dir.js');
      const { versions } = await import('../../util/versions.js');
      const trace = await loadAnyTrace(file, 'auto', { tree: o.tree });
      const { collectGarbage, collectGarbageIfGrown } = await import('../gc.js');
      collectGarbage(); // the file's batches are gone: the replay starts from the trace alone
      const bar = !o.quiet && !o.json && io.interactive ? new cliProgress.SingleBar({ stream: process.stderr, format: 'replay [{bar}] {value}/{total} request runs, {duration_formatted} so far, about {eta_formatted} left' }, cliProgress.Presets.shades_classic) : null;
      let started = false;
      // Without a terminal: a line per tenth of the request runs (a log is not silent for minutes).
      const { counter } = await import('../progress.js');
      let lines: ReturnType<typeof counter> | null = null;
      const logLines = bar === null && !o.quiet && !o.json;
      let result;
      try {
        // Straight into the run directory: each policy's tables go to disk as it finishes.
        result = replayToRunDir(o.out, {
        trace,
        platform: platformName,
        policies: rerun?.policies ?? o.policy,
        sets: o.set,
        ...(rerun ? { rerun } : {}),
        timeline: o.timeline.includes('all') ? 'all' : o.timeline,
        onPolicy: () => collectGarbage(), // that policy's tables are on disk
        onProgress: (done, total) => {
          if (logLines && total >= 200) (lines ??= counter(io, total, 'replay ', { finished: true, quietForMs: 2000 }))(done, 'request runs');
          if (bar === null || total < 200) return;
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
        }, versions(), output, collectGarbageIfGrown);
      } finally {
        if (started) bar!.stop();
      }
      if (o.json) return printJson(io, summaryJson(result));
      const { percent } = await import('../../util/printable.js');
      io.out(`${o.out}: ${trace.meta.trace_id} on ${platformName}\n`);
      for (const p of result.policies) {
        const s = p.summary;
        const util = Object.entries(s.utilization).map(([k, v]) => `${k} ${percent(v)}`).join(', ');
        io.out(
          `  ${s.policy.padEnd(14)} ${s.tokens_per_s.toFixed(2).padStart(9)} tokens/s ${s.tokens_per_j.toFixed(3).padStart(9)} tokens/J ` +
            `${s.committed_per_step.toFixed(2)} tokens/step  imputed ${(100 * s.imputed_share).toFixed(1)}%  ${util}\n`,
        );
      }
      for (const [id, r] of Object.entries(result.resolved.policy_reports)) {
        const rep = r as { best?: { design: string }; search?: string; evaluated?: number; pareto?: unknown[] };
        if (rep.best) io.out(`  ${id} design: ${rep.best.design} (${rep.search} search, ${rep.evaluated} designs evaluated, ${rep.pareto?.length ?? 0} on the Pareto front; config.json has them)\n`);
      }
      for (const n of result.resolved.notes) io.out(`  note: ${n}\n`);
    });
}
