import type { Command } from 'commander';
import { UserError } from '../../config/user-error.js';
import type { ClaimRow } from '../../reproduce/claims.js';
import { REPRODUCTION_IDS } from '../../reproduce/ids.js';
import { printJson, type Io } from '../io.js';

const fmt = (x: number | null) => (x === null ? 'null' : Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));

function table(rows: readonly ClaimRow[]): string {
  const head = ['paper', 'claim', 'published', 'reproduced', 'ratio', 'unit', 'configuration'];
  const body = rows.map((r) => [r.paper, r.claim, fmt(r.published), fmt(r.reproduced), r.ratio === null ? '-' : r.ratio.toFixed(2), r.unit, r.configuration]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.slice(0).map((b) => (i === 6 ? 0 : b[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 6 ? c : i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n') + '\n';
}

export function registerReproduce(program: Command, io: Io): void {
  program
    .command('reproduce')
    .description("run a paper's setup and print each claim: published value, reproduced value, ratio")
    .argument('[paper...]', `${REPRODUCTION_IDS.join(' | ')} (default: all)`)
    .option('--json', 'print the rows as a JSON array')
    .action(async (papers: string[], o: { json?: boolean }) => {
      const { REPRODUCTIONS } = await import('../../reproduce/index.js');
      const ids: readonly string[] = papers.length === 0 ? REPRODUCTION_IDS : papers;
      for (const id of ids) if (!(id in REPRODUCTIONS)) throw new UserError(`unknown paper '${id}'; choose from ${REPRODUCTION_IDS.join(', ')}`);
      const rows: ClaimRow[] = [];
      for (const id of ids) {
        const r = REPRODUCTIONS[id]!;
        if (!o.json) io.err(`reproduce ${id}: ${r.describe}\n`);
        rows.push(...(await r.run((what) => (o.json || !io.interactive ? undefined : io.err(`  ${what}\n`)))));
      }
      if (o.json) return printJson(io, rows);
      io.out(table(rows));
      io.out('ratio = reproduced / published; null = papers.md withholds or the paper does not state the value; the README explains gaps over 25%.\n');
    });
}
