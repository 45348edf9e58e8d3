/**
 * Each claim's interval over what the sources leave open: the paper's setup is run again with
 * every open field of every platform it uses (platform/open-fields.ts) at each of its other
 * readings, one at a time; a claim's interval spans its values over all of them. A published
 * value outside the interval is a finding (no reading of the open fields reaches it); inside,
 * the reading that comes nearest is named.
 */
import { presetConfig } from '../platform/platforms.js';
import type { ClaimInterval, ClaimRow, Reproduction } from './claims.js';
import { recordPlatforms, withPlatformSets } from './run.js';
import { factorOf } from '../sensitivity/factors.js';

export async function runWithIntervals(rep: Reproduction, onProgress?: (what: string) => void): Promise<ClaimRow[]> {
  const { value: rows, platforms } = await recordPlatforms(() => rep.run(onProgress));
  const values: { name: string; value: number }[][] = rows.map((r) => [{ name: 'the presets\' readings', value: r.reproduced }]);
  for (const platform of platforms.sort()) {
    for (const open of presetConfig(platform)?.open ?? []) {
      const f = factorOf(open);
      for (const reading of f.points.filter((p) => p.value !== f.reading)) {
        onProgress?.(`${platform}: ${open.field} = ${reading.name}`);
        const alt = await withPlatformSets(platform, [`${open.field}=${reading.value}`], () => rep.run());
        alt.forEach((r, i) => {
          if (rows[i]?.claim !== r.claim) throw new Error(`internal: ${rep.id} gave its claims in another order under ${open.field}`);
          values[i]!.push({ name: `${platform} ${open.field}: ${reading.name}`, value: r.reproduced });
        });
      }
    }
  }
  return rows.map((r, i) => ({ ...r, interval: intervalOf(r.published, values[i]!) }));
}

function intervalOf(published: number | null, values: readonly { name: string; value: number }[]): ClaimInterval {
  const v = values.map((x) => x.value).filter(Number.isFinite);
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  if (published === null) return { lo, hi, readings: values.length, inside: null, nearest: null };
  const nearest = values.reduce((p, x) => (Math.abs(x.value - published) < Math.abs(p.value - published) ? x : p));
  return { lo, hi, readings: values.length, inside: published >= lo && published <= hi, nearest: nearest.name };
}
