/**
 * LPDDR5 command timing rules (JESD209-5, the subset a read-dominated replay needs), checked
 * per channel: for a command to a bank, `earliest` is the first cycle every rule allows.
 * Rules (cycles from the resolved spec):
 *   ACT -> RD/WR same bank  nRCD      ACT -> PRE same bank  nRAS      PRE -> ACT same bank nRPpb
 *   ACT -> ACT same bank    nRC       ACT -> ACT any bank   nRRD      5th ACT after 4      nFAW
 *   RD -> RD same BG        nCCD_L    RD -> RD other BG     nCCD_S    RD -> PRE same bank  nRTP
 *   PREA -> ACT/REF         nRPab     REFab -> ACT/REF      nRFCab    PRE -> REFab         nRPpb
 * The model's tests check each rule tight: blocked one cycle early, allowed at the bound.
 */
import { messages } from '../../config/messages.js';
import type { Lpddr5Resolved } from './spec.js';

export type Lpddr5Command = 'ACT' | 'RD' | 'PRE' | 'PREA' | 'REFab';

const NEVER = -Infinity;

export class Lpddr5TimingError extends Error {
  override readonly name = 'Lpddr5TimingError';
}

export class Lpddr5Channel {
  private readonly lastAct: Float64Array;
  private readonly lastPre: Float64Array;
  private readonly lastRd: Float64Array;
  private readonly lastRdInGroup: Float64Array;
  private readonly openRow: Int32Array;
  private lastRdAny = NEVER;
  private lastActAny = NEVER;
  private readonly actWindow: number[] = [];
  private lastPrea = NEVER;
  private lastRef = NEVER;
  /** Command counts, for energy and tests. */
  readonly counts = { ACT: 0, RD: 0, PRE: 0, PREA: 0, REFab: 0 };

  constructor(readonly r: Lpddr5Resolved) {
    this.lastAct = new Float64Array(r.banks).fill(NEVER);
    this.lastPre = new Float64Array(r.banks).fill(NEVER);
    this.lastRd = new Float64Array(r.banks).fill(NEVER);
    this.lastRdInGroup = new Float64Array(r.spec.org.bank_groups).fill(NEVER);
    this.openRow = new Int32Array(r.banks).fill(-1);
  }

  groupOf(bank: number): number {
    return Math.floor(bank / this.r.spec.org.banks_per_group);
  }

  rowOpen(bank: number): number {
    return this.openRow[bank]!;
  }

  /** The earliest cycle `cmd` to `bank` may issue. */
  earliest(cmd: Lpddr5Command, bank = 0): number {
    const r = this.r;
    let t = 0;
    const after = (last: number, gap: number) => {
      if (last !== NEVER) t = Math.max(t, last + gap);
    };
    after(this.lastRef, r.nRFCab);
    switch (cmd) {
      case 'ACT': {
        after(this.lastAct[bank]!, r.nRC);
        after(this.lastPre[bank]!, r.nRPpb);
        after(this.lastActAny, r.nRRD);
        after(this.lastPrea, r.nRPab);
        if (this.actWindow.length === 4) after(this.actWindow[0]!, r.nFAW);
        return t;
      }
      case 'RD': {
        after(this.lastAct[bank]!, r.nRCD);
        after(this.lastRdInGroup[this.groupOf(bank)]!, r.nCCD_L);
        after(this.lastRdAny, r.nCCD_S);
        return t;
      }
      case 'PRE': {
        after(this.lastAct[bank]!, r.nRAS);
        after(this.lastRd[bank]!, r.nRTP);
        return t;
      }
      case 'PREA': {
        for (let b = 0; b < r.banks; b++) {
          after(this.lastAct[b]!, r.nRAS);
          after(this.lastRd[b]!, r.nRTP);
        }
        return t;
      }
      case 'REFab': {
        after(this.lastPrea, r.nRPab);
        for (let b = 0; b < r.banks; b++) after(this.lastPre[b]!, r.nRPpb);
        return t;
      }
    }
  }

  /** Issues `cmd` at `cycle`; throws when a rule (or the bank state) forbids it. */
  issue(cmd: Lpddr5Command, bank: number, cycle: number, row = 0): void {
    const e = this.earliest(cmd, bank);
    if (cycle < e) throw new Lpddr5TimingError(messages.dramTooEarly(cmd, bank, cycle, e));
    switch (cmd) {
      case 'ACT':
        if (this.openRow[bank] !== -1) throw new Lpddr5TimingError(messages.dramRowOpen(bank, this.openRow[bank]!));
        this.lastAct[bank] = cycle;
        this.lastActAny = cycle;
        this.actWindow.push(cycle);
        if (this.actWindow.length > 4) this.actWindow.shift();
        this.openRow[bank] = row;
        break;
      case 'RD':
        if (this.openRow[bank] === -1) throw new Lpddr5TimingError(messages.dramNoOpenRow(bank));
        this.lastRd[bank] = cycle;
        this.lastRdInGroup[this.groupOf(bank)] = cycle;
        this.lastRdAny = cycle;
        break;
      case 'PRE':
        this.lastPre[bank] = cycle;
        this.openRow[bank] = -1;
        break;
      case 'PREA':
        this.lastPrea = cycle;
        this.openRow.fill(-1);
        break;
      case 'REFab':
        if (this.openRow.some((x) => x !== -1)) throw new Lpddr5TimingError(messages.dramRefreshRowOpen());
        this.lastRef = cycle;
        break;
    }
    this.counts[cmd]++;
  }
}
