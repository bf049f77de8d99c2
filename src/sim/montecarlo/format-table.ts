/**
 * The compact text table of a sweep summary, for the terminal. Layer: sim. Pure.
 */
import type { SweepSummary } from './sweep-summary.ts';

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;
}

function num(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}

/**
 * Formats one line per configuration (ruin with its 95% interval, drawdowns, final-multiple
 * quantiles, growth, median races to ruin), a marker on the recommended one, and the answer.
 * @throws nothing
 * @example formatSweepTable(summary).split('\n')[0] // 'sweep sweep-... : 50 configs x 10000 paths, ...'
 */
export function formatSweepTable(summary: SweepSummary): string {
  const s = summary;
  const lines: string[] = [];
  lines.push(
    `${s.sweepId}: ${s.configs.length} configs x ${s.inputs.paths} paths x ${s.source.races} races (${s.source.kind} ${s.source.spec}), ` +
      `seed ${s.inputs.seed}, bankroll ${s.inputs.bankrollYen} yen, ruin below ${s.inputs.ruinLevelYen} yen`,
  );
  const extra = Object.keys(s.grid.fields).filter((k) => k !== 'safetyFactor' && k !== 'evThreshold');
  const head = ['', 'safety', 'ev', ...extra, 'ruin', 'ruin95hi', 'dd30', 'dd50', 'q05', 'q50', 'q95', 'logG', 'logG/race', 'ruinRaces'];
  const rows: string[][] = [head];
  for (const c of s.configs) {
    rows.push([
      c.index === s.recommendation.index ? '*' : '',
      String(c.safetyFactor),
      String(c.evThreshold),
      ...extra.map((k) => JSON.stringify(c.params[k])),
      pct(c.ruin.value),
      pct(c.ruin.hi),
      pct(c.drawdown30.value),
      pct(c.drawdown50.value),
      num(c.finalMultiple.q05.value, 3),
      num(c.finalMultiple.q50.value, 3),
      num(c.finalMultiple.q95.value, 3),
      num(c.logGrowthTotal.value, 4),
      c.logGrowthPerRace.value.toExponential(2),
      c.medianRacesToRuin === null ? '-' : String(Math.round(c.medianRacesToRuin.value)),
    ]);
  }
  const widths = head.map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const r of rows) lines.push(r.map((cell, j) => (j <= 2 + extra.length ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ').trimEnd());
  lines.push(s.recommendation.statement);
  return `${lines.join('\n')}\n`;
}
