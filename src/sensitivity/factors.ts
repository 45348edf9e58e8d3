/**
 * The factors of a sensitivity analysis: a platform's open fields (platform/open-fields.ts),
 * each mapped from the unit interval to a value: a cited range uniformly, otherwise the
 * alternative readings as equally likely choices.
 */
import type { OpenField } from '../platform/open-fields.js';

export interface Factor {
  readonly field: string;
  readonly unit: string;
  readonly why: string;
  /** The preset's own value (its first reading). */
  readonly reading: number;
  /** The named values the one-at-a-time analysis visits (the readings, and a range's ends). */
  readonly points: readonly { readonly name: string; readonly value: number; readonly source: string }[];
  readonly kind: 'range' | 'choice';
  readonly low: number;
  readonly high: number;
}

export function factorOf(o: OpenField): Factor {
  const points = [...o.readings, ...(o.range ? [o.range.low, o.range.high] : [])].filter((p, i, all) => all.findIndex((q) => q.value === p.value) === i);
  const values = points.map((p) => p.value);
  return {
    field: o.field,
    unit: o.unit,
    why: o.why,
    reading: o.readings[0]!.value,
    points,
    kind: o.range ? 'range' : 'choice',
    low: o.range ? o.range.low.value : Math.min(...values),
    high: o.range ? o.range.high.value : Math.max(...values),
  };
}

/** The factor's value at u in [0, 1): a point of its range, or one of its readings (equal shares). */
export function valueAt(f: Factor, u: number): number {
  if (f.kind === 'range') return f.low + u * (f.high - f.low);
  const n = f.points.length;
  return f.points[Math.min(n - 1, Math.floor(u * n))]!.value;
}
