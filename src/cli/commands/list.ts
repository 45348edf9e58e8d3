import type { Command } from 'commander';
import { messages } from '../../config/messages.js';
import { formats } from '../../ingest/formats.js';
import { bundledTrees } from '../../ingest/bundled-trees.js';
import { treeShape } from '../../inspect/inspect.js';
import { printJson, UsageError, type Io } from '../io.js';
import { PLATFORMS } from '../../hw/platforms.js';
import { MODELS } from '../../workload/models.js';
import { policies } from '../../policy/registry.js';
import { loadRecipes } from '../../figures/recipe.js';
import { REPRODUCTIONS } from '../../reproduce/index.js';

type Row = { id: string; summary: string; source?: string | undefined };

const topics: Record<string, () => Row[]> = {
  formats: () => Object.values(formats).map((f) => ({ id: f.id, summary: f.summary, source: f.examples })),
  platforms: () => Object.values(PLATFORMS).map((p) => ({ id: p.id, summary: p.description, source: p.sources.join('; ') })),
  models: () => Object.values(MODELS).map((m) => ({ id: m.id, summary: `${m.description}: ${m.layers} layers, hidden ${m.hidden}, ${m.heads} heads (${m.kv_heads} KV), FFN ${m.ffn} ${m.ffn_kind}, vocab ${m.vocab}`, source: m.source })),
  policies: () =>
    Object.values(policies).map((f) => {
      const d = f.describe();
      const params = Object.entries(d.params).map(([k, v]) => `${d.id}.${k}=${v.default} (${v.doc})`);
      return { id: d.id, summary: `${d.system}: ${d.summary}`, source: params.length ? `params: ${params.join('; ')}` : undefined };
    }),
  figures: () => loadRecipes([]).map((r) => ({ id: r.id, summary: `${r.title} (${r.kind}, paper ${r.paper})`, source: `src/figures/recipes/${r.id}.json` })),
  reproductions: () => Object.values(REPRODUCTIONS).map((r) => ({ id: r.id, summary: `${r.paper}: ${r.describe}` })),
  trees: () =>
    [...bundledTrees().values()].map((t) => {
      const s = treeShape(t);
      return { id: t.id, summary: `${s.drafted} drafted nodes, depth ${s.depth}`, source: t.source };
    }),
};

export function registerList(program: Command, io: Io): void {
  program
    .command('list')
    .description(`what is available: ${Object.keys(topics).join(' | ')}`)
    .argument('<topic>', Object.keys(topics).join(' | '))
    .option('--json', 'print JSON')
    .action((topic: string, o: { json?: boolean }) => {
      const rows = topics[topic];
      if (rows === undefined) throw new UsageError(messages.unknownListTopic(topic, Object.keys(topics)));
      const list = rows();
      if (o.json) return printJson(io, list);
      const w = Math.max(...list.map((r) => r.id.length));
      for (const r of list) io.out(`${r.id.padEnd(w)}  ${r.summary}${r.source ? `\n${' '.repeat(w)}  (${r.source})` : ''}\n`);
    });
}
