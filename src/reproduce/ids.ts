/** The ids of the paper reproductions (a light module: the CLI names them without loading them). */
export const REPRODUCTION_IDS = ['lp-spec', 'specpim', 'ahasd', 'pim-llm', 'gpu-sd'] as const;
export type ReproductionId = (typeof REPRODUCTION_IDS)[number];
