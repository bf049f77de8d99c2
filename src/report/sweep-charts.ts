/**
 * The charts of a sweep report, in the order the report shows them: file name, title, the
 * spec, and a short note on how to read it. Layer: report. Pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { bankrollFanSpec } from './charts/bankroll-fan.ts';
import { drawdownDistributionSpec } from './charts/drawdown-distribution.ts';
import { growthFrontierSpec } from './charts/growth-frontier.ts';
import { ruinHeatmapSpec } from './charts/ruin-heatmap.ts';
import { formatNumber, formatPercent } from './format.ts';
import type { SweepReportInput } from './sweep-report-input.ts';

/** One chart of a report. */
export interface ReportChart {
  /** File stem under charts/: `<name>.vl.json`, `<name>.svg`, `<name>.png`. */
  readonly name: string;
  readonly title: string;
  /** A short note on how to read the chart (plain text). */
  readonly howToRead: string;
  readonly spec: TopLevelSpec;
}

/**
 * The four sweep charts: ruin heatmap, growth-vs-ruin frontier, bankroll fans, drawdown distribution.
 * @example sweepCharts(input).map((c) => c.name) // ['ruin-heatmap', 'growth-frontier', 'bankroll-fan', 'drawdown-distribution']
 */
export function sweepCharts(input: SweepReportInput): ReportChart[] {
  const maxRuin = formatPercent(input.maxRuin);
  const charts: ReportChart[] = [
    {
      name: 'ruin-heatmap',
      title: 'Probability of ruin over the grid',
      howToRead:
        `Each cell is one config: its safety factor (fraction of Kelly staked) across, its EV threshold down. ` +
        `The number is the share of paths whose bankroll fell below ${formatNumber(input.ruinLevel)}× the start; colour classes ` +
        `grow roughly tenfold so that 0.1% and 30% both stand out. The outlined cell is the recommended config.`,
      spec: ruinHeatmapSpec(input),
    },
    {
      name: 'growth-frontier',
      title: 'Growth against ruin',
      howToRead:
        `Each point is a config: further right is riskier, higher grows faster. The black line joins the efficient configs ` +
        `(no other config has both lower ruin and higher growth); a config below the line is beaten by one on it. ` +
        `Points left of the dashed line have an estimated ruin probability below the bound of ${maxRuin} (the recommendation ` +
        `rule, under Inputs, may ask more, such as the whole interval left of it); the ring marks the recommended config. ` +
        `The ruin axis is logarithmic above about 0.2% and linear below, so zero ruin can be shown.`,
      spec: growthFrontierSpec(input),
    },
  ];
  if (input.fans.length > 0) {
    charts.push({
      name: 'bankroll-fan',
      title: 'Bankroll over races',
      howToRead:
        `For a few chosen configs, the bankroll as a multiple of the start after each number of races: half of the paths ` +
        `lie in the dark band, nine in ten in the light band, the line is the median. The y axis is logarithmic, so equal ` +
        `heights are equal ratios; the dashed red line is the ruin level.`,
      spec: bankrollFanSpec(input),
    });
  }
  if (input.drawdowns.length > 0) {
    charts.push({
      name: 'drawdown-distribution',
      title: 'Max drawdown per path',
      howToRead:
        `For the same configs, how deep the worst fall from a running peak went on each path (share of paths per bin). ` +
        `The dashed lines mark falls of 20%, 30% and 50%; the corner gives the share of paths that reached each.`,
      spec: drawdownDistributionSpec(input),
    });
  }
  return charts;
}
