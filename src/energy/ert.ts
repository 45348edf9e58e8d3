/**
 * Energy reference tables (Accelergy's ERT): picojoules per action and static power per
 * device, one table per platform, each entry cited. Timing models only count actions;
 * `price` turns counts into energy. An action without an entry is an error, never a silent 0.
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import type { ActionCounts, ActionName } from '../hw/actions.js';

export interface ErtEntry {
  readonly pj: number;
  readonly source: string;
}

export interface EnergyTable {
  readonly id: string;
  readonly description: string;
  /** pJ per action. */
  readonly actions: Readonly<Partial<Record<ActionName, ErtEntry>>>;
  /** Static (leakage / background) power per device, mW; energy = mW x busy-or-idle ns = pJ. */
  readonly static_mw: Readonly<Record<string, ErtEntry>>;
}

export class EnergyTableError extends UserError {
  override readonly name = 'EnergyTableError';
}

export interface PricedEnergy {
  readonly dynamic_pj: number;
  readonly by_action_pj: Readonly<ActionCounts>;
}

/** Prices action counts with a table. */
export function price(actions: Readonly<ActionCounts>, ert: EnergyTable): PricedEnergy {
  const by: ActionCounts = {};
  let total = 0;
  for (const [action, count] of Object.entries(actions) as [ActionName, number][]) {
    const e = ert.actions[action];
    if (e === undefined) throw new EnergyTableError(messages.noEnergyEntry(ert.id, action, Object.keys(ert.actions)));
    const pj = count * e.pj;
    by[action] = (by[action] ?? 0) + pj;
    total += pj;
  }
  return { dynamic_pj: total, by_action_pj: by };
}

/** Static energy of `device` over `ns` (mW x ns = pJ). */
export function staticEnergy(ert: EnergyTable, device: string, ns: number): number {
  const e = ert.static_mw[device];
  if (e === undefined) throw new EnergyTableError(messages.noStaticPower(ert.id, device));
  return e.pj * ns;
}
