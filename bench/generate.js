// Writes a synthetic canonical CSV trace (steps.csv + nodes.csv) with a seeded generator.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Mulberry32: a small seeded PRNG (deterministic benchmark inputs). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * requests x stepsPerRequest steps, each a tree of `nodesPerStep` nodes (root included) whose
 * accepted path is a chain from the root. Returns the paths and row counts.
 */
export function generateCanonicalCsv(dir, { requests, stepsPerRequest, nodesPerStep, seed = 1 }) {
  fs.mkdirSync(dir, { recursive: true });
  const rand = rng(seed);
  const steps = fs.openSync(path.join(dir, 'steps.csv'), 'w');
  const nodes = fs.openSync(path.join(dir, 'nodes.csv'), 'w');
  fs.writeSync(steps, 'request_id,step,context_tokens,draft_tokens,accepted_tokens,committed_tokens,draft_entropy_mean\n');
  fs.writeSync(nodes, 'request_id,step,node,parent,depth,rank,token_id,draft_prob,draft_entropy,margin,target_prob,accepted\n');
  let stepRows = 0;
  let nodeRows = 0;
  const drafted = nodesPerStep - 1;
  for (let r = 0; r < requests; r++) {
    const id = `q${r}/0`;
    let ctx = 64 + Math.floor(rand() * 512);
    let sBuf = '';
    let nBuf = '';
    for (let s = 0; s < stepsPerRequest; s++) {
      const accepted = Math.floor(rand() * Math.min(5, drafted + 1));
      const ent = (rand() * 4).toFixed(4);
      sBuf += `${id},${s},${ctx},${drafted},${accepted},${accepted + 1},${ent}\n`;
      stepRows++;
      const parent = [-1];
      const depth = [0];
      const kids = new Map();
      const rank = [0];
      nBuf += `${id},${s},0,-1,0,0,,,,,,1\n`;
      for (let i = 1; i < nodesPerStep; i++) {
        const p = i <= accepted ? i - 1 : Math.floor(rand() * i);
        parent.push(p);
        depth.push(depth[p] + 1);
        const k = kids.get(p) ?? 0;
        kids.set(p, k + 1);
        rank.push(k);
        nBuf += `${id},${s},${i},${p},${depth[i]},${k},${Math.floor(rand() * 32000)},${rand().toFixed(5)},${(rand() * 6).toFixed(4)},${rand().toFixed(5)},${rand().toFixed(5)},${i <= accepted ? 1 : 0}\n`;
      }
      nodeRows += nodesPerStep;
      ctx += accepted + 1;
    }
    fs.writeSync(steps, sBuf);
    fs.writeSync(nodes, nBuf);
  }
  fs.closeSync(steps);
  fs.closeSync(nodes);
  return { steps: path.join(dir, 'steps.csv'), nodes: path.join(dir, 'nodes.csv'), stepRows, nodeRows };
}
