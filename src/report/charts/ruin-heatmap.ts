/**
 * Vega-Lite spec of the ruin-probability heatmap: safety factor (x) by EV threshold (y), cell
 * colour and text the ruin probability, the recommended config outlined. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { configLabel, formatNumber, formatProbability, formatPercent } from '../format.ts';
import type { SweepConfigRow, SweepReportInput } from '../sweep-report-input.ts';
import { runCaption } from './caption.ts';
import { chartConfig } from './theme.ts';

/** Upper bounds of the colour classes of the ruin probability (a threshold scale). */
export const RUIN_THRESHOLDS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5] as const;

/** Sequential yellow-orange-red colours, one more than the thresholds. */
const RUIN_COLOURS = ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];

/** Ruin probability from which cell text turns white for contrast on the dark reds. */
const WHITE_TEXT_FROM = 0.25;

/**
 * Legend labels of the colour classes: '< 0.1%', '0.1 – 0.5%', ..., '≥ 50%'.
 * @example ruinClassLabels()[1] // '0.1 – 0.5%'
 */
export function ruinClassLabels(): string[] {
  const pct = (p: number) => formatProbability(p).replace('%', '');
  const labels = [`< ${formatProbability(RUIN_THRESHOLDS[0])}`];
  for (let i = 1; i < RUIN_THRESHOLDS.length; i++) labels.push(`${pct(RUIN_THRESHOLDS[i - 1])} – ${formatProbability(RUIN_THRESHOLDS[i])}`);
  labels.push(`≥ ${formatProbability(RUIN_THRESHOLDS[RUIN_THRESHOLDS.length - 1])}`);
  return labels;
}

/** Index of the colour class of a ruin probability (0 below the first threshold). */
export function ruinClassOf(p: number): number {
  let k = 0;
  while (k < RUIN_THRESHOLDS.length && p >= RUIN_THRESHOLDS[k]) k++;
  return k;
}

/** Distinct values of a numeric column, ascending. */
function distinctSorted(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * One config per (safety factor, EV threshold) cell, in input order: when other grid fields put
 * several configs in a cell, the recommended one, else the one with the lowest ruin probability.
 */
export function oneConfigPerCell(configs: readonly SweepConfigRow[], recommendedHash: string | undefined): SweepConfigRow[] {
  const best = new Map<string, SweepConfigRow>();
  for (const c of configs) {
    const key = `${c.safetyFactor}|${c.evThreshold}`;
    const held = best.get(key);
    if (held === undefined || (held.configHash !== recommendedHash && (c.configHash === recommendedHash || c.ruinProbability < held.ruinProbability))) {
      best.set(key, c);
    }
  }
  const kept = new Set(best.values());
  return configs.filter((c) => kept.has(c));
}

/**
 * Builds the heatmap of the ruin probability over the sweep grid.
 * The colour classes are bounded by `RUIN_THRESHOLDS`, so 0.1% and 30% both read; the legend
 * lists every class, present or not.
 * @returns a Vega-Lite spec with inline data (no clock, no randomness: same input, same spec)
 * @example ruinHeatmapSpec(input).layer.length // 3 (cells, values, recommended outline)
 */
export function ruinHeatmapSpec(input: SweepReportInput): TopLevelSpec {
  const sValues = distinctSorted(input.configs.map((c) => c.safetyFactor));
  const tValues = distinctSorted(input.configs.map((c) => c.evThreshold));
  const classes = ruinClassLabels();
  const cells = oneConfigPerCell(input.configs, input.recommendedHash);
  const shared = input.configs.length - cells.length;
  const values = cells.map((c) => ({
    ruinClass: classes[ruinClassOf(c.ruinProbability)],
    safetyFactor: formatNumber(c.safetyFactor),
    evThreshold: formatNumber(c.evThreshold),
    ruinProbability: c.ruinProbability,
    ruinLabel: formatProbability(c.ruinProbability),
    interval: `${formatProbability(c.ruinLow)} – ${formatProbability(c.ruinHigh)}`,
    recommended: c.configHash === input.recommendedHash,
  }));
  const rec = input.configs.find((c) => c.configHash === input.recommendedHash);
  const recLine = rec
    ? `Outlined: recommended config (${configLabel(rec.safetyFactor, rec.evThreshold)}), highest growth with ruin below ${formatPercent(input.maxRuin)}`
    : `No config has ruin probability below ${formatPercent(input.maxRuin)}`;
  const x = {
    field: 'safetyFactor',
    type: 'ordinal' as const,
    sort: sValues.map((v) => formatNumber(v)),
    title: 'Safety factor (fraction of Kelly)',
    axis: { labelAngle: 0, domain: false, ticks: false },
  };
  const y = {
    field: 'evThreshold',
    type: 'ordinal' as const,
    sort: tValues.map((v) => formatNumber(v)).reverse(),
    title: 'EV threshold',
    axis: { domain: false, ticks: false },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Probability of ruin by safety factor and EV threshold',
      subtitle: [
        ...runCaption(input),
        recLine,
        ...(shared > 0 ? [`${shared} configs differ only in other grid fields: each cell shows the recommended one, else the lowest ruin`] : []),
      ],
    },
    data: { values },
    width: { step: 64 },
    height: { step: 34 },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'ruinClass',
            type: 'ordinal',
            title: 'P(ruin)',
            scale: { domain: classes, range: RUIN_COLOURS },
            legend: { orient: 'right', symbolType: 'square', symbolSize: 200, symbolStrokeColor: '#999999', symbolStrokeWidth: 0.5 },
          },
          tooltip: [
            { field: 'safetyFactor', title: 'safety factor' },
            { field: 'evThreshold', title: 'EV threshold' },
            { field: 'ruinLabel', title: 'P(ruin)' },
            { field: 'interval', title: '95% interval' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'ruinLabel' },
          color: { condition: { test: `datum.ruinProbability >= ${WHITE_TEXT_FROM}`, value: 'white' }, value: '#222222' },
        },
      },
      {
        transform: [{ filter: 'datum.recommended' }],
        mark: { type: 'rect', fill: null, stroke: '#000000', strokeWidth: 3 },
      },
    ],
    config: chartConfig(),
  };
}
