/**
 * The settlement of the eight-bet-type replay (its columnar decisions are settled by their keys,
 * settleKeyColumns): every bet of a replay on synthetic public odds has the result and the money
 * back that settleRace gives its ticket id and stake on the race's rows, and the ledger's sum is
 * the final bankroll.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BET_TYPE_CODE, type Dataset } from '../../../src/data/index.ts';
import { settleRace } from '../../../src/ledger/index.ts';
import { runBacktest } from '../../../src/sim/backtest/index.ts';
import { raceRows, termsOf } from '../../../src/sim/backtest/replay-setup.ts';
import { parseStrategy } from '../../../src/strategies/index.ts';
import { BET_TYPES } from '../../../src/themis/index.ts';
import { syntheticDataset } from './fixtures.ts';

describe('eight-bet-type replay settlement', () => {
  let ds: Dataset;
  beforeAll(async () => {
    ({ ds } = await syntheticDataset(0.1, 'eight-settle'));
  }, 120_000);

  it('gives every bet the result and the money back settleRace gives it; the ledger sums to the final bankroll', () => {
    const strategy = parseStrategy({ name: 'eight', source: { kind: 'predictions', model: 'model' }, betTypes: [...BET_TYPES], drawdown: null, themis: { maxStakePerRaceYen: 100_000 } });
    const to = ds.races.date[Math.min(150, ds.races.length) - 1];
    const r = runBacktest(ds, strategy, { to, exoticOdds: 'synthetic-public' });
    const b = r.bets;
    expect(b.ticketId.length).toBeGreaterThan(1_000);
    const types = new Set(b.betType);
    expect(types.size).toBeGreaterThanOrEqual(6);
    const mask = BET_TYPES.reduce((m, t) => m | (1 << BET_TYPE_CODE[t]), 0);
    const raceIndex = new Map(ds.races.raceId.map((id, i) => [id, i]));
    const terms = termsOf(ds);
    let wins = 0;
    for (let i = 0; i < b.ticketId.length; ) {
      let j = i;
      while (j < b.ticketId.length && b.raceId[j] === b.raceId[i]) j++;
      const race = raceIndex.get(b.raceId[i])!;
      const settled = settleRace(
        b.ticketId.slice(i, j).map((ticketId, k) => ({ ticketId, stakeYen: b.stakeYen[i + k] })),
        { ...raceRows(ds, race, mask), fieldSizeAtSales: ds.races.fieldSize[race] },
        terms,
      ).bets;
      expect(b.result.slice(i, j)).toEqual(settled.map((s) => s.kind));
      expect(b.returnYen.slice(i, j)).toEqual(settled.map((s) => s.payoutYen));
      wins += settled.filter((s) => s.kind === 'win').length;
      i = j;
    }
    expect(wins).toBeGreaterThan(20);
    expect(r.ledger.reduce((a, e) => a + e.amountYen, 0)).toBe(r.summary.bankroll.finalYen);
  }, 120_000);
});
