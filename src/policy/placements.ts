/** Operator placements shared by policies (each with a stable id for the phase-cost memo). */
import type { Device } from '../platform/cost.js';
import type { Platform } from '../platform/platforms.js';
import { type Placement } from '../kernel/index.js';

/** Everything on the platform's compute device: the NPU, or the GPU where there is no NPU. */
export function computeDevice(p: Platform): Device {
  if (p.config.npu) return 'npu';
  if (p.config.gpu) return 'gpu';
  throw new Error(`platform '${p.config.id}' has no NPU or GPU`);
}

export function allOn(device: Device): Placement {
  return { id: `all:${device}`, device: () => device };
}

/** GEMV-shaped operators (M <= maxM, not element-wise) on PIM, the rest on `other`. */
export function gemvOnPim(maxM: number, other: Device): Placement {
  return { id: `gemv-pim:${maxM}:${other}`, device: (op) => (op.kind !== 'vector' && op.m <= maxM ? 'pim' : other) };
}
