/**
 * The one chart theme: a sans-serif font, a colour-blind-safe categorical palette (Okabe-Ito),
 * units in axis titles (the chart builders write them), light grid.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

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
