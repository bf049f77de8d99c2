import { describe, expect, it } from 'vitest';
import { canaryRole, decideCanary } from '../../../src/live/promote/index.ts';

const PLAN = { everyKthRace: 4, races: 10, maxDrawdown: 0.1 };

describe('canaryRole(raceOrdinal, plan)', () => {
  it('canaryRole(k, plan) gives every k-th race to the canary', () => {
    const roles = Array.from({ length: 12 }, (_, i) => canaryRole(i + 1, PLAN));
    expect(roles.map((r, i) => (r === 'canary' ? i + 1 : 0)).filter((x) => x > 0)).toEqual([4, 8, 12]);
  });
  it('canaryRole(0, plan) throws RangeError', () => {
    expect(() => canaryRole(0, PLAN)).toThrow(RangeError);
  });
});

describe('decideCanary(plan, observation)', () => {
  it('decideCanary continues while races are missing and the drawdown is within the limit', () => {
    expect(decideCanary(PLAN, { racesObserved: 3, maxDrawdown: 0.05 })).toEqual({ action: 'continue', reason: 'canary decided 3 of 10 races, drawdown 5.0% within the limit 10.0%' });
  });
  it('decideCanary takes over after plan.races races within the limit (the limit itself included)', () => {
    expect(decideCanary(PLAN, { racesObserved: 10, maxDrawdown: 0.1 }).action).toBe('takeover');
    expect(decideCanary(PLAN, { racesObserved: 12, maxDrawdown: 0 }).action).toBe('takeover');
  });
  it('decideCanary aborts as soon as the drawdown exceeds the limit, even after enough races', () => {
    expect(decideCanary(PLAN, { racesObserved: 2, maxDrawdown: 0.11 })).toEqual({ action: 'abort', reason: 'canary drawdown 11.0% exceeded the limit 10.0% after 2 races' });
    expect(decideCanary(PLAN, { racesObserved: 10, maxDrawdown: 0.2 }).action).toBe('abort');
  });
  it('decideCanary rejects a negative race count or a drawdown outside [0, 1]', () => {
    expect(() => decideCanary(PLAN, { racesObserved: -1, maxDrawdown: 0 })).toThrow(RangeError);
    expect(() => decideCanary(PLAN, { racesObserved: 1, maxDrawdown: Number.NaN })).toThrow(RangeError);
  });
});
