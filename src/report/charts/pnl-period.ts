/**
 * Vega-Lite spec of a ledger's P&L by period (day, week or month): profit bars (gains blue,
 * losses red) above, and below them the deepest drawdown from the peak reached in each period
 * with the warn and halt levels drawn. Layer: report. Units: integer yen, ratios. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.ts';
import { formatPercent } from '../format.ts';
import type { PnlReport } from '../pnl.ts';
import { signedYen } from './monthly-pnl.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

const WARN_COLOUR = '#d68910';
const PERIOD_NAMES = { day: 'day', week: 'week (ISO, Monday to Sunday)', month: 'month' } as const;

/**
 * Builds the P&L and drawdown panels of a P&L report.
 * @param caption subtitle lines naming the ledger
 * @throws ReportError REPORT_BAD_INPUT for a report without periods
 * @example pnlPeriodSpec(pnlByPeriod(entries, 'week'), ['Live ledger']).vconcat.length // 2
 */
export function pnlPeriodSpec(report: PnlReport, caption: readonly string[]): TopLevelSpec & { vconcat: unknown[] } {
  if (report.rows.length === 0) throw new ReportError('REPORT_BAD_INPUT', 'pnlPeriodSpec: no period holds a ledger entry');
  const values: Record<string, number | string>[] = report.rows.map((r) => ({
    kind: 'row',
    period: r.period,
    profit: r.profitYen,
    sign: r.profitYen >= 0 ? 'gain' : 'loss',
    dd: -r.maxDrawdown,
    label: signedYen(r.profitYen),
    from: r.from,
    to: r.to,
  }));
  values.push({ kind: 'level', level: 'warn', y: -report.levels.warn, label: `warn −${formatPercent(report.levels.warn)}` });
  values.push({ kind: 'level', level: 'halt', y: -report.levels.halt, label: `halt −${formatPercent(report.levels.halt)}` });
  const n = report.rows.length;
  const width = Math.min(760, Math.max(360, 26 * n));
  const order = report.rows.map((r) => r.period);
  const x = { field: 'period', type: 'ordinal' as const, sort: order, title: null, axis: { labelAngle: n > 8 ? -45 : 0, labelOverlap: 'greedy' as const } };
  const worst = Math.max(report.levels.halt, ...report.rows.map((r) => r.maxDrawdown));
  const levelColour = { field: 'level', type: 'nominal' as const, scale: { domain: ['warn', 'halt'], range: [WARN_COLOUR, CHART_COLOURS.bound] }, legend: null };
  const t = report.totals;
  const best = Math.max(0, ...report.rows.map((r) => r.profitYen));
  const lowest = Math.min(0, ...report.rows.map((r) => r.profitYen));
  const pad = Math.max(1, best - lowest) * 0.08;
  const yDomain = [lowest < 0 ? lowest - pad : 0, best > 0 ? best + pad : 0];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Profit and loss by ${report.period}`,
      subtitle: [
        ...caption,
        `Bars: payouts and refunds less stakes per ${PERIOD_NAMES[report.period]}, Japan time; total ${signedYen(t.profitYen)}, ROI ${t.roi === null ? 'n/a' : t.roi.toFixed(3)}, hit rate ${t.hitRate === null ? 'n/a' : formatPercent(Math.round(t.hitRate * 1000) / 1000)}`,
        'Lower panel: deepest fall from the peak in each period; dashed: warn and halt levels',
      ],
    },
    data: { values },
    vconcat: [
      {
        width,
        height: 200,
        transform: [{ filter: "datum.kind === 'row'" }],
        layer: [
          {
            mark: { type: 'bar', width: { band: 0.75 } },
            encoding: {
              x: { ...x, axis: { ...x.axis, labels: false, ticks: false } },
              y: { field: 'profit', type: 'quantitative', title: 'Profit (¥)', scale: { domain: yDomain, nice: true }, axis: { format: ',d' } },
              color: { field: 'sign', type: 'nominal', scale: { domain: ['gain', 'loss'], range: [CHART_COLOURS.series, CHART_COLOURS.bound] }, legend: null },
              tooltip: [{ field: 'period' }, { field: 'from' }, { field: 'to' }, { field: 'label', title: 'profit' }],
            },
          },
          { data: { values: [{}] }, mark: { type: 'rule', color: CHART_COLOURS.ink, strokeWidth: 1 }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        ],
      },
      {
        width,
        height: 100,
        layer: [
          {
            transform: [{ filter: "datum.kind === 'row'" }],
            mark: { type: 'bar', color: CHART_COLOURS.bound, opacity: 0.55, width: { band: 0.75 } },
            encoding: {
              x: { ...x, title: report.period === 'week' ? 'ISO week (Japan time)' : report.period === 'day' ? 'Day (Japan time)' : 'Month (Japan time)' },
              y: { field: 'dd', type: 'quantitative', title: 'Max drawdown', scale: { domain: [-Math.min(1, worst * 1.2), 0], nice: false }, axis: { format: '.0%', tickCount: 4 } },
            },
          },
          {
            transform: [{ filter: "datum.kind === 'level'" }],
            mark: { type: 'rule', strokeDash: [6, 3], strokeWidth: 1.3 },
            encoding: { y: { field: 'y', type: 'quantitative' }, color: levelColour },
          },
          {
            transform: [{ filter: "datum.kind === 'level'" }],
            mark: { type: 'text', align: 'left', baseline: 'middle', x: 'width', dx: 4, fontSize: 10 },
            encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' }, color: levelColour },
          },
        ],
      },
    ],
    spacing: 6,
    resolve: { scale: { x: 'shared', color: 'independent' } },
    config: chartConfig(),
  } as TopLevelSpec & { vconcat: unknown[] };
}
