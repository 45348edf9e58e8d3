/**
 * What every device model returns for one operator: time, cycles of the device clock, the
 * compute-only cycles (NPU: the systolic array's), utilization of the compute resource, and
 * action counts for the energy model (timing models never compute picojoules).
 */
import type { ActionCounts } from './actions.js';

export interface DeviceCost {
  readonly time_ns: number;
  readonly cycles: number;
  readonly compute_cycles: number;
  readonly utilization: number;
  readonly actions: Readonly<ActionCounts>;
  /**
   * Where the time goes, in order (timelines only): e.g. a PIM operator's input broadcast, bank
   * passes, output read-back and mode switches; `bus` marks a transfer over the external bus.
   * Absent for models that do not break their time down.
   */
  readonly segments?: readonly TimeSegment[];
}

export interface TimeSegment {
  readonly name: string;
  readonly time_ns: number;
  readonly bus?: boolean;
}
