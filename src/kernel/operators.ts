/**
 * Operator-level timeline events: a phase's operators laid out inside the phase's interval on
 * the engine (recorded only when a timeline is wanted), for the runners and for policies that
 * schedule their own phases. The replay driver's timeline module draws them.
 */
import type { Engine, Resource } from './engine.js';
import type { PhaseOperator } from './phase-cost.js';

/**
 * Records a phase's operators as events from `start`, each on its device: in decomposition
 * order one after another (a layer's projections, attention and FFN; an operator's repeats over
 * the layers drawn as one event), or from their `offset_ns` where the phase runs them side by
 * side (a split phase). Nothing is drawn past the phase's `end`.
 */
export function layOutOperators(engine: Engine, ops: readonly PhaseOperator[], start: number, end: number, phase: string): void {
  if (engine.operators === null) return;
  const timed = ops.filter((op) => op.time_ns > 0);
  let t = start;
  // Where each device's last operator ended: side-by-side operators follow on their device
  // without overlapping by a rounding error.
  const free = new Map<Resource, number>();
  timed.forEach((op, k) => {
    const from = op.offset_ns === undefined ? t : Math.min(Math.max(start + op.offset_ns, free.get(op.device) ?? start), end);
    // In sequence, the last operator ends exactly at the phase's end (summing in another order rounds differently).
    const stop = op.offset_ns === undefined && k === timed.length - 1 ? end : Math.min(from + op.time_ns, end);
    engine.operators!.push({
      resource: op.device,
      start_ns: from,
      end_ns: stop,
      label: op.name,
      args: { phase, repeat: op.repeat, bytes: op.bytes, macs: op.macs, ...(op.pim_channels ? { pim_channels: `${op.pim_channels.first}-${op.pim_channels.first + op.pim_channels.count - 1} of ${op.pim_channels.total}` } : {}) },
      ...(op.segments ? { segments: op.segments } : {}),
      ...(op.pim_channels ? { pim_channels: op.pim_channels } : {}),
    });
    if (op.offset_ns === undefined) t = stop;
    free.set(op.device, stop);
  });
}

/** Lays out the operators of one device inside that device's share [start, end] of a phase (a phase run one device after another). */
export function layOutDeviceOperators(engine: Engine, ops: readonly PhaseOperator[], device: Resource, start: number, end: number, phase: string): void {
  layOutOperators(
    engine,
    ops.filter((op) => op.device === device),
    start,
    end,
    phase,
  );
}
