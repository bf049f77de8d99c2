import { describe, expect, it } from 'vitest';
import { baselineDecision, raceInputFor, sourceProbabilities, renormalisedModel, StrategyError, type ProbabilitySource } from '../../src/strategies/index.ts';
import { decide, parseConfig } from '../../src/themis/index.ts';

const win = { runners: [1, 2, 3, 4], p: [0.5, 0.3, 0.15, 0.05], odds: [2.0, 2.3, 5.0, 8.0] };

describe('sourceProbabilities(source, odds, model, R, coefficients)', () => {
  const market: ProbabilitySource = { kind: 'market', odds: 'snapshot', takeout: 'normalise' };
  it('market: R/o normalised (betting-math 7.1)', () => {
    const p = sourceProbabilities(market, win.odds, null, 0.8, null)!;
    [0.396894, 0.345125, 0.158758, 0.099223].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 6));
  });
  it('predictions: the model renormalised over the candidates; null when a candidate has none', () => {
    const p = sourceProbabilities({ kind: 'predictions', model: 'm' }, win.odds, [0.2, 0.2, 0.1, 0.1], 0.8, null)!;
    [1 / 3, 1 / 3, 1 / 6, 1 / 6].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
    expect(sourceProbabilities({ kind: 'predictions', model: 'm' }, win.odds, [0.2, Number.NaN, 0.1, 0.1], 0.8, null)).toBeNull();
    expect(renormalisedModel([0, 0])).toBeNull();
  });
  it('blend: Benter combination of the model and the market; (1, 0) is the model, (0, 1) the market', () => {
    const blend: ProbabilitySource = { kind: 'blend', model: 'm', odds: 'snapshot', trainDays: null, alpha: 1, beta: 0 };
    const m = [0.5, 0.3, 0.15, 0.05];
    sourceProbabilities(blend, win.odds, m, 0.8, { alpha: 1, beta: 0 })!.forEach((v, i) => expect(v).toBeCloseTo(m[i], 12));
    const q = sourceProbabilities(market, win.odds, null, 0.8, null)!;
    sourceProbabilities(blend, win.odds, m, 0.8, { alpha: 0, beta: 1 })!.forEach((v, i) => expect(v).toBeCloseTo(q[i], 12));
    expect(() => sourceProbabilities(blend, win.odds, m, 0.8, null)).toThrow(StrategyError);
    expect(() => sourceProbabilities(blend, win.odds, null, 0.8, { alpha: 1, beta: 1 })).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PARAMETER' }));
  });
});

describe('raceInputFor(win, config, exotic)', () => {
  it('win only: one win ticket per candidate, no distribution; decide() buys the +EV one', () => {
    const config = parseConfig({ betTypes: ['win'], safetyFactor: 1 });
    const race = raceInputFor(win, config);
    expect(race).toEqual({ tickets: [
      { id: 'win:1', p: 0.5, odds: 2.0 },
      { id: 'win:2', p: 0.3, odds: 2.3 },
      { id: 'win:3', p: 0.15, odds: 5.0 },
      { id: 'win:4', p: 0.05, odds: 8.0 },
    ] });
    const d = decide(raceInputFor({ ...win, p: [0.3, 0.3, 0.3, 0.1] }, config), 1_000_000, config);
    expect(d.bets.map((b) => b.id)).toEqual(['win:3']); // 0.3 x 5.0 = 1.5
  });
  it('mixed: the finishing-order distribution of the win probabilities and the exotic tickets of allowed types', () => {
    const config = parseConfig({ betTypes: ['win', 'quinella'] });
    const race = raceInputFor(win, config, { tickets: [{ id: 'quinella:1-2', odds: 3.1 }, { id: 'trio:1-2-3', odds: 9 }], placesPaid: 2 });
    expect(race.tickets.map((t) => t.id)).toEqual(['win:1', 'win:2', 'win:3', 'win:4', 'quinella:1-2']);
    expect(race.finishOrder!.prob.length).toBe(24);
    expect(race.placesPaid).toBe(2);
    expect(() => raceInputFor(win, config)).toThrow(expect.objectContaining({ code: 'STRATEGY_UNSUPPORTED' }));
  });
});

describe('baselineDecision(rule, win, stakeYen, bankrollYen, config, account, random)', () => {
  const config = parseConfig({ minBankrollYen: 0 });
  it('favourite_flat: the shortest odds, the others not_selected', () => {
    const d = baselineDecision('favourite_flat', win, 1000, 100_000, config, undefined, () => 0);
    expect(d.bets).toEqual([{ id: 'win:1', p: 0.5, odds: 2.0, fraction: 0.01, stakeYen: 1000 }]);
    expect(d.rejected.map((r) => r.reason)).toEqual(['not_selected', 'not_selected', 'not_selected']);
  });
  it('random: the runner at floor(random() x n)', () => {
    expect(baselineDecision('random', win, 100, 100_000, config, undefined, () => 0.76).bets[0].id).toBe('win:4');
  });
  it('flat_above_threshold: every runner with p x odds > evThreshold', () => {
    const d = baselineDecision('flat_above_threshold', win, 100, 100_000, parseConfig({ minBankrollYen: 0, evThreshold: 0.6 }), undefined, () => 0);
    expect(d.bets.map((b) => b.id)).toEqual(['win:1', 'win:2', 'win:3']);
  });
  it('limits: bankroll stop, daily cap and point limit', () => {
    expect(baselineDecision('favourite_flat', win, 1000, 500, config, undefined, () => 0).rejected[0]).toEqual({ id: 'win:1', reason: 'bankroll_stop' });
    expect(baselineDecision('favourite_flat', win, 1000, 5_000, parseConfig({}), undefined, () => 0).rejected[0].reason).toBe('bankroll_stop'); // below minBankrollYen 10,000
    const capped = parseConfig({ minBankrollYen: 0, maxStakePerDayYen: 1500 });
    expect(baselineDecision('favourite_flat', win, 1000, 50_000, capped, { stakedTodayYen: 1000, pointsUsedToday: 1 }, () => 0).rejected[0].reason).toBe('cap_per_day');
    expect(baselineDecision('favourite_flat', win, 1000, 50_000, config, { stakedTodayYen: 0, pointsUsedToday: 9000 }, () => 0).rejected[0].reason).toBe('point_limit');
  });
});
