/**
 * The backtest on the shared HKJC data: hand-checked race days replayed with a flat HK$1,000 on
 * the favourite and settled to the dollar against the dividends (per HK$10, x 10 per HK$100):
 * a day with a veterinary withdrawal, a day with a dead heat for first (the source lists one of
 * the two win dividends, so the importer drops that win pool and the race is skipped as
 * pool_not_recorded) and a day with a disqualification after the dividends (unsettleable); and
 * the whole 2016-2023 market-implied replay. Skipped when the shared data is absent.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importHkjc } from '../../../src/data/importers/hkjc.ts';
import { readDataset, writeDataset, type Dataset } from '../../../src/data/index.ts';
import { runBacktest } from '../../../src/sim/backtest/index.ts';
import { parseStrategy } from '../../../src/strategies/index.ts';
import { sharedPath } from '../../shared-data.ts';
import { tempDir } from './fixtures.ts';

const root = sharedPath('datasets/hkjc/data');
const favourite = parseStrategy({ name: 'fav', source: { kind: 'baseline', rule: 'favourite_flat', stakeYen: 1000 }, betTypes: ['win'] });

describe.skipIf(!root)('runBacktest on the shared HKJC data', () => {
  let ds: Dataset;
  beforeAll(async () => {
    const { rows, meta } = await importHkjc(root!, { skipBadRows: false });
    const dir = join(tempDir(), 'hkjc');
    await writeDataset(dir, rows, meta, { created: '2024-01-01T00:00:00.000Z' });
    ds = await readDataset(dir);
  }, 180_000);

  const day = (date: string) => runBacktest(ds, favourite, { from: date, to: date, bankrollYen: 100_000 });
  const byRace = (r: ReturnType<typeof day>) => Object.fromEntries(r.races.raceId.map((id, i) => [id.slice(-5), [r.races.status[i], r.races.stakeYen[i], r.races.returnYen[i]]]));

  it('2017-06-18 Sha Tin: runner 1 of race 1 withdrawn (WV) is no candidate; 7 favourites of 10 win, HK$18,700 back on HK$10,000', () => {
    const r = day('2017-06-18');
    expect(r.summary.oddsAtDecision.mode).toBe('final');
    expect(r.races.candidates[0]).toBe(6); // 7 declared, 1 withdrawn
    expect(byRace(r)).toEqual({
      'ST-01': ['bet', 1000, 1050], // 5 at $10.50 per $10
      'ST-02': ['bet', 1000, 3650], // 2 at $36.50
      'ST-03': ['bet', 1000, 3550], // 1 at $35.50
      'ST-04': ['bet', 1000, 2700], // 8 at $27
      'ST-05': ['bet', 1000, 0], // favourite 4 eighth; 2 won
      'ST-06': ['bet', 1000, 3650], // 5 at $36.50
      'ST-07': ['bet', 1000, 0], // favourite 3 sixth; 8 won
      'ST-08': ['bet', 1000, 1650], // 8 at $16.50
      'ST-09': ['bet', 1000, 2450], // 1 at $24.50
      'ST-10': ['bet', 1000, 0], // favourite 9 third; 3 won
    });
    expect(r.bets.ticketId).toEqual(['win:5', 'win:2', 'win:1', 'win:8', 'win:4', 'win:5', 'win:3', 'win:8', 'win:1', 'win:9']);
    expect(r.summary.totals).toMatchObject({ tickets: 10, stakeYen: 10_000, returnYen: 18_700, profitYen: 8_700, hits: 7 });
    expect(r.summary.totals.roi).toBeCloseTo(1.87, 12);
    expect(r.summary.totals.hitRate).toBeCloseTo(0.7, 12);
    expect(r.summary.bankroll).toEqual({ startYen: 100_000, finalYen: 108_700, ledgerSumYen: 108_700, ledgerEntries: 21 });
    expect(r.ledger.reduce((a, e) => a + e.amountYen, 0)).toBe(108_700);
  });

  it('2016-05-01 Sha Tin: race 2 dead heat for first (3 and 4) has no recorded win pool and is skipped; the others settle to the dollar', () => {
    const r = day('2016-05-01');
    const b = byRace(r);
    expect(b['ST-02']).toEqual(['pool_not_recorded', 0, 0]);
    expect(b['ST-07']).toEqual(['bet', 1000, 2800]); // 1 at $28
    expect(b['ST-08']).toEqual(['bet', 1000, 2150]); // 1 at $21.50
    expect(b['ST-09']).toEqual(['bet', 1000, 2600]); // 2 at $26
    expect(r.summary.racesByStatus).toEqual({ bet: 10, pool_not_recorded: 1 });
    expect(r.summary.totals).toMatchObject({ tickets: 10, stakeYen: 10_000, returnYen: 7_550, hits: 3 });
    expect(r.summary.bankroll.finalYen).toBe(97_550);
    expect(r.summary.bankroll.ledgerSumYen).toBe(97_550);
  });

  it('2017-06-21 Happy Valley: race 3 favourite 6 disqualified after the dividends is unsettleable (its bet dropped); 7 losing favourites', () => {
    const r = day('2017-06-21');
    expect(byRace(r)['HV-03'][0]).toBe('unsettleable');
    expect(r.summary.unsettleableRaces).toEqual([{ raceId: 'HK-2017-06-21-HV-03', detail: expect.stringContaining('LEDGER_UNEXPECTED_PAYOUT') }]);
    expect(r.summary.totals).toMatchObject({ tickets: 7, stakeYen: 7_000, returnYen: 0 });
    expect(r.summary.bankroll.finalYen).toBe(93_000);
    expect(r.summary.longestLosingStreak).toBe(7);
  });

  it('the market-implied strategy over 2016-2023 buys nothing (p x odds = 1 / overround < 1) and reports the calibration of the HK public', () => {
    const s = parseStrategy({ name: 'market', source: { kind: 'market', odds: 'snapshot' }, betTypes: ['win'] });
    const r = runBacktest(ds, s);
    expect(r.summary.racesSeen).toBe(6439);
    expect(r.summary.racesByStatus.pool_not_recorded).toBe(16);
    expect(r.summary.totals.tickets).toBe(0);
    expect(r.summary.bankroll.finalYen).toBe(1_000_000);
    expect(r.summary.calibration.used.pseudoR2).toBeGreaterThan(0.15);
    expect(r.rejections.reason.every((x) => x === 'below_threshold')).toBe(true);
  });
});
