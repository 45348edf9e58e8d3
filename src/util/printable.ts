/**
 * Text from a trace (ids, names, messages quoting them) made safe for a terminal: control
 * characters (C0 but newline and tab, DEL, C1, and the bidirectional overrides) are written as
 * escapes, so an id cannot clear the screen or move the cursor.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return `\\u${code.toString(16).padStart(4, '0')}`; // also a valid escape inside a JSON string
  });
}

/** Formats a share as a percentage, with one decimal below 1% so a small share is not shown as 0%. */
export function percent(share: number): string {
  const p = 100 * share;
  return `${p > 0 && p < 1 ? p.toFixed(1) : p.toFixed(0)}%`;
}
