/** The measured values the GPU SD rows compare against, recomputed from the files they come from. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REST_DIR = path.join(import.meta.dirname, '..', '..', 'traces', 'rest-mtbench-vicuna7b-v1.5');

function rate(file: string): number {
  let tokens = 0;
  let seconds = 0;
  for (const line of fs.readFileSync(path.join(REST_DIR, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const c = (JSON.parse(line) as { choices: { new_tokens: number[]; wall_time: number[] }[] }).choices[0]!;
    tokens += c.new_tokens.reduce((a, b) => a + b, 0);
    seconds += c.wall_time.reduce((a, b) => a + b, 0);
  }
  return tokens / seconds;
}

describe("REST's measured speedup on its RTX A6000", () => {
  it("is 1.70x: REST's MT-Bench answers against its autoregressive baseline's, tokens over wall time", () => {
    const rest = rate('rest-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    const base = rate('baseline-vicuna-7b-v1.5-temperature-0.0-top_p-0.jsonl');
    expect(base).toBeCloseTo(41244 / 1060.6, 1);
    expect(rest / base).toBeCloseTo(1.7, 2);
  });
});
