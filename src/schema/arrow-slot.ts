/** Where the library's entry registers apache-arrow's ES modules for `arrow.ts` (one registered symbol per process or thread). */
export const ARROW_SLOT = Symbol.for('specreplay.apache-arrow');
