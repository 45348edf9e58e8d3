/** The paper reproductions `specreplay reproduce` runs, by stable id. */
import { ahasdReproduction } from './ahasd.js';
import type { Reproduction } from './claims.js';
import { lpSpecReproduction } from './lp-spec.js';
import { pimLlmReproduction } from './pim-llm.js';
import { specPimReproduction } from './specpim.js';

export const REPRODUCTIONS: Readonly<Record<string, Reproduction>> = {
  'lp-spec': lpSpecReproduction,
  specpim: specPimReproduction,
  ahasd: ahasdReproduction,
  'pim-llm': pimLlmReproduction,
};

export const REPRODUCTION_IDS = Object.keys(REPRODUCTIONS);
