/**
 * Vega-Lite spec of the bankroll fan chart: for each chosen config a panel with the 5-95% band
 * (light), the 25-75% band (darker) and the median of the bankroll multiple over races, on a
 * log scale, with the ruin level drawn. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { configLabel, formatNumber } from '../format.ts';
import type { SweepReportInput } from '../sweep-report-input.ts';
import { runCaption } from './caption.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/**
 * The floor of the log scale: values below it (ruined paths reach 0) are drawn at it. Half the
 * ruin level, or 0.01 when the ruin level is 0.
 */
export function fanFloor(ruinLevel: number): number {
  return ruinLevel > 0 ? ruinLevel / 2 : 0.01;
}

/**
 * Powers of ten from the one at or below `lo` to the one at or above `hi`.
 * @example powersOfTen(0.05, 30) // [0.01, 0.1, 1, 10, 100]
 */
export function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) out.push(Number(`1e${k}`));
  return out;
}

/**
 * Builds the fan chart of the chosen configs (`input.fans`), one panel each, shared axes.
 * @example bankrollFanSpec(input).facet // { field: 'config', ... }
 */
export function bankrollFanSpec(input: SweepReportInput): TopLevelSpec {
  const byHash = new Map(input.configs.map((c) => [c.configHash, c]));
  const floor = fanFloor(input.ruinLevel);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.max(floor, v) : floor);
  const panels: string[] = [];
  const values: Record<string, number | string>[] = [];
  for (const fan of input.fans) {
    const c = byHash.get(fan.configHash);
    const name = c
      ? `${configLabel(c.safetyFactor, c.evThreshold)}${c.configHash === input.recommendedHash ? ' (recommended)' : ''}`
      : fan.configHash.slice(0, 8);
    panels.push(name);
    for (const p of fan.checkpoints) {
      values.push({ config: name, race: p.race, q05: clamp(p.q05), q25: clamp(p.q25), q50: clamp(p.q50), q75: clamp(p.q75), q95: clamp(p.q95) });
    }
  }
  const top = Math.max(2, ...values.map((v) => v.q95 as number));
  const cap = input.fanRange?.max;
  const capped = cap !== undefined && values.some((v) => (v.q95 as number) >= cap * (1 - 1e-9));
  const capNote = capped ? `, above ${formatNumber(cap as number)}× at ${formatNumber(cap as number)}× (the sweep's histogram range)` : '';
  const ticks = powersOfTen(floor, top);
  const x = { field: 'race', type: 'quantitative' as const, title: 'Races', axis: { format: ',d', tickCount: 5 } };
  const yScale = { type: 'log' as const, domain: [ticks[0], ticks[ticks.length - 1]], nice: false };
  const y = { field: 'q50', type: 'quantitative' as const, title: 'Bankroll multiple (log scale)', scale: yScale, axis: { format: '~g', values: ticks } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Bankroll over races: quantile fans of chosen configs',
      subtitle: [
        ...runCaption(input),
        'Light band: 5–95% of paths; dark band: 25–75%; line: median',
        `Dashed: ruin level ${formatNumber(input.ruinLevel)}×; values below ${formatNumber(floor)}× are drawn at ${formatNumber(floor)}×${capNote}`,
      ],
    },
    data: { values },
    facet: { field: 'config', type: 'nominal', title: null, sort: panels, header: { labelFontSize: 12 } },
    // Four panels sit in a 2 x 2 grid, so no panel is left empty; otherwise rows of three.
    columns: panels.length === 4 ? 2 : Math.min(3, Math.max(1, panels.length)),
    spec: {
      width: 260,
      height: 200,
      layer: [
        {
          mark: { type: 'area', color: CHART_COLOURS.series, opacity: 0.18 },
          encoding: { x, y: { ...y, field: 'q05' }, y2: { field: 'q95' } },
        },
        {
          mark: { type: 'area', color: CHART_COLOURS.series, opacity: 0.38 },
          encoding: { x, y: { ...y, field: 'q25' }, y2: { field: 'q75' } },
        },
        {
          mark: { type: 'line', color: CHART_COLOURS.series, strokeWidth: 2 },
          encoding: { x, y },
        },
        {
          mark: { type: 'rule', color: CHART_COLOURS.muted, strokeWidth: 1 },
          encoding: { y: { datum: 1, type: 'quantitative', scale: yScale } },
        },
        {
          mark: { type: 'rule', color: CHART_COLOURS.bound, strokeDash: [6, 4], strokeWidth: 1.5 },
          encoding: { y: { datum: Math.max(input.ruinLevel, floor), type: 'quantitative', scale: yScale } },
        },
      ],
    },
    resolve: { scale: { x: 'shared', y: 'shared' } },
    config: chartConfig(),
  };
}
