/** Fixed colours: a policy (and a device) has the same colour in every chart. */
import { describe, expect, it } from 'vitest';
import { policies } from '../../src/policy/registry.js';
import { RESOURCES } from '../../src/kernel/engine.js';
import { DEVICE_COLOURS, POLICY_COLOURS, policyScale } from '../../src/report/theme.js';
import { ratioBars } from '../../src/report/charts/ratio-bars.js';
import type { ComparisonRow } from '../../src/stats/compare.js';

describe('colours', () => {
  it('every registered policy and every device has its own colour', () => {
    for (const id of Object.keys(policies)) expect(POLICY_COLOURS, id).toHaveProperty(id);
    for (const r of RESOURCES) expect(DEVICE_COLOURS, r).toHaveProperty(r);
    expect(new Set(Object.values(POLICY_COLOURS)).size).toBe(Object.keys(POLICY_COLOURS).length);
    expect(new Set(Object.values(DEVICE_COLOURS)).size).toBe(Object.keys(DEVICE_COLOURS).length);
  });

  it('a policy keeps its colour whatever else is in the chart; unknown policies take spare colours in order', () => {
    expect(policyScale(['sd-npu', 'lp-spec'])).toEqual({ domain: ['sd-npu', 'lp-spec'], range: [POLICY_COLOURS['sd-npu'], POLICY_COLOURS['lp-spec']] });
    expect(policyScale(['lp-spec']).range).toEqual([POLICY_COLOURS['lp-spec']]);
    const mixed = policyScale(['mine', 'ahasd', 'yours', 'mine']);
    expect(mixed.domain).toEqual(['mine', 'ahasd', 'yours']);
    expect(mixed.range[1]).toBe(POLICY_COLOURS['ahasd']);
    expect(new Set([...mixed.range, ...Object.values(POLICY_COLOURS)]).size).toBe(Object.keys(POLICY_COLOURS).length + 2);
  });

  it('the ratio bars (baseline left out) colour each policy as the other charts do', () => {
    const row = (policy: string): ComparisonRow =>
      ({ policy, baseline: 'ar-npu', metric: 'tokens_per_s', n: 3, geomean_ratio: 2, ci: { lo: 1.9, hi: 2.1, level: 0.95, resamples: 10, seed: 1 } }) as unknown as ComparisonRow;
    const spec = JSON.stringify(ratioBars([row('specpim'), row('sd-npu')]).spec);
    expect(spec).toContain(JSON.stringify({ domain: ['specpim', 'sd-npu'], range: [POLICY_COLOURS['specpim'], POLICY_COLOURS['sd-npu']] }));
  });
});
