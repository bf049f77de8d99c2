/**
 * Vega-Lite spec of a backtest's results by bet type, ROI and hit rate apart: left, the return
 * per yen staked (ROI) with break-even drawn; right, the share of settled tickets that paid.
 * Each bar is labelled with its value and its ticket count. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.ts';
import { formatNumber, formatProbability } from '../format.ts';
import type { BetTypeInput } from '../backtest-report-input.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/** Display names of the toolkit's bet types. */
export const BET_TYPE_LABELS: Readonly<Record<string, string>> = {
  win: 'Win',
  place: 'Place',
  bracket_quinella: 'Bracket quinella',
  quinella: 'Quinella',
  wide: 'Wide',
  exacta: 'Exacta',
  trio: 'Trio',
  trifecta: 'Trifecta',
};

/**
 * The display name of a bet type (the code itself when unknown).
 * @example betTypeLabel('bracket_quinella') // 'Bracket quinella'
 */
export function betTypeLabel(betType: string): string {
  return BET_TYPE_LABELS[betType] ?? betType;
}

/**
 * Builds the two panels, bet types down, in the order given.
 * @throws ReportError REPORT_BAD_INPUT without rows
 * @example betTypeRoiSpec(input).hconcat.length // 2
 */
export function betTypeRoiSpec(input: BetTypeInput): TopLevelSpec & { hconcat: unknown[] } {
  if (input.rows.length === 0) throw new ReportError('REPORT_BAD_INPUT', 'betTypeRoiSpec: no bet types');
  const values = input.rows.map((r) => {
    const settled = r.tickets - r.refunds;
    return {
      type: betTypeLabel(r.betType),
      roi: r.roi ?? 0,
      // Labels start right of break-even when the bar ends near it, so the rule never crosses them.
      roiLabelAt: Math.max(r.roi ?? 0, (r.roi ?? 0) > 0.7 ? 1 : 0),
      hitRate: r.hitRate ?? 0,
      roiLabel: r.roi === null ? 'no stake' : `${formatNumber(r.roi, 2)}  (${r.tickets.toLocaleString('en-US')} tickets)`,
      hitLabel: r.hitRate === null ? 'none settled' : `${formatProbability(r.hitRate)}  (${r.hits.toLocaleString('en-US')} of ${settled.toLocaleString('en-US')})`,
    };
  });
  const order = values.map((v) => v.type);
  const y = { field: 'type', type: 'nominal' as const, title: null, sort: order, axis: { labelFontSize: 12 } };
  const roiTop = Math.max(1.25, ...values.map((v) => v.roi)) * 1.45;
  const hitTop = Math.min(1, Math.max(0.1, ...values.map((v) => v.hitRate)) * 1.6);
  const height = Math.max(60, 34 * values.length);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Return and hit rate by bet type',
      subtitle: [...input.caption, 'Left: return per yen staked (payouts and refunds / stakes; dashed: break-even 1.0). Right: winning tickets / settled tickets (refunds excluded)'],
    },
    data: { values },
    hconcat: [
      {
        width: 300,
        height,
        layer: [
          {
            mark: { type: 'bar', color: CHART_COLOURS.series, height: { band: 0.65 } },
            encoding: { y, x: { field: 'roi', type: 'quantitative', title: 'ROI (return per yen staked)', scale: { domain: [0, roiTop], nice: false }, axis: { format: '.2~f', tickCount: 5 } } },
          },
          { data: { values: [{}] }, mark: { type: 'rule', color: CHART_COLOURS.bound, strokeDash: [5, 3], strokeWidth: 1.3 }, encoding: { x: { datum: 1, type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: CHART_COLOURS.ink },
            encoding: { y, x: { field: 'roiLabelAt', type: 'quantitative' }, text: { field: 'roiLabel' } },
          },
        ],
      },
      {
        width: 300,
        height,
        layer: [
          {
            mark: { type: 'bar', color: '#5b8c5a', height: { band: 0.65 } },
            encoding: {
              y: { ...y, axis: null },
              x: { field: 'hitRate', type: 'quantitative', title: 'Hit rate (winning / settled tickets)', scale: { domain: [0, hitTop], nice: false }, axis: { format: '.0%', tickCount: 5 } },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: CHART_COLOURS.ink },
            encoding: { y: { ...y, axis: null }, x: { field: 'hitRate', type: 'quantitative' }, text: { field: 'hitLabel' } },
          },
        ],
      },
    ],
    spacing: 24,
    config: chartConfig(),
  } as TopLevelSpec & { hconcat: unknown[] };
}
