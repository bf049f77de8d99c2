/**
 * The subtitle lines every sweep chart carries: what was simulated and from what, so a chart
 * pasted alone still names its run. Layer: report. Pure.
 */
import { formatNumber, formatYen } from '../format.ts';
import type { SweepReportInput } from '../sweep-report-input.ts';

/**
 * Subtitle lines naming paths, races, seed, source and bankroll of a sweep.
 * @example runCaption(input) // ['10,000 paths × 2,000 races, seed 42, source: jra-2019-2023 (hash 1a2b3c4d)', ...]
 */
export function runCaption(input: SweepReportInput): string[] {
  const shortHash = input.sourceHash.slice(0, 8);
  return [
    `${input.paths.toLocaleString('en-US')} paths × ${input.races.toLocaleString('en-US')} races, seed ${input.seed}, source: ${input.source} (hash ${shortHash})`,
    `Starting bankroll ${formatYen(input.bankrollYen)}; ruin = bankroll below ${formatNumber(input.ruinLevel)}× the start`,
  ];
}
