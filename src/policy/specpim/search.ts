/**
 * SpecPIM's design-space exploration: exhaustive where the space is small, otherwise a genetic
 * search after the one SpecPIM's authors ship for its dataflow exploration (H2-LLM artifact,
 * `dse/searcher.py` [H2LLM-ART]): a population of designs, the top-k kept each generation
 * (elitism), children by uniform crossover of two elite parents, each gene mutated with the
 * mutation ratio, invalid children repaired to the nearest valid design. Deterministic for a
 * seed. Both report the best design for the objective and the Pareto front of throughput
 * (tokens/s) against energy efficiency (tokens/J) over every design evaluated.
 */
import { hashUniform } from '../../util/rng.js';
import { score, type DesignMetrics, type Objective } from './evaluate.js';
import { designName, designs, splits, spaceSize, UNITS, type Design, type Mapping, type SpaceSpec } from './space.js';

export interface GeneticOptions {
  readonly population: number;
  readonly generations: number;
  readonly elite: number;
  readonly mutation: number;
  readonly seed: number;
}

export interface SearchResult {
  readonly method: 'exhaustive' | 'genetic';
  readonly space_size: number;
  readonly evaluated: number;
  readonly objective: Objective;
  readonly best: DesignMetrics;
  /** Non-dominated designs in (tokens/s, tokens/J), by increasing throughput. */
  readonly pareto: readonly DesignMetrics[];
  /** Every design evaluated, in evaluation order. */
  readonly all: readonly DesignMetrics[];
}

type Evaluate = (d: Design) => DesignMetrics;

function better(a: DesignMetrics, b: DesignMetrics | null, objective: Objective): boolean {
  if (b === null) return true;
  const sa = score(a, objective);
  const sb = score(b, objective);
  // Ties go to the earlier design (stable order), so results do not depend on floating noise.
  return sa > sb * (1 + 1e-12);
}

export function paretoFront(all: readonly DesignMetrics[]): DesignMetrics[] {
  const sorted = [...all].sort((a, b) => b.tokens_per_s - a.tokens_per_s || b.tokens_per_j - a.tokens_per_j);
  const front: DesignMetrics[] = [];
  let bestJ = -Infinity;
  for (const m of sorted) {
    if (m.tokens_per_j > bestJ) {
      front.push(m);
      bestJ = m.tokens_per_j;
    }
  }
  return front.reverse();
}

export function exhaustive(spec: SpaceSpec, evaluate: Evaluate, objective: Objective): SearchResult {
  const all: DesignMetrics[] = [];
  let best: DesignMetrics | null = null;
  for (const d of designs(spec)) {
    const m = evaluate(d);
    all.push(m);
    if (better(m, best, objective)) best = m;
  }
  if (best === null) throw new Error('empty design space');
  return { method: 'exhaustive', space_size: all.length, evaluated: all.length, objective, best, pareto: paretoFront(all), all };
}

const GENES = 7;

/** Genes: 4 mapping bits, draft-length index, channel fraction (repaired per mapping), PIM organisation index. */
function decode(g: readonly number[], spec: SpaceSpec): Design {
  const m: Mapping = { draft_fc: UNITS[g[0]!]!, draft_attn: UNITS[g[1]!]!, target_fc: UNITS[g[2]!]!, target_attn: UNITS[g[3]!]! };
  const k = spec.draft_lens[g[4]!]!;
  const options = splits(m, spec.channels, k);
  const c = options[Math.min(options.length - 1, g[5]! % Math.max(1, options.length))]!;
  const arch = spec.archs[g[6]!]!;
  // Without drafting the draft model's mapping is irrelevant (the exhaustive order keeps 'host').
  return k === 0 ? { ...m, draft_fc: 'host', draft_attn: 'host', draft_channels: c, draft_len: k, arch } : { ...m, draft_channels: c, draft_len: k, arch };
}

function allowed(d: Design, spec: SpaceSpec): boolean {
  return spec.mappings.some((m) => m.target_fc === d.target_fc && m.target_attn === d.target_attn && (d.draft_len === 0 || (m.draft_fc === d.draft_fc && m.draft_attn === d.draft_attn)));
}

export function genetic(spec: SpaceSpec, evaluate: Evaluate, objective: Objective, opts: GeneticOptions): SearchResult {
  let draw = 0;
  const rand = () => hashUniform(opts.seed, 0x5eed, draw++, 0);
  const randInt = (n: number) => Math.min(n - 1, Math.floor(rand() * n));
  const geneRange = [2, 2, 2, 2, spec.draft_lens.length, Math.max(1, spec.channels - 1), spec.archs.length];
  const seen = new Map<string, DesignMetrics>();
  const evalGene = (g: number[]): DesignMetrics | null => {
    const d = decode(g, spec);
    if (!allowed(d, spec)) return null;
    const key = designName(d, spec.channels);
    let m = seen.get(key);
    if (m === undefined) seen.set(key, (m = evaluate(d)));
    return m;
  };
  let population: { g: number[]; m: DesignMetrics }[] = [];
  for (let tries = 0; population.length < opts.population && tries < opts.population * 20; tries++) {
    const g = geneRange.map((r) => randInt(r));
    const m = evalGene(g);
    if (m !== null) population.push({ g, m });
  }
  const rank = () => population.sort((a, b) => score(b.m, objective) - score(a.m, objective));
  for (let gen = 0; gen < opts.generations; gen++) {
    rank();
    const elite = population.slice(0, Math.max(1, Math.min(opts.elite, population.length)));
    const next = [...elite];
    for (let tries = 0; next.length < opts.population && tries < opts.population * 20; tries++) {
      const a = elite[randInt(elite.length)]!.g;
      const b = elite[randInt(elite.length)]!.g;
      const child = a.map((x, i) => (rand() < 0.5 ? x : b[i]!));
      if (rand() < opts.mutation) {
        const i = randInt(GENES);
        child[i] = randInt(geneRange[i]!);
      }
      const m = evalGene(child);
      if (m !== null) next.push({ g: child, m });
    }
    population = next;
  }
  rank();
  const all = [...seen.values()];
  let best: DesignMetrics | null = null;
  for (const m of all) if (better(m, best, objective)) best = m;
  if (best === null) throw new Error('genetic search evaluated no valid design');
  return { method: 'genetic', space_size: spaceSize(spec), evaluated: all.length, objective, best, pareto: paretoFront(all), all };
}
