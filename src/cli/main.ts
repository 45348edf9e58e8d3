/**
 * The `specreplay` command line: thin commands over the library. Exit codes: 0 success,
 * 1 user error (bad input, with one located message), 2 internal error.
 */
import { Command, CommanderError } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerIngest } from './commands/ingest.js';
import { registerInspect } from './commands/inspect.js';
import { registerList } from './commands/list.js';
import { type Io, processIo } from './io.js';
import { isUserError, userMessage } from '../config/user-error.js';
import { printable } from '../util/printable.js';
import { registerCost } from './commands/cost.js';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';
import { registerFigures } from './commands/figures.js';
import { registerReplay } from './commands/replay.js';
import { registerReproduce } from './commands/reproduce.js';
import { registerSweep, registerSweepWorker } from './commands/sweep.js';
import { registerSensitivity } from './commands/sensitivity.js';

export function buildProgram(io: Io): Command {
  const program = new Command('specreplay')
    .description('Replay speculative-decoding traces through NPU + LPDDR5-PIM timing and energy models')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);
  registerDemo(program, io);
  registerIngest(program, io);
  registerInspect(program, io);
  registerExport(program, io);
  registerReplay(program, io);
  registerCompare(program, io);
  registerReport(program, io);
  registerFigures(program, io);
  registerSweep(program, io);
  registerSweepWorker(program, io);
  registerSensitivity(program, io);
  registerCost(program, io);
  registerReproduce(program, io);
  registerList(program, io);
  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], rawIo: Io = processIo()): Promise<number> {
  // Everything printed passes through `printable`: text from a trace cannot drive the terminal.
  const io: Io = { interactive: rawIo.interactive, out: (s) => rawIo.out(printable(s)), err: (s) => rawIo.err(printable(s)) };
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit with 0; commander already printed the usage error.
      return e.exitCode === 0 ? 0 : 1;
    }
    if (isUserError(e)) {
      io.err(`specreplay: ${userMessage(e)}\n`);
      return 1;
    }
    io.err(`specreplay: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}
