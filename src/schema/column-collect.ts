/**
 * Collectors for a column read in parts (one per Arrow record batch). `PartsCollector` keeps
 * the parts and concatenates them at the end (the parts may be views into the file's bytes);
 * `FillCollector` copies each part at once into a column allocated to its final length, so a
 * reader can drop each batch's bytes before reading the next (peak memory: the trace plus one
 * batch, not twice the file).
 */
import { concatColumns } from './arrow-columns.js';
import type { Column } from './columns.js';
import type { ColumnSpec } from './trace-schema.js';

export interface ColumnCollector {
  push(part: Column): void;
  finish(): Column;
}

export function emptyColumn(spec: ColumnSpec): Column {
  switch (spec.type) {
    case 'int32':
      return { type: 'int32', values: new Int32Array(0), valid: null };
    case 'float64':
      return { type: 'float64', values: new Float64Array(0), valid: null };
    case 'bool':
      return { type: 'bool', values: new Uint8Array(0) };
    case 'utf8':
      return { type: 'utf8', values: [] };
  }
}

export class PartsCollector implements ColumnCollector {
  private readonly parts: Column[] = [];
  constructor(private readonly spec: ColumnSpec) {}
  push(part: Column): void {
    this.parts.push(part);
  }
  finish(): Column {
    return this.parts.length === 0 ? emptyColumn(this.spec) : concatColumns(this.parts, this.spec);
  }
}

export class FillCollector implements ColumnCollector {
  private at = 0;
  private readonly column: Column;
  constructor(
    private readonly spec: ColumnSpec,
    private readonly total: number,
  ) {
    switch (spec.type) {
      // Validity is allocated only when a part has nulls (most columns of most traces have none).
      case 'int32':
        this.column = { type: 'int32', values: new Int32Array(total), valid: null };
        break;
      case 'float64':
        this.column = { type: 'float64', values: new Float64Array(total), valid: null };
        break;
      case 'bool':
        this.column = { type: 'bool', values: new Uint8Array(total) };
        break;
      case 'utf8':
        this.column = { type: 'utf8', values: new Array<string | null>(total) };
        break;
    }
  }
  push(part: Column): void {
    const n = part.values.length;
    if (this.at + n > this.total) throw new Error(`column '${this.spec.name}': more rows than the file's batch headers say (${this.at + n} > ${this.total})`);
    const c = this.column;
    if (c.type === 'utf8') {
      const out = c.values as (string | null)[];
      const values = part.values as readonly (string | null)[];
      for (let i = 0; i < n; i++) out[this.at + i] = values[i]!;
    } else {
      (c.values as Int32Array).set(part.values as Int32Array, this.at);
      if (c.type !== 'bool') {
        const pv = (part as { valid: Uint8Array | null }).valid;
        const col = c as { valid: Uint8Array | null };
        if (pv !== null && col.valid === null) col.valid = new Uint8Array(this.total).fill(1, 0, this.at);
        if (col.valid !== null) {
          if (pv === null) col.valid.fill(1, this.at, this.at + n);
          else col.valid.set(pv, this.at);
        }
      }
    }
    this.at += n;
  }
  finish(): Column {
    if (this.at !== this.total) throw new Error(`column '${this.spec.name}': ${this.at} rows where the file's batch headers say ${this.total}`);
    const c = this.column;
    // A nullable column with every row present needs no validity array (as the builders do).
    if (c.type !== 'bool' && c.type !== 'utf8' && c.valid !== null && c.valid.indexOf(0) === -1) return { ...c, valid: null } as Column;
    return c;
  }
}
