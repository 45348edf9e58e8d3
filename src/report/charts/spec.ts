/** What every chart builder returns: a Vega-Lite spec whose data are named datasets. */
import { THEME } from '../theme.js';
export interface ChartSpec {
  /** File stem (charts/<id>.vl.json, .svg). */
  readonly id: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A spec with the theme in its `config`, so the .vl.json renders the same in any Vega-Lite host. */
export function chart(id: string, title: string, subtitle: string | readonly string[], datasets: Record<string, readonly object[]>, body: Record<string, unknown>): ChartSpec {
  return { id, title, spec: { $schema: VL_SCHEMA, title: { text: title, subtitle }, datasets, ...body, config: THEME } };
}
