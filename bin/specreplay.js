#!/usr/bin/env node
// The specreplay executable: a thin shim over the compiled CLI (npm run build writes dist/).
import { main } from '../dist/cli/main.js';

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
