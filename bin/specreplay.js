#!/usr/bin/env node
// The specreplay executable: a thin shim over the compiled CLI (npm run build writes dist/).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`specreplay: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
