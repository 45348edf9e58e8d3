/**
 * A small command-level LPDDR5 channel simulator: read requests go through a FR-FCFS
 * controller (row hits first, then the oldest request's ACT/PRE) with a request window, one
 * command per cycle, all-bank refresh every tREFI, and every issue checked by `Lpddr5Channel`.
 * It is the reference the analytical model (`model.ts`) is tested against; it is far too slow
 * for replay. Cycle-level simulators (ramulator2, DRAMsim3) remain the external check.
 */
import { mapBurst, type AddressMapping, type BurstAddress } from './address-mapping.js';
import type { Lpddr5Resolved } from './spec.js';
import { Lpddr5Channel } from './timing.js';

export interface CommandSimOptions {
  readonly refresh: boolean;
  /** open: rows stay open (streaming); close: auto-precharge after each read (random). */
  readonly pagePolicy: 'open' | 'close';
  readonly window: number;
}

export interface CommandSimResult {
  /** Cycle the last burst's data finished. */
  readonly cycles: number;
  readonly time_ns: number;
  readonly bursts: number;
  readonly bandwidth_gbps: number;
  readonly counts: Lpddr5Channel['counts'];
}

export function simulateReads(r: Lpddr5Resolved, addresses: readonly BurstAddress[], opts: CommandSimOptions): CommandSimResult {
  const ch = new Lpddr5Channel(r);
  const pending: { a: BurstAddress; read: boolean }[] = [];
  let next = 0;
  let now = 0;
  let lastData = 0;
  let nextRefresh = r.nREFI;
  const needPre = new Set<number>();
  while (next < addresses.length || pending.length > 0 || needPre.size > 0) {
    while (pending.length < opts.window && next < addresses.length) pending.push({ a: addresses[next++]!, read: false });
    if (opts.refresh && now >= nextRefresh) {
      const prea = Math.max(now, ch.earliest('PREA'));
      ch.issue('PREA', 0, prea);
      needPre.clear();
      const ref = Math.max(prea + 1, ch.earliest('REFab'));
      ch.issue('REFab', 0, ref);
      now = ref + 1;
      nextRefresh += r.nREFI;
      continue;
    }
    // Candidates: auto-precharges owed, row hits (any), then the oldest request's ACT/PRE.
    let best: { cmd: 'ACT' | 'RD' | 'PRE'; bank: number; at: number; i: number } | null = null;
    const consider = (cmd: 'ACT' | 'RD' | 'PRE', bank: number, i: number) => {
      const at = Math.max(now, ch.earliest(cmd, bank));
      if (best === null || at < best.at || (at === best.at && cmd === 'RD' && best.cmd !== 'RD')) best = { cmd, bank, at, i };
    };
    for (const b of needPre) consider('PRE', b, -1);
    const banksSeen = new Set<number>();
    for (let i = 0; i < pending.length; i++) {
      const { bank, row } = pending[i]!.a;
      const open = ch.rowOpen(bank);
      if (open === row) consider('RD', bank, i);
      else if (!banksSeen.has(bank) && !needPre.has(bank)) {
        // Only the oldest request of a bank may open or close its row (no thrashing).
        const hitPending = pending.some((p) => p.a.bank === bank && p.a.row === open);
        if (open === -1) consider('ACT', bank, i);
        else if (!hitPending) consider('PRE', bank, i);
      }
      banksSeen.add(bank);
    }
    if (best === null) throw new Error('command simulator: no command can issue');
    const c = best as { cmd: 'ACT' | 'RD' | 'PRE'; bank: number; at: number; i: number };
    if (opts.refresh && c.at >= nextRefresh) {
      now = nextRefresh;
      continue;
    }
    ch.issue(c.cmd, c.bank, c.at, c.cmd === 'ACT' ? pending[c.i]!.a.row : 0);
    if (c.cmd === 'RD') {
      pending.splice(c.i, 1);
      lastData = Math.max(lastData, c.at + r.nCL + r.nBL);
      if (opts.pagePolicy === 'close') needPre.add(c.bank);
    } else if (c.cmd === 'PRE') needPre.delete(c.bank);
    now = c.at + 1;
  }
  const bytes = addresses.length * r.burst_bytes;
  const time = lastData * r.tCK;
  return { cycles: lastData, time_ns: time, bursts: addresses.length, bandwidth_gbps: bytes / time, counts: ch.counts };
}

/** Bursts of a sequential stream of `bytes` under a mapping. */
export function streamAddresses(r: Lpddr5Resolved, mapping: AddressMapping, bytes: number): BurstAddress[] {
  const n = Math.ceil(bytes / r.burst_bytes);
  return Array.from({ length: n }, (_, i) => mapBurst(r, mapping, i));
}

/** Uniformly random bursts (seeded). */
export function randomAddresses(r: Lpddr5Resolved, count: number, seed = 1): BurstAddress[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const perRow = r.page_bytes / r.burst_bytes;
  return Array.from({ length: count }, () => ({ bank: Math.floor(rand() * r.banks), row: Math.floor(rand() * r.spec.org.rows), column: Math.floor(rand() * perRow) }));
}
