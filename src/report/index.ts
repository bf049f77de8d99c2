/**
 * Public door of the report layer: sweep charts (Vega-Lite specs), offline rendering to SVG and
 * PNG, and the self-contained HTML report of a results folder. Layer: report.
 */
// Errors
export { ReportError, type ReportErrorCode } from './errors.ts';

// Input of the sweep charts and report
export type { DrawdownHistogram, FanCheckpoint, FanSeries, SweepConfigRow, SweepReportInput } from './sweep-report-input.ts';
export { fromSweepSummary } from './from-sweep-summary.ts';

// Formats and statistics
export { configLabel, formatNumber, formatPercent, formatProbability, formatSignificant, formatYen } from './format.ts';
export { efficientIndices, type RiskReturn } from './frontier.ts';

// Chart specs
export { ruinHeatmapSpec, oneConfigPerCell, ruinClassLabels, ruinClassOf, RUIN_THRESHOLDS } from './charts/ruin-heatmap.ts';
export { growthFrontierSpec, growthExponent } from './charts/growth-frontier.ts';
export { bankrollFanSpec, fanFloor, powersOfTen } from './charts/bankroll-fan.ts';
export { drawdownDistributionSpec, DRAWDOWN_LEVELS } from './charts/drawdown-distribution.ts';
export { sweepCharts, type ReportChart } from './sweep-charts.ts';

// Rendering
export { renderChart, renderSvg, svgToPng, type ChartFormat, type RenderOptions } from './render.ts';
export { chartFontFiles } from './fonts.ts';
export { parseFontMetrics, readFontMetrics, type FontMetrics } from './font-metrics.ts';

// Report files
export { escapeHtml, prefixSvgIds, recommendationSentence, sweepReportHtml, type HtmlChart, type HtmlFiles } from './html.ts';
export { writeCharts, type WrittenCharts } from './write-charts.ts';
export { readResultsSummary, resultsKindOf, checkSweepSummary, SUMMARY_FORMATS, type ResultsKind, type ResultsSummary } from './read-results.ts';
export { writeSweepReport, writeSweepReportFromInput, type WrittenReport } from './sweep-report.ts';
export { writeReport, type WrittenReportOfKind } from './write-report.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
