/** Model files: a Hugging Face config.json read into the shape the catalog would give. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFromHfConfig } from '../../src/workload/hf-config.js';
import { getModel } from '../../src/workload/models.js';
import { replay } from '../../src/replay/replay.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { fixture, ROOT, tmpDir } from '../helpers.js';

const cfg = (name: string) => fixture('hf-configs', `${name}.json`);
const SHAPE = ['layers', 'hidden', 'heads', 'kv_heads', 'head_dim', 'ffn', 'ffn_kind', 'vocab', 'kind'] as const;
const pick = (m: object) => Object.fromEntries(SHAPE.map((k) => [k, (m as Record<string, unknown>)[k]]));

describe('Hugging Face config.json model files', () => {
  it("the catalog's models written out as config files read back as the catalog's shapes", () => {
    for (const [file, id] of [['llama-2-7b', 'llama-2-7b'], ['llama-3-8b', 'llama-3-8b'], ['opt-6.7b', 'opt-6.7b'], ['gpt2-medium', 'gpt2-355m'], ['llama-68m', 'llama-68m']] as const) {
      expect(pick(modelFromHfConfig(cfg(file))), file).toEqual(pick(getModel(id)));
    }
  });

  it('Mistral, Qwen2 and Gemma field names (GQA, a head size of its own)', () => {
    expect(pick(modelFromHfConfig(cfg('mistral-7b')))).toMatchObject({ layers: 32, hidden: 4096, heads: 32, kv_heads: 8, head_dim: 128, ffn: 14336, ffn_kind: 'swiglu', vocab: 32000 });
    expect(pick(modelFromHfConfig(cfg('qwen2-7b')))).toMatchObject({ layers: 28, hidden: 3584, heads: 28, kv_heads: 4, head_dim: 128, ffn: 18944, vocab: 152064 });
    expect(pick(modelFromHfConfig(cfg('gemma-2b')))).toMatchObject({ layers: 18, hidden: 2048, heads: 8, kv_heads: 1, head_dim: 256, ffn: 16384, vocab: 256000 });
    expect(modelFromHfConfig(cfg('gpt2-medium')).readings).toEqual(['n_inner is null: GPT-2 uses 4 x n_embd']);
  });

  it('bad files are one error naming the file and the field', () => {
    const dir = tmpDir();
    const write = (o: unknown) => {
      const f = path.join(dir, 'config.json');
      fs.writeFileSync(f, typeof o === 'string' ? o : JSON.stringify(o));
      return f;
    };
    const base = JSON.parse(fs.readFileSync(cfg('llama-2-7b'), 'utf8')) as Record<string, unknown>;
    expect(() => modelFromHfConfig(write({ ...base, hidden_size: '4096' }))).toThrow(/config\.json: field 'hidden_size': expected a whole number >= 1, got "4096"/);
    expect(() => modelFromHfConfig(write({ ...base, num_hidden_layers: undefined }))).toThrow(/field 'num_hidden_layers': expected a whole number >= 1, got nothing/);
    expect(() => modelFromHfConfig(write({ ...base, model_type: 'mamba' }))).toThrow(/field 'model_type': expected one of llama, mistral, qwen2, gemma, opt, gpt2, got "mamba"/);
    expect(() => modelFromHfConfig(write({ ...base, num_key_value_heads: 5 }))).toThrow(/field 'num_key_value_heads': 5 does not divide num_attention_heads 32/);
    expect(() => modelFromHfConfig(write('{ not json'))).toThrow(/config\.json: /);
    expect(() => modelFromHfConfig(path.join(dir, 'none.json'))).toThrow(/none\.json: no such model file/);
  });

  it('a replay with workload.target=FILE matches the catalog model and writes the whole shape to config.json', async () => {
    const sps = path.join(ROOT, 'traces', 'specbench-vicuna7b-yukiki', 'vicuna-7b-v1.3-sps-68m-float16-temp-0.0.jsonl');
    const { trace } = await ingestFile(sps, 'spec-bench');
    const viaFile = replay({ trace, platform: 'gemv-pim', policies: ['sd-npu'], sets: ['draft.max_len=3', `workload.target=${cfg('llama-2-7b')}`, `workload.draft=${cfg('llama-68m')}`] });
    const viaId = replay({ trace, platform: 'gemv-pim', policies: ['sd-npu'], sets: ['draft.max_len=3', 'workload.target=llama-2-7b', 'workload.draft=llama-68m'] });
    expect(viaFile.policies[0]!.summary.tokens_per_s).toBe(viaId.policies[0]!.summary.tokens_per_s);
    expect(viaFile.policies[0]!.summary.tokens_per_j).toBe(viaId.policies[0]!.summary.tokens_per_j);
    expect(viaFile.resolved.models.target).toBe('file:llama-2-7b.json');
    expect(pick(viaFile.resolved.models.target_shape)).toEqual(pick(getModel('llama-2-7b')));
  });
});
