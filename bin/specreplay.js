#!/usr/bin/env node
// The specreplay executable: a thin shim over the compiled CLI (npm run build writes dist/).
// It hands no Arrow object to a caller, so it loads apache-arrow's single-file build (a fifth of
// the start-up time of its ES modules; see src/schema/arrow.ts).
import { main } from '../dist/cli/main.js';
import { removeLiveTemps } from '../dist/util/atomic-write.js';
import { messages } from '../dist/config/messages.js';

// Ctrl-C or a kill during a write: remove this process's partial outputs (what a previous run
// wrote is untouched until the final rename) and exit with 128 + the signal number.
// `sweep-worker` handles its own signals (it finishes or returns its jobs first).
if (process.argv[2] !== 'sweep-worker') {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, () => {
      removeLiveTemps();
      process.stderr.write(`specreplay: ${messages.interrupted(signal)}\n`);
      process.exit(code);
    });
  }
}

// A reader that stops early (`specreplay ... | head`) closes the pipe: end quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`specreplay: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
