/**
 * Vega-Lite spec of a backtest's monthly P&L: one bar per month, profit (payouts and refunds
 * less stakes) in integer yen, gains blue and losses red, each bar labelled with its amount
 * when there are few enough months to read them. Layer: report. Units: integer yen. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.ts';
import { formatYen } from '../format.ts';
import type { MonthlyPnlInput } from '../backtest-report-input.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/** Months up to which every bar carries its amount. */
export const MONTHLY_LABEL_LIMIT = 12;

/**
 * A signed yen amount for a label: '+¥45,840', '−¥201,680', '¥0'.
 * @example signedYen(-1200) // '−¥1,200'
 */
export function signedYen(yen: number): string {
  if (yen === 0) return '¥0';
  return `${yen > 0 ? '+' : '−'}${formatYen(Math.abs(yen))}`;
}

/**
 * Builds the monthly P&L bars.
 * @throws ReportError REPORT_BAD_INPUT without months
 * @example monthlyPnlSpec({ rows, caption: [] }).layer.length // 4
 */
export function monthlyPnlSpec(input: MonthlyPnlInput): TopLevelSpec & { layer: unknown[] } {
  if (input.rows.length === 0) throw new ReportError('REPORT_BAD_INPUT', 'monthlyPnlSpec: no months');
  const labelled = input.rows.length <= MONTHLY_LABEL_LIMIT;
  const values = input.rows.map((r) => ({
    month: r.month,
    profit: r.profitYen,
    sign: r.profitYen >= 0 ? 'gain' : 'loss',
    label: r.tickets === 0 ? 'no bets' : signedYen(r.profitYen),
  }));
  const total = input.rows.reduce((a, r) => a + r.profitYen, 0);
  const idle = input.rows.filter((r) => r.tickets === 0).length;
  const tickets = input.rows.reduce((a, r) => a + r.tickets, 0);
  const best = Math.max(0, ...values.map((v) => v.profit));
  const worst = Math.min(0, ...values.map((v) => v.profit));
  const span = Math.max(1, best - worst);
  // Headroom beyond the tallest bars keeps their labels inside the plot.
  const yDomain = [worst < 0 ? worst - span * 0.12 : 0, best + span * 0.12];
  const x = { field: 'month', type: 'ordinal' as const, title: 'Month', sort: input.rows.map((r) => r.month), axis: { labelAngle: input.rows.length > 12 ? -45 : 0, labelOverlap: 'greedy' as const } };
  const y = { field: 'profit', type: 'quantitative' as const, title: 'Profit (¥)', scale: { domain: yDomain, nice: true }, axis: { format: ',d' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Profit and loss by month',
      subtitle: [
        ...input.caption,
        `Bars: payouts and refunds less stakes in the month; total ${signedYen(total)} over ${tickets.toLocaleString('en-US')} tickets${!labelled && idle > 0 ? `; ${idle} month${idle > 1 ? 's' : ''} without bets` : ''}`,
      ],
    },
    // Labelled bars need room for a label of up to nine characters each.
    width: labelled ? Math.max(360, 72 * input.rows.length) : Math.min(760, Math.max(360, 26 * input.rows.length)),
    height: 240,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.7 } },
        encoding: {
          x,
          y,
          color: { field: 'sign', type: 'nominal', scale: { domain: ['gain', 'loss'], range: [CHART_COLOURS.series, CHART_COLOURS.bound] }, legend: null },
          tooltip: [{ field: 'month' }, { field: 'label', title: 'profit' }],
        },
      },
      { data: { values: [{}] }, mark: { type: 'rule', color: CHART_COLOURS.ink, strokeWidth: 1 }, encoding: { y: { datum: 0, type: 'quantitative' } } },
      {
        transform: [{ filter: `${labelled} && datum.profit >= 0` }],
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10, color: CHART_COLOURS.ink },
        encoding: { x, y, text: { field: 'label' } },
      },
      {
        transform: [{ filter: `${labelled} && datum.profit < 0` }],
        mark: { type: 'text', baseline: 'top', dy: 3, fontSize: 10, color: CHART_COLOURS.ink },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
    config: chartConfig(),
  } as TopLevelSpec & { layer: unknown[] };
}
