/**
 * Address mappings: which bank, row and column a burst-aligned address lands in. The mapping
 * decides whether back-to-back bursts of a stream change bank group (bounded by tCCD_S) or
 * stay in one (bounded by tCCD_L).
 *   bg-interleaved (default): RoBaCoBg, consecutive bursts rotate over the bank groups, the
 *     realistic mapping of LPDDR5 controllers in BG mode.
 *   row-sequential: RoBaBgCo, a whole row's bursts in one bank before moving on.
 */
import type { Lpddr5Resolved } from './spec.js';

export const MAPPINGS = ['bg-interleaved', 'row-sequential'] as const;
export type AddressMapping = (typeof MAPPINGS)[number];

export interface BurstAddress {
  readonly bank: number;
  readonly row: number;
  readonly column: number;
}

export function mapBurst(r: Lpddr5Resolved, mapping: AddressMapping, burst: number): BurstAddress {
  const { bank_groups: bgs, banks_per_group: bpg } = r.spec.org;
  const perRow = r.page_bytes / r.burst_bytes;
  let x = burst;
  if (mapping === 'bg-interleaved') {
    const bg = x % bgs;
    x = Math.floor(x / bgs);
    const column = x % perRow;
    x = Math.floor(x / perRow);
    const bankInGroup = x % bpg;
    x = Math.floor(x / bpg);
    return { bank: bg * bpg + bankInGroup, row: x % r.spec.org.rows, column };
  }
  const column = x % perRow;
  x = Math.floor(x / perRow);
  const bg = x % bgs;
  x = Math.floor(x / bgs);
  const bankInGroup = x % bpg;
  x = Math.floor(x / bpg);
  return { bank: bg * bpg + bankInGroup, row: x % r.spec.org.rows, column };
}
