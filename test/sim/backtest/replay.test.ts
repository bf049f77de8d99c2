import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../src/sim/backtest/index.ts';
import { marketProbabilities, parseStrategy } from '../../../src/strategies/index.ts';
import { craftedRows, datasetOf, draw, normalise, randomProbs } from './fixtures.ts';

const favourite = (extra: Record<string, unknown> = {}) =>
  parseStrategy({ name: 'fav', source: { kind: 'baseline', rule: 'favourite_flat', stakeYen: 1000 }, betTypes: ['win'], themis: { minBankrollYen: 0 }, ...extra });

describe('runBacktest(ds, strategy, options): walk-forward uses no future data', () => {
  // Days 0-199: the winner follows the market and the model is noise (alpha ~ 0). From day 200
  // the winner follows the model (alpha large). A fit that read any race of its test window
  // (or later) would show a large alpha in the window starting on day 200.
  const SWITCH = '2020-07-19'; // day 200
  it('fits on races strictly before each test window: alpha ~ 0 until the model becomes informative', async () => {
    const ds = await datasetOf(
      craftedRows(400, 6, 'leak', (day, _k, rng) => {
        const q = randomProbs(8, 0.8, rng);
        const model = randomProbs(8, 0.8, rng);
        const winner = day < 200 ? draw(q, rng) : draw(normalise(model.map((p) => p ** 4)), rng);
        return { q, model, winner };
      }),
    );
    // evThreshold 1000: nothing is bought (the fits are under test, and a model this good would pass 2^53 yen)
    const s = parseStrategy({ name: 'blend', source: { kind: 'blend', model: 'model', trainDays: 150 }, betTypes: ['win'], themis: { evThreshold: 1000 } });
    const r = runBacktest(ds, s, { walkForward: { trainDays: 150, testDays: 50 } });
    const fits = r.summary.fits;
    expect(fits.map((f) => f.testFrom)).toEqual(['2020-05-30', '2020-07-19', '2020-09-07', '2020-10-27', '2020-12-16']);
    for (const f of fits) {
      expect(f.trainTo < f.testFrom).toBe(true);
      expect(f.races).toBe(150 * 6);
    }
    // the window starting at the switch was fitted on uninformative races only
    const atSwitch = fits.find((f) => f.testFrom === SWITCH)!;
    expect(Math.abs(atSwitch.alpha)).toBeLessThan(3 * atSwitch.seAlpha);
    expect(Math.abs(fits[0].alpha)).toBeLessThan(3 * fits[0].seAlpha);
    expect(atSwitch.beta).toBeGreaterThan(0.6);
    // later windows see the informative races of their own past, and the fit shows it
    expect(fits[fits.length - 1].alpha).toBeGreaterThan(2);
    expect(r.summary.windows.reduce((a, w) => a + w.races, 0)).toBe(r.summary.racesSeen);
  });
});

describe('runBacktest(ds, strategy, options): money', () => {
  it('a runner scratched after the decision (present in the snapshot) is bet and refunded by settlement', async () => {
    const ds = await datasetOf(
      craftedRows(
        1,
        2,
        'scratch',
        (_d, k) => ({ q: [0.1, 0.2, 0.5, 0.2], model: [0.25, 0.25, 0.25, 0.25], winner: 1, scratchedLate: k === 0 ? 3 : undefined }),
        true,
      ),
    );
    const r = runBacktest(ds, favourite(), { bankrollYen: 10_000 });
    expect(r.summary.oddsAtDecision.racesBySource).toEqual({ snapshot: 2 });
    expect(r.bets.ticketId).toEqual(['win:3', 'win:3']);
    expect(r.bets.result).toEqual(['refund', 'lose']);
    expect(r.bets.returnYen).toEqual([1000, 0]);
    expect(r.ledger.map((e) => [e.kind, e.amountYen])).toEqual([
      ['deposit', 10_000],
      ['stake', -1000],
      ['refund', 1000],
      ['stake', -1000],
      ['payout', 0],
    ]);
    expect(r.summary.totals.refunds).toBe(1);
    expect(r.summary.totals.hitRate).toBe(0); // refunds are not settled tickets
    expect(r.summary.bankroll.finalYen).toBe(9000);
  });

  it('a dead heat for first: a win ticket on either dead-heater is paid its own recorded payout', async () => {
    const rows = craftedRows(1, 2, 'dh', () => ({ q: [0.45, 0.3, 0.15, 0.1], model: [0.25, 0.25, 0.25, 0.25], winner: 0 }));
    // race 1: runners 1 and 2 dead-heat for first; JRA pays each its own dividend (here 150 and 420 per 100)
    for (const r of rows.runners) if (r.raceId === 'X-2020-01-01-01' && r.runner === 2) r.finishPos = 1;
    for (const r of rows.runners) if (r.raceId === 'X-2020-01-01-01' && r.finishPos !== null && r.runner > 2) r.finishPos = r.runner;
    rows.payouts = rows.payouts.filter((p) => p.raceId !== 'X-2020-01-01-01');
    rows.payouts.push({ raceId: 'X-2020-01-01-01', betType: 'win', combination: '1', payoutPer100: 150 });
    rows.payouts.push({ raceId: 'X-2020-01-01-01', betType: 'win', combination: '2', payoutPer100: 420 });
    const ds = await datasetOf(rows);
    const r = runBacktest(ds, favourite(), { bankrollYen: 10_000 });
    expect(r.bets.ticketId).toEqual(['win:1', 'win:1']);
    expect(r.bets.result).toEqual(['win', 'win']);
    expect(r.bets.returnYen).toEqual([1500, 1700]); // 1,000 x 150 / 100; then 1,000 x 1.7 (odds 0.8 / 0.45 floored)
    expect(r.summary.bankroll.finalYen).toBe(10_000 - 2000 + 1500 + 1700);
    // the calibration counts half a win for each dead-heater: log-loss of race 1 = -(ln q1 + ln q2) / 2
    const q = marketProbabilities([1.7, 2.6, 5.3, 8.0], 0.8);
    expect(r.summary.calibration.used.logLoss).toBeCloseTo((-(Math.log(q[0]) + Math.log(q[1])) / 2 - Math.log(q[0])) / 2, 9);
  });

  it('drawdown halt: favourites that always lose stop the betting at -30% and nothing is bet afterwards', async () => {
    const ds = await datasetOf(craftedRows(3, 4, 'halt', () => ({ q: [0.5, 0.2, 0.2, 0.1], model: [0.25, 0.25, 0.25, 0.25], winner: 3 })));
    const r = runBacktest(ds, favourite(), { bankrollYen: 10_000 });
    const s = r.summary;
    expect(r.races.status).toEqual(['bet', 'bet', 'bet', ...Array(9).fill('halted')]);
    expect(s.warn).toEqual({ raceId: 'X-2020-01-01-03', date: '2020-01-01', drawdown: 0.2 });
    expect(s.halt).toEqual({ raceId: 'X-2020-01-01-04', date: '2020-01-01', drawdown: 0.3 });
    expect(s.bankroll.finalYen).toBe(7000);
    expect(s.maxDrawdown).toBeCloseTo(0.3, 12);
    expect(s.longestLosingStreak).toBe(3);
    expect(s.racesByStatus).toEqual({ bet: 3, halted: 9 });
    expect(s.calibration.used.races).toBe(12); // halted races are still priced and scored
    // without the halt the same strategy keeps betting
    const free = runBacktest(ds, favourite({ drawdown: null }), { bankrollYen: 10_000 });
    expect(free.summary.racesBet).toBe(10);
    expect(free.summary.bankroll.finalYen).toBe(0);
  });

  it('the ledger sums to the final bankroll; stake, return and profit agree with the bets', async () => {
    const ds = await datasetOf(
      craftedRows(20, 8, 'sum', (_d, _k, rng) => {
        const q = randomProbs(10, 1, rng);
        const model = normalise(q.map((p) => p * Math.exp(0.6 * (rng() - 0.5))));
        return { q, model, winner: draw(model, rng) };
      }),
    );
    const s = parseStrategy({ name: 'model', source: { kind: 'predictions', model: 'model' }, betTypes: ['win'], themis: { evThreshold: 1.0 }, drawdown: null });
    const r = runBacktest(ds, s, { bankrollYen: 1_000_000 });
    const x = r.summary;
    expect(x.totals.tickets).toBeGreaterThan(20);
    const ledgerSum = r.ledger.reduce((a, e) => a + e.amountYen, 0);
    expect(ledgerSum).toBe(x.bankroll.finalYen);
    expect(x.bankroll.ledgerSumYen).toBe(x.bankroll.finalYen);
    expect(x.totals.stakeYen).toBe(r.bets.stakeYen.reduce((a, b) => a + b, 0));
    expect(x.totals.returnYen).toBe(r.bets.returnYen.reduce((a, b) => a + b, 0));
    expect(x.profitYen).toBe(x.totals.returnYen - x.totals.stakeYen);
    expect(x.bankroll.finalYen - x.bankroll.startYen).toBe(x.profitYen);
    expect(r.bets.stakeYen.every((v) => Number.isSafeInteger(v) && v % 100 === 0 && v > 0)).toBe(true);
    // every winning ticket returns stake / 100 x the recorded payout
    const payout = new Map(ds.toRows().payouts.map((p) => [`${p.raceId} win:${p.combination}`, p.payoutPer100]));
    r.bets.ticketId.forEach((t, k) => {
      const per100 = payout.get(`${r.bets.raceId[k]} ${t}`);
      expect(r.bets.returnYen[k]).toBe(per100 === undefined ? 0 : (r.bets.stakeYen[k] / 100) * per100);
    });
    const months = Object.values(x.byMonth);
    expect(months.reduce((a, m) => a + m.stakeYen, 0)).toBe(x.totals.stakeYen);
    expect(x.byBetType.win.tickets).toBe(x.totals.tickets);
    expect(x.calibration.used.races).toBe(x.racesSeen);
  });
});

describe('runBacktest(ds, strategy, options): what the dataset cannot give', () => {
  it('exotic bet types without odds of their combinations at decision time: STRATEGY_UNSUPPORTED naming betTypes', async () => {
    const ds = await datasetOf(craftedRows(1, 1, 'x', () => ({ q: [0.5, 0.5], model: [0.5, 0.5], winner: 0 })));
    const s = parseStrategy({ name: 'mixed', source: { kind: 'market' }, betTypes: ['win', 'quinella'] });
    expect(() => runBacktest(ds, s)).toThrow(expect.objectContaining({ code: 'STRATEGY_UNSUPPORTED', field: 'betTypes' }));
    expect(() => runBacktest(ds, s)).toThrow(/may use win only/);
    const m = parseStrategy({ name: 'm', source: { kind: 'predictions', model: 'other' }, betTypes: ['win'] });
    expect(() => runBacktest(ds, m)).toThrow(expect.objectContaining({ code: 'STRATEGY_UNSUPPORTED', field: 'source.model' }));
    expect(() => runBacktest(ds, parseStrategy({ name: 'm', source: { kind: 'market' }, betTypes: ['win'] }), { walkForward: { trainDays: 5, testDays: 5 } })).toThrow(
      expect.objectContaining({ code: 'SIM_BAD_OPTION', field: 'walk-forward' }),
    );
    expect(() => runBacktest(ds, m, { bankrollYen: 10.5 })).toThrow(expect.objectContaining({ code: 'SIM_BAD_OPTION', field: 'bankroll' }));
  });
});
