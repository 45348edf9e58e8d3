/**
 * Compiles a chart's Vega-Lite spec (theme applied) to Vega and renders it to SVG headlessly
 * with vega's View. Any Vega-Lite warning is returned so callers and tests can refuse it.
 */
import type * as vega from 'vega';
import type * as vl from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { packagePath } from '../util/package-root.js';
import { THEME } from './theme.js';
import type { ChartSpec } from './charts/spec.js';

export interface Compiled {
  readonly vega: vega.Spec;
  readonly warnings: readonly string[];
}

export async function compileChart(c: ChartSpec): Promise<Compiled> {
  const warnings: string[] = [];
  const logger = {
    level(l?: number) {
      return l === undefined ? 2 : logger;
    },
    error(...a: unknown[]): never {
      throw new Error(`chart ${c.id}: ${a.join(' ')}`);
    },
    warn(...a: unknown[]) {
      warnings.push(a.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  // vega-lite and vega are loaded on first use: vega's canvas probe uses top-level await, which
  // would stop CommonJS hosts (tslab notebooks) from require()-ing this library.
  const { compile } = await import('vega-lite');
  const out = compile({ ...(c.spec as object), config: THEME } as vl.TopLevelSpec, { logger: logger as never });
  return { vega: out.spec, warnings };
}

export async function renderSvg(c: ChartSpec): Promise<{ svg: string; warnings: readonly string[] }> {
  const { vega: spec, warnings } = await compileChart(c);
  const v = await import('vega');
  const view = new v.View(v.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return { svg, warnings };
}

/** The bundled font resvg renders every chart's text with (assets/fonts). */
export const FONT_FILE = packagePath('assets', 'fonts', 'DejaVuSans.ttf');

/** PNG of an SVG at 2x, text in the bundled font only (no system fonts: identical everywhere). */
export function svgToPng(svg: string): Uint8Array {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } });
  return r.render().asPng();
}
