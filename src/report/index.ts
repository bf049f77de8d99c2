/**
 * Public door of the report layer: sweep charts (Vega-Lite specs), offline rendering to SVG and
 * PNG, and the self-contained HTML report of a results folder. Layer: report.
 */
export { ReportError, type ReportErrorCode } from './errors.ts';
export type { DrawdownHistogram, FanCheckpoint, FanSeries, SweepConfigRow, SweepReportInput } from './sweep-report-input.ts';
export { configLabel, formatNumber, formatProbability, formatSignificant, formatYen } from './format.ts';
export { ruinHeatmapSpec, RUIN_THRESHOLDS } from './charts/ruin-heatmap.ts';
export { renderChart, renderSvg, svgToPng, type ChartFormat, type RenderOptions } from './render.ts';
export { efficientIndices, type RiskReturn } from './frontier.ts';
export { growthFrontierSpec, growthExponent } from './charts/growth-frontier.ts';
export { bankrollFanSpec, fanFloor, powersOfTen } from './charts/bankroll-fan.ts';
export { drawdownDistributionSpec, DRAWDOWN_LEVELS } from './charts/drawdown-distribution.ts';
