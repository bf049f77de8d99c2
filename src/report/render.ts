/**
 * Renders a Vega-Lite spec offline: compile with vega-lite, run a headless vega View
 * (renderer 'none'), serialise to SVG, and rasterise the SVG to PNG with resvg at 2x scale.
 * No network: data must be inline. Layer: report. Not pure (loads font files).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ReportError } from './errors.ts';
import { chartFontFiles } from './fonts.ts';
import { ESTIMATED_METRICS, readFontMetrics, type FontMetrics } from './font-metrics.ts';
import { CHART_FONT_FAMILY } from './charts/theme.ts';

/** Output format of `renderChart`. */
export type ChartFormat = 'svg' | 'png';

/** Options of `renderChart`. */
export interface RenderOptions {
  readonly format: ChartFormat;
  /** PNG scale factor over the SVG's size; 2 unless told. */
  readonly scale?: number;
}

/** A loader that refuses every request, so a spec can never reach the network or disk. */
const OFFLINE_LOADER = {
  load: (uri: string) => Promise.reject(new ReportError('REPORT_RENDER_FAILED', `chart data must be inline, not loaded from ${uri}`)),
  sanitize: (uri: string) => Promise.reject(new ReportError('REPORT_RENDER_FAILED', `chart data must be inline, not loaded from ${uri}`)),
  http: () => Promise.reject(new ReportError('REPORT_RENDER_FAILED', 'charts render offline')),
  file: () => Promise.reject(new ReportError('REPORT_RENDER_FAILED', 'charts render offline')),
} as unknown as Loader;

/**
 * A vega logger that keeps errors and failed data loads (which vega only warns about before
 * carrying on) and drops the rest, so a chart that lost its data fails instead of rendering empty.
 */
function collectingLogger(errors: string[]): NonNullable<ConstructorParameters<typeof View>[1]>['logger'] {
  let level = 1;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      if (args[0] === 'Loading failed') errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger as unknown as NonNullable<ConstructorParameters<typeof View>[1]>['logger'];
}

/** The parts of a vega text item that its width depends on. */
interface TextItem {
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
  readonly text?: unknown;
}

let measuringInstalled = false;

/**
 * Makes vega measure text with the chart font's real advance widths (vega's own estimate in a
 * headless run gives 0.8 em a character, far too wide). Installed once per process.
 */
function installTextMeasure(): void {
  if (measuringInstalled) return;
  measuringInstalled = true;
  const files = chartFontFiles();
  const regular: FontMetrics = (files && readFontMetrics(files[0])) || ESTIMATED_METRICS;
  const bold: FontMetrics = (files && readFontMetrics(files[1])) || regular;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text?: unknown): number => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const value = text ?? item.text;
    const s = value == null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
    const w = item.fontWeight;
    const isBold = w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
    return (isBold ? bold : regular).widthEm(s) * size;
  };
}

/**
 * The SVG text of a Vega-Lite spec.
 * @throws ReportError REPORT_RENDER_FAILED when the spec does not compile or run
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  installTextMeasure();
  let view: View | undefined;
  try {
    const vg = compile(spec).spec;
    const errors: string[] = [];
    view = new View(parse(vg), { renderer: 'none', loader: OFFLINE_LOADER, logger: collectingLogger(errors) });
    const svg = await view.toSVG();
    if (errors.length > 0) throw new ReportError('REPORT_RENDER_FAILED', `renderSvg: ${errors.join('; ')}`);
    return svg;
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw new ReportError('REPORT_RENDER_FAILED', `renderSvg: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    view?.finalize();
  }
}

/**
 * Rasterises SVG text to PNG with the packaged chart font (system fonts only as a fallback).
 * @param scale pixels per SVG unit (2 gives a print-ready 2x image)
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const files = chartFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: files
      ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY }
      : { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/**
 * Renders a chart spec to SVG text or PNG bytes, offline.
 * @throws ReportError REPORT_RENDER_FAILED when the spec does not compile or run
 * @example await renderChart(spec, { format: 'svg' }) // '<svg ...'
 */
export async function renderChart(spec: TopLevelSpec, options: { format: 'svg'; scale?: number }): Promise<string>;
export async function renderChart(spec: TopLevelSpec, options: { format: 'png'; scale?: number }): Promise<Buffer>;
export async function renderChart(spec: TopLevelSpec, options: RenderOptions): Promise<string | Buffer>;
export async function renderChart(spec: TopLevelSpec, options: RenderOptions): Promise<string | Buffer> {
  const svg = await renderSvg(spec);
  return options.format === 'svg' ? svg : svgToPng(svg, options.scale ?? 2);
}
