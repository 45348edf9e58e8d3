/**
 * A run's config.json read back for a re-run (`replay TRACE --config RUN/config.json`): the
 * resolved replay configuration (every policy parameter), the expanded platform (every DRAM
 * timing, every energy entry) and the policies, each field checked with located errors. The
 * re-run replays exactly that configuration, so its run directory is byte for byte the first's.
 */
import { isRecord } from '../util/json.js';
import * as fs from 'node:fs';
import { checkKnob, REPLAY_KNOBS, type ParamSpec } from '../config/knobs.js';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { ReplayConfig } from '../kernel/config.js';
import { platformFromJson } from '../platform/platform-file.js';
import type { PlatformConfig } from '../platform/platforms.js';

export interface RunConfig {
  readonly config: ReplayConfig;
  readonly platform: PlatformConfig;
  readonly policies: readonly string[];
}


export function readRunConfig(file: string, params: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>>): RunConfig {
  const bad = (field: string, why: string): never => {
    throw new UserError(messages.configFileBad(file, field, why));
  };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    return bad('', (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(json)) return bad('', 'expected an object');
  const c = json['config'];
  if (!isRecord(c)) return bad('config', 'missing');
  const str = (v: unknown, f: string, nullable = false): string | null => (typeof v === 'string' || (nullable && v === null) ? (v as string | null) : bad(f, `expected a string${nullable ? ' or null' : ''}, got ${JSON.stringify(v)}`));
  const obj = (v: unknown, f: string): Record<string, unknown> => (isRecord(v) ? v : bad(f, 'expected an object'));
  const knob = (f: string, k: keyof typeof REPLAY_KNOBS, v: unknown, nullable = false) => {
    if (nullable && v === null) return null;
    try {
      return checkKnob(f, REPLAY_KNOBS[k]!, v) as number;
    } catch (e) {
      return bad(f, (e as Error).message);
    }
  };
  str(c['platform'], 'config.platform');
  const overrides = c['platform_overrides'];
  if (!Array.isArray(overrides) || !overrides.every((x) => typeof x === 'string')) bad('config.platform_overrides', 'expected a list of key=value strings');
  knob('config.seed', 'seed', c['seed']);
  const w = obj(c['workload'], 'config.workload');
  if (w['precision'] !== null && !['fp16', 'int8', 'w1a8'].includes(w['precision'] as string)) bad('config.workload.precision', `expected fp16, int8, w1a8 or null, got ${JSON.stringify(w['precision'])}`);
  knob('config.workload.prompt_tokens', 'workload.prompt_tokens', w['prompt_tokens']);
  str(w['target'], 'config.workload.target', true);
  str(w['draft'], 'config.workload.draft', true);
  const d = obj(c['draft'], 'config.draft');
  knob('config.draft.max_len', 'draft.max_len', d['max_len'], true);
  str(d['tree'], 'config.draft.tree', true);
  str(obj(c['impute'], 'config.impute')['rank_model'], 'config.impute.rank_model');
  const p = obj(c['params'], 'config.params');
  for (const [policy, specs] of Object.entries(params)) {
    const given = obj(p[policy], `config.params.${policy}`);
    for (const [name, spec] of Object.entries(specs)) {
      const f = `config.params.${policy}.${name}`;
      if (!(name in given)) bad(f, 'missing (config.json holds every parameter of every policy)');
      try {
        checkKnob(f, spec.knob, given[name]);
      } catch (e) {
        bad(f, (e as Error).message);
      }
    }
    for (const name of Object.keys(given)) if (!(name in specs)) bad(`config.params.${policy}.${name}`, `no such parameter; ${policy}'s: ${Object.keys(specs).join(', ')}`);
  }
  for (const policy of Object.keys(p)) if (!(policy in params)) bad(`config.params.${policy}`, `no such policy; policies: ${Object.keys(params).join(', ')}`);
  if (!isRecord(json['platform'])) bad('platform', 'missing (the expanded platform)');
  platformFromJson(`${file} (platform)`, json['platform']); // checks it; the re-run uses it as written
  const policies = json['policies'];
  if (!Array.isArray(policies) || policies.length === 0 || !policies.every((x) => typeof x === 'string')) bad('policies', 'expected the list of the run\'s policies');
  return { config: c as unknown as ReplayConfig, platform: json['platform'] as unknown as PlatformConfig, policies: policies as string[] };
}
