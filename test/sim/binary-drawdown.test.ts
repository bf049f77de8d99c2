import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sim/index.ts';

/** Betting-math 6: with fraction c of Kelly, P(ever <= x of the start) = x^(2/c - 1). */
function law(c: number, x: number): number {
  return Math.pow(x, 2 / c - 1);
}

describe('runSweep({ source: binary:P:ODDS:N }) against the fractional-Kelly drawdown law', () => {
  it('P(ever below half) is 0.0078 at quarter, 0.125 at half and about 0.5 at full Kelly (p=.35, o=3.5)', async () => {
    const paths = 6000;
    const summary = await runSweep({
      source: 'binary:0.35:3.5:4000',
      paths,
      seed: 'law',
      safetyFactors: [0.25, 0.5, 1],
      evThresholds: [1],
      // no caps, no stop; a bankroll so large the 100-yen floor does not bias the fractions
      sweepFile: { base: { maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0, pointLimitPerDay: null }, grid: {} },
      bankrollYen: 1e13,
      ruinLevel: 0.5,
      threads: 1,
      checkpoints: 0,
    });
    const [quarter, half, full] = summary.configs;
    const se = (p: number) => Math.sqrt((p * (1 - p)) / paths);
    expect(law(0.5, 0.5)).toBe(0.125);
    expect(Math.abs(half.ruin.value - 0.125)).toBeLessThan(4 * se(0.125));
    expect(Math.abs(quarter.ruin.value - law(0.25, 0.5))).toBeLessThan(4 * se(law(0.25, 0.5)));
    // the continuous law slightly overstates full Kelly's risk on a discrete game (betting-math 6: 0.485 seen)
    expect(Math.abs(full.ruin.value - 0.49)).toBeLessThan(4 * se(0.5) + 0.01);
  });
});
