/**
 * The one chart theme: a sans-serif font, a colour-blind-safe categorical palette (Okabe-Ito),
 * units in axis titles (the chart builders write them), light grid.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/**
 * One colour per policy and per device in every chart and figure (a reader matches them
 * across charts). The autoregressive baseline is black; the published systems take the
 * strong Okabe-Ito colours.
 */
export const POLICY_COLOURS: Readonly<Record<string, string>> = {
  'ar-npu': '#000000',
  'sd-npu': '#56B4E9',
  'sd-gemv-pim': '#0072B2',
  'lp-spec': '#009E73',
  specpim: '#E69F00',
  ahasd: '#D55E00',
  'pim-llm': '#CC79A7',
};
export const DEVICE_COLOURS: Readonly<Record<string, string>> = { npu: '#0072B2', pim: '#009E73', gpu: '#E69F00', xbar: '#CC79A7', bus: '#999999' };
/** Colours for names outside the tables (a policy a user registers), taken in order. */
const SPARE = ['#F0E442', '#999999', '#882255', '#44AA99', '#117733', '#332288', '#AA4499', '#88CCEE'];

/**
 * A Vega-Lite colour scale fixing each name's colour: known names from `table`, others from
 * the spare colours in order of appearance.
 */
export function fixedColourScale(names: Iterable<string>, table: Readonly<Record<string, string>>): { domain: string[]; range: string[] } {
  const domain = [...new Set(names)];
  let spare = 0;
  return { domain, range: domain.map((n) => table[n] ?? SPARE[spare++ % SPARE.length]!) };
}

export const policyScale = (names: Iterable<string>) => fixedColourScale(names, POLICY_COLOURS);

/**
 * Sixteen distinguishable colours (Okabe-Ito, then Paul Tol's muted scheme) for categories that
 * outnumber the eight-colour palette, e.g. the energy components: no two share a colour.
 */
export const MANY_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#882255', '#44AA99', '#117733', '#332288', '#AA4499', '#999933', '#661100', '#888888'];

/** A colour per category, distinct up to sixteen categories (in order of first appearance). */
export function categoryScale(names: Iterable<string>): { domain: string[]; range: string[] } {
  const domain = [...new Set(names)];
  return { domain, range: domain.map((_, i) => MANY_COLOURS[i % MANY_COLOURS.length]!) };
}
export const deviceScale = (names: Iterable<string>) => fixedColourScale(names, DEVICE_COLOURS);

export const THEME = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e5e5e5', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555' },
  range: { category: PALETTE },
} as const;
