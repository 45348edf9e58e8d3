/**
 * A model shape from a Hugging Face `config.json`, so a user can replay a model the catalog
 * lacks (`--set workload.target=path/to/config.json`). Field names by `model_type`:
 * LLaMA, Mistral, Qwen2 and Gemma (`hidden_size`, `intermediate_size`, `num_attention_heads`,
 * `num_key_value_heads`, `num_hidden_layers`, `vocab_size`, `head_dim`; a gated FFN of three
 * matrices), OPT (`ffn_dim`, ReLU) and GPT-2 (`n_embd`, `n_head`, `n_layer`, `n_inner` or 4 x
 * `n_embd`, GELU). A missing or mistyped field is one error naming the file and the field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { FfnKind, ModelShape } from './models.js';

type Json = Record<string, unknown>;

const GATED = ['llama', 'mistral', 'qwen2', 'gemma'] as const;
const KNOWN = [...GATED, 'opt', 'gpt2'] as const;

/** True when a model name is a path to a JSON file (the catalog's ids have no `.json`). */
export function isModelFile(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

export function modelFromHfConfig(file: string): ModelShape {
  let cfg: unknown;
  try {
    cfg = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UserError(code === 'ENOENT' ? messages.modelFileMissing(file) : messages.modelFileBad(file, '', (e as Error).message));
  }
  if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) throw new UserError(messages.modelFileBad(file, '', 'expected a JSON object'));
  const c = cfg as Json;
  const type = c['model_type'];
  if (typeof type !== 'string' || !(KNOWN as readonly string[]).includes(type)) {
    throw new UserError(messages.modelFileBad(file, 'model_type', `expected one of ${KNOWN.join(', ')}, got ${JSON.stringify(type)}`));
  }
  const whole = (field: string, fallback?: number): number => {
    const v = c[field] ?? fallback;
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2 ** 31 - 1)) {
      throw new UserError(messages.modelFileBad(file, field, `expected a whole number >= 1, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`));
    }
    return v;
  };
  const id = `file:${path.basename(file)}`;
  const readings: string[] = [];
  let s: { layers: number; hidden: number; heads: number; kv_heads: number; head_dim: number; ffn: number; ffn_kind: FfnKind; vocab: number };
  if (type === 'gpt2') {
    const hidden = whole('n_embd');
    const heads = whole('n_head');
    const inner = c['n_inner'] === null || c['n_inner'] === undefined ? 4 * hidden : whole('n_inner');
    if (c['n_inner'] === null || c['n_inner'] === undefined) readings.push('n_inner is null: GPT-2 uses 4 x n_embd');
    s = { layers: whole('n_layer'), hidden, heads, kv_heads: heads, head_dim: hidden / heads, ffn: inner, ffn_kind: 'gelu', vocab: whole('vocab_size') };
  } else if (type === 'opt') {
    const hidden = whole('hidden_size');
    const heads = whole('num_attention_heads');
    if (c['word_embed_proj_dim'] !== undefined && c['word_embed_proj_dim'] !== hidden) readings.push('word_embed_proj_dim differs from hidden_size: the two small embedding projections are not modelled');
    s = { layers: whole('num_hidden_layers'), hidden, heads, kv_heads: heads, head_dim: hidden / heads, ffn: whole('ffn_dim'), ffn_kind: 'relu', vocab: whole('vocab_size') };
  } else {
    const hidden = whole('hidden_size');
    const heads = whole('num_attention_heads');
    const kv = whole('num_key_value_heads', heads);
    const headDim = c['head_dim'] === undefined || c['head_dim'] === null ? hidden / heads : whole('head_dim');
    if (heads % kv !== 0) throw new UserError(messages.modelFileBad(file, 'num_key_value_heads', `${kv} does not divide num_attention_heads ${heads}`));
    s = { layers: whole('num_hidden_layers'), hidden, heads, kv_heads: kv, head_dim: headDim, ffn: whole('intermediate_size'), ffn_kind: 'swiglu', vocab: whole('vocab_size') };
    if (c['tie_word_embeddings'] === true) readings.push('tie_word_embeddings: the LM head shares the embedding matrix; each step still reads it once as the LM head');
  }
  if (!Number.isInteger(s.head_dim)) throw new UserError(messages.modelFileBad(file, type === 'gpt2' ? 'n_head' : 'num_attention_heads', `does not divide the hidden size ${s.hidden}`));
  return {
    id,
    description: `${type} model from ${path.basename(file)}`,
    kind: 'decoder',
    ...s,
    source: `the user's Hugging Face config.json (${path.basename(file)}, model_type ${type})`,
    ...(readings.length > 0 ? { readings } : {}),
  };
}
