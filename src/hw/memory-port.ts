/** The DRAM a compute device streams from: channels of one LPDDR5 (or other) preset. */
import { dramCost, type DramCost } from './lpddr5/model.js';
import type { AddressMapping } from './lpddr5/address-mapping.js';
import type { Lpddr5Resolved } from './lpddr5/spec.js';

export interface MemoryPort {
  readonly dram: Lpddr5Resolved;
  readonly channels: number;
  readonly mapping: AddressMapping;
  readonly refresh: boolean;
  readonly window: number;
  /** Sustained streaming bandwidth over all channels, GB/s. */
  readonly bandwidth_gbps: number;
  stream(bytes: number): DramCost;
}

export function memoryPort(dram: Lpddr5Resolved, channels: number, mapping: AddressMapping, refresh: boolean, window: number): MemoryPort {
  const base = { pattern: 'stream' as const, channels, mapping, refresh, window };
  const query = { ...base, bytes: 0 };
  return {
    dram,
    channels,
    mapping,
    refresh,
    window,
    bandwidth_gbps: dramCost(dram, { ...base, bytes: 1 << 20 }).bandwidth_gbps,
    // One query object rewritten per call (dramCost reads it and keeps nothing of it).
    stream: (bytes) => {
      query.bytes = bytes;
      return dramCost(dram, query);
    },
  };
}
