/**
 * Errors caused by what the user asked for (an unknown preset, key or model, an impossible
 * configuration): the CLI prints the message and exits with 1, never a stack trace.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}
