import { describe, expect, it } from 'vitest';
import { runSweep } from '../../src/sim/index.ts';
import { sharedPath } from '../shared-data.ts';

const mc1 = sharedPath('bench/mc1-pool.csv');

describe.skipIf(!mc1)('runSweep({ source: mc1 }) ruin probability', () => {
  it('does not decrease with the safety factor at a fixed EV threshold (MC1 rules, common random numbers)', async () => {
    const safety = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    const ev = [1.0, 1.1, 1.3];
    const summary = await runSweep({
      source: `mc1:${mc1}`,
      paths: 150,
      seed: 'monotone',
      safetyFactors: safety,
      evThresholds: ev,
      sweepFile: { base: { maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0, pointLimitPerDay: null }, grid: {} },
      threads: 1,
      checkpoints: 0,
    });
    for (let t = 0; t < ev.length; t++) {
      const ruin = safety.map((_, s) => summary.configs[s * ev.length + t].ruin.count);
      for (let s = 1; s < safety.length; s++) expect(ruin[s]).toBeGreaterThanOrEqual(ruin[s - 1]);
      expect(ruin[safety.length - 1]).toBeGreaterThan(ruin[0]);
    }
  });
});
