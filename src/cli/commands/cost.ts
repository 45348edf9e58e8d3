import { messages } from '../../config/messages.js';
import type { Command } from 'commander';
import { DEVICES, matmulOp, opCost, stepBreakdown, type Device } from '../../platform/cost.js';
import { dramCost, type AccessPattern } from '../../hw/lpddr5/model.js';
import { MAPPINGS, type AddressMapping } from '../../hw/lpddr5/address-mapping.js';
import { DRAM_PRESETS, resolvePlatform } from '../../platform/platforms.js';
import { resolveLpddr5 } from '../../hw/lpddr5/spec.js';
import { arStepOps, draftOps, verifyOps } from '../../workload/decompose.js';
import { getModel } from '../../workload/models.js';
import type { Precision } from '../../workload/ops.js';
import { printJson, UsageError, type Io } from '../io.js';

const collect = (v: string, prev: string[]) => [...prev, v];
/** Largest operator dimension or context accepted (2^24, the trace's context limit). */
const MAX_DIM = 16_777_216;
const int = (name: string, v: string | undefined, min = 0, max = MAX_DIM): number => {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min || n > max) throw new UsageError(messages.flagWholeNumber(name, min, max, String(v)));
  return n;
};
const oneOf = <T extends string>(name: string, v: string, allowed: readonly T[]): T => {
  if (!allowed.includes(v as T)) throw new UsageError(messages.flagOneOf(name, allowed, String(v)));
  return v as T;
};
const PRECISIONS: readonly Precision[] = ['fp16', 'int8', 'w1a8'];

function fmt(n: number): string {
  return Math.abs(n) >= 1e6 || (Math.abs(n) < 1e-2 && n !== 0) ? n.toExponential(3) : Number.isInteger(n) ? String(n) : n.toFixed(3);
}

function table(io: Io, rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => (typeof r[c] === 'number' ? fmt(r[c] as number) : String(r[c]))));
  const w = cols.map((c, i) => Math.max(c.length, ...cells.map((x) => x[i]!.length)));
  io.out(cols.map((c, i) => c.padEnd(w[i]!)).join('  ') + '\n');
  for (const r of cells) io.out(r.map((x, i) => x.padEnd(w[i]!)).join('  ') + '\n');
}

export function registerCost(program: Command, io: Io): void {
  const cost = program.command('cost').description('calculator over the hardware models: dram | op | step');

  cost
    .command('dram')
    .description('sustained bandwidth, latency and time of an access pattern on an LPDDR5 (or other DRAM) preset')
    .requiredOption('--preset <name>', `DRAM preset (${Object.keys(DRAM_PRESETS).join(', ')})`)
    .requiredOption('--pattern <p>', 'stream | random | idle')
    .option('--channels <n>', 'channels (bandwidth scales by channel)', '1')
    .option('--bytes <n>', 'bytes to move', String(1 << 20))
    .option('--mapping <m>', `address mapping (${MAPPINGS.join(', ')})`, 'bg-interleaved')
    .option('--refresh <on|off>', 'all-bank refresh', 'on')
    .option('--window <n>', "requests the controller reorders among", '32')
    .option('--json', 'print JSON')
    .action((o: Record<string, string | boolean>) => {
      const spec = DRAM_PRESETS[o['preset'] as string];
      if (spec === undefined) throw new UsageError(messages.unknownDramPresetFlag(String(o['preset']), Object.keys(DRAM_PRESETS)));
      const r = resolveLpddr5(spec);
      const res = dramCost(r, {
        pattern: oneOf('pattern', o['pattern'] as string, ['stream', 'random', 'idle'] as AccessPattern[]),
        bytes: int('bytes', o['bytes'] as string),
        channels: int('channels', o['channels'] as string, 1),
        mapping: oneOf('mapping', o['mapping'] as string, MAPPINGS as readonly AddressMapping[]),
        refresh: oneOf('refresh', o['refresh'] as string, ['on', 'off']) === 'on',
        window: int('window', o['window'] as string, 1),
      });
      const out = { preset: spec.id, peak_bandwidth_gbps_per_channel: r.peak_bandwidth_gbps, ...res };
      if (o['json']) return printJson(io, out);
      table(io, [out]);
    });

  cost
    .command('op')
    .description('one GEMM / GEMV on one device of a platform: time, cycles, compute cycles, utilization, energy, actions')
    .requiredOption('--platform <name>', 'platform preset (specreplay list platforms)')
    .requiredOption('--device <d>', DEVICES.join(' | '))
    .option('--op <kind>', 'gemm | gemv (gemv: M = 1)', 'gemm')
    .option('--m <M>', 'tokens (rows of the activation)', '1')
    .requiredOption('--k <K>', 'reduction dimension')
    .requiredOption('--n <N>', 'output dimension')
    .option('--precision <p>', PRECISIONS.join(' | '), 'int8')
    .option('--set <key=value>', 'override a platform field (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action((o: Record<string, string | string[] | boolean>) => {
      const p = resolvePlatform(o['platform'] as string, o['set'] as string[]);
      const kind = oneOf('op', o['op'] as string, ['gemm', 'gemv']);
      const m = kind === 'gemv' ? 1 : int('m', o['m'] as string, 1);
      const op = matmulOp(m, int('k', o['k'] as string, 1), int('n', o['n'] as string, 1), oneOf('precision', o['precision'] as string, PRECISIONS), kind);
      const c = opCost(p, oneOf('device', o['device'] as string, DEVICES as readonly Device[]), op);
      const out = { platform: p.config.id, device: c.device, op: kind, m: op.m, k: op.k, n: op.n, precision: op.precision, time_ns: c.time_ns, cycles: c.cycles, compute_cycles: c.compute_cycles, utilization: c.utilization, energy_pj: c.energy_pj, actions: c.actions, energy_by_action_pj: c.energy_by_action_pj };
      if (o['json']) return printJson(io, out);
      const { actions, energy_by_action_pj, ...head } = out;
      table(io, [head]);
      io.out('actions:\n');
      table(io, Object.entries(actions).map(([action, count]) => ({ action, count, energy_pj: energy_by_action_pj[action] ?? 0 })));
    });

  cost
    .command('step')
    .description('a whole phase (ar | draft | verify) as operators on the platform\'s default devices: per-operator and per-device time and energy')
    .requiredOption('--platform <name>', 'platform preset')
    .requiredOption('--target <model>', 'target model (specreplay list models)')
    .option('--draft <model>', 'draft model (phase draft)')
    .requiredOption('--phase <p>', 'ar | draft | verify')
    .option('--tokens <M>', 'verify: tree tokens (drafted + root); draft: drafted tokens (a chain)', '1')
    .requiredOption('--context <L>', 'context length before the step')
    .option('--precision <p>', PRECISIONS.join(' | '), 'int8')
    .option('--set <key=value>', 'override a platform field (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action((o: Record<string, string | string[] | boolean>) => {
      const p = resolvePlatform(o['platform'] as string, o['set'] as string[]);
      const phase = oneOf('phase', o['phase'] as string, ['ar', 'draft', 'verify']);
      const precision = oneOf('precision', o['precision'] as string, PRECISIONS);
      const target = getModel(o['target'] as string);
      const tokens = int('tokens', o['tokens'] as string, 1);
      const context = int('context', o['context'] as string);
      let ops;
      if (phase === 'ar') ops = arStepOps(target, context, precision);
      else if (phase === 'verify') ops = verifyOps(target, tokens, context, precision);
      else {
        if (o['draft'] === undefined) throw new UsageError(messages.draftPhaseNeedsModel());
        ops = draftOps(getModel(o['draft'] as string), { kind: 'chain', k: tokens }, context, precision);
      }
      const b = stepBreakdown(p, ops);
      const out = {
        platform: p.config.id,
        phase,
        target: target.id,
        draft: (o['draft'] as string | undefined) ?? null,
        tokens,
        context,
        precision,
        time_ns: b.time_ns,
        energy_pj: b.energy_pj,
        by_device: b.by_device,
        ops: b.ops.map((r) => ({ op: r.name, model: r.model, device: r.device, repeat: r.repeat, time_ns: r.total_time_ns, energy_pj: r.total_energy_pj, utilization: r.utilization })),
      };
      if (o['json']) return printJson(io, out);
      table(io, out.ops);
      io.out('\nper device:\n');
      table(io, Object.entries(b.by_device).map(([device, v]) => ({ device, ...v })));
      io.out(`\ntotal: ${fmt(b.time_ns)} ns, ${fmt(b.energy_pj)} pJ\n`);
    });
}
