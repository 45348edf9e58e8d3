import { messages } from '../../config/messages.js';
import type { Command } from 'commander';
import { UserError } from '../../config/user-error.js';
import type { ClaimRow } from '../../reproduce/claims.js';
import { REPRODUCTION_IDS } from '../../reproduce/ids.js';
import { claimsMarkdown, fmtValue as fmt, intervalsMarkdown } from '../../reproduce/markdown.js';
import { printJson, type Io } from '../io.js';

const ratioText = (r: number | null) => (r === null ? '-' : r.toFixed(2));
const statusWord = (s: string) => (s.startsWith('gap') ? 'gap' : s);

/** One line a claim (status word only), its other readings indented beneath; then the gaps' reasons. */
function table(rows: readonly ClaimRow[]): string {
  const head = ['paper', 'claim', 'published', 'reproduced', 'ratio', 'unit', 'status', 'baseline'];
  const body = rows.map((r) => [r.paper, r.claim, fmt(r.published), fmt(r.reproduced), ratioText(r.ratio), r.unit, statusWord(r.status), r.baseline]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (i === 7 ? 0 : b[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 7 ? c : i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head)];
  rows.forEach((r, k) => {
    out.push(line(body[k]!));
    for (const o of r.other_readings) out.push(line(['', `  other reading: ${o.baseline}`.slice(0, widths[1]!), '', fmt(o.reproduced), ratioText(o.ratio), '', '', '']));
    if (r.interval) out.push(line(['', `  over open fields (${r.interval.readings} settings)`.slice(0, widths[1]!), '', `[${fmt(r.interval.lo)}, ${fmt(r.interval.hi)}]`, '', '', r.interval.inside === null ? '' : r.interval.inside ? 'inside' : 'outside', '']));
  });
  const gaps = rows.filter((r) => r.status.startsWith('gap'));
  if (gaps.length > 0) {
    out.push('', 'gaps:');
    for (const r of gaps) out.push(`  ${r.paper}, ${r.claim}: ${r.status.slice('gap: '.length)}`);
  }
  return out.join('\n') + '\n';
}

export function registerReproduce(program: Command, io: Io): void {
  program
    .command('reproduce')
    .description("run a paper's setup and print each claim: published value, reproduced value, ratio")
    .argument('[paper...]', `${REPRODUCTION_IDS.join(' | ')} (default: all)`)
    .option('--json', 'print the rows as a JSON array')
    .option('--markdown', "print the rows as the README's Markdown table")
    .option('--intervals', "also each claim's interval over the platforms' open fields (runs each setup again per other reading; list platforms --show ID lists them)")
    .action(async (papers: string[], o: { json?: boolean; markdown?: boolean; intervals?: boolean }) => {
      const { REPRODUCTIONS } = await import('../../reproduce/index.js');
      const ids: readonly string[] = papers.length === 0 ? REPRODUCTION_IDS : papers;
      for (const id of ids) if (!(id in REPRODUCTIONS)) throw new UserError(messages.unknownPaper(id, REPRODUCTION_IDS));
      const rows: ClaimRow[] = [];
      const { stages } = await import('../progress.js');
      const step = stages(io, '  ');
      for (const id of ids) {
        const r = REPRODUCTIONS[id]!;
        const quiet = o.json === true || o.markdown === true;
        if (!quiet) io.err(`reproduce ${id}: ${r.describe}\n`);
        // One line per setup, terminal or not (about 20 over the four papers).
        const onStep = (what: string) => (quiet ? undefined : step(what));
        if (o.intervals) {
          const { runWithIntervals } = await import('../../reproduce/intervals.js');
          rows.push(...(await runWithIntervals(r, onStep)));
        } else rows.push(...(await r.run(onStep)));
      }
      if (o.json) return printJson(io, rows);
      if (o.markdown) return io.out(claimsMarkdown(rows) + (o.intervals ? '\n' + intervalsMarkdown(rows) : ''));
      io.out(table(rows));
      const agree = rows.filter((r) => r.status === 'agrees').length;
      const published = rows.filter((r) => r.published !== null).length;
      io.out(`\n${agree} of ${published} published claims within 25%. ratio = reproduced / published; null = the value is not published as a number (a figure only, or withheld as a validation set); sources in docs/references.md.\n`);
    });
}
