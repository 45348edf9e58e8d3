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
  const out = [
    `${agree} of ${published.length} published claims within 25%.`,
    '',
    '| paper | claim | published | reproduced | ratio | status | baseline | other readings |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const others = r.other_readings.map((o) => `${o.baseline}: ${fmtValue(o.reproduced)} (${fmtRatio(o.ratio)})`).join('; ');
    const status = r.status.startsWith('gap') ? 'gap' : r.status;
    out.push(`| ${r.paper} | ${cell(r.claim)} | ${fmtValue(r.published)} | ${fmtValue(r.reproduced)} | ${fmtRatio(r.ratio)} | ${status} | ${cell(r.baseline)} | ${cell(others)} |`);
  }
  const gaps = rows.filter((r) => r.status.startsWith('gap'));
  if (gaps.length > 0) {
    out.push('', 'Why each gap stays:', '');
    for (const r of gaps) out.push(`- **${r.paper}, ${r.claim}** (${fmtRatio(r.ratio)}): ${r.status.slice('gap: '.length)}.`);
  }
  return out.join('\n') + '\n';
}

/**
 * The claims' intervals over the open fields (`reproduce --intervals --markdown`, below the
 * claims table): the claims some open field moves.
 */
export function intervalsMarkdown(rows: readonly ClaimRow[]): string {
  const open = rows.filter((r) => r.interval !== undefined && r.interval.hi > r.interval.lo);
  const still = rows.filter((r) => r.interval !== undefined && r.interval.hi === r.interval.lo).length;
  const published = open.filter((r) => r.published !== null);
  const inside = published.filter((r) => r.interval!.inside === true);
  const out = [
    `${inside.length} of ${published.length} published values (of the claims the open fields move) lie inside the interval the open fields allow; ${still} claim${still === 1 ? '' : 's'} no open field moves.`,
    '',
    '| paper | claim | published | reproduced | interval over open fields | published value | nearest setting |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of open) {
    const iv = r.interval!;
    const where = iv.inside === null ? 'not published' : iv.inside ? 'inside' : r.published! < iv.lo ? 'below' : 'above';
    out.push(`| ${r.paper} | ${cell(r.claim)} | ${fmtValue(r.published)} | ${fmtValue(r.reproduced)} | [${fmtValue(iv.lo)}, ${fmtValue(iv.hi)}] (${iv.readings} settings) | ${where} | ${cell(iv.nearest ?? '–')} |`);
  }
  return out.join('\n') + '\n';
}
