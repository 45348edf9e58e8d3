/**
 * The entry of a sweep's pool threads (piscina): a thread hands no Arrow object to a caller, so
 * it loads apache-arrow's single-file build (imported first; see `schema/arrow.ts`), then runs
 * tasks with `worker.ts` (which the main thread also imports, for sweeps without a pool).
 */
import '../schema/arrow-bundle.js';
import { runCall } from './worker.js';

export default runCall;
