/**
 * Position-level acceptance (TRACES.md rule 2). For every output position p of a request the
 * trace tells whether the draft's top-1 guess there (given the correct prefix) was right:
 * match (an accepted draft token), mismatch (a rejection's correction), or unknown (a bonus
 * token, beyond the recorded draft, or a tree path the source did not record); per-node trees
 * also give the sibling rank of the correct token. A query "draft k tokens (a chain) or this
 * tree from position q" returns the committed count and whether anything was imputed.
 * The recorded drafting, replayed from the recorded positions, is answered from the record:
 * exact, never imputed.
 */
import { bool, int32, utf8 } from '../schema/columns.js';
import type { TreeTemplate } from '../schema/trace-schema.js';
import { requestOffsets, type Trace } from '../trace/trace.js';
import { drawRank, drawRankAtLeast, type ImputationModels } from './imputation.js';
import { hashUniform } from '../util/rng.js';

export const MATCH = 1;
export const MISMATCH = 0;
export const UNKNOWN = -1;
/**
 * The correction after a step whose draft length the trace does not record: taken to be a
 * rejection (the same assumption the depth-conditional model is estimated under); a query
 * that relies on it counts as imputed.
 */
export const ASSUMED_MISMATCH = -2;
/** rank value: the correct token was not among the recorded candidates. */
export const RANK_NONE = -2;

export interface Outcome {
  /** Tokens committed (accepted + the bonus/correction token), capped by the request's end. */
  readonly committed: number;
  /** Draft tokens accepted. */
  readonly accepted: number;
  readonly imputed: boolean;
  /** Tree queries: the accepted node ids (root excluded), known once the step is verified. */
  readonly path?: readonly number[];
}

/** Children of every node of a template, by sibling rank. */
export interface TreeIndex {
  readonly template: TreeTemplate;
  /** children[node] = node ids ordered by rank (index = rank; -1 where a rank is missing). */
  readonly children: readonly (readonly number[])[];
  readonly depth: Int32Array;
  /** Nodes per depth (depth 0 = the root). */
  readonly widths: readonly number[];
}

export function indexTree(t: TreeTemplate): TreeIndex {
  const children: number[][] = t.parents.map(() => []);
  const depth = new Int32Array(t.parents.length);
  for (let i = 1; i < t.parents.length; i++) {
    const p = t.parents[i]!;
    depth[i] = depth[p]! + 1;
    const list = children[p]!;
    const r = t.ranks[i]!;
    while (list.length <= r) list.push(-1);
    list[r] = i;
  }
  const widths: number[] = [];
  for (const d of depth) widths[d] = (widths[d] ?? 0) + 1;
  return { template: t, children, depth, widths };
}

const STREAM_CHAIN = 1;
const STREAM_RANK = 2;
const STREAM_PATH = 3;

/** `RecordedSteps.drafted` where the trace does not record the draft length. */
export const NO_DRAFT = -1;

/**
 * A request's recorded steps as columns: views into trace-wide typed arrays (no object per
 * step; a replay of a million steps would otherwise keep a million objects alive).
 */
export interface RecordedSteps {
  readonly length: number;
  /** Output position where each step starts. */
  readonly start: Int32Array;
  readonly committed: Int32Array;
  /** Accepted draft tokens (committed - 1 where the trace records only the committed count). */
  readonly accepted: Int32Array;
  /** Drafted tokens; NO_DRAFT where not recorded. */
  readonly drafted: Int32Array;
  /** The tree template step s verified, or null (chains). */
  tree(s: number): string | null;
}

export class RequestAcceptance {
  /** Output positions that exist (the request's output tokens). */
  readonly length: number;
  /** Positions before the first step (tokens produced by prefill, e.g. REST's 1). */
  readonly start: number;
  readonly top1: Int8Array;
  readonly rank: Int16Array;
  readonly oracle: Int32Array | null;
  readonly steps: RecordedSteps;
  private readonly pathCache = new Map<number, number[]>();

  constructor(
    readonly requestIndex: number,
    length: number,
    start: number,
    steps: RecordedSteps,
    oracle: Int32Array | null,
    nodes: { step: number; ranks: number[]; correctionRank: number }[],
    private readonly trees: ReadonlyMap<string, TreeIndex>,
    private readonly models: ImputationModels,
    private readonly seed: number,
  ) {
    this.length = length;
    this.start = start;
    this.steps = steps;
    this.oracle = oracle;
    this.top1 = new Int8Array(length + 1).fill(UNKNOWN);
    this.rank = new Int16Array(length + 1).fill(UNKNOWN);
    const withNodes = new Map(nodes.map((n) => [n.step, n]));
    for (let s = 0; s < steps.length; s++) {
      const start = steps.start[s]!;
      const accepted = steps.accepted[s]!;
      const drafted = steps.drafted[s]!;
      const n = withNodes.get(s);
      if (n !== undefined) {
        n.ranks.forEach((r, j) => this.set(start + j, r === 0 ? MATCH : MISMATCH, r));
        if (accepted < Math.max(0, drafted) || n.correctionRank === RANK_NONE) this.set(start + accepted, n.correctionRank === RANK_NONE ? MISMATCH : UNKNOWN, n.correctionRank);
        continue;
      }
      if (steps.tree(s) !== null) continue; // static tree, path not recorded: positions stay unknown
      for (let j = 0; j < accepted; j++) this.set(start + j, MATCH, 0);
      if (drafted !== NO_DRAFT && accepted < drafted) this.set(start + accepted, MISMATCH, UNKNOWN);
      else if (drafted === NO_DRAFT && steps.committed[s]! > accepted) this.set(start + accepted, ASSUMED_MISMATCH, UNKNOWN);
    }
  }

  private set(p: number, top1: number, rank: number): void {
    if (p < 0 || p > this.length) return;
    this.top1[p] = top1;
    if (rank !== UNKNOWN) this.rank[p] = rank;
  }

  /** The recorded step s, replayed as recorded: exact. */
  recorded(s: number): Outcome {
    return { committed: this.steps.committed[s]!, accepted: this.steps.accepted[s]!, imputed: false };
  }

  /** Draft a chain of k tokens from position q. */
  chain(q: number, k: number): Outcome {
    const remaining = this.length - q;
    if (this.oracle !== null && q < this.oracle.length) {
      const c = Math.min(this.oracle[q]!, k + 1, remaining);
      return { committed: c, accepted: Math.min(c - 1, k), imputed: false };
    }
    let accepted = 0;
    let imputed = false;
    // Stop once the request's remaining tokens are covered: later positions cannot matter.
    for (let j = 0; j < k && accepted + 1 < remaining; j++) {
      const p = q + j;
      let t = this.top1[p]!;
      if (t === ASSUMED_MISMATCH) {
        imputed = true;
        break;
      }
      if (t === UNKNOWN) {
        imputed = true;
        t = hashUniform(this.seed, STREAM_CHAIN, this.requestIndex, p) < this.models.depthMatch(j + 1) ? MATCH : MISMATCH;
      }
      if (t !== MATCH) break;
      accepted++;
    }
    return { committed: accepted + 1, accepted, imputed };
  }

  /** The rank of the correct token at position p, at draft depth `depth` (recorded, or imputed). */
  private rankAt(p: number, depth: number): { rank: number; imputed: boolean } {
    const path = this.pathRank(p);
    if (path !== null) return { rank: path, imputed: true };
    const r = this.rank[p]!;
    if (r !== UNKNOWN) return { rank: r, imputed: false };
    const probs = this.models.rank.probs(depth);
    const u = hashUniform(this.seed, STREAM_RANK, this.requestIndex, p);
    if (this.top1[p] === MISMATCH || this.top1[p] === ASSUMED_MISMATCH) return { rank: drawRankAtLeast(probs, 1, u), imputed: true };
    return { rank: drawRank(probs, u), imputed: true };
  }

  /**
   * Static-tree steps record only an accepted length: the accepted path is drawn once per step
   * from the rank model among the template's paths of that depth (seeded), so every query over
   * those positions agrees. Returns the imputed rank at p, or null when p is not in such a step.
   */
  private pathRank(p: number): number | null {
    const s = this.stepAt(p);
    if (s < 0) return null;
    const tree = this.steps.tree(s);
    if (tree === null || this.rank[p] !== UNKNOWN || this.top1[p] !== UNKNOWN) return null;
    let path = this.pathCache.get(s);
    if (path === undefined) {
      path = this.drawPath(s, this.trees.get(tree)!, this.steps.accepted[s]!);
      this.pathCache.set(s, path);
    }
    const j = p - this.steps.start[s]!;
    return j < path.length ? path[j]! : null;
  }

  private stepAt(p: number): number {
    let lo = 0;
    let hi = this.steps.length - 1;
    const { start, committed } = this.steps;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (p < start[mid]!) hi = mid - 1;
      else if (p >= start[mid]! + Math.max(1, committed[mid]!)) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Ranks along a path of `depth` accepted nodes in the tree, then RANK_NONE if that node has children. */
  private drawPath(s: number, t: TreeIndex, depth: number): number[] {
    const ranks: number[] = [];
    let node = 0;
    for (let d = 1; d <= depth; d++) {
      // Candidates: children that still lead to a node at the accepted depth.
      const kids = (t.children[node] ?? []).map((c, r) => ({ c, r })).filter(({ c }) => c >= 0 && this.reaches(t, c, depth));
      const probs = this.models.rank.probs(d);
      const weights = kids.map(({ r }) => probs[r] ?? 1e-9);
      const total = weights.reduce((a, b) => a + b, 0);
      let u = hashUniform(this.seed, STREAM_PATH, this.requestIndex, s * 64 + d) * total;
      let pick = kids[kids.length - 1]!;
      for (let i = 0; i < kids.length; i++) {
        u -= weights[i]!;
        if (u < 0) {
          pick = kids[i]!;
          break;
        }
      }
      ranks.push(pick.r);
      node = pick.c;
    }
    if ((t.children[node] ?? []).some((c) => c >= 0)) ranks.push(RANK_NONE);
    return ranks;
  }

  private reaches(t: TreeIndex, node: number, depth: number): boolean {
    if (t.depth[node]! >= depth) return true;
    return (t.children[node] ?? []).some((c) => c >= 0 && this.reaches(t, c, depth));
  }

  /**
   * Verify a tree (optionally pruned: keep[node] = 1 for kept nodes, ancestors of kept nodes
   * kept) drafted from position q: the correct path is followed while a kept child has its rank.
   */
  tree(q: number, t: TreeIndex, keep: Uint8Array | null = null): Outcome {
    const remaining = this.length - q;
    let node = 0;
    let accepted = 0;
    let imputed = false;
    const path: number[] = [];
    for (let d = 1; accepted + 1 < remaining; d++) {
      const kids = t.children[node]!;
      if (kids.length === 0 || kids.every((c) => c < 0 || (keep !== null && keep[c] !== 1))) break;
      const p = q + d - 1;
      const r = this.rankAt(p, d);
      imputed ||= r.imputed;
      const child = r.rank >= 0 ? kids[r.rank] : undefined;
      if (child === undefined || child < 0 || (keep !== null && keep[child] !== 1)) break;
      accepted++;
      node = child;
      path.push(child);
    }
    return { committed: accepted + 1, accepted, imputed, path };
  }
}

/** Builds the per-request acceptance of a whole trace. */
export function buildAcceptance(trace: Trace, models: ImputationModels, seed: number): RequestAcceptance[] {
  const n = trace.requests.length;
  const trees = new Map(trace.trees.map((t) => [t.id, indexTree(t)]));
  const stepOff = requestOffsets(trace.steps, n);
  const committed = int32(trace.steps, 'committed_tokens').values;
  const accepted = int32(trace.steps, 'accepted_tokens');
  const drafted = int32(trace.steps, 'draft_tokens');
  const stepTree = utf8(trace.steps, 'tree_id').values;
  const output = int32(trace.requests, 'output_tokens').values;
  const uncounted = int32(trace.requests, 'uncounted_tokens').values;
  const oracleOff = trace.oracle ? requestOffsets(trace.oracle, n) : null;
  const oracle = trace.oracle ? int32(trace.oracle, 'committed_tokens').values : null;
  const nodeOff = trace.nodes ? requestOffsets(trace.nodes, n) : null;
  const total = committed.length;
  const startAll = new Int32Array(total);
  const acceptedAll = new Int32Array(total);
  const draftedAll = new Int32Array(total);
  const metaTree = trace.meta.tree_template_id;
  const out: RequestAcceptance[] = [];
  for (let r = 0; r < n; r++) {
    let pos = uncounted[r]!;
    const a0 = stepOff[r]!;
    const a1 = stepOff[r + 1]!;
    for (let i = a0; i < a1; i++) {
      const c = committed[i]!;
      startAll[i] = pos;
      acceptedAll[i] = accepted.valid === null || accepted.valid[i] === 1 ? accepted.values[i]! : Math.max(0, c - 1);
      draftedAll[i] = drafted.valid === null || drafted.valid[i] === 1 ? drafted.values[i]! : NO_DRAFT;
      pos += c;
    }
    const steps: RecordedSteps = {
      length: a1 - a0,
      start: startAll.subarray(a0, a1),
      committed: committed.subarray(a0, a1),
      accepted: acceptedAll.subarray(a0, a1),
      drafted: draftedAll.subarray(a0, a1),
      tree: (s) => stepTree[a0 + s] ?? metaTree,
    };
    const nodes = nodeOff ? nodeRanks(trace, nodeOff[r]!, nodeOff[r + 1]!) : [];
    const orc = oracleOff && oracle ? oracle.subarray(oracleOff[r]!, oracleOff[r + 1]!) : null;
    out.push(new RequestAcceptance(r, output[r]!, uncounted[r]!, steps, orc && orc.length > 0 ? orc : null, nodes, trees, models, seed));
  }
  return out;
}

/** Ranks along each step's accepted path, and whether the last accepted node had children. */
function nodeRanks(trace: Trace, a: number, b: number): { step: number; ranks: number[]; correctionRank: number }[] {
  const nodes = trace.nodes!;
  const step = int32(nodes, 'step').values;
  const parent = int32(nodes, 'parent').values;
  const rank = int32(nodes, 'rank');
  const acc = bool(nodes, 'accepted').values;
  const out: { step: number; ranks: number[]; correctionRank: number }[] = [];
  let i = a;
  while (i < b) {
    const s = step[i]!;
    const start = i;
    while (i < b && step[i] === s) i++;
    const ranks: number[] = [];
    let last = 0;
    let hasChildren = false;
    for (let j = start + 1; j < i; j++) {
      if (acc[j] === 1) {
        ranks.push(rank.valid === null || rank.valid[j] === 1 ? rank.values[j]! : 0);
        last = j - start;
      }
    }
    for (let j = start + 1; j < i; j++) if (parent[j] === last) hasChildren = true;
    out.push({ step: s, ranks, correctionRank: hasChildren ? RANK_NONE : UNKNOWN });
  }
  return out;
}
