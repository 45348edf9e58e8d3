/**
 * The invariants of the canonical trace (README "Invariants"), checked over column arrays.
 * The first violation throws an IngestError naming the file, line (when known), request and
 * field. Runs after every ingest and on every trace file read by `inspect` and replay.
 */
import { messages } from '../config/messages.js';
import { bool, float64, int32, utf8 } from '../schema/columns.js';
import { TRACE_LIMITS as L, type TreeTemplate } from '../schema/trace-schema.js';
import { requestOffsets, type Trace } from '../trace/trace.js';
import { Diagnostics, type Location } from './diagnostics.js';
import type { SourceLines } from './trace-builder.js';

export interface ValidateOptions {
  /** Steps may commit 0 tokens (REST). Defaults to meta.method === 'rest'. */
  readonly allowZeroCommit?: boolean;
}

/** Depth of every node of a parent array (parents precede children, checked). */
export function treeDepths(parents: readonly number[] | Int32Array): Int32Array {
  const d = new Int32Array(parents.length);
  for (let i = 1; i < parents.length; i++) d[i] = d[parents[i]!]! + 1;
  return d;
}

/** Checks a tree template's structure; `fail` receives a message and the node. */
export function checkTemplate(t: TreeTemplate, fail: (detail: string, node: number) => never): void {
  if (t.parents.length === 0) fail('a tree needs at least the root', 0);
  if (t.parents.length !== t.ranks.length) fail(messages.lengthMismatch('ranks', t.ranks.length, t.parents.length, 'parents'), 0);
  if (t.parents[0] !== -1) fail(messages.rootParent(t.parents[0]!), 0);
  const ranksSeen = new Map<string, number>();
  for (let i = 1; i < t.parents.length; i++) {
    const p = t.parents[i]!;
    if (!(Number.isInteger(p) && p >= 0 && p < i)) fail(messages.parentOrder(i, p), i);
    const key = `${p}:${t.ranks[i]}`;
    if (ranksSeen.has(key)) fail(`node ${i} repeats sibling rank ${t.ranks[i]} of node ${ranksSeen.get(key)} under parent ${p}`, i);
    ranksSeen.set(key, i);
  }
}

/** Where row `i`'s field is, for a message: built only when a check fails (millions of rows pass). */
type Locator = (i: number, field: string) => Location;

/** Fails unless `v` is a whole number in [lo, hi] (`limit` names what hi is, for the message). */
function checkCount(diag: Diagnostics, at: Locator, i: number, field: string, v: number, hi: number, limit: string): void {
  if (v < 0) diag.error('field', at(i, field), messages.negative(v));
  if (v > hi) diag.error('limit', at(i, field), messages.overLimit(v, hi, limit));
}

/** Fails unless `v` is finite and in [lo, hi]. */
function checkReal(diag: Diagnostics, at: Locator, i: number, field: string, v: number, lo: number, hi: number): void {
  if (!Number.isFinite(v)) diag.error('field', at(i, field), messages.notFinite(v));
  if (v < lo || v > hi) diag.error('field', at(i, field), messages.outOfRange(v, lo, hi));
}

export function validateTrace(trace: Trace, diag: Diagnostics, lines?: SourceLines, opts: ValidateOptions = {}): void {
  const allowZero = opts.allowZeroCommit ?? trace.meta.method === 'rest';
  const { requests, steps } = trace;
  const nReq = requests.length;
  const reqId = utf8(requests, 'request_id').values;
  const stepLoc = (i: number, field?: string): Location => ({
    line: lines?.steps[i] || undefined,
    record: `request ${reqId[int32(steps, 'request_index').values[i]!]} step ${int32(steps, 'step').values[i]}`,
    field,
  });
  const reqLoc = (r: number, field?: string): Location => ({ line: lines?.requests[r] || undefined, record: `request ${reqId[r]}`, field });

  // Trees first: steps refer to them.
  const trees = new Map<string, { template: TreeTemplate; depth: number }>();
  for (const t of trace.trees) {
    checkTemplate(t, (detail, node) => diag.error('tree', { record: `tree ${t.id} node ${node}` }, detail));
    if (trees.has(t.id)) diag.error('tree', { record: `tree ${t.id}` }, messages.duplicateId(t.id, 0));
    const depths = treeDepths(t.parents);
    trees.set(t.id, { template: t, depth: depths.reduce((a, b) => Math.max(a, b), 0) });
  }
  const treeOf = (id: string | null, where: () => Location) => {
    if (id === null) return null;
    const t = trees.get(id);
    if (t === undefined) diag.error('tree', where(), messages.unknownTree(id, [...trees.keys()]));
    return t;
  };
  const traceTree = treeOf(trace.meta.tree_template_id, () => ({ field: 'tree_template_id' }));

  // Acceptance models: whole depths and ranks that fit the file's 32-bit readers, probabilities in [0, 1].
  for (const m of trace.acceptanceModels) {
    m.entries.forEach((e, i) => {
      const loc = { record: `acceptance model ${m.id} entry ${i}` };
      for (const [field, v] of [['depth', e.depth], ['rank', e.rank]] as const) {
        if (v !== null && !(Number.isInteger(v) && v >= 0 && v <= L.int32_max)) diag.error('field', { ...loc, field }, messages.outOfRange(v, 0, L.int32_max));
      }
      if (!(e.probability >= 0 && e.probability <= 1)) diag.error('field', { ...loc, field: 'probability' }, messages.probabilityRange(e.probability));
    });
  }

  // Requests.
  const turn = int32(requests, 'turn').values;
  const outputTokens = int32(requests, 'output_tokens').values;
  const uncountedTokens = int32(requests, 'uncounted_tokens').values;
  const prompt = int32(requests, 'prompt_tokens');
  const steps_ = int32(requests, 'num_steps');
  const wall = float64(requests, 'wall_time_s');
  const seen = new Map<string, number>();
  const status = utf8(requests, 'status').values;
  for (let r = 0; r < nReq; r++) {
    const id = reqId[r]!;
    if (seen.has(id)) diag.error('duplicate-id', reqLoc(r, 'request_id'), messages.duplicateId(id, lines?.requests[seen.get(id)!] ?? 0));
    seen.set(id, r);
    const s = status[r]!;
    if (s !== 'ok' && s !== 'error' && s !== 'truncated') diag.error('field', reqLoc(r, 'status'), messages.wrongType('ok | error | truncated', s));
    if (turn[r]! < 0) diag.error('field', reqLoc(r, 'turn'), messages.negative(turn[r]!));
    const out = outputTokens[r]!;
    checkCount(diag, reqLoc, r, 'output_tokens', out, L.context_tokens, 'tokens per request');
    if (prompt.valid === null || prompt.valid[r] === 1) checkCount(diag, reqLoc, r, 'prompt_tokens', prompt.values[r]!, L.context_tokens, 'tokens per request');
    if (uncountedTokens[r]! < 0 || uncountedTokens[r]! > out) diag.error('field', reqLoc(r, 'uncounted_tokens'), messages.outOfRange(uncountedTokens[r]!, 0, out));
    if (steps_.valid === null || steps_.valid[r] === 1) {
      const n = steps_.values[r]!;
      if (n < 0) diag.error('field', reqLoc(r, 'num_steps'), messages.negative(n));
      if (!allowZero && s === 'ok' && n > out) diag.error('steps', reqLoc(r, 'num_steps'), messages.stepsOverTokens(n, out));
      const counted = out - uncountedTokens[r]!;
      if (s === 'ok' && counted > n * L.committed_tokens_per_step) diag.error('limit', reqLoc(r, 'output_tokens'), messages.tokensOverSteps(counted, n, L.committed_tokens_per_step));
    }
    if (wall.valid === null || wall.valid[r] === 1) checkReal(diag, reqLoc, r, 'wall_time_s', wall.values[r]!, 0, L.wall_time_s);
  }

  // Steps.
  let stepOff: Int32Array;
  try {
    stepOff = requestOffsets(steps, nReq);
  } catch {
    return diag.error('order', {}, messages.requestNotGrouped('(steps)'));
  }
  const step = int32(steps, 'step').values;
  const committed = int32(steps, 'committed_tokens').values;
  const accepted = int32(steps, 'accepted_tokens');
  const drafted = int32(steps, 'draft_tokens');
  const stepTree = utf8(steps, 'tree_id').values;
  const entropy = float64(steps, 'draft_entropy_mean');
  const context = int32(steps, 'context_tokens');
  const times = (['draft_time_ns', 'verify_time_ns', 'step_time_ns'] as const).map((name) => ({ name, col: float64(steps, name) }));
  const output = int32(requests, 'output_tokens').values;
  const uncounted = int32(requests, 'uncounted_tokens').values;
  const numSteps = int32(requests, 'num_steps');
  const bonus = trace.meta.committed_includes_bonus ? 1 : 0;
  for (let r = 0; r < nReq; r++) {
    const a = stepOff[r]!;
    const b = stepOff[r + 1]!;
    let sum = 0;
    for (let i = a; i < b; i++) {
      if (step[i] !== i - a) diag.error('steps', stepLoc(i, 'step'), messages.stepNumbering(reqId[r]!, step[i]!, i - a));
      const c = committed[i]!;
      if (c < 0) diag.error('field', stepLoc(i, 'committed_tokens'), messages.negative(c));
      if (c === 0 && !allowZero) diag.error('field', stepLoc(i, 'committed_tokens'), messages.zeroCommit(c));
      if (c > L.committed_tokens_per_step) diag.error('limit', stepLoc(i, 'committed_tokens'), messages.overLimit(c, L.committed_tokens_per_step, 'tokens per step'));
      if (context.valid === null || context.valid[i] === 1) checkCount(diag, stepLoc, i, 'context_tokens', context.values[i]!, L.context_tokens, 'tokens per request');
      for (const t of times) if (t.col.valid === null || t.col.valid[i] === 1) checkReal(diag, stepLoc, i, t.name, t.col.values[i]!, 0, L.step_time_ns);
      const hasAcc = accepted.valid === null || accepted.valid[i] === 1;
      const hasDraft = drafted.valid === null || drafted.valid[i] === 1;
      const acc = accepted.values[i]!;
      if (hasAcc && acc < 0) diag.error('field', stepLoc(i, 'accepted_tokens'), messages.negative(acc));
      if (hasDraft) checkCount(diag, stepLoc, i, 'draft_tokens', drafted.values[i]!, L.draft_tokens_per_step, 'drafted tokens per step');
      // With the accepted count known, accepted <= drafted and committed = accepted + bonus bound it; without, directly.
      if (hasDraft && !hasAcc && c > drafted.values[i]! + 1) diag.error('committed', stepLoc(i, 'committed_tokens'), messages.committedOverDrafted(c, drafted.values[i]!));
      if (hasAcc && hasDraft && acc > drafted.values[i]!) {
        diag.error('accepted-over-drafted', stepLoc(i, 'accepted_tokens'), messages.acceptedOverDrafted(acc, drafted.values[i]!));
      }
      if (hasAcc) {
        const want = acc + bonus;
        const last = i === b - 1;
        const ok = c === want || (last && c < want) || (allowZero && c === 0 && acc === 0);
        if (!ok) diag.error('committed', stepLoc(i, 'committed_tokens'), messages.committedVsAccepted(c, acc));
      }
      const tree = stepTree[i] !== null ? treeOf(stepTree[i]!, () => stepLoc(i, 'tree_id')) : traceTree;
      if (tree && hasAcc && acc > tree.depth) diag.error('tree', stepLoc(i, 'accepted_tokens'), messages.treeTooDeep(acc, tree.depth, tree.template.id));
      if (tree && hasDraft && drafted.values[i] !== tree.template.parents.length - 1) {
        diag.error('tree', stepLoc(i, 'draft_tokens'), messages.draftCount(tree.template.parents.length - 1, drafted.values[i]!));
      }
      if ((entropy.valid === null || entropy.valid[i] === 1) && !(entropy.values[i]! >= 0 && Number.isFinite(entropy.values[i]!))) {
        diag.error('field', stepLoc(i, 'draft_entropy_mean'), Number.isFinite(entropy.values[i]!) ? messages.negative(entropy.values[i]!) : messages.notFinite(entropy.values[i]!));
      }
      sum += c;
    }
    if (b > a) {
      if (sum + uncounted[r]! !== output[r]!) diag.error('token-sum', reqLoc(r, 'output_tokens'), messages.requestTokenSum(reqId[r]!, sum, uncounted[r]!, output[r]!));
      if ((numSteps.valid === null || numSteps.valid[r] === 1) && numSteps.values[r] !== b - a) {
        diag.error('steps', reqLoc(r, 'num_steps'), messages.lengthMismatch('the step list', b - a, numSteps.values[r]!, 'num_steps'));
      }
    }
  }

  if (trace.nodes !== null) validateNodes(trace, diag, lines, stepOff);
  if (trace.oracle !== null) {
    const c = int32(trace.oracle, 'committed_tokens').values;
    for (let i = 0; i < c.length; i++) {
      if (c[i]! < 1 || c[i]! > L.committed_tokens_per_step) diag.error('field', { record: `oracle row ${i}`, field: 'committed_tokens' }, messages.outOfRange(c[i]!, 1, L.committed_tokens_per_step));
    }
  }
}

function validateNodes(trace: Trace, stepsDiag: Diagnostics, lines: SourceLines | undefined, stepOff: Int32Array): void {
  const diag = lines?.nodesFile !== undefined ? new Diagnostics(lines.nodesFile, stepsDiag.strict) : stepsDiag;
  const nodes = trace.nodes!;
  const nReq = trace.requests.length;
  const reqId = utf8(trace.requests, 'request_id').values;
  let nodeOff: Int32Array;
  try {
    nodeOff = requestOffsets(nodes, nReq);
  } catch {
    return diag.error('order', {}, messages.requestNotGrouped('(nodes)'));
  }
  const ri = int32(nodes, 'request_index').values;
  const stepCol = int32(nodes, 'step').values;
  const node = int32(nodes, 'node').values;
  const parent = int32(nodes, 'parent').values;
  const depth = int32(nodes, 'depth').values;
  const acc = bool(nodes, 'accepted').values;
  const accepted = int32(trace.steps, 'accepted_tokens');
  const drafted = int32(trace.steps, 'draft_tokens');
  const loc = (i: number, field: string): Location => ({
    line: lines?.nodes[i] || undefined,
    record: `request ${reqId[ri[i]!]} step ${stepCol[i]} node ${node[i]}`,
    field,
  });
  // Per-node signals: probabilities in [0, 1], margins in [-1, 1], entropies finite and >= 0.
  for (const [name, lo, hi] of [['draft_prob', 0, 1], ['target_prob', 0, 1], ['margin', -1, 1], ['draft_entropy', 0, Number.MAX_VALUE]] as const) {
    const col = float64(nodes, name);
    for (let i = 0; i < nodes.length; i++) if (col.valid === null || col.valid[i] === 1) checkReal(diag, loc, i, name, col.values[i]!, lo, hi);
  }
  for (const name of ['rank', 'token_id'] as const) {
    const col = int32(nodes, name);
    for (let i = 0; i < nodes.length; i++) if ((col.valid === null || col.valid[i] === 1) && col.values[i]! < 0) diag.error('field', loc(i, name), messages.negative(col.values[i]!));
  }
  const acceptedChild = new Int32Array(1024);
  for (let r = 0; r < nReq; r++) {
    let i = nodeOff[r]!;
    const end = nodeOff[r + 1]!;
    const nSteps = stepOff[r + 1]! - stepOff[r]!;
    let prevStep = -1;
    while (i < end) {
      const s = stepCol[i]!;
      if (s <= prevStep) diag.error('order', loc(i, 'step'), messages.requestNotGrouped(reqId[r]!));
      if (s < 0 || s >= nSteps) diag.error('field', loc(i, 'step'), messages.unknownRequest(`${reqId[r]} step ${s}`));
      prevStep = s;
      const start = i;
      let count = 0;
      let accCount = 0;
      while (i < end && stepCol[i] === s) {
        const k = i - start;
        if (node[i] !== k) diag.error('nodes', loc(i, 'node'), messages.nodeNumbering(node[i]!, k));
        if (k === 0) {
          if (parent[i] !== -1) diag.error('nodes', loc(i, 'parent'), messages.rootParent(parent[i]!));
          if (depth[i] !== 0) diag.error('nodes', loc(i, 'depth'), messages.depthMismatch(0, depth[i]!, 0));
        } else {
          const p = parent[i]!;
          if (!(p >= 0 && p < k)) diag.error('nodes', loc(i, 'parent'), messages.parentOrder(k, p));
          const pd = depth[start + p]!;
          if (depth[i] !== pd + 1) diag.error('nodes', loc(i, 'depth'), messages.depthMismatch(k, depth[i]!, pd + 1));
          if (acc[i] === 1) {
            if (p !== 0 && acc[start + p] !== 1) diag.error('nodes', loc(i, 'accepted'), messages.acceptedNotPath(k, p));
            accCount++;
          }
        }
        count++;
        i++;
      }
      // One accepted child per node at most: count accepted children per parent.
      const n = count;
      const children = n <= acceptedChild.length ? acceptedChild.subarray(0, n) : new Int32Array(n);
      children.fill(0);
      for (let j = start + 1; j < start + n; j++) {
        if (acc[j] === 1 && ++children[parent[j]!]! > 1) diag.error('nodes', loc(j, 'accepted'), messages.acceptedBranch(parent[j]!));
      }
      const si = stepOff[r]! + s;
      if ((accepted.valid === null || accepted.valid[si] === 1) && accepted.values[si] !== accCount) {
        diag.error('nodes', loc(start, 'accepted'), messages.acceptedCount(accCount, accepted.values[si]!));
      }
      if ((drafted.valid === null || drafted.valid[si] === 1) && drafted.values[si] !== n - 1) {
        diag.error('nodes', loc(start, 'node'), messages.draftCount(n - 1, drafted.values[si]!));
      }
    }
  }
}
