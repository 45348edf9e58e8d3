/** Where the CLI writes (injectable for tests), and the usage error type. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** True when stderr is a terminal (progress is shown only then). */
  readonly interactive: boolean;
}

export function processIo(): Io {
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    interactive: process.stderr.isTTY === true,
  };
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}
