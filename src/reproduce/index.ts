/** The paper reproductions `specreplay reproduce` runs, by stable id. */
import { ahasdReproduction } from './ahasd.js';
import { gpuSdReproduction } from './gpu-sd.js';
import type { Reproduction } from './claims.js';
import { lpSpecReproduction } from './lp-spec.js';
import { pimLlmReproduction } from './pim-llm.js';
import { specPimReproduction } from './specpim.js';
import { REPRODUCTION_IDS, type ReproductionId } from './ids.js';

export { REPRODUCTION_IDS };

export const REPRODUCTIONS: Readonly<Record<string, Reproduction>> = {
  'lp-spec': lpSpecReproduction,
  specpim: specPimReproduction,
  ahasd: ahasdReproduction,
  'pim-llm': pimLlmReproduction,
  'gpu-sd': gpuSdReproduction,
} satisfies Record<ReproductionId, Reproduction>;
