/**
 * The energy table a platform prices its actions with: its preset table, resolved with the
 * platform's own devices. A GPU's busy and idle power depend on the GPU and how many there
 * are, so a platform with GPUs gets `gpu_busy_ns` priced at board minus idle power (per
 * GPU-busy nanosecond, mW = pJ/ns) and static GPU power = idle power x count.
 */
import { ENERGY_TABLES } from '../energy/tables.js';
import type { EnergyTable } from '../energy/ert.js';
import type { PlatformConfig } from './platforms.js';

const resolved = new WeakMap<PlatformConfig, EnergyTable>();

export function energyTableOf(cfg: PlatformConfig): EnergyTable {
  let t = resolved.get(cfg);
  if (t !== undefined) return t;
  const base: EnergyTable | undefined = cfg.energy_table ?? (ENERGY_TABLES as Record<string, EnergyTable>)[cfg.energy];
  if (base === undefined) throw new Error(`internal: platform '${cfg.id}' has no energy table (expand it first)`);
  const g = cfg.gpu;
  t = g === undefined
    ? base
    : {
        ...base,
        id: `${base.id}+${g.count}x${g.id}`,
        actions: {
          ...base.actions,
          gpu_busy_ns: { pj: (g.board_power_w - g.idle_power_w) * 1000, source: `${g.id}: board power ${g.board_power_w} W while busy less the idle power (see the GPU preset's sources)` },
        },
        static_mw: {
          ...base.static_mw,
          gpu: { pj: g.idle_power_w * 1000 * g.count, source: `${g.id}: idle power ${g.idle_power_w} W x ${g.count} GPU${g.count === 1 ? '' : 's'} (see the GPU preset's sources)` },
        },
      };
  resolved.set(cfg, t);
  return t;
}
