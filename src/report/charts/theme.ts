/**
 * The look shared by every sweep chart: one font family (the one the PNG renderer loads, so
 * SVG and PNG agree), sizes fit for a printed page, quiet axes. Layer: report. Pure.
 */
import type { Config } from 'vega-lite';

/** Font family of every chart text; the PNG renderer loads this family's TrueType files. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** Colour of marks drawn for a single series, of bounds and of the ruin level. */
export const CHART_COLOURS = {
  series: '#2b6a99',
  bound: '#c0392b',
  ink: '#222222',
  muted: '#888888',
} as const;

/** The Vega-Lite config of every sweep chart. */
export function chartConfig(): Config {
  return {
    font: CHART_FONT_FAMILY,
    background: 'white',
    padding: 12,
    view: { stroke: '#bbbbbb', strokeWidth: 1 },
    title: { fontSize: 15, fontWeight: 'bold', subtitleFontSize: 11, subtitleColor: '#555555', anchor: 'start', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6', domainColor: '#888888', tickColor: '#888888' },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
    header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold' },
    text: { fontSize: 11 },
  };
}
