import type { Command } from 'commander';
import { messages } from '../../config/messages.js';
import { printJson, UsageError, type Io } from '../io.js';

type Row = { id: string; summary: string; source?: string | undefined };

/** Each topic loads only the modules it lists. */
const topics: Record<string, () => Promise<Row[]>> = {
  formats: async () => Object.values((await import('../../ingest/formats.js')).formats).map((f) => ({ id: f.id, summary: f.summary, source: f.examples })),
  platforms: async () => Object.values((await import('../../platform/platforms.js')).PLATFORMS).map((p) => ({ id: p.id, summary: p.description, source: p.sources.join('; ') })),
  models: async () => Object.values((await import('../../workload/models.js')).MODELS).map((m) => ({ id: m.id, summary: `${m.description}: ${m.layers} layers, hidden ${m.hidden}, ${m.heads} heads (${m.kv_heads} KV), FFN ${m.ffn} ${m.ffn_kind}, vocab ${m.vocab}`, source: m.source })),
  policies: async () =>
    Object.values((await import('../../policy/registry.js')).policies).map((f) => {
      const d = f.describe();
      const params = Object.entries(d.params).map(([k, v]) => `${d.id}.${k}=${v.default} (${v.doc})`);
      return { id: d.id, summary: `${d.system}: ${d.summary}`, source: params.length ? `params: ${params.join('; ')}` : undefined };
    }),
  figures: async () => (await import('../../figures/recipe.js')).loadRecipes([]).map((r) => ({ id: r.id, summary: `${r.title} (${r.kind}, paper ${r.paper})`, source: `src/figures/recipes/${r.id}.json` })),
  reproductions: async () => Object.values((await import('../../reproduce/index.js')).REPRODUCTIONS).map((r) => ({ id: r.id, summary: `${r.paper}: ${r.describe}` })),
  trees: async () => {
    const { bundledTrees } = await import('../../ingest/bundled-trees.js');
    const { treeShape } = await import('../../inspect/inspect.js');
    return [...bundledTrees().values()].map((t) => {
      const s = treeShape(t);
      return { id: t.id, summary: `${s.drafted} drafted nodes, depth ${s.depth}`, source: t.source };
    });
  },
};

export function registerList(program: Command, io: Io): void {
  program
    .command('list')
    .description(`what is available: ${Object.keys(topics).join(' | ')}`)
    .argument('<topic>', Object.keys(topics).join(' | '))
    .option('--json', 'print JSON')
    .option('--show <id>', 'platforms: print one platform expanded, as a platform file (every DRAM timing, every energy entry with its source); save it, edit it, pass it as --platform FILE')
    .option('--citations', 'with --show: every field with its value and its sources (and, where open, its readings)')
    .action(async (topic: string, o: { json?: boolean; show?: string; citations?: boolean }) => {
      if (o.show !== undefined) {
        if (topic !== 'platforms') throw new UsageError(messages.showNeedsPlatforms());
        const { configurePlatform } = await import('../../platform/platforms.js');
        const cfg = configurePlatform(o.show);
        if (o.citations) {
          const { citationsText, fieldCitations } = await import('../../platform/citations.js');
          return o.json ? printJson(io, fieldCitations(cfg)) : io.out(citationsText(cfg));
        }
        const { platformFileText } = await import('../../platform/platform-file.js');
        io.out(platformFileText(cfg));
        return;
      }
      const rows = topics[topic];
      if (rows === undefined) throw new UsageError(messages.unknownListTopic(topic, Object.keys(topics)));
      const list = await rows();
      if (o.json) return printJson(io, list);
      const w = Math.max(...list.map((r) => r.id.length));
      for (const r of list) io.out(`${r.id.padEnd(w)}  ${r.summary}${r.source ? `\n${' '.repeat(w)}  (${r.source})` : ''}\n`);
    });
}
