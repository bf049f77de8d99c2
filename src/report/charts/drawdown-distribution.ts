/**
 * Vega-Lite spec of the max-drawdown distribution: for each chosen config a panel with the
 * histogram of the paths' max drawdown (share of paths per bin), the 20/30/50% levels marked and
 * P(max drawdown >= level) printed beside each. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { configLabel, formatProbability } from '../format.ts';
import type { SweepReportInput } from '../sweep-report-input.ts';
import { runCaption } from './caption.ts';
import { CHART_COLOURS, chartConfig } from './theme.ts';

/** Drawdown levels marked on the chart. */
export const DRAWDOWN_LEVELS = [0.2, 0.3, 0.5] as const;

/**
 * Builds the drawdown histograms of the chosen configs: those of `input.fans` when they have a
 * histogram, else the first three histograms.
 * @example drawdownDistributionSpec(input).facet // { field: 'config', ... }
 */
export function drawdownDistributionSpec(input: SweepReportInput): TopLevelSpec {
  const byHash = new Map(input.configs.map((c) => [c.configHash, c]));
  const histByHash = new Map(input.drawdowns.map((d) => [d.configHash, d]));
  let chosen = input.fans.map((f) => histByHash.get(f.configHash)).filter((d) => d !== undefined);
  if (chosen.length === 0) chosen = input.drawdowns.slice(0, 3);
  const panels: string[] = [];
  const values: Record<string, number | string>[] = [];
  for (const h of chosen) {
    const c = byHash.get(h.configHash);
    const name = c
      ? `${configLabel(c.safetyFactor, c.evThreshold)}${c.configHash === input.recommendedHash ? ' (recommended)' : ''}`
      : h.configHash.slice(0, 8);
    panels.push(name);
    const total = h.counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < h.counts.length; i++) {
      values.push({ kind: 'bin', config: name, from: h.edges[i], to: h.edges[i + 1], share: total > 0 ? h.counts[i] / total : 0 });
    }
    // Share of paths at or beyond each level, from the summary when known, else from the bins.
    const fromSummary = c ? [c.pDrawdown20, c.pDrawdown30, c.pDrawdown50] : [];
    const lines = DRAWDOWN_LEVELS.map((level, k) => {
      let p = fromSummary[k];
      if (p === undefined || !Number.isFinite(p)) {
        let n = 0;
        for (let i = 0; i < h.counts.length; i++) if (h.edges[i] >= level - 1e-12) n += h.counts[i];
        p = total > 0 ? n / total : 0;
      }
      values.push({ kind: 'level', config: name, level });
      return `P(≥ ${Math.round(level * 100)}%) = ${formatProbability(p)}`;
    });
    values.push({ kind: 'note', config: name, note: lines.join('\n') });
  }
  // Headroom above the tallest bar keeps the corner note clear of the bars.
  const tallest = Math.max(0.01, ...values.filter((v) => v.kind === 'bin').map((v) => v.share as number));
  const yTop = tallest * 1.35;
  const x = { field: 'from', type: 'quantitative' as const, title: 'Max drawdown (fall from the running peak)', scale: { domain: [0, 1], nice: false }, axis: { format: '.0%', values: [0, 0.2, 0.3, 0.5, 0.75, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Distribution of the max drawdown per path',
      subtitle: [...runCaption(input), 'Bars: share of paths per bin. Dashed: 20/30/50% levels, with the share of paths reaching each'],
    },
    data: { values },
    facet: { field: 'config', type: 'nominal', title: null, sort: panels },
    columns: Math.min(3, Math.max(1, panels.length)),
    spec: {
      width: 260,
      height: 180,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'bin'" }],
          mark: { type: 'rect', color: CHART_COLOURS.series, stroke: 'white', strokeWidth: 0.5 },
          encoding: { x, x2: { field: 'to' }, y: { field: 'share', type: 'quantitative', title: 'Share of paths', scale: { domain: [0, yTop], nice: false }, axis: { format: '.0%' } } },
        },
        {
          transform: [{ filter: "datum.kind === 'level'" }],
          mark: { type: 'rule', color: CHART_COLOURS.bound, strokeDash: [5, 3], strokeWidth: 1.2 },
          encoding: { x: { ...x, field: 'level' } },
        },
        {
          transform: [{ filter: "datum.kind === 'note'" }],
          mark: { type: 'text', align: 'right', baseline: 'top', x: 'width', y: 0, dx: -6, dy: 6, lineBreak: '\n', fontSize: 10, color: CHART_COLOURS.ink },
          encoding: { text: { field: 'note' } },
        },
      ],
    },
    resolve: { scale: { x: 'shared', y: 'shared' } },
    config: chartConfig(),
  };
}
