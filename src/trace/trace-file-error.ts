/** A canonical trace file that cannot be read (not Arrow, wrong schema version, missing column). */
export class TraceFileError extends Error {
  override readonly name = 'TraceFileError';
}
