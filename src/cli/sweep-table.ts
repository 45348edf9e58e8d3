/**
 * The table `specreplay sweep` prints: a row per task and policy with its rates and intervals.
 * A design space of thousands of tasks is read from its files and charts, not the terminal:
 * the rows of the first tasks are printed, then a line saying where the rest are.
 */
import { messages } from '../config/messages.js';
import type { SweepRow } from '../sweep/task.js';

/** Tasks whose rows are printed (the number above which a sweep's charts box the tasks). */
export const PRINTED_TASKS = 60;

/** The printed lines (each ending in a newline), for rows of tasks `taskIds` (in task order). */
export function sweepTableLines(rows: readonly SweepRow[], taskIds: readonly string[], baseline: string | null, resultsFile: string): string[] {
  const printed = new Set(taskIds.slice(0, PRINTED_TASKS));
  const shown = rows.filter((x) => printed.has(x.task_id));
  const w = Math.max(4, ...shown.map((x) => x.task_id.length));
  const p = Math.max(6, ...shown.map((x) => x.policy.length));
  const lines = [`${'task'.padEnd(w)}  ${'policy'.padEnd(p)}  ${'tokens/s [95% CI]'.padStart(24)}  ${'tokens/J [95% CI]'.padStart(27)}${baseline ? `  speedup vs ${baseline}` : ''}\n`];
  for (const x of shown) {
    const tps = `${x.tokens_per_s.toFixed(2)} [${x.tokens_per_s_lo.toFixed(2)}, ${x.tokens_per_s_hi.toFixed(2)}]`;
    const tpj = `${x.tokens_per_j.toFixed(3)} [${x.tokens_per_j_lo.toFixed(3)}, ${x.tokens_per_j_hi.toFixed(3)}]`;
    lines.push(`${x.task_id.padEnd(w)}  ${x.policy.padEnd(p)}  ${tps.padStart(24)}  ${tpj.padStart(27)}${x.speedup === null ? '' : `  ${x.speedup.toFixed(3)}×`}\n`);
  }
  if (shown.length < rows.length) lines.push(messages.sweepRowsNotPrinted(rows.length - shown.length, taskIds.length - printed.size, resultsFile));
  return lines;
}
