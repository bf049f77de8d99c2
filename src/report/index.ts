/**
 * Public door of the report layer: sweep and backtest charts (Vega-Lite specs), offline
 * rendering to SVG and PNG, the self-contained HTML report of a results folder, P&L of a ledger
 * by period and the annual tax report. Layer: report.
 */
// Errors
export { ReportError, type ReportErrorCode } from './errors.ts';

// Input of the sweep charts and report
export type { DrawdownHistogram, FanCheckpoint, FanSeries, SweepConfigRow, SweepReportInput } from './sweep-report-input.ts';
export { fromSweepSummary } from './from-sweep-summary.ts';

// Input of the backtest charts and report
export type {
  BacktestChartInputs,
  BetTypeInput,
  BetTypeRow,
  CalibrationInput,
  CalibrationSeries,
  DrawdownLevelsInput,
  DrawdownMarker,
  EquityCurveInput,
  EquityPoint,
  EquityTimeAxis,
  MonthlyPnlInput,
  MonthlyPnlRow,
  ReliabilityRow,
  TicketRow,
} from './backtest-report-input.ts';
export { backtestChartInputs, backtestCaption, equityPoints } from './backtest-chart-inputs.ts';
export { readBacktestFolder, readBacktestRaces, readBacktestLedger, checkBacktestSummary, looksLikeBacktestSummary, type BacktestFolder, type BacktestRaceRow } from './backtest-read.ts';

// P&L and tax
export { pnlByPeriod, periodOf, jstDateOf, jstDateTimeOf, type PnlPeriod, type PnlReport, type PnlRow } from './pnl.ts';
export {
  taxReport,
  purchasesFromLedger,
  taxReportCsv,
  taxReportSectionHtml,
  writeTaxReportCsv,
  writeTaxReportHtml,
  TAX_CSV_COLUMNS,
  TAX_TIME_ZONE,
  type Purchase,
  type PurchaseResult,
  type TaxReport,
  type TaxReportRow,
  type TaxTotals,
} from './tax-report.ts';

// Formats and statistics
export { configLabel, formatNumber, formatPercent, formatProbability, formatSignificant, formatYen } from './format.ts';
export { efficientIndices, type RiskReturn } from './frontier.ts';

// Chart specs
export { ruinHeatmapSpec, oneConfigPerCell, ruinClassLabels, ruinClassOf, RUIN_THRESHOLDS } from './charts/ruin-heatmap.ts';
export { growthFrontierSpec, growthExponent } from './charts/growth-frontier.ts';
export { bankrollFanSpec, fanFloor, powersOfTen } from './charts/bankroll-fan.ts';
export { drawdownDistributionSpec, DRAWDOWN_LEVELS } from './charts/drawdown-distribution.ts';
export { sweepCharts, type ReportChart } from './sweep-charts.ts';
export { equityCurveSpec, thinEquityPoints, EQUITY_MAX_POINTS } from './charts/equity-curve.ts';
export { monthlyPnlSpec, signedYen, MONTHLY_LABEL_LIMIT } from './charts/monthly-pnl.ts';
export { betTypeRoiSpec, betTypeLabel, BET_TYPE_LABELS } from './charts/bet-type-roi.ts';
export { calibrationSpec, wilsonInterval } from './charts/calibration.ts';
export { pnlPeriodSpec } from './charts/pnl-period.ts';
export { backtestCharts } from './backtest-charts.ts';

// Rendering
export { renderChart, renderSvg, svgToPng, type ChartFormat, type RenderOptions } from './render.ts';
export { chartFontFiles } from './fonts.ts';
export { parseFontMetrics, readFontMetrics, type FontMetrics } from './font-metrics.ts';

// Report files
export { escapeHtml, prefixSvgIds, recommendationSentence, sweepReportHtml, htmlPage, kvTableHtml, figuresHtml, type HtmlChart, type HtmlFiles } from './html.ts';
export { backtestReportHtml, backtestResultSentence } from './backtest-html.ts';
export { writeCharts, type WrittenCharts } from './write-charts.ts';
export { readResultsSummary, resultsKindOf, checkSweepSummary, SUMMARY_FORMATS, type ResultsKind, type ResultsSummary } from './read-results.ts';
export { writeSweepReport, writeSweepReportFromInput, type WrittenReport } from './sweep-report.ts';
export { writeBacktestReport } from './backtest-report.ts';
export { writeReport, type WrittenReportOfKind } from './write-report.ts';
export { writeFileAtomic } from './write-file-atomic.ts';
