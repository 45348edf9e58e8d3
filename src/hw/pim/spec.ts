/**
 * Bank-level PIM description (Samsung LPDDR5-PIM / HBM-PIM, SK hynix AiM style): processing
 * units next to the banks of every PIM channel, each with SIMD lanes and (for GEMM-enhanced
 * designs) several token-parallel ALUs sharing one weight fetch, a clock, a precision and an
 * input buffer; all-bank mode broadcasts one command stream to every unit of a channel.
 */
export interface PimSpec {
  readonly id: string;
  readonly description: string;
  readonly units_per_channel: number;
  readonly banks_per_unit: number;
  /** SIMD lanes per ALU (elements per cycle). */
  readonly lanes: number;
  /** Token-parallel ALUs per unit: M tokens take ceil(M / alus) passes over the weights. */
  readonly alus: number;
  readonly freq_mhz: number;
  readonly precision: 'int8' | 'fp16';
  /** Internal read bandwidth of one unit, GB/s; null = one DRAM burst per tCCD_L of its bank. */
  readonly internal_gbps_per_unit: number | null;
  readonly input_buffer_bytes: number;
  /** Entering or leaving all-bank PIM mode. */
  readonly mode_switch_ns: number;
  /**
   * How a GEMV is timed: 'stream' (weights streamed through the units at their internal
   * bandwidth, `model.ts`) or 'samsung-gemv' (the command sequence of Samsung's PIM GEMV
   * kernel, `samsung-kernel.ts`: input tiles written into GRF_A, MAC column commands, results
   * from GRF_B written back, mode switches).
   */
  readonly kernel: 'stream' | 'samsung-gemv';
  /** GRF_A / GRF_B registers per unit (samsung-gemv; 0 otherwise). */
  readonly grf_a: number;
  readonly grf_b: number;
  /** Achieved fraction of peak compute (1 = the lanes' full rate). */
  readonly compute_utilization: number;
  /** Achieved fraction of the units' internal bandwidth (a cap on top of the bank timing; 1 = none). */
  readonly memory_utilization: number;
  readonly sources: readonly string[];
  readonly readings: readonly string[];
}

/** Peak compute of one channel, GOPS (2 ops per MAC). */
export function pimChannelGops(p: PimSpec): number {
  return (2 * p.units_per_channel * p.lanes * p.alus * p.freq_mhz) / 1000;
}
