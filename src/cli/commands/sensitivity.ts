import type { Command } from 'commander';
import { messages } from '../../config/messages.js';
import { printJson, UsageError, type Io } from '../io.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerSensitivity(program: Command, io: Io): void {
  program
    .command('sensitivity')
    .description("which conclusions survive what the sources leave open: policy A against B over the platform's open fields (one at a time, then Morris or Sobol), with the share of draws A wins")
    .argument('<trace>', 'a canonical trace (.arrow) or any ingestible file')
    .requiredOption('--platform <name>', 'platform preset or platform file with open fields (list platforms --show ID)')
    .requiredOption('--policy <id>', 'policy A, then policy B (twice)', collect, [])
    .option('--set <key=value>', 'as for replay (repeatable)', collect, [])
    .option('--fields <list>', 'the open fields to vary, comma-separated (default: all of the platform\'s)')
    .option('--method <m>', 'morris (r (k + 1) replays), sobol (N (k + 2) replays) or oat (one at a time only)', 'morris')
    .option('--draws <n>', 'Morris trajectories or Sobol base samples', '10')
    .option('--requests <n>', 'only the first N requests of the trace (a quicker analysis)')
    .option('--seed <n>', 'seed of the sample', '1')
    .option('--workers <n>', 'worker threads for the replays (default: the cores; 1 runs in-process)')
    .option('--redis <url>', 'run the replays as jobs on this Redis (specreplay sweep-worker processes run them)')
    .option('--queue <name>', 'the Redis queue (with --redis)', 'specreplay-sweep')
    .option('--tree <id>', 'tree template, when ingesting the trace on the fly')
    .requiredOption('-o, --out <dir>', 'output folder (written atomically)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress')
    .option('--force', 'write into an output folder that is not a previous sensitivity output (adds the files; deletes nothing else)')
    .action(async (file: string, o: { platform: string; policy: string[]; set: string[]; fields?: string; method: string; draws: string; requests?: string; seed: string; workers?: string; redis?: string; queue: string; tree?: string; out: string; json?: boolean; quiet?: boolean; force?: boolean }) => {
      if (o.policy.length !== 2) throw new UsageError(messages.sensitivityPolicies(o.policy.length));
      if (!['morris', 'sobol', 'oat'].includes(o.method)) throw new UsageError(messages.flagChoice('method', ['morris', 'sobol', 'oat'], o.method));
      const whole = (flag: string, v: string, max: number) => {
        const n = Number(v);
        if (!(Number.isInteger(n) && n >= 1 && n <= max)) throw new UsageError(messages.flagWholeNumber(flag, 1, max, v));
        return n;
      };
      const draws = whole('draws', o.draws, 100_000);
      const seed = whole('seed', o.seed, 2 ** 31);
      const requests = o.requests === undefined ? undefined : whole('requests', o.requests, 2 ** 24);
      const workers = o.workers === undefined ? (await import('node:os')).availableParallelism() : whole('workers', o.workers, 1024);
      const { claimOutputDir } = await import('../../util/output-guard.js');
      claimOutputDir(o.out, 'sensitivity', { force: o.force === true, inputs: [file] });
      // Opened through the sweep's trace cache: replays run in this process (one worker) reuse it.
      const { openCached } = await import('../../sweep/worker.js');
      const { sensitivityOnPool } = await import('../../sensitivity/pool.js');
      const { writeSensitivity } = await import('../../sensitivity/write.js');
      const { headlineSentences } = await import('../../sensitivity/headline.js');
      const { versions } = await import('../../util/versions.js');
      const tree = o.tree ?? null;
      const full = await openCached({ trace: file, tree });
      const trace = await openCached({ trace: file, tree, ...(requests !== undefined ? { requests } : {}) });
      const { counter } = await import('../progress.js');
      let progress: ReturnType<typeof counter> | null = null;
      const opts = { platform: o.platform, policies: [o.policy[0]!, o.policy[1]!] as [string, string], sets: o.set, method: o.method as 'morris' | 'sobol' | 'oat', draws, seed, ...(o.fields ? { fields: o.fields.split(',').map((s) => s.trim()).filter(Boolean) } : {}) };
      // The replays run on the sweep's engine: worker threads (or Redis workers) open the file themselves.
      const r = await sensitivityOnPool({
        ...opts,
        traceFile: file,
        tree,
        ...(requests !== undefined ? { requests } : {}),
        workers,
        ...(o.redis !== undefined ? { redis: { url: o.redis, queue: o.queue, reconnect_s: 60 } } : {}),
        onProgress: o.quiet || o.json ? undefined : (done, total) => (progress ??= counter(io, total, 'replay ', { finished: true }))(done, 'of the analysis'),
      });
      const resolved = { trace: { file, trace_id: trace.meta.trace_id, requests: trace.requests.length, of: full.requests.length }, platform: o.platform, policies: opts.policies, sets: o.set, method: o.method, draws, seed, versions: versions() };
      const w = await writeSensitivity(o.out, r, resolved, { force: o.force === true, inputs: [file] });
      if (o.json) return printJson(io, r);
      for (const s of headlineSentences(r)) io.out(`${s}\n`);
      io.out(`${r.evaluations} replays -> ${o.out}/ (summary.md, report.html, oat.csv, indices.csv, draws.arrow, charts/)\n`);
      for (const c of w.charts) for (const m of c.warnings) io.err(`  warning (${c.id}): ${m}\n`);
    });
}
