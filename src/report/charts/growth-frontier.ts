/**
 * Vega-Lite spec of the growth-vs-ruin frontier: every config a point (x ruin probability with
 * its 95% interval, y mean log growth per race), the efficient configs joined by a line, the
 * --max-ruin bound a dashed rule and the recommended config labelled. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { configLabel, formatNumber, formatProbability, formatSignificant, formatPercent } from '../format.ts';
import { efficientIndices } from '../frontier.ts';
import type { SweepReportInput } from '../sweep-report-input.ts';
import { runCaption } from './caption.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/** Candidate ticks of the ruin axis (a symlog scale, so small probabilities spread out). */
const RUIN_TICKS = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

/** Constant of the symlog ruin axis: linear below about this probability, logarithmic above. */
const RUIN_SYMLOG_CONSTANT = 0.002;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * The power of ten that brings the largest |value| into [1, 10) (0 when already >= 1 or all zero),
 * so an axis reads '2.5' under a title '(×10⁻³)' instead of '0.0025'.
 * @example growthExponent([0.0012, 0.004]) // -3
 */
export function growthExponent(values: readonly number[]): number {
  const m = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  if (m === 0 || m >= 1) return 0;
  return Math.floor(Math.log10(m));
}

function superscript(n: number): string {
  return [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/**
 * Builds the frontier chart of the sweep.
 * @example growthFrontierSpec(input).layer.length // 10
 */
export function growthFrontierSpec(input: SweepReportInput): TopLevelSpec {
  const configs = input.configs;
  const exp = growthExponent(configs.map((c) => c.meanLogGrowth));
  const factor = Math.pow(10, -exp);
  const efficient = new Set(efficientIndices(configs.map((c) => ({ ruin: c.ruinProbability, growth: c.meanLogGrowth }))));
  const sOrder = [...new Set(configs.map((c) => c.safetyFactor))].sort((a, b) => a - b).map((v) => formatNumber(v));
  const tOrder = [...new Set(configs.map((c) => c.evThreshold))].sort((a, b) => a - b).map((v) => formatNumber(v));
  const values = configs.map((c, i) => ({
    safetyFactor: formatNumber(c.safetyFactor),
    evThreshold: formatNumber(c.evThreshold),
    ruin: c.ruinProbability,
    ruinLow: c.ruinLow,
    ruinHigh: c.ruinHigh,
    growth: c.meanLogGrowth * factor,
    growthLow: (c.meanLogGrowth - 1.96 * c.meanLogGrowthSe) * factor,
    growthHigh: (c.meanLogGrowth + 1.96 * c.meanLogGrowthSe) * factor,
    ruinLabel: formatProbability(c.ruinProbability),
    growthLabel: formatSignificant(c.meanLogGrowth),
    efficient: efficient.has(i),
    recommended: c.configHash === input.recommendedHash,
    label: `recommended: ${configLabel(c.safetyFactor, c.evThreshold)}`,
  }));
  // The domain ends at a tick above both the bound and every interval, so the bound's rule and
  // label never sit on the plot's right edge (where the legend begins).
  const maxX = Math.max(...configs.map((c) => c.ruinHigh).filter(Number.isFinite), 0);
  const firstAbove = RUIN_TICKS.findIndex((t) => t >= maxX && t > input.maxRuin);
  const ticks = RUIN_TICKS.slice(0, firstAbove < 0 ? RUIN_TICKS.length : firstAbove + 1);
  const domainMax = ticks[ticks.length - 1];
  // Up and to the left of an efficient point no config can lie, so the label goes there unless
  // the point sits near the left edge, where it goes up and to the right.
  const rec = configs.find((c) => c.configHash === input.recommendedHash);
  const symlog = (v: number) => Math.log1p(Math.abs(v) / RUIN_SYMLOG_CONSTANT);
  const leftward = rec !== undefined && symlog(rec.ruinProbability) / symlog(domainMax) > 0.3;
  const labelMark = {
    type: 'text' as const,
    align: leftward ? ('right' as const) : ('left' as const),
    baseline: 'bottom' as const,
    dx: leftward ? -10 : 10,
    dy: -10,
    fontSize: 11,
    fontWeight: 'bold' as const,
  };
  const growthTitle = exp === 0 ? 'Mean log growth per race' : `Mean log growth per race (×10${superscript(exp)})`;
  const x = {
    field: 'ruin',
    type: 'quantitative' as const,
    title: 'Probability of ruin (symmetric log scale)',
    scale: { type: 'symlog' as const, constant: RUIN_SYMLOG_CONSTANT, domain: [0, domainMax], nice: false },
    axis: { values: ticks, format: '.1~%', grid: true },
  };
  const y = { field: 'growth', type: 'quantitative' as const, title: growthTitle, scale: { zero: false }, axis: { format: '~g' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Growth against ruin: the efficient configs',
      subtitle: [
        ...runCaption(input),
        `Bars: 95% intervals (Wilson for ruin, ±1.96 s.e. for growth). Line: configs no other beats on both. Dashed: max ruin ${formatPercent(input.maxRuin)}`,
      ],
    },
    width: 520,
    height: 340,
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1 },
        encoding: { x: { ...x, field: 'ruinLow' }, x2: { field: 'ruinHigh' }, y },
      },
      {
        mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1 },
        encoding: { x, y: { ...y, field: 'growthLow' }, y2: { field: 'growthHigh' } },
      },
      {
        transform: [{ filter: 'datum.efficient' }],
        mark: { type: 'line', color: CHART_COLOURS.ink, strokeWidth: 1.5 },
        encoding: { x, y, order: { field: 'ruin', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 0.95, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: { field: 'safetyFactor', type: 'ordinal', sort: sOrder, title: 'Safety factor', scale: { scheme: 'viridis' } },
          shape: { field: 'evThreshold', type: 'nominal', sort: tOrder, title: 'EV threshold' },
          tooltip: [
            { field: 'safetyFactor', title: 'safety factor' },
            { field: 'evThreshold', title: 'EV threshold' },
            { field: 'ruinLabel', title: 'P(ruin)' },
            { field: 'growthLabel', title: 'mean log growth' },
          ],
        },
      },
      {
        // The recommended point again, on top of any config with the same numbers.
        transform: [{ filter: 'datum.recommended' }],
        mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: { field: 'safetyFactor', type: 'ordinal', sort: sOrder, title: 'Safety factor', scale: { scheme: 'viridis' } },
          shape: { field: 'evThreshold', type: 'nominal', sort: tOrder, title: 'EV threshold' },
        },
      },
      {
        transform: [{ filter: 'datum.recommended' }],
        mark: { type: 'point', size: 360, strokeWidth: 2, color: CHART_COLOURS.ink, filled: false },
        encoding: { x, y },
      },
      {
        transform: [{ filter: 'datum.recommended' }],
        mark: { ...labelMark, stroke: 'white', strokeWidth: 4, strokeJoin: 'round', fill: 'white' },
        encoding: { x, y, text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.recommended' }],
        mark: { ...labelMark, color: CHART_COLOURS.ink },
        encoding: { x, y, text: { field: 'label' } },
      },
      {
        data: { values: [{ maxRuin: input.maxRuin, label: `max ruin ${formatPercent(input.maxRuin)}` }] },
        mark: { type: 'rule', color: CHART_COLOURS.bound, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x: { ...x, field: 'maxRuin' } },
      },
      {
        data: { values: [{ maxRuin: input.maxRuin, label: `max ruin ${formatPercent(input.maxRuin)}` }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 4, fontSize: 11, color: CHART_COLOURS.bound },
        encoding: { x: { ...x, field: 'maxRuin' }, text: { field: 'label' } },
      },
    ],
    config: chartConfig(),
  };
}
