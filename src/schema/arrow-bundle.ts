/**
 * Imported first (before any module that uses apache-arrow) by the entries of processes and
 * threads that hand no Arrow object to a caller: the CLI and the sweep worker threads. They load
 * apache-arrow's single-file build, which starts in a fifth of the time (see `arrow.ts`).
 */
import { ARROW_BUNDLE_FLAG } from './arrow-bundle-flag.js';

(globalThis as Record<symbol, unknown>)[ARROW_BUNDLE_FLAG] = true;
