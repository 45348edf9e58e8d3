/**
 * Which models a trace's steps run: the target from the trace metadata (or
 * workload.target), the draft model from the method (EAGLE head, Medusa heads, a draft
 * decoder) or workload.draft; retrieval and n-gram drafting (REST, n-gram, PLD, lookahead)
 * cost no draft model. The precision is the platform's (PIM-LLM and TPU-LLM: W1A8), else FP16
 * on GPUs and INT8 on the mobile NPU / PIM platforms (the papers' settings).
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { PlatformConfig } from '../platform/platforms.js';
import type { TraceMeta } from '../schema/trace-schema.js';
import { MODEL_IDS, MODELS, type ModelShape } from '../workload/models.js';
import type { Precision } from '../workload/ops.js';
import type { ReplayConfig } from './config.js';
import { isModelFile, modelFromHfConfig } from '../workload/hf-config.js';

/** Names of draft models that are other checkpoints of a catalog shape. */
const ALIASES: Record<string, string> = { 'vicuna-68m': 'llama-68m', 'vicuna-160m': 'llama-160m' };

const MODEL_FREE_METHODS = new Set(['rest', 'ngram', 'pld', 'lookahead', 'vanilla']);

export function normalizeModelId(name: string): string | null {
  let n = name.toLowerCase().split('/').pop()!;
  if (n in MODELS) return n;
  if (n in ALIASES) return ALIASES[n]!;
  n = n.replace(/-(instruct|chat|hf)$/, '').replace(/-v\d+(\.\d+)?$/, '');
  if (n in MODELS) return n;
  return ALIASES[n] ?? null;
}

function model(id: string, what: string): ModelShape {
  if (isModelFile(id)) return modelFromHfConfig(id);
  const norm = normalizeModelId(id);
  if (norm === null) throw new UserError(messages.modelNotInCatalog(what, id, MODEL_IDS));
  return MODELS[norm as keyof typeof MODELS];
}

export interface ReplayModels {
  readonly target: ModelShape;
  readonly draft: ModelShape | null;
  readonly notes: readonly string[];
}

export function resolveModels(meta: TraceMeta, cfg: ReplayConfig): ReplayModels {
  const notes: string[] = [];
  const targetName = cfg.workload.target ?? meta.target_model;
  if (targetName === null) throw new UserError(messages.noTargetModel(MODEL_IDS));
  const target = model(targetName, 'target');
  if (cfg.workload.draft !== null) return { target, draft: cfg.workload.draft === 'none' ? null : model(cfg.workload.draft, 'draft'), notes };
  const method = meta.method ?? '';
  if (MODEL_FREE_METHODS.has(method)) {
    if (method !== 'vanilla') notes.push(messages.noteNoDraftModel(method));
    return { target, draft: null, notes };
  }
  if (method.startsWith('eagle') || method === 'medusa') {
    const family = method === 'medusa' ? 'medusa' : 'eagle';
    const id = `${family}-${target.id}`;
    if (!(id in MODELS)) throw new UserError(messages.noDraftHead(family, target.id));
    if (method === 'eagle3') notes.push(messages.noteEagle3Head());
    return { target, draft: MODELS[id as keyof typeof MODELS], notes };
  }
  if (meta.draft_model !== null) return { target, draft: model(meta.draft_model, 'draft'), notes };
  throw new UserError(messages.noDraftModel(meta.method ?? 'unknown', MODEL_IDS));
}

export function defaultPrecision(p: PlatformConfig): Precision {
  return p.precision ?? (p.gpu ? 'fp16' : 'int8');
}
