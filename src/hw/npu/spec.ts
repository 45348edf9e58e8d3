/**
 * Systolic-array NPU description: rows x cols processing elements per core, cores (or
 * chips), clock, dataflow (output-, weight- or input-stationary), scratchpad, vector unit.
 */
export const DATAFLOWS = ['os', 'ws', 'is'] as const;
export type Dataflow = (typeof DATAFLOWS)[number];

export interface NpuSpec {
  readonly id: string;
  readonly description: string;
  readonly rows: number;
  readonly cols: number;
  readonly cores: number;
  readonly freq_mhz: number;
  readonly dataflow: Dataflow;
  readonly scratchpad_bytes: number;
  /** Vector unit throughput over all cores, operations per ns (= GOPS). */
  readonly vector_gops: number;
  /** MACs per PE per cycle at FP16 relative to INT8 (1 = full rate). */
  readonly fp16_rate: number;
  /** Achieved fraction of peak MAC throughput (a cap on top of the systolic cycle count; 1 = none). */
  readonly compute_utilization: number;
  /** Achieved fraction of the memory interface's peak bandwidth (a cap on top of the DRAM timing model; 1 = none). */
  readonly memory_utilization: number;
  readonly sources: readonly string[];
  readonly readings: readonly string[];
}

/** Peak INT8 matrix throughput in TOPS (2 ops per MAC). */
export function npuPeakTops(n: NpuSpec): number {
  return (2 * n.rows * n.cols * n.cores * n.freq_mhz) / 1e6;
}
