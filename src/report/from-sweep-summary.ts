/**
 * Maps a Monte Carlo `SweepSummary` (summary.json) to the plain-number `SweepReportInput` the
 * charts and the report read. Layer: report (imports sim types only). Pure.
 */
import type { SweepSummary } from '../sim/montecarlo/sweep-summary.ts';
import { formatNumber } from './format.ts';
import type { DrawdownHistogram, FanSeries, SweepConfigRow, SweepReportInput } from './sweep-report-input.ts';

const FAN_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Index of the quantile level nearest to `level` (levels 5/25/50/75/95% are expected). */
function nearestLevel(levels: readonly number[], level: number): number {
  let best = 0;
  for (let i = 1; i < levels.length; i++) if (Math.abs(levels[i] - level) < Math.abs(levels[best] - level)) best = i;
  return best;
}

/** Grid fields other than the safety factor and EV threshold, as 'name=value' text. */
function otherParamsText(params: Readonly<Record<string, unknown>>): string | undefined {
  const parts = Object.keys(params)
    .filter((k) => k !== 'safetyFactor' && k !== 'evThreshold')
    .sort()
    .map((k) => {
      const v = params[k];
      return `${k}=${typeof v === 'number' ? formatNumber(v, 6) : JSON.stringify(v)}`;
    });
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * The report input of a sweep summary. Drawdown bin edges that are not finite are drawn at 1
 * (a drawdown never exceeds 100%); fan quantiles are taken at the levels nearest 5/25/50/75/95%,
 * and a race-0 checkpoint at 1x is put before the first when the summary starts later.
 * @example fromSweepSummary(summary).configs.length === summary.configs.length // true
 */
export function fromSweepSummary(summary: SweepSummary): SweepReportInput {
  const edges = summary.drawdownHistogram.edges.map((e) => (Number.isFinite(e) ? Math.min(1, Math.max(0, e)) : 1));
  const configs: SweepConfigRow[] = summary.configs.map((c) => ({
    configHash: c.configHash,
    safetyFactor: c.safetyFactor,
    evThreshold: c.evThreshold,
    ruinProbability: c.ruin.value,
    ruinLow: c.ruin.lo,
    ruinHigh: c.ruin.hi,
    pDrawdown20: c.drawdown20.value,
    pDrawdown30: c.drawdown30.value,
    pDrawdown50: c.drawdown50.value,
    finalMultiple: {
      q05: c.finalMultiple.q05.value,
      q25: c.finalMultiple.q25.value,
      q50: c.finalMultiple.q50.value,
      q75: c.finalMultiple.q75.value,
      q95: c.finalMultiple.q95.value,
    },
    meanLogGrowth: c.logGrowthPerRace.value,
    meanLogGrowthSe: c.logGrowthPerRace.se,
    medianRacesToRuin: c.medianRacesToRuin === null ? undefined : c.medianRacesToRuin.value,
    otherParams: otherParamsText(c.params),
  }));
  const at = FAN_LEVELS.map((l) => nearestLevel(summary.fan.quantiles, l));
  const fans: FanSeries[] = summary.fan.series.map((s) => ({
    configHash: summary.configHashes[s.configIndex] ?? summary.configs[s.configIndex]?.configHash ?? String(s.configIndex),
    reason: s.label,
    checkpoints: [
      // Every path starts at 1x before the first race; the summary's checkpoints begin after it.
      ...(summary.fan.checkpoints.length > 0 && summary.fan.checkpoints[0] > 0 ? [{ race: 0, q05: 1, q25: 1, q50: 1, q75: 1, q95: 1 }] : []),
      ...summary.fan.checkpoints.map((race, k) => ({
      race,
      q05: s.quantiles[at[0]][k],
      q25: s.quantiles[at[1]][k],
      q50: s.quantiles[at[2]][k],
      q75: s.quantiles[at[3]][k],
      q95: s.quantiles[at[4]][k],
      })),
    ],
  }));
  const drawdowns: DrawdownHistogram[] = summary.configs.map((c) => ({ configHash: c.configHash, edges, counts: c.drawdownCounts }));
  return {
    source: summary.source.spec.startsWith(`${summary.source.kind}:`) ? summary.source.spec : `${summary.source.kind} ${summary.source.spec}`,
    sourceHash: summary.source.hash,
    paths: summary.inputs.paths,
    races: summary.source.races,
    seed: summary.inputs.seed,
    bankrollYen: summary.inputs.bankrollYen,
    ruinLevel: summary.inputs.ruinLevel,
    maxRuin: summary.inputs.maxRuin,
    recommendedHash: summary.recommendation.configHash ?? undefined,
    rule: summary.recommendation.rule,
    sweepId: summary.sweepId,
    truth: summary.source.truth,
    fanRange: { min: Math.pow(10, summary.fan.minLog10), max: Math.pow(10, summary.fan.maxLog10) },
    configs,
    fans,
    drawdowns,
  };
}
