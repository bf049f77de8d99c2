import { describe, expect, it } from 'vitest';
import { decisionMarket, decisionOdds, decisionTime, winShares } from '../../../src/sim/backtest/index.ts';
import { craftedRows, datasetOf } from './fixtures.ts';

describe('decisionOdds(ds, cutoffs) and decisionMarket(ds, r, pre, cutoff, types)', () => {
  it('takes the last snapshot at or before the decision time; runners without one are no candidates; races without snapshots use the final odds', async () => {
    const rows = craftedRows(1, 2, 'dm', () => ({ q: [0.4, 0.3, 0.2, 0.1], model: [0.25, 0.25, 0.25, 0.25], winner: 1 }), true);
    const race1 = 'X-2020-01-01-01'; // post 10:30, snapshots of every runner at 10:20
    rows.oddsSnapshots = rows.oddsSnapshots!.filter((s) => s.raceId === race1 && s.combination !== '4');
    rows.oddsSnapshots.push({ raceId: race1, betType: 'win', combination: '1', at: '2020-01-01T10:26:00', odds: 2.5 }); // after a 5-minute cutoff
    rows.oddsSnapshots.push({ raceId: race1, betType: 'win', combination: '1', at: '2020-01-01T10:24:00', odds: 2.2 }); // the last one before it
    const ds = await datasetOf(rows);
    const cutoffs = [0, 1].map((r) => decisionTime(ds.races.postTime[r], 5));
    expect(cutoffs).toEqual(['2020-01-01T10:25:00', '2020-01-01T11:25:00']);
    const pre = decisionOdds(ds, cutoffs);
    const m0 = decisionMarket(ds, 0, pre, cutoffs[0], null);
    expect(m0.source).toBe('snapshot');
    expect(Array.from(m0.runners)).toEqual([1, 2, 3]); // runner 4 has no snapshot: not a candidate
    expect(Array.from(m0.odds)).toEqual([2.2, 2.6, 4.0]);
    const m1 = decisionMarket(ds, 1, pre, cutoffs[1], null);
    expect(m1.source).toBe('final');
    expect(Array.from(m1.odds)).toEqual([2.0, 2.6, 4.0, 8.0]);
    expect(Array.from(winShares(ds, m1.rows))).toEqual([0, 1, 0, 0]);
    // with a later decision (1 minute before the post) the 10:26 snapshot is seen
    const late = decisionOdds(ds, [decisionTime(ds.races.postTime[0], 1), null]);
    expect(decisionMarket(ds, 0, late, null, null).odds[0]).toBe(2.5);
    // Priced from race 1 on: only its rows are held, and its market is the same.
    const second = decisionOdds(ds, cutoffs, 1, 2);
    expect(second.base).toBe(ds.runners.raceOffsets[1]);
    expect(second.odds.length).toBe(ds.runners.raceOffsets[2] - ds.runners.raceOffsets[1]);
    expect(decisionMarket(ds, 1, second, cutoffs[1], null)).toEqual(m1);
    const first = decisionOdds(ds, cutoffs, 0, 1);
    expect(decisionMarket(ds, 0, first, cutoffs[0], null)).toEqual(m0);
  });
});
