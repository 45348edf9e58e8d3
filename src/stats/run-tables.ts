/**
 * Reads a run directory's result tables back (requests.arrow, steps.arrow) as column tables,
 * checking their columns against the result schema; a missing or foreign file is a UserError
 * naming it.
 */
import { messages } from '../config/messages.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as arrow from '../schema/arrow.js';
import { UserError } from '../config/user-error.js';
import { concatColumns, dataToColumn } from '../schema/arrow-columns.js';
import type { Column, ColumnTable } from '../schema/columns.js';
import { parquetToTable } from '../schema/parquet.js';
import type { ColumnSpec } from '../schema/trace-schema.js';
import { ENERGY_RESULT_COLUMNS, REQUEST_RESULT_COLUMNS, STEP_RESULT_COLUMNS } from '../schema/result-columns.js';

/** A run table from `NAME.arrow`, or `NAME.parquet` when the run was written with --format parquet. */
function readTable(arrowFile: string, specs: readonly ColumnSpec[]): ColumnTable {
  const parquetFile = arrowFile.replace(/\.arrow$/, '.parquet');
  const file = !fs.existsSync(arrowFile) && fs.existsSync(parquetFile) ? parquetFile : arrowFile;
  if (!fs.existsSync(file)) throw new UserError(messages.runTableMissing(file));
  let t: arrow.Table;
  try {
    t = file === parquetFile ? parquetToTable(fs.readFileSync(file)) : arrow.tableFromIPC(fs.readFileSync(file));
  } catch (e) {
    throw new UserError(messages.runTableUnreadable(file, file === parquetFile ? 'a Parquet' : 'an Arrow IPC', (e as Error).message));
  }
  const columns: Record<string, Column> = {};
  for (const spec of specs) {
    const child = t.getChild(spec.name);
    if (child === null) throw new UserError(messages.runTableNoColumn(file, spec.name));
    try {
      columns[spec.name] = concatColumns(child.data.map((d) => dataToColumn(d, spec)), spec);
    } catch (e) {
      throw new UserError(messages.runTableBadColumn(file, spec.name, (e as Error).message));
    }
  }
  return { length: t.numRows, specs, columns };
}

export interface RunTables {
  readonly dir: string;
  readonly requests: ColumnTable;
  readonly steps: ColumnTable;
  readonly energy: ColumnTable;
  readonly seed: number;
}

export function readRunDir(dir: string): RunTables {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError(messages.notRunDir(dir, ''));
  const config = path.join(dir, 'config.json');
  let seed = 1;
  if (fs.existsSync(config)) {
    const c = JSON.parse(fs.readFileSync(config, 'utf8')) as { config?: { seed?: number } };
    seed = c.config?.seed ?? 1;
  }
  return { dir, requests: readTable(path.join(dir, 'requests.arrow'), REQUEST_RESULT_COLUMNS), steps: readTable(path.join(dir, 'steps.arrow'), STEP_RESULT_COLUMNS), energy: readTable(path.join(dir, 'energy.arrow'), ENERGY_RESULT_COLUMNS), seed };
}
