/** The global flag `arrow-bundle.ts` sets and `arrow.ts` reads (a registered symbol: one per process or thread). */
export const ARROW_BUNDLE_FLAG = Symbol.for('specreplay.arrow.single-file-build');
