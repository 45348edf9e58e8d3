/**
 * Progress of long commands, on stderr: counted (`[3/21] what`) with the time spent and, once
 * a step is done, an estimate of the time left. On a terminal every step is shown; otherwise
 * (a log, CI) one line per step when there are few, else one per tenth, so a log is neither
 * silent nor flooded.
 */
import type { Io } from './io.js';

const secs = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export interface Counter {
  /** Reports step `done` (1-based) of the total, doing `what`. */
  (done: number, what: string): void;
}

export interface CounterOptions {
  /** `done` counts steps finished (a replay's request runs) rather than the step starting (a demo stage). */
  readonly finished?: boolean;
  /** Stay silent until this much time has passed (a short run prints nothing). */
  readonly quietForMs?: number;
}

export function counter(io: Io, total: number, label = '', opts: CounterOptions = {}): Counter {
  const t0 = Date.now(); // progress display only: no result depends on the clock
  let lastTenth = -1;
  return (done, what) => {
    const elapsed = Date.now() - t0;
    if (opts.quietForMs !== undefined && elapsed < opts.quietForMs) return;
    if (!io.interactive && total > 20) {
      const tenth = Math.floor((10 * done) / total);
      if (tenth === lastTenth && done !== total) return;
      lastTenth = tenth;
    }
    const finished = opts.finished ? done : Math.max(0, done - 1);
    const left = finished > 0 && done <= total ? ` (${secs(elapsed)} so far, about ${secs((elapsed / finished) * (total - finished))} left)` : elapsed > 0 ? ` (${secs(elapsed)} so far)` : '';
    io.err(`${label}[${done}/${total}] ${what}${left}\n`);
  };
}

/** Uncounted steps (a paper's setups): each with the time since the command started. */
export function stages(io: Io, label = ''): (what: string) => void {
  const t0 = Date.now();
  return (what) => io.err(`${label}${what} (${secs(Date.now() - t0)} so far)\n`);
}
