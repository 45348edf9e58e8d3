/**
 * Where each field of a platform comes from: every field the platform accepts (`--set` keys)
 * with its value and the sources of the part it belongs to: an energy entry its own source, a
 * DRAM timing or organisation field the DRAM's sources, a device field its preset's sources,
 * and an open field also its alternative readings. `list platforms --show ID --citations`.
 */
import { overridableKeys } from './overrides.js';
import type { PlatformConfig } from './platforms.js';

export interface FieldCitation {
  readonly field: string;
  readonly value: unknown;
  readonly sources: readonly string[];
  /** Readings the platform states for the field's part (assumptions, interpretations). */
  readonly readings: readonly string[];
  /** The alternatives, where the sources leave the field open. */
  readonly open?: readonly string[];
}

export function fieldCitations(cfg: PlatformConfig): FieldCitation[] {
  const open = new Map((cfg.open ?? []).map((o) => [o.field, o.readings.map((r) => `${r.name}: ${r.value} ${o.unit} [${r.source}]`)]));
  const out: FieldCitation[] = [];
  for (const [field, value] of overridableKeys(cfg)) {
    const part = field.split('.')[0]!;
    let sources: readonly string[] = cfg.sources;
    let readings: readonly string[] = cfg.readings;
    const entry = /^energy_table\.(actions|static_mw)\.([a-z0-9_]+)\.pj$/.exec(field);
    if (entry && cfg.energy_table) {
      const e = (cfg.energy_table[entry[1] as 'actions' | 'static_mw'] as Record<string, { source: string }>)[entry[2]!];
      sources = e ? [e.source] : [];
      readings = [];
    } else if (part === 'dram' && /^dram\.(timing|org)\./.test(field)) {
      sources = cfg.dram.sources ?? [];
      readings = cfg.dram.readings ?? [];
    } else if (part === 'npu' || part === 'pim' || part === 'xbar' || part === 'gpu') {
      const p = cfg[part] as { sources?: readonly string[]; readings?: readonly string[] } | undefined;
      sources = [...(p?.sources ?? []), ...(part === 'pim' && field === 'pim.channels' ? cfg.sources : [])];
      readings = p?.readings ?? [];
    }
    out.push({ field, value, sources, readings, ...(open.has(field) ? { open: open.get(field)! } : {}) });
  }
  return out;
}

/** The citations as text: a field per line with its value, then its sources (and open readings) indented. */
export function citationsText(cfg: PlatformConfig): string {
  const lines: string[] = [`${cfg.id}: ${cfg.description}`];
  for (const c of fieldCitations(cfg)) {
    lines.push(`${c.field} = ${JSON.stringify(c.value)}`);
    for (const s of c.sources) lines.push(`    source: ${s}`);
    for (const o of c.open ?? []) lines.push(`    open, reading ${o}`);
  }
  return lines.join('\n') + '\n';
}
