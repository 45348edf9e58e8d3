/**
 * The drafting a speculative baseline replays: the recorded drafting by default, or chains of
 * draft.max_len tokens, or the tree template draft.tree. Shared by sd-npu and sd-gemv-pim.
 */
import { messages } from '../config/messages.js';
import { UserError } from '../config/user-error.js';
import { bundledTrees } from '../ingest/bundled-trees.js';
import { indexTree, treeKey } from '../kernel/index.js';
import type { DraftChoice, PolicyContext } from './interface.js';
import { int32 } from '../schema/columns.js';

export function draftingChoice(ctx: PolicyContext): DraftChoice {
  const { config, trees } = ctx;
  if (config.draft.tree !== null) {
    const t = trees.get(config.draft.tree) ?? (bundledTrees().has(config.draft.tree) ? indexTree(bundledTrees().get(config.draft.tree)!) : undefined);
    if (t === undefined) throw new UserError(messages.unknownTreeField('draft.tree', config.draft.tree, [...new Set([...trees.keys(), ...bundledTrees().keys()])]));
    return { kind: 'tree', tree: t, keyId: treeKey(t), widths: t.widths.slice(0, t.widths.length - 1) };
  }
  if (config.draft.max_len !== null) return { kind: 'chain', k: config.draft.max_len };
  return { kind: 'recorded' };
}

/** The recorded drafting needs per-step data with draft lengths (or a tree template). */
export function checkRecordedDrafting(ctx: PolicyContext, policy: string): void {
  if (draftingChoice(ctx).kind !== 'recorded') return;
  const t = ctx.trace;
  if (t.steps.length === 0) {
    throw new UserError(
      `${policy}: the trace has no per-step data (${t.meta.format}${t.oracle ? ', an oracle' : ''}), so its drafting cannot be replayed as recorded; options: --set draft.max_len=K (chains; ${t.oracle ? 'answered by the oracle' : 'imputed'}) or --set draft.tree=ID`,
    );
  }
  const d = int32(t.steps, 'draft_tokens');
  const hasTree = t.meta.tree_template_id !== null || t.steps.columns['tree_id']!.values.some((x) => x !== null);
  if (!hasTree && d.valid !== null && d.valid.indexOf(1) === -1) {
    throw new UserError(messages.noDraftLengths(`${policy}: `, t.meta.method ?? 'unknown'));
  }
}
