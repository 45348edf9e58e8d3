/** Sweep files: strict parsing with file + field errors, and the task grid. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTasks, parseSweep, taskDirName } from '../../src/sweep/spec.js';

const FILE = path.join('/data', 'sweeps', 'mine.json');
const base = { id: 'x', trace: '../t/steps.csv', platforms: ['gemv-pim', 'mobile-npu-lpddr5'], policies: ['ar-npu', 'sd-npu'] };
const parse = (o: object) => parseSweep(JSON.stringify(o), FILE);

describe('sweep file', () => {
  it('resolves the trace beside the sweep file; tasks are platforms x the grid in file order, with their overrides', () => {
    const spec = parse({ ...base, baseline: 'ar-npu', sets: ['workload.prompt_tokens=256'], grid: { 'draft.max_len': [1, 4], seed: [1, 2] } });
    expect(spec.trace).toBe(path.resolve('/data/t/steps.csv'));
    const tasks = expandTasks(spec);
    expect(tasks.map((t) => t.id)).toEqual([
      'gemv-pim,draft.max_len=1,seed=1',
      'gemv-pim,draft.max_len=1,seed=2',
      'gemv-pim,draft.max_len=4,seed=1',
      'gemv-pim,draft.max_len=4,seed=2',
      'mobile-npu-lpddr5,draft.max_len=1,seed=1',
      'mobile-npu-lpddr5,draft.max_len=1,seed=2',
      'mobile-npu-lpddr5,draft.max_len=4,seed=1',
      'mobile-npu-lpddr5,draft.max_len=4,seed=2',
    ]);
    expect(tasks[5]).toMatchObject({ index: 5, platform: 'mobile-npu-lpddr5', knobs: { 'draft.max_len': 1, seed: 2 }, sets: ['workload.prompt_tokens=256', 'draft.max_len=1', 'seed=2'], policies: ['ar-npu', 'sd-npu'] });
    expect(taskDirName(tasks[5]!)).toBe('005_mobile-npu-lpddr5_draft.max_len=1_seed=2');
  });

  it('no grid: one task per platform', () => {
    expect(expandTasks(parse(base)).map((t) => t.sets)).toEqual([[], []]);
  });

  it.each([
    [{ ...base, extra: 1 }, /mine\.json: unknown field 'extra'/],
    [{ ...base, id: 'a b' }, /field 'id'/],
    [{ ...base, trace: '' }, /field 'trace'/],
    [{ ...base, platforms: [] }, /field 'platforms': expected a non-empty array of platform ids, got \[\]/],
    [{ ...base, policies: 'sd-npu' }, /field 'policies'/],
    [{ ...base, baseline: 'specpim' }, /field 'baseline': expected one of the policies \(ar-npu, sd-npu\)/],
    [{ ...base, sets: ['seed'] }, /field 'sets': expected an array of key=value overrides/],
    [{ ...base, grid: [1, 2] }, /field 'grid'/],
    [{ ...base, grid: { 'draft.max_len': [] } }, /field 'grid\.draft\.max_len': expected a non-empty array/],
    [{ ...base, grid: { 'draft.max_len': [1, { a: 1 }] } }, /field 'grid\.draft\.max_len'/],
    [{ ...base, grid: { seed: [1, 1] } }, /field 'grid\.seed': values repeat/],
  ])('rejects %j', (o, message) => {
    expect(() => parse(o)).toThrow(message);
  });

  it('rejects text that is not a JSON object, naming the file', () => {
    expect(() => parseSweep('{', FILE)).toThrow(/mine\.json: not JSON/);
    expect(() => parseSweep('[1]', FILE)).toThrow(/mine\.json: expected a JSON object/);
  });
});
