/**
 * The charts of a backtest report, in the order the report shows them: equity curve with
 * drawdown, monthly P&L, weekly P&L from the ledger, ROI and hit rate by bet type, calibration;
 * each with its file name, title, spec and a note on how to read it. Layer: report. Pure.
 */
import type { BacktestChartInputs } from './backtest-report-input.ts';
import { betTypeRoiSpec } from './charts/bet-type-roi.ts';
import { calibrationSpec } from './charts/calibration.ts';
import { equityCurveSpec } from './charts/equity-curve.ts';
import { monthlyPnlSpec } from './charts/monthly-pnl.ts';
import { pnlPeriodSpec } from './charts/pnl-period.ts';
import { formatPercent } from './format.ts';
import type { PnlReport } from './pnl.ts';
import type { ReportChart } from './sweep-charts.ts';

/**
 * The backtest charts; a chart without data (no month, no bet type, no calibrated runner, no
 * ledger) is left out.
 * @param weekly the ledger's P&L by week, when the folder has a ledger
 * @example backtestCharts(inputs, weekly).map((c) => c.name) // ['equity-curve', 'monthly-pnl', 'weekly-pnl', 'bet-type-roi', 'calibration']
 */
export function backtestCharts(inputs: BacktestChartInputs, weekly?: PnlReport): ReportChart[] {
  const levels = inputs.equity.levels;
  const levelText = levels ? ` The dashed horizontal lines are the warn (−${formatPercent(levels.warn)}) and halt (−${formatPercent(levels.halt)}) levels of the strategy's drawdown rule.` : '';
  const charts: ReportChart[] = [];
  if (inputs.equity.points.length > 0) {
    charts.push({
      name: 'equity-curve',
      title: 'Equity curve and drawdown',
      howToRead:
        `Top: the bankroll after each race (blue), its running peak (dashed grey) and the fall below the peak (red shading); races of a day are spread evenly over it. ` +
        `The dashed verticals mark the first race at which the drawdown reached the warn and halt levels; after a halt the run bets no more (grey). ` +
        `Bottom: the same fall as a share of the peak.${levelText}`,
      spec: equityCurveSpec(inputs.equity),
    });
  }
  if (inputs.monthly.rows.length > 0) {
    charts.push({
      name: 'monthly-pnl',
      title: 'Profit and loss by month',
      howToRead: 'Each bar is a calendar month: payouts and refunds received less stakes paid, in yen. Blue months gained, red months lost; a month without a bet shows "no bets".',
      spec: monthlyPnlSpec(inputs.monthly),
    });
  }
  if (weekly && weekly.rows.length > 0) {
    charts.push({
      name: 'weekly-pnl',
      title: 'Profit and loss by week, from the ledger',
      howToRead:
        `Computed from ledger.arrow entry by entry (Japan time, ISO weeks from Monday): the bars are each week's profit; below, the deepest fall from the peak during the week, ` +
        `stakes counted as lost until their race is settled (the rule the live runner uses), so it can be a little deeper than the race-by-race curve above.${levelText}`,
      spec: pnlPeriodSpec(weekly, inputs.monthly.caption),
    });
  }
  if (inputs.betTypes.rows.length > 0) {
    charts.push({
      name: 'bet-type-roi',
      title: 'Return and hit rate by bet type',
      howToRead:
        'Left: ROI, the yen returned (payouts and refunds) per yen staked; right of the dashed line at 1.0 a bet type made money. Right: the hit rate, the share of settled tickets that paid. ' +
        'The two are shown apart on purpose: a low hit rate can go with a high ROI (long odds) and the reverse.',
      spec: betTypeRoiSpec(inputs.betTypes),
    });
  }
  if (inputs.calibration.series.some((s) => s.bins.some((b) => b.n > 0 && b.meanPredicted !== null && b.observed !== null))) {
    charts.push({
      name: 'calibration',
      title: 'Calibration of the win probabilities',
      howToRead:
        `Runners of the races replayed are binned by the win probability given to them; each point is a bin: its mean probability across, the share of its runners that won up. ` +
        `Points on the dashed diagonal are well calibrated; above it the probabilities were too low, below it too high. Bars are 95% intervals, point areas grow with the runners in the bin. ` +
        `The market's probabilities (from the odds) are drawn for comparison. Both axes use a square-root scale.`,
      spec: calibrationSpec(inputs.calibration),
    });
  }
  return charts;
}
