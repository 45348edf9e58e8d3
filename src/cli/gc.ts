/**
 * Full garbage collections at coarse boundaries of a long command (after the trace is read,
 * after each policy's results are on disk), so the heap reuses the space of what is done
 * instead of growing with each policy: the replay's peak memory stays that of one policy.
 * Node exposes `gc` only behind a flag; it is enabled here, for the CLI only.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | null | undefined;
/** The heap plus array buffers in use after the last collection here. */
let inUseAfterLast = 0;

const inUse = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
  inUseAfterLast = inUse();
}

/**
 * What grows the heap by more than this fraction of what it held after the last collection
 * is collected at the next fine boundary (a batch of step rows on disk).
 */
const GROWTH_BEFORE_COLLECTING = 0.25;

/**
 * A collection at a fine boundary, only when memory grew by more than a quarter since the
 * last one: a full collection after every batch of step rows cost a quarter of a 1 M-step
 * replay's wall time (16 collections of 15-20 ms each, and the marking between them) for the
 * same peak RSS (240 MB either way; 5 M-node trace: 551-570 MB).
 */
export function collectGarbageIfGrown(): void {
  if (inUse() - inUseAfterLast > GROWTH_BEFORE_COLLECTING * inUseAfterLast) collectGarbage();
}
