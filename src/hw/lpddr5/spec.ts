/**
 * LPDDR5 device description (JESD209-5 names: `tXXX` in ns, `nXXX` in clock cycles of CK),
 * as a declarative record with a citation per preset. `resolveLpddr5` derives the cycle counts
 * and the secondary timings (ramulator's resolve_secondary_timings) and checks consistency
 * (density = bank groups x banks x rows x columns x DQ, as ramulator's organization check).
 */
import { messages } from '../../config/messages.js';
import { UserError } from '../../config/user-error.js';

export interface Lpddr5Organization {
  /** Die density in Gb. */
  readonly density_gb: number;
  /** Data width of one channel in bits (x16). */
  readonly dq: number;
  readonly bank_groups: number;
  readonly banks_per_group: number;
  readonly rows: number;
  /** Columns of `dq` bits per row (1024 x 16 b = 2 KiB page in BG mode). */
  readonly columns: number;
  /** Burst length in beats (BL16 / BL32). */
  readonly burst_length: number;
}

export interface Lpddr5Timing {
  /** Data rate per pin, MT/s. */
  readonly data_rate_mtps: number;
  /** WCK:CK ratio (4 at 6400). */
  readonly wck_ck_ratio: number;
  readonly tCK: number;
  readonly tRCD: number;
  readonly tRPpb: number;
  readonly tRPab: number;
  readonly tRAS: number;
  /** Read latency (RL) in ns. */
  readonly tCL: number;
  /** CAS-to-CAS, different bank group (= the burst on the bus in BG mode). */
  readonly tCCD_S: number;
  /** CAS-to-CAS, same bank group. */
  readonly tCCD_L: number;
  readonly tRRD: number;
  readonly tFAW: number;
  readonly tWR: number;
  readonly tRTP: number;
  readonly tWTR_S: number;
  readonly tWTR_L: number;
  readonly tRFCab: number;
  readonly tREFI: number;
  /** Write latency (WL) in ns, where a model needs it (the Samsung PIM kernel). */
  readonly tWL?: number;
}

export interface Lpddr5Spec {
  readonly id: string;
  readonly description: string;
  readonly org: Lpddr5Organization;
  readonly timing: Lpddr5Timing;
  /** Where each number comes from. */
  readonly sources: readonly string[];
  /** Readings of ambiguous facts this preset takes. */
  readonly readings: readonly string[];
}

/** Derived values of a spec: cycles, bytes per burst, burst time, peak bandwidth. */
export interface Lpddr5Resolved {
  readonly spec: Lpddr5Spec;
  readonly tCK: number;
  readonly nRCD: number;
  readonly nRPpb: number;
  readonly nRPab: number;
  readonly nRAS: number;
  readonly nRC: number;
  readonly nCL: number;
  readonly nCCD_S: number;
  readonly nCCD_L: number;
  readonly nRRD: number;
  readonly nFAW: number;
  readonly nWR: number;
  readonly nRTP: number;
  readonly nRFCab: number;
  readonly nREFI: number;
  /** Write latency in cycles; null where the preset does not state it. */
  readonly nWL: number | null;
  /** Cycles the data bus is busy for one burst. */
  readonly nBL: number;
  readonly banks: number;
  readonly burst_bytes: number;
  readonly page_bytes: number;
  /** Peak bandwidth of one channel, GB/s (= bytes/ns). */
  readonly peak_bandwidth_gbps: number;
}

export class SpecError extends UserError {
  override readonly name = 'SpecError';
}

function cycles(t: number, tCK: number): number {
  return Math.ceil(t / tCK - 0.01);
}

export function resolveLpddr5(spec: Lpddr5Spec): Lpddr5Resolved {
  const { org, timing: t } = spec;
  const positive = Object.entries({ ...org, ...t }).filter(([, v]) => !(typeof v === 'number' && v > 0));
  if (positive.length > 0) throw new SpecError(messages.dramNotPositive(spec.id, positive.map(([k, v]) => `${k} = ${v}`)));
  const bits = org.bank_groups * org.banks_per_group * org.rows * org.columns * org.dq;
  if (bits !== org.density_gb * 2 ** 30) {
    throw new SpecError(messages.dramDensity(spec.id, bits / 2 ** 30, org.density_gb));
  }
  const beatsPerCk = (t.data_rate_mtps * t.tCK) / 1000; // data beats per CK cycle (8 at 6400 MT/s, CK 800 MHz)
  const nBL = org.burst_length / beatsPerCk;
  if (!Number.isInteger(nBL)) throw new SpecError(messages.dramBurst(spec.id, org.burst_length, t.data_rate_mtps, t.tCK));
  const tCK = t.tCK;
  const nRAS = cycles(t.tRAS, tCK);
  const nRPpb = cycles(t.tRPpb, tCK);
  const burstBytes = (org.burst_length * org.dq) / 8;
  return {
    spec,
    tCK,
    nRCD: cycles(t.tRCD, tCK),
    nRPpb,
    nRPab: cycles(t.tRPab, tCK),
    nRAS,
    nRC: nRAS + nRPpb,
    nCL: cycles(t.tCL, tCK),
    nCCD_S: Math.max(nBL, cycles(t.tCCD_S, tCK)),
    nCCD_L: cycles(t.tCCD_L, tCK),
    nRRD: cycles(t.tRRD, tCK),
    nFAW: cycles(t.tFAW, tCK),
    nWR: cycles(t.tWR, tCK),
    nRTP: cycles(t.tRTP, tCK),
    nRFCab: cycles(t.tRFCab, tCK),
    nREFI: Math.floor(t.tREFI / tCK),
    nWL: t.tWL === undefined ? null : cycles(t.tWL, tCK),
    nBL,
    banks: org.bank_groups * org.banks_per_group,
    burst_bytes: burstBytes,
    page_bytes: (org.columns * org.dq) / 8,
    peak_bandwidth_gbps: (t.data_rate_mtps * 1e6 * org.dq) / 8 / 1e9,
  };
}
