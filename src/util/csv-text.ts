/** CSV text out: RFC 4180 quoting, numbers in JavaScript's shortest round-trip form. */
import { cell, type ColumnTable } from '../schema/columns.js';

export function csvField(v: number | string | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  return /[",\r\n]/.test(v) || v.trim() !== v ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A whole table as CSV: a header of the column names, a line per row. */
export function tableToCsv(table: ColumnTable): string {
  const cols = table.specs.map((s) => table.columns[s.name]!);
  const lines = [table.specs.map((s) => csvField(s.name)).join(',')];
  for (let i = 0; i < table.length; i++) lines.push(cols.map((c) => csvField(cell(c, i))).join(','));
  return lines.join('\n') + '\n';
}
