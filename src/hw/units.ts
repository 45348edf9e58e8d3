/** Small unit helpers shared by the timing models (all times in ns, rates in GB/s = bytes/ns). */

/** JEDEC rounding of a time to whole clock cycles: ceil(t / tCK) with a small guard band (as ramulator's JEDEC_rounding). */
export function toCycles(tNs: number, tCkNs: number): number {
  return Math.ceil(tNs / tCkNs - 0.01);
}

export const GB = 1e9;
/** bytes per ns == GB/s */
export const bytesPerNsToGbps = (x: number): number => x;
