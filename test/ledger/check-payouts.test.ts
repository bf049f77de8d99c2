/**
 * Tests of checkPayouts on hand-made races: agreement, missing and extra combinations, a pool
 * recorded though refunded or not sold, the named anomaly of a runner disqualified after the
 * dividends, unreadable runners, and the text format.
 */
import { describe, expect, it } from 'vitest';
import { checkPayouts, formatCheckPayouts } from '../../src/ledger/check-payouts.ts';
import { HKJC_TERMS, JRA_TERMS } from '../../src/ledger/index.ts';
import { payouts, plainField, runners } from './fixtures.ts';

const deadHeat = runners('DH', [
  [3, 1],
  [7, 1],
  [1, 3],
  [2, 4],
  [4, 5],
  [5, 6],
  [6, 7],
  [8, 8],
]);

describe('checkPayouts(data, terms)', () => {
  it('agrees when every recorded pool equals the derived winners (dead heat for 1st included)', () => {
    const r = checkPayouts(
      {
        runners: [...deadHeat, ...plainField('P', 9)],
        payouts: [
          ...payouts('DH', { win: { '3': 150, '7': 240 }, exacta: { '3>7': 900, '7>3': 1_100 }, quinella: { '3-7': 520 }, place: { '3': 110, '7': 130, '1': 150 } }),
          ...payouts('P', { win: { '1': 300 }, wide: { '1-2': 200, '1-3': 300, '2-3': 400 } }),
        ],
      },
      JRA_TERMS,
    );
    expect(r.ok).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.races).toBe(2);
    expect(r.pools).toBe(6);
    expect(r.summary).toEqual([
      { betType: 'win', checked: 2, agree: 2, anomaly: 0, disagree: 0 },
      { betType: 'place', checked: 1, agree: 1, anomaly: 0, disagree: 0 },
      { betType: 'quinella', checked: 1, agree: 1, anomaly: 0, disagree: 0 },
      { betType: 'wide', checked: 1, agree: 1, anomaly: 0, disagree: 0 },
      { betType: 'exacta', checked: 1, agree: 1, anomaly: 0, disagree: 0 },
    ]);
  });

  it('disagrees when a dead-heat winner is missing or a loser is recorded', () => {
    const r = checkPayouts(
      { runners: deadHeat, payouts: payouts('DH', { win: { '3': 150 }, exacta: { '3>7': 900, '3>1': 1_100 } }) },
      JRA_TERMS,
    );
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => [f.betType, f.verdict, f.reason])).toEqual([
      ['win', 'disagree', 'not recorded: 7'],
      ['exacta', 'disagree', 'not recorded: 7>3; recorded but not winning: 3>1'],
    ]);
  });

  it('disagrees when a pool is recorded that the terms refund or never sell', () => {
    const hk = runners('H', [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 'S']]);
    const r = checkPayouts({ runners: hk, payouts: payouts('H', { wide: { '1-2': 200 } }) }, HKJC_TERMS);
    expect(r.findings[0]).toMatchObject({ verdict: 'disagree', derivedPool: 'refunded' });
    const small = plainField('S', 4);
    const r2 = checkPayouts({ runners: small, payouts: payouts('S', { place: { '1': 110, '2': 120 } }) }, JRA_TERMS);
    expect(r2.findings[0]).toMatchObject({ verdict: 'disagree', derivedPool: 'not-sold' });
  });

  it('classifies DISQUALIFIED_AFTER_DIVIDENDS only when every unexplained recorded combination names the disqualified runner', () => {
    const dq = runners('Q', [[6, 'DQ'], [8, 1], [5, 2], [2, 3], [9, 4], [7, 5]]);
    const ok = checkPayouts({ runners: dq, payouts: payouts('Q', { win: { '6': 225 }, trifecta: { '6>8>5': 11_340 } }) }, HKJC_TERMS);
    expect(ok.ok).toBe(true);
    expect(ok.findings.map((f) => [f.betType, f.verdict, f.anomaly])).toEqual([
      ['win', 'anomaly', 'DISQUALIFIED_AFTER_DIVIDENDS'],
      ['trifecta', 'anomaly', 'DISQUALIFIED_AFTER_DIVIDENDS'],
    ]);
    const bad = checkPayouts({ runners: dq, payouts: payouts('Q', { win: { '5': 225 } }) }, HKJC_TERMS);
    expect(bad.ok).toBe(false);
    expect(bad.findings[0].verdict).toBe('disagree');
  });

  it('reports payouts of a race without runners and unreadable runners as disagreements', () => {
    const broken = plainField('B', 3);
    broken[0] = { ...broken[0], finishPos: null };
    const r = checkPayouts(
      { runners: broken, payouts: [...payouts('B', { win: { '2': 100 } }), ...payouts('X', { win: { '1': 100 } })] },
      JRA_TERMS,
    );
    expect(r.findings.map((f) => [f.raceId, f.derivedPool])).toEqual([
      ['B', 'error'],
      ['X', 'error'],
    ]);
    expect(r.ok).toBe(false);
  });

  it('uses RaceRow.fieldSize for the declared field', () => {
    const field = plainField('F', 7);
    const rows = payouts('F', { place: { '1': 110, '2': 120, '3': 150 } });
    expect(checkPayouts({ runners: field, payouts: rows }, JRA_TERMS).ok).toBe(false);
    const race = { raceId: 'F', date: '2024-01-01', postTime: null, venue: 'X', raceNo: 1, surface: null, distanceM: null, fieldSize: 8, source: 't' };
    expect(checkPayouts({ races: [race], runners: field, payouts: rows }, JRA_TERMS).ok).toBe(true);
  });
});

describe('formatCheckPayouts(report)', () => {
  it('prints each finding, a table per bet type and the verdict', () => {
    const r = checkPayouts({ runners: deadHeat, payouts: payouts('DH', { win: { '3': 150 }, quinella: { '3-7': 520 } }) }, JRA_TERMS);
    expect(formatCheckPayouts(r).split('\n')).toEqual([
      'DISAGREE DH win: derived 3 7; recorded 3; not recorded: 7',
      '',
      'terms JRA: 2 pools of 1 races checked',
      'bet type          checked   agree anomaly disagree',
      'win                     1       0       0        1',
      'quinella                1       1       0        0',
      'FAILED: 1 pool(s) disagree',
    ]);
  });
});
