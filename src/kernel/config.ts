/**
 * The replay configuration: platform (with its overrides), workload (models, precision,
 * prompt length when the trace has none), drafting knobs shared by the speculative baselines,
 * imputation, seed, and per-policy parameters. `--set key=value` keys that name a platform
 * field go to the platform; the rest are checked here. Resolution is pure; the resolved
 * config is written beside every result.
 */
import { UserError } from '../config/user-error.js';
import { messages } from '../config/messages.js';
import { parseKnob, REPLAY_KNOBS, type ParamSpec, type ParamValue } from '../config/knobs.js';
import { configurePlatform } from '../platform/platforms.js';
import { overridableKeys } from '../platform/overrides.js';
import type { Precision } from '../workload/ops.js';

export interface ReplayConfig {
  readonly platform: string;
  readonly platform_overrides: readonly string[];
  readonly seed: number;
  readonly workload: {
    readonly precision: Precision | null;
    /** Prompt length assumed when the trace does not record it. */
    readonly prompt_tokens: number;
    readonly target: string | null;
    readonly draft: string | null;
  };
  readonly draft: {
    /** Replay chains of at most this many tokens instead of the recorded drafting. */
    readonly max_len: number | null;
    /** Replay this tree template instead of the recorded drafting. */
    readonly tree: string | null;
  };
  readonly impute: { readonly rank_model: string };
  /** Per-policy parameters: policy id -> name -> value. */
  readonly params: Readonly<Record<string, Readonly<Record<string, number | string | boolean>>>>;
}

export const DEFAULT_CONFIG: Omit<ReplayConfig, 'platform'> = {
  platform_overrides: [],
  seed: 1,
  workload: { precision: null, prompt_tokens: 128, target: null, draft: null },
  draft: { max_len: null, tree: null },
  impute: { rank_model: 'auto' },
  params: {},
};

const PRECISIONS: readonly Precision[] = ['fp16', 'int8', 'w1a8'];

const REPLAY_KEYS = ['seed', 'workload.precision', 'workload.prompt_tokens', 'workload.target', 'workload.draft', 'draft.max_len', 'draft.tree', 'impute.rank_model'] as const;

const num = (key: keyof typeof REPLAY_KNOBS, v: string): number => parseKnob(key, REPLAY_KNOBS[key]!, v) as number;

/**
 * Resolves `--set` overrides against the platform and the replay keys. `policyParams` maps
 * each policy id to its parameter names and defaults (from `describe()`).
 */
export function resolveReplayConfig(
  platform: string,
  sets: readonly string[],
  policyParams: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>>,
): ReplayConfig {
  const defaults = Object.fromEntries(Object.entries(policyParams).map(([id, ps]) => [id, Object.fromEntries(Object.entries(ps).map(([k, v]) => [k, v.default]))]));
  const platformKeys = overridableKeys(configurePlatform(platform));
  let cfg: ReplayConfig = { ...DEFAULT_CONFIG, platform, params: defaults };
  const platformSets: string[] = [];
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UserError(messages.expectedKeyValue(s));
    const key = s.slice(0, eq).trim();
    const v = s.slice(eq + 1).trim();
    if (platformKeys.has(key)) {
      platformSets.push(s);
      continue;
    }
    switch (key) {
      case 'seed':
        cfg = { ...cfg, seed: num(key, v) };
        continue;
      case 'workload.precision':
        parseKnob(key, { kind: 'enum', values: PRECISIONS }, v);
        cfg = { ...cfg, workload: { ...cfg.workload, precision: v as Precision } };
        continue;
      case 'workload.prompt_tokens':
        cfg = { ...cfg, workload: { ...cfg.workload, prompt_tokens: num(key, v) } };
        continue;
      case 'workload.target':
        cfg = { ...cfg, workload: { ...cfg.workload, target: v } };
        continue;
      case 'workload.draft':
        cfg = { ...cfg, workload: { ...cfg.workload, draft: v } };
        continue;
      case 'draft.max_len':
        cfg = { ...cfg, draft: { ...cfg.draft, max_len: num(key, v) } };
        continue;
      case 'draft.tree':
        cfg = { ...cfg, draft: { ...cfg.draft, tree: v } };
        continue;
      case 'impute.rank_model':
        cfg = { ...cfg, impute: { rank_model: v } };
        continue;
    }
    const dot = key.indexOf('.');
    const policy = dot > 0 ? key.slice(0, dot) : '';
    const param = key.slice(dot + 1);
    const known = cfg.params[policy];
    if (known !== undefined && param in known) {
      const value = parseKnob(key, policyParams[policy]![param]!.knob, v) as ParamValue;
      cfg = { ...cfg, params: { ...cfg.params, [policy]: { ...known, [param]: value } } };
      continue;
    }
    const policyKeys = Object.entries(cfg.params).flatMap(([p, ps]) => Object.keys(ps).map((k) => `${p}.${k}`));
    throw new UserError(messages.unknownConfigKey(key, [...REPLAY_KEYS, ...policyKeys, ...platformKeys.keys()]));
  }
  configurePlatform(platform, platformSets); // validates the platform values now
  return { ...cfg, platform_overrides: platformSets };
}
