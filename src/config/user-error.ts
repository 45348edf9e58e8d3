/**
 * Errors caused by what the user asked for (an unknown preset, key or model, an impossible
 * configuration): the CLI prints the message and exits with 1, never a stack trace.
 */
import { messages } from './messages.js';

export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** Errors other modules raise for bad input (by name: no import cycle through this module). */
const USER_ERROR_NAMES: ReadonlySet<string> = new Set(['IngestError', 'TraceFileError', 'UsageError']);
/** File-system refusals caused by the paths the user gave (a folder where a file goes, no permission, full disk). */
const FS_USER_CODES: ReadonlySet<string> = new Set(['ENOENT', 'EEXIST', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'ENAMETOOLONG']);

/** True for an error the user can fix (the CLI prints its message and exits with 1). */
export function isUserError(e: unknown): e is Error {
  if (e instanceof UserError) return true;
  if (!(e instanceof Error)) return false;
  if (USER_ERROR_NAMES.has(e.name)) return true;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && FS_USER_CODES.has(code) && typeof (e as { syscall?: unknown }).syscall === 'string';
}

/** The message to print for a user error: file-system refusals are worded (messages.fsRefusal), others as raised. */
export function userMessage(e: Error): string {
  const fsErr = e as { code?: unknown; path?: unknown; syscall?: unknown };
  if (!(e instanceof UserError) && typeof fsErr.code === 'string' && FS_USER_CODES.has(fsErr.code) && typeof fsErr.syscall === 'string') {
    const file = typeof fsErr.path === 'string' ? fsErr.path : '(a file)';
    return messages.fsRefusal(fsErr.code, file, fsErr.syscall);
  }
  return e.message;
}
