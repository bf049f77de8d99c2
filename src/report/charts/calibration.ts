/**
 * Vega-Lite spec of a calibration (reliability) plot: for each set of probabilities (the
 * strategy's, the market's) and each probability bin, the observed win rate against the mean
 * predicted probability, with its 95% Wilson interval and a symbol sized by the runners in the
 * bin; the diagonal is perfect calibration. Both axes on a square-root scale, so the many small
 * probabilities of a horse race are not crushed into a corner. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.ts';
import { formatSignificant } from '../format.ts';
import type { CalibrationInput } from '../backtest-report-input.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/** Colours of the series, in input order. */
const SERIES_COLOURS = [CHART_COLOURS.series, '#e08a2c', '#5b8c5a', '#8e44ad'];

/** Axis ticks of the square-root scale. */
const TICKS = [0, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1];

/**
 * The 95% Wilson score interval of a rate observed over n trials.
 * @example wilsonInterval(0.5, 100) // { lo: 0.4038, hi: 0.5962 } (rounded)
 */
export function wilsonInterval(rate: number, n: number, z = 1.96): { lo: number; hi: number } {
  if (!(n > 0)) return { lo: 0, hi: 1 };
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (rate + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Builds the reliability plot; bins without runners are left out.
 * @throws ReportError REPORT_BAD_INPUT when no series has a non-empty bin
 * @example calibrationSpec(input).layer.length // 4
 */
export function calibrationSpec(input: CalibrationInput): TopLevelSpec & { layer: unknown[] } {
  const values: Record<string, number | string>[] = [];
  const names: string[] = [];
  const notes: string[] = [];
  for (const s of input.series) {
    names.push(s.name);
    notes.push(`${s.name}: log-loss ${s.logLoss === null ? 'n/a' : formatSignificant(s.logLoss, 4)}, pseudo-R² ${s.pseudoR2 === null ? 'n/a' : formatSignificant(s.pseudoR2, 3)}`);
    for (const b of s.bins) {
      if (b.n <= 0 || b.meanPredicted === null || b.observed === null) continue;
      const ci = wilsonInterval(b.observed, b.n);
      values.push({ series: s.name, predicted: b.meanPredicted, observed: b.observed, lo: ci.lo, hi: ci.hi, n: b.n, bin: `${b.lo}–${b.hi}` });
    }
  }
  if (values.length === 0) throw new ReportError('REPORT_BAD_INPUT', 'calibrationSpec: no reliability bin holds a runner');
  const reach = Math.max(...values.map((v) => Math.max(v.predicted as number, v.hi as number)));
  const top = TICKS.find((t) => t >= reach * 1.05) ?? 1;
  const ticks = TICKS.filter((t) => t <= top);
  const scale = { type: 'sqrt' as const, domain: [0, top], nice: false };
  const colour = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: names, range: SERIES_COLOURS.slice(0, names.length) }, legend: { orient: 'top-left' as const, fillColor: 'white', padding: 6, symbolType: 'circle' } };
  const x = { field: 'predicted', type: 'quantitative' as const, title: 'Mean predicted win probability (square-root scale)', scale, axis: { values: ticks, format: '.1~%', labelOverlap: 'greedy' as const } };
  const y = { field: 'observed', type: 'quantitative' as const, title: 'Observed win rate (square-root scale)', scale, axis: { values: ticks, format: '.1~%' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Calibration: observed win rate against predicted probability',
      subtitle: [...input.caption, 'Points: runners binned by predicted probability (area ∝ runners); bars: 95% Wilson interval; diagonal: perfect calibration', ...notes],
    },
    width: 420,
    height: 420,
    data: { values },
    layer: [
      {
        data: { values: [{ p: 0 }, { p: top }] },
        mark: { type: 'line', color: CHART_COLOURS.muted, strokeDash: [5, 4], strokeWidth: 1.2 },
        encoding: { x: { ...x, field: 'p' }, y: { ...y, field: 'p' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.4, opacity: 0.8 },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: colour },
      },
      {
        mark: { type: 'circle', opacity: 0.85, stroke: 'white', strokeWidth: 0.8 },
        encoding: {
          x,
          y,
          color: colour,
          size: { field: 'n', type: 'quantitative', title: 'Runners', scale: { range: [30, 360] }, legend: null },
          tooltip: [{ field: 'series' }, { field: 'bin' }, { field: 'n' }, { field: 'predicted', format: '.3f' }, { field: 'observed', format: '.3f' }],
        },
      },
      {
        mark: { type: 'line', strokeWidth: 1, opacity: 0.5 },
        encoding: { x, y, color: colour, order: { field: 'predicted' } },
      },
    ],
    config: chartConfig(),
  } as TopLevelSpec & { layer: unknown[] };
}
