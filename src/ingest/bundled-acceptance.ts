/**
 * Acceptance models bundled with specreplay: Medusa's 7B per-head top-k accuracies
 * (traces/medusa-vicuna-7b-mtbench/medusa_acc.csv, Apache-2.0), the replay's default rank model
 * for imputing tree acceptance where a trace brings none. Read once.
 */
import * as fs from 'node:fs';
import type { AcceptanceModel } from '../schema/trace-schema.js';
import { packagePath } from '../util/package-root.js';
import { medusaAcc } from './from-medusa-acc.js';

let cache: AcceptanceModel | null = null;

/** Medusa-1 on Vicuna-7B: head top-k accuracies (`medusa-acc-7b`). */
export function bundledMedusaAcceptance(): AcceptanceModel {
  if (cache !== null) return cache;
  const file = packagePath('traces', 'medusa-vicuna-7b-mtbench', 'medusa_acc.csv');
  const t = medusaAcc.fromText(fs.readFileSync(file, 'utf8'), file);
  cache = t.acceptanceModels.find((m) => m.id === 'medusa-acc-7b')!;
  return cache;
}
