/**
 * Maps a backtest's outputs (summary.json and the races table) to the plain rows of the
 * backtest charts: equity points with running peak and drawdown, warn/halt markers, monthly
 * P&L, results by bet type, the reliability tables of the strategy's and the market's
 * probabilities. Layer: report. Units: integer yen, ratios. Pure.
 */
import type { BacktestSummary } from '../sim/backtest/index.ts';
import type { BacktestRaceRow } from './backtest-read.ts';
import type { BacktestChartInputs, BetTypeRow, CalibrationSeries, DrawdownMarker, EquityPoint, MonthlyPnlRow } from './backtest-report-input.ts';
import { formatYen } from './format.ts';

/** Order of bet types in charts and tables (the toolkit's order); unknown types follow, sorted. */
const BET_TYPE_ORDER = ['win', 'place', 'bracket_quinella', 'quinella', 'wide', 'exacta', 'trio', 'trifecta'];

/**
 * The subtitle line naming a backtest: strategy, dataset, dates, start bankroll.
 * @example backtestCaption(summary) // ['Strategy model-win (predictions, win) on synthetic, 2024-01-06 to 2024-03-31, start ¥1,000,000']
 */
export function backtestCaption(summary: BacktestSummary): string[] {
  const s = summary.strategy;
  return [`Strategy ${s.name} (${s.source}, ${s.betTypes.join(', ')}) on ${summary.dataset.source}, ${summary.range.from} to ${summary.range.to}, start ${formatYen(summary.bankroll.startYen)}`];
}

/**
 * Equity points from the races table: the bankroll after each race, its running peak (the
 * start included) and the drawdown from it; a race with status `halted` is marked halted.
 * Cost O(races).
 * @example equityPoints(races, 1_000_000)[0] // { index: 0, date: '2024-01-06', bankrollYen: 1004000, peakYen: 1004000, drawdown: 0, halted: false, ... }
 */
export function equityPoints(races: readonly BacktestRaceRow[], startYen: number): EquityPoint[] {
  let peak = startYen;
  return races.map((r, index) => {
    if (r.bankrollYen > peak) peak = r.bankrollYen;
    return { index, date: r.date, raceId: r.raceId, bankrollYen: r.bankrollYen, peakYen: peak, drawdown: peak > 0 ? (peak - r.bankrollYen) / peak : 0, halted: r.status === 'halted' };
  });
}

function betTypeRank(t: string): number {
  const k = BET_TYPE_ORDER.indexOf(t);
  return k < 0 ? BET_TYPE_ORDER.length : k;
}

/**
 * The rows of every backtest chart.
 * @param races the races table; empty gives an equity curve of the monthly closing bankrolls
 * @example backtestChartInputs(summary, races).monthly.rows.map((r) => r.month) // ['2024-01', '2024-02', '2024-03']
 */
export function backtestChartInputs(summary: BacktestSummary, races: readonly BacktestRaceRow[]): BacktestChartInputs {
  const caption = backtestCaption(summary);
  const startYen = summary.bankroll.startYen;
  const rows: BacktestRaceRow[] =
    races.length > 0
      ? [...races]
      : Object.entries(summary.byMonth).map(([month, m]) => ({ raceId: month, date: `${month}-01`, status: 'bet', stakeYen: m.stakeYen, returnYen: m.returnYen, bankrollYen: m.bankrollEndYen }));
  const markers: DrawdownMarker[] = [];
  if (summary.warn) markers.push({ level: 'warn', ...summary.warn });
  if (summary.halt) markers.push({ level: 'halt', ...summary.halt });
  const months: MonthlyPnlRow[] = Object.entries(summary.byMonth)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([month, m]) => ({ month, tickets: m.tickets, stakeYen: m.stakeYen, returnYen: m.returnYen, profitYen: m.profitYen, roi: m.roi, hits: m.hits, refunds: m.refunds, hitRate: m.hitRate }));
  const types: BetTypeRow[] = Object.entries(summary.byBetType)
    .sort((a, b) => betTypeRank(a[0]) - betTypeRank(b[0]) || (a[0] < b[0] ? -1 : 1))
    .map(([betType, t]) => ({ betType, tickets: t.tickets, stakeYen: t.stakeYen, returnYen: t.returnYen, profitYen: t.profitYen, roi: t.roi, hits: t.hits, refunds: t.refunds, hitRate: t.hitRate }));
  const series = (name: string, c: BacktestSummary['calibration']['used']): CalibrationSeries => ({
    name,
    logLoss: c.logLoss,
    pseudoR2: c.pseudoR2,
    bins: c.reliability.map((b) => ({ lo: b.lo, hi: b.hi, n: b.n, meanPredicted: b.meanPredicted, observed: b.observed })),
  });
  return {
    equity: { points: equityPoints(rows, startYen), startYen, levels: summary.drawdownLevels, markers, caption },
    monthly: { rows: months, caption },
    betTypes: { rows: types, caption },
    calibration: { series: [series(`strategy (${summary.strategy.source})`, summary.calibration.used), series('market (from odds)', summary.calibration.market)], caption },
  };
}
