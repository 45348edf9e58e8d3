/** One schema for every knob: each platform field and policy parameter has a type and range, and the presets obey them. */
import { describe, expect, it } from 'vitest';
import { checkKnob, describeKnob, parseKnob, PLATFORM_KNOBS, platformKnob, REPLAY_KNOBS } from '../../src/config/knobs.js';
import { configurePlatform, PLATFORM_IDS } from '../../src/platform/platforms.js';
import { overridableKeys } from '../../src/platform/overrides.js';
import { policyParams } from '../../src/policy/registry.js';
import { resolveReplayConfig } from '../../src/kernel/config.js';

describe('the knob schema', () => {
  it('every numeric or boolean field of every platform preset has a knob, and the preset value is inside it', () => {
    for (const id of PLATFORM_IDS) {
      for (const [key, v] of overridableKeys(configurePlatform(id))) {
        if (typeof v === 'number' || typeof v === 'boolean' || v === null) {
          expect(platformKnob(key), `${id}: ${key}`).toBeDefined();
          expect(() => checkKnob(key, platformKnob(key)!, v), `${id}: ${key} = ${v}`).not.toThrow();
        }
      }
    }
  });

  it("every policy parameter's default is inside its own knob", () => {
    for (const [policy, params] of Object.entries(policyParams())) {
      for (const [name, spec] of Object.entries(params)) expect(() => checkKnob(`${policy}.${name}`, spec.knob, spec.default), `${policy}.${name}`).not.toThrow();
    }
  });

  it('one boolean vocabulary for every field (dram.refresh and ahasd.edc alike)', () => {
    for (const [word, v] of [['yes', true], ['on', true], ['1', true], ['true', true], ['no', false], ['off', false], ['0', false], ['false', false]] as const) {
      expect(parseKnob('x', { kind: 'bool' }, word)).toBe(v);
      expect(resolveReplayConfig('ahasd', [`ahasd.edc=${word}`, `dram.refresh=${word}`], policyParams()).params['ahasd']!['edc']).toBe(v);
    }
    expect(() => parseKnob('ahasd.edc', { kind: 'bool' }, 'maybe')).toThrow(/field 'ahasd.edc': expected on or off, got "maybe"/);
  });

  it('values no hardware can have are refused before any work, naming the field, the range and the value', () => {
    const bad: [string, string, RegExp][] = [
      ['gemv-pim', 'pim.channels=2.5', /field 'pim.channels': expected a whole number in \[1, 1024\] channels, got "2.5"/],
      ['gemv-pim', 'pim.channels=0', /field 'pim.channels'/],
      ['gemv-pim', 'pim.freq_mhz=0', /field 'pim.freq_mhz': expected a number in \(0, 100000\] MHz/],
      ['gemv-pim', 'pim.alus=0', /field 'pim.alus'/],
      ['gemv-pim', 'npu.vector_gops=0', /field 'npu.vector_gops'/],
      ['gemv-pim', 'dram.window=0', /field 'dram.window'/],
      ['gemv-pim', 'draft.max_len=2.5', /field 'draft.max_len': expected a whole number in \[1, 256\] tokens/],
      ['gemv-pim', 'draft.max_len=1e308', /field 'draft.max_len'/],
      ['gemv-pim', 'seed=NaN', /field 'seed'/],
      ['gemv-pim', 'specpim.objective=speed', /field 'specpim.objective': expected one of throughput, energy, edp/],
      ['gemv-pim', 'specpim.alpha=1.5', /field 'specpim.alpha': expected 'trace' or a number in \[0, 1\]/],
      ['gemv-pim', 'lp-spec.max_nodes=0', /field 'lp-spec.max_nodes'/],
    ];
    for (const [platform, set, msg] of bad) expect(() => resolveReplayConfig(platform, [set], policyParams()), set).toThrow(msg);
    expect(resolveReplayConfig('gemv-pim', ['specpim.alpha=0.7', 'specpim.draft_len=search', 'draft.max_len=4'], policyParams()).draft.max_len).toBe(4);
  });

  it('describes each knob in words', () => {
    expect(describeKnob(REPLAY_KNOBS['draft.max_len']!)).toBe('a whole number in [1, 256] tokens');
    expect(describeKnob(PLATFORM_KNOBS['pim.internal_gbps_per_unit']!)).toBe('a number in (0, 1000000] GB/s (or null)');
  });
});
