import { describe, expect, it } from 'vitest';
import { PRINTED_TASKS, sweepTableLines } from '../../src/cli/sweep-table.js';
import type { SweepRow } from '../../src/sweep/task.js';

function row(task: number, policy: string): SweepRow {
  return {
    task,
    task_id: `gemv-pim,draft.max_len=${task}`,
    platform: 'gemv-pim',
    knobs: { 'draft.max_len': task },
    policy,
    requests: 4,
    steps: 10,
    decoded_tokens: 20,
    time_s: 2,
    energy_j: 4,
    tokens_per_s: 10,
    tokens_per_s_lo: 9.5,
    tokens_per_s_hi: 10.5,
    tokens_per_j: 5,
    tokens_per_j_lo: 4.75,
    tokens_per_j_hi: 5.25,
    energy_per_token_j: 0.2,
    edp_j_s: 0.8,
    committed_per_step: 2,
    imputed_share: 0,
    speedup: policy === 'ar-npu' ? 1 : 1.5,
    energy_efficiency_gain: 1,
  };
}

const sweep = (tasks: number) => {
  const rows = Array.from({ length: tasks }, (_, t) => [row(t, 'ar-npu'), row(t, 'sd-npu')]).flat();
  return { rows, ids: Array.from({ length: tasks }, (_, t) => `gemv-pim,draft.max_len=${t}`) };
};

describe('the sweep table', () => {
  it('prints every row of a small sweep, and no line about others', () => {
    const { rows, ids } = sweep(7);
    const lines = sweepTableLines(rows, ids, 'ar-npu', 'out/results.csv');
    expect(lines).toHaveLength(1 + 14);
    expect(lines[0]).toContain('speedup vs ar-npu');
    expect(lines[2]).toMatch(/gemv-pim,draft\.max_len=0\s+sd-npu\s+10\.00 \[9\.50, 10\.50\]\s+5\.000 \[4\.750, 5\.250\]\s+1\.500×/);
  });

  it('prints the first tasks of a design space, then where the other rows are', () => {
    const { rows, ids } = sweep(PRINTED_TASKS + 40);
    const lines = sweepTableLines(rows, ids, 'ar-npu', 'out/results.csv');
    expect(lines).toHaveLength(1 + 2 * PRINTED_TASKS + 1);
    expect(lines.at(-2)).toContain(`draft.max_len=${PRINTED_TASKS - 1} `);
    expect(lines.at(-1)).toBe('... 80 more rows (40 more tasks) in out/results.csv (and results.arrow; --json prints them all)\n');
  });
});
