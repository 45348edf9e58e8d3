/**
 * What a run's name says: answer files are named after the run (`vicuna-7b-v1.3-eagle-float16-
 * temperature-0.0`), and so is their model_id. Parsed into method, target, draft, dtype and
 * temperature so the trace metadata says what produced it.
 */

export interface RunName {
  readonly method: string | null;
  readonly target: string | null;
  readonly draft: string | null;
  readonly dtype: string | null;
  readonly temperature: number | null;
}

/** Method tokens as they appear in run names, and the canonical method each names. */
const METHODS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|[-_])eagle-?3([-_]|$)/i, 'eagle3'],
  [/(^|[-_])eagle-?2([-_]|$)/i, 'eagle2'],
  [/(^|[-_])eagle([-_]|$)/i, 'eagle'],
  [/(^|[-_])medusa([-_]|$)/i, 'medusa'],
  [/(^|[-_])hydra([-_]|$)/i, 'hydra'],
  [/(^|[-_])sps([-_]|$)/i, 'sps'],
  [/(^|[-_])rest([-_]|$)/i, 'rest'],
  [/(^|[-_])swift([-_]|$)/i, 'swift'],
  [/(^|[-_])lookahead([-_]|$)/i, 'lookahead'],
  [/(^|[-_])pld([-_]|$)/i, 'pld'],
  [/(^|[-_])sequoia([-_]|$)/i, 'sequoia'],
  [/(^|[-_])ngram([-_]|$)/i, 'ngram'],
  [/(^|[-_])(vanilla|baseline)([-_]|$)/i, 'vanilla'],
];

const TARGET = /(vicuna|llama-?2(?:-chat)?|llama-?3(?:\.\d)?(?:-instruct)?|mistral|qwen\d*(?:\.\d)?|opt|zephyr)-(\d+(?:\.\d+)?[bm])(?:-(v\d+(?:\.\d+)?))?/i;

export function parseRunName(name: string): RunName {
  const method = METHODS.find(([re]) => re.test(name))?.[1] ?? null;
  const t = TARGET.exec(name);
  const target = t ? [t[1], t[2], t[3]].filter(Boolean).join('-').toLowerCase() : null;
  // SpS names its drafter by size after the method token ("sps-68m"): same family as the target.
  const d = /(^|[-_])sps-(\d+(?:\.\d+)?m)([-_]|$)/i.exec(name);
  const draft = d && t ? `${t[1]!.toLowerCase()}-${d[2]!.toLowerCase()}` : null;
  const dt = /(float16|fp16|bfloat16|bf16|float32|fp32|int8)/i.exec(name);
  const dtypes: Record<string, string> = { float16: 'fp16', fp16: 'fp16', bfloat16: 'bf16', bf16: 'bf16', float32: 'fp32', fp32: 'fp32', int8: 'int8' };
  const temp = /temp(?:erature)?-(\d+(?:\.\d+)?)/i.exec(name);
  return {
    method,
    target,
    draft,
    dtype: dt ? dtypes[dt[1]!.toLowerCase()]! : null,
    temperature: temp ? Number(temp[1]) : null,
  };
}

/** True when two run names disagree on a field both state. */
export function runNamesDisagree(a: RunName, b: RunName): boolean {
  const clash = (x: string | number | null, y: string | number | null) => x !== null && y !== null && x !== y;
  return clash(a.method, b.method) || clash(a.target, b.target);
}
