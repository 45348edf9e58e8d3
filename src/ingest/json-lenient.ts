/**
 * JSON with the defects real answer files have: Python's json.dumps writes bare NaN,
 * Infinity and -Infinity for float nan/inf, which JSON.parse rejects. They are read as null
 * and their field paths reported, so the caller can warn (optional field) or fail (required).
 */

export interface LenientJson {
  readonly value: unknown;
  /** Paths like `choices[0].wall_time[1]` whose value was a bare NaN / Infinity, with the token. */
  readonly nonFinite: ReadonlyMap<string, string>;
}

const SENTINEL = '\u0000specreplay-nonfinite:';

/** Parses JSON; on failure retries with bare NaN/Infinity replaced. Throws SyntaxError if still invalid. */
export function parseJsonLenient(text: string): LenientJson {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark, as CSV readers accept it
  try {
    return { value: JSON.parse(text), nonFinite: new Map() };
  } catch (first) {
    const patched = replaceNonFinite(text);
    if (patched === null) throw first;
    const value = JSON.parse(patched);
    const nonFinite = new Map<string, string>();
    const fixed = walk(value, '', nonFinite);
    return { value: fixed, nonFinite };
  }
}

/** Replaces bare NaN / Infinity / -Infinity tokens outside strings with sentinel strings; null if none. */
function replaceNonFinite(text: string): string | null {
  let out = '';
  let last = 0;
  let inString = false;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash escapes the next char
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    for (const token of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(token, i)) {
        out += text.slice(last, i) + JSON.stringify(SENTINEL + token);
        i += token.length - 1;
        last = i + 1;
        found = true;
        break;
      }
    }
  }
  return found ? out + text.slice(last) : null;
}

function walk(v: unknown, path: string, acc: Map<string, string>): unknown {
  if (typeof v === 'string' && v.startsWith(SENTINEL)) {
    acc.set(path, v.slice(SENTINEL.length));
    return null;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = walk(v[i], `${path}[${i}]`, acc);
    return v;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = walk(o[k], path === '' ? k : `${path}.${k}`, acc);
    return o;
  }
  return v;
}

/**
 * Offset of the first syntax error in `text` (V8's messages do not always say where), or -1.
 * A small recursive-descent scan of JSON grammar, used only after JSON.parse has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m === null) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return at as number;
  }
}
