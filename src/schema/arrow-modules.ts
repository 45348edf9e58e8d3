/**
 * Imported first by the library's entry (`src/index.ts`) and by the tests: this process uses
 * apache-arrow's ES modules, the same classes as a program's own `import 'apache-arrow'`, so
 * tables pass between them (see `arrow.ts`). A process that does not import it (the CLI, a
 * sweep's threads, the benchmarks) loads the single-file build.
 */
import * as A from 'apache-arrow';
import { ARROW_SLOT } from './arrow-slot.js';

(globalThis as Record<symbol, unknown>)[ARROW_SLOT] ??= A;
