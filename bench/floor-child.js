// The replay's floor (the reference of `replay_process_floor_ratio`): a minimal process that
// reads the same trace file, does the per-step arithmetic of a synchronous replay over typed
// arrays with a memoized per-(tokens, context) cost from the same cost model (memo filled cold),
// and writes a step table of the same width (the run directory's steps columns) to disk.
// Usage: floor-child.js TRACE.arrow OUT.arrow PLATFORM. Prints JSON.
import * as fs from 'node:fs';
import * as arrow from '../dist/schema/arrow.js'; // apache-arrow as the CLI loads it (its single-file build)
import { resolvePlatform } from '../dist/platform/platforms.js';
import { PhaseCoster } from '../dist/kernel/phase-cost.js';
import { getModel } from '../dist/workload/models.js';

const [file, out, platformId] = process.argv.slice(2);
const t0 = performance.now();
const table = arrow.tableFromIPC(fs.readFileSync(file));
// The trace nests steps under requests: flatten the columns the arithmetic needs.
const steps = table.getChild('steps');
const prompt = table.getChild('prompt_tokens');
const ids = table.getChild('request_id');
const nReq = table.numRows;
// Straight from the record batches' buffers (no per-row access).
let n = 0;
for (const d of steps.data) n += d.children[0].length;
const reqIndex = new Int32Array(n);
const drafted = new Int32Array(n);
const committed = new Int32Array(n);
const accepted = new Int32Array(n);
const promptOf = new Int32Array(nReq);
for (let r = 0; r < nReq; r++) promptOf[r] = prompt.get(r);
let i = 0;
let r0 = 0;
for (const d of steps.data) {
  const st = d.children[0];
  const names = st.type.children.map((f) => f.name);
  const col = (name) => st.children[names.indexOf(name)].values;
  const [dr, cm, ac] = [col('draft_tokens'), col('committed_tokens'), col('accepted_tokens')];
  const offs = d.valueOffsets;
  for (let r = 0; r < d.length; r++) {
    for (let j = offs[r]; j < offs[r + 1]; j++, i++) {
      reqIndex[i] = r0 + r;
      drafted[i] = dr[j];
      committed[i] = cm[j];
      accepted[i] = ac[j];
    }
  }
  r0 += d.length;
}
const platform = resolvePlatform(platformId);
const coster = new PhaseCoster(platform, getModel('llama-2-7b'), getModel('llama-68m'), 'int8');
const npu = { id: 'floor-npu', device: () => 'npu' };
const memo = new Map();
const cost = (k, ctx) => {
  const key = k * 2 ** 21 + ctx;
  let c = memo.get(key);
  if (c === undefined) {
    const d = coster.draftPhase({ kind: 'chain', k }, ctx, npu);
    const v = coster.verify(k + 1, ctx, npu);
    memo.set(key, (c = [d.time_ns, v.time_ns, d.energy_pj + v.energy_pj]));
  }
  return c;
};
// The step table's columns: 8 int32, 1 bool, 12 float64, 2 strings.
const I = Array.from({ length: 8 }, () => new Int32Array(n));
const B = new Uint8Array(n);
const F = Array.from({ length: 12 }, () => new Float64Array(n));
const staticMw = platform.pricer.static_mw;
let t = 0;
let pos = 0;
let prev = -1;
for (let s = 0; s < n; s++) {
  const r = reqIndex[s];
  if (r !== prev) {
    t = 0;
    pos = 0;
    prev = r;
  }
  const ctx = promptOf[r] + pos;
  const [dt, vt, e] = cost(drafted[s], ctx);
  I[0][s] = r;
  I[1][s] = s;
  I[2][s] = pos;
  I[3][s] = ctx;
  I[4][s] = drafted[s];
  I[5][s] = accepted[s];
  I[6][s] = committed[s];
  I[7][s] = 0;
  F[0][s] = t;
  F[1][s] = t + dt + vt;
  F[2][s] = t;
  F[3][s] = t + dt;
  F[4][s] = t + dt;
  F[5][s] = t + dt + vt;
  F[6][s] = dt + vt;
  F[11][s] = e + staticMw * (dt + vt);
  t += dt + vt;
  pos += committed[s];
}
// String columns written straight into Arrow's buffers (each request's id encoded once).
function utf8Column(valueOf) {
  const enc = new TextEncoder();
  const cache = new Map();
  const bytes = [];
  let total = 0;
  for (let s = 0; s < n; s++) {
    let b = cache.get(reqIndex[s]);
    if (b === undefined) cache.set(reqIndex[s], (b = enc.encode(valueOf(reqIndex[s]))));
    bytes.push(b);
    total += b.length;
  }
  const offsets = new Int32Array(n + 1);
  const data = new Uint8Array(total);
  let o = 0;
  for (let s = 0; s < n; s++) {
    data.set(bytes[s], o);
    o += bytes[s].length;
    offsets[s + 1] = o;
  }
  return arrow.makeVector(arrow.makeData({ type: new arrow.Utf8(), length: n, nullCount: 0, valueOffsets: offsets, data }));
}
const cols = {
  policy: utf8Column(() => 'floor'),
  request_id: utf8Column((r) => ids.get(r)),
  ...Object.fromEntries(I.map((a, k) => [`i${k}`, arrow.makeVector(a)])),
  imputed: arrow.makeVector(B),
  ...Object.fromEntries(F.map((a, k) => [`f${k}`, arrow.makeVector(a)])),
};
fs.writeFileSync(out, arrow.tableToIPC(new arrow.Table(cols), 'file'));
const t1 = performance.now();
process.stdout.write(JSON.stringify({ steps: n, ms: t1 - t0, steps_per_s: n / ((t1 - t0) / 1000) }));
