/**
 * A full garbage collection at coarse boundaries of a long command (after the trace is read,
 * after each policy's results are on disk), so the heap reuses the space of what is done
 * instead of growing with each policy: the replay's peak memory stays that of one policy.
 * Node exposes `gc` only behind a flag; it is enabled here, for the CLI only.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | null | undefined;

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
}
