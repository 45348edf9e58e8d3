/**
 * The reproduction rows as the README's Markdown table (`specreplay reproduce --markdown`):
 * one row per claim with its status and baseline reading, the other readings in their own
 * column, then the reason for every gap.
 */
import type { ClaimRow } from './claims.js';

export const fmtValue = (x: number | null): string => (x === null ? 'null' : Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));
const fmtRatio = (r: number | null): string => (r === null ? '–' : r.toFixed(2));
const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function claimsMarkdown(rows: readonly ClaimRow[]): string {
  const published = rows.filter((r) => r.published !== null);
  const agree = published.filter((r) => r.status === 'agrees').length;
  const withIntervals = rows.some((r) => r.interval !== undefined);
  const inside = published.filter((r) => r.interval?.inside === true).length;
  const out = [
    `${agree} of ${published.length} published claims within 25%.` + (withIntervals ? ` ${inside} of ${published.length} published values lie inside the interval the open fields allow.` : ''),
    '',
    `| paper | claim | published | reproduced | ratio | status | baseline | other readings |${withIntervals ? ' interval over open fields |' : ''}`,
    `|---|---|---|---|---|---|---|---|${withIntervals ? '---|' : ''}`,
  ];
  for (const r of rows) {
    const others = r.other_readings.map((o) => `${o.baseline}: ${fmtValue(o.reproduced)} (${fmtRatio(o.ratio)})`).join('; ');
    const status = r.status.startsWith('gap') ? 'gap' : r.status;
    const iv = r.interval === undefined ? '' : r.interval.readings <= 1 ? 'no open field' : `[${fmtValue(r.interval.lo)}, ${fmtValue(r.interval.hi)}]${r.interval.inside === null ? '' : r.interval.inside ? `, inside (nearest: ${r.interval.nearest})` : ', outside'}`;
    out.push(`| ${r.paper} | ${cell(r.claim)} | ${fmtValue(r.published)} | ${fmtValue(r.reproduced)} | ${fmtRatio(r.ratio)} | ${status} | ${cell(r.baseline)} | ${cell(others)} |${withIntervals ? ` ${cell(iv)} |` : ''}`);
  }
  const gaps = rows.filter((r) => r.status.startsWith('gap'));
  if (gaps.length > 0) {
    out.push('', 'Why each gap stays:', '');
    for (const r of gaps) out.push(`- **${r.paper}, ${r.claim}** (${fmtRatio(r.ratio)}): ${r.status.slice('gap: '.length)}.`);
  }
  return out.join('\n') + '\n';
}
