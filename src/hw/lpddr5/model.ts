/**
 * The analytical LPDDR5 model: sustained bandwidth, latency and time for the access patterns
 * replay produces, from the resolved JEDEC timings. Multi-channel devices scale by channel
 * (bytes split evenly; each channel is independent).
 *
 *   stream: the steady-state cycles per burst of the controller on this mapping: for a
 *           bank-group-interleaved mapping with any reordering (window >= 2) the closed form
 *           max(nBL, nCCD_S); otherwise (row-sequential mappings, where consecutive bursts share
 *           a bank group and tCCD_L binds until the controller's window reaches the next row,
 *           or in-order controllers that expose row switches) the interval is measured once on
 *           the command-level model (`command-sim.ts`, same JEDEC rules) over a steady-state
 *           segment and memoized per (preset, mapping, window): the closed forms bound it,
 *           nCCD_S <= interval <= nCCD_L + row-switch exposure.
 *   random: one 32 B burst per max(nRRD, nFAW / 4, nRC / banks, nBL, nCCD_S) cycles (each
 *           access opens a row: ACT spacing, the four-activate window, per-bank row cycle).
 *   idle latency: nRP + nRCD + nCL + nBL (a row miss from an open other row).
 *   refresh (all-bank, on by default): every nREFI the channel spends nRTP + nRPab + nRFCab +
 *           nRCD cycles closing rows, refreshing and reopening a row.
 */
import type { AddressMapping } from './address-mapping.js';
import type { Lpddr5Resolved } from './spec.js';
import { simulateReads, streamAddresses } from './command-sim.js';

export type AccessPattern = 'stream' | 'random' | 'idle';

export interface DramQuery {
  readonly pattern: AccessPattern;
  readonly bytes: number;
  readonly channels: number;
  readonly mapping: AddressMapping;
  readonly refresh: boolean;
  /** Requests the controller can reorder among (1 = in order). */
  readonly window: number;
}

export interface DramCost {
  /** Sustained bandwidth over all channels, GB/s. */
  readonly bandwidth_gbps: number;
  /** Latency of one access from idle (stream/random: the first burst; idle: a row miss). */
  readonly latency_ns: number;
  /** Time to move `bytes`. */
  readonly time_ns: number;
  /** Fraction of time lost to refresh. */
  readonly refresh_overhead: number;
  readonly bursts: number;
  readonly row_activations: number;
}

/** Cycles per refresh interval lost to all-bank refresh. */
export function refreshCycles(r: Lpddr5Resolved): number {
  return r.nRTP + r.nRPab + r.nRFCab + r.nRCD;
}

/** Cycles between bursts in steady state. */
const measured = new Map<string, number>();

/** Steady-state stream interval from the command-level model (two lengths, the difference). */
function measuredStreamInterval(r: Lpddr5Resolved, mapping: AddressMapping, window: number): number {
  const key = `${JSON.stringify(r.spec.timing)}|${JSON.stringify(r.spec.org)}|${mapping}|${window}`;
  let v = measured.get(key);
  if (v === undefined) {
    const rowBursts = r.page_bytes / r.burst_bytes;
    const run = (rows: number) => simulateReads(r, streamAddresses(r, mapping, rows * rowBursts * r.burst_bytes), { refresh: false, pagePolicy: 'open', window }).cycles;
    const [a, b] = [8 * r.banks, 16 * r.banks];
    v = (run(b) - run(a)) / ((b - a) * rowBursts);
    measured.set(key, v);
  }
  return v;
}

export function burstInterval(r: Lpddr5Resolved, pattern: 'stream' | 'random', mapping: AddressMapping, window: number): number {
  if (pattern === 'random') return Math.max(r.nRRD, r.nFAW / 4, r.nRC / r.banks, r.nBL, r.nCCD_S);
  if (mapping === 'bg-interleaved' && window >= 2) return Math.max(r.nBL, r.nCCD_S);
  return measuredStreamInterval(r, mapping, window);
}

export function dramCost(r: Lpddr5Resolved, q: DramQuery): DramCost {
  const refreshOverhead = q.refresh ? refreshCycles(r) / r.nREFI : 0;
  const firstBurst = (r.nRCD + r.nCL + r.nBL) * r.tCK;
  const rowMiss = (r.nRPpb + r.nRCD + r.nCL + r.nBL) * r.tCK;
  const bursts = Math.ceil(q.bytes / r.burst_bytes);
  const perChannel = Math.ceil(bursts / q.channels);
  if (q.pattern === 'idle') {
    return { bandwidth_gbps: 0, latency_ns: rowMiss, time_ns: rowMiss, refresh_overhead: refreshOverhead, bursts: 0, row_activations: 1 };
  }
  const interval = burstInterval(r, q.pattern, q.mapping, q.window);
  const perChannelBw = (r.burst_bytes / (interval * r.tCK)) * (1 - refreshOverhead);
  const time = perChannel === 0 ? 0 : firstBurst + ((perChannel - 1) * interval * r.tCK) / (1 - refreshOverhead);
  const rows = q.pattern === 'random' ? bursts : Math.ceil(bursts / (r.page_bytes / r.burst_bytes));
  return {
    bandwidth_gbps: perChannelBw * q.channels,
    latency_ns: firstBurst,
    time_ns: time,
    refresh_overhead: refreshOverhead,
    bursts,
    row_activations: rows,
  };
}
