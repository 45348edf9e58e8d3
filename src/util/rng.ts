/**
 * Seeded, order-independent randomness: a draw is a hash of (seed, stream, a, b), so an
 * imputed value depends only on what it is about (request, position), never on the order
 * policies ask — replays stay deterministic and causal.
 */

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A uniform draw in [0, 1) for the key (seed, stream, a, b). */
export function hashUniform(seed: number, stream: number, a: number, b: number): number {
  return uniformAt(hashKey(seed, stream, a), b);
}

/** The hash of (seed, stream, a): what every draw of that key shares (for loops over b). */
export function hashKey(seed: number, stream: number, a: number): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ stream);
  return mix32(h ^ a);
}

/** The draw for (seed, stream, a, b) from `hashKey(seed, stream, a)`: equal to `hashUniform`. */
export function uniformAt(key: number, b: number): number {
  return mix32(key ^ b) / 4294967296;
}

/** Stable 32-bit hash of a string (stream ids for named models). */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
