/**
 * The one pricer: turns a platform's action counts into picojoules with its energy table, and
 * charges the static power of the devices it prices over wall time. Timing models and policies
 * only count actions; every consumer (phase costs, the step and energy tables, `cost`, the
 * policies' own cost functions) prices through the platform's pricer, so an action is priced
 * the same way everywhere.
 */
import { ACTIONS, type ActionCounts, type ActionName } from '../hw/actions.js';
import { price, staticEnergy, type EnergyTable } from './ert.js';

export class Pricer {
  /** Static power of all of `staticDevices` together, mW (= pJ per ns). */
  readonly static_mw: number;

  /**
   * @param table the platform's resolved energy table
   * @param staticDevices devices whose static power a run charges over its wall time
   */
  constructor(
    readonly table: EnergyTable,
    readonly staticDevices: readonly string[],
  ) {
    this.static_mw = staticDevices.reduce((sum, d) => sum + staticEnergy(table, d, 1), 0);
    this.pjById = Float64Array.from(ACTIONS, (a) => table.actions[a]?.pj ?? NaN);
  }

  /** pJ per action by action id (NaN: no entry). */
  private readonly pjById: Float64Array;

  /**
   * Dynamic energy of action counts given as ids (`ACTIONS` order) and counts, pJ: the same
   * sum, in the same order, as `dynamic` of the object with those entries (`actions`, used
   * only to name a missing entry).
   */
  dynamicOf(ids: Int32Array, counts: Float64Array, actions: Readonly<ActionCounts>): number {
    let total = 0;
    for (let k = 0; k < ids.length; k++) {
      const pj = this.pjById[ids[k]!]!;
      if (Number.isNaN(pj)) return this.dynamic(actions);
      total += counts[k]! * pj;
    }
    return total;
  }

  /** Dynamic energy of `actions`, pJ (an action without an entry is an error). */
  dynamic(actions: Readonly<ActionCounts>): number {
    return price(actions, this.table).dynamic_pj;
  }

  /** Dynamic energy of each action, pJ. */
  byAction(actions: Readonly<ActionCounts>): Readonly<ActionCounts> {
    return price(actions, this.table).by_action_pj;
  }

  /** Energy of `count` of one action, pJ. */
  one(action: ActionName, count: number): number {
    return price({ [action]: count }, this.table).dynamic_pj;
  }

  /** Static energy of one device over `ns`, pJ. */
  staticOf(device: string, ns: number): number {
    return staticEnergy(this.table, device, ns);
  }

  /** Static energy of all the static devices together over `ns`, pJ. */
  staticPj(ns: number): number {
    return this.static_mw * ns;
  }

  /** Static energy of every static device over `ns`, pJ each. */
  staticByDevice(ns: number): Record<string, number> {
    return Object.fromEntries(this.staticDevices.map((d) => [d, staticEnergy(this.table, d, ns)]));
  }
}
