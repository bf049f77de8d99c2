/**
 * Tests of allocate: vectors V1-V4 with safety factor 1 and no caps, the safety factor, the
 * threshold, bet-type exclusion, the fraction caps and the growth of the fractional allocation.
 */
import { describe, expect, it } from 'vitest';
import { allocate, capFractions, growthExclusive, parseConfig, type RaceInput } from '../../src/themis/index.ts';

const ODDS = [2.2, 3.3, 4.4, 5.7, 10.0];
const VECTORS = [
  { name: 'V1', p: [0.3, 0.2, 0.25, 0.17, 0.08], f: [0, 0, 0.029412, 0, 0], growth: 0.0014378 },
  { name: 'V2', p: [0.28, 0.19, 0.26, 0.19, 0.08], f: [0, 0, 0.050721, 0.028451, 0], growth: 0.0047624 },
  { name: 'V3', p: [0.225, 0.15, 0.3, 0.23, 0.095], f: [0, 0, 0.128616, 0.097704, 0.019591], growth: 0.0348567 },
  { name: 'V4', p: [0.4, 0.25, 0.18, 0.12, 0.05], f: [0, 0, 0, 0, 0], growth: 0 },
];
const race = (p: number[], odds = ODDS): RaceInput => ({ tickets: p.map((x, i) => ({ id: `win:${i + 1}`, p: x, odds: odds[i] })) });
const fullKelly = parseConfig({ safetyFactor: 1, evThreshold: 0, maxFractionPerTicket: null, maxFractionPerRace: null });

describe('allocate(race, config)', () => {
  for (const v of VECTORS) {
    it(`allocate(${v.name}, safety 1, no caps, threshold 0) reproduces betting-math 2.3 fractions and growth`, () => {
      const a = allocate(race(v.p), fullKelly);
      for (let k = 0; k < 5; k++) expect(Math.abs(a.fraction[k] - v.f[k])).toBeLessThan(1e-6);
      expect(Math.abs(a.growth - v.growth)).toBeLessThan(1e-7);
      expect(a.method).toBe('exclusive');
      expect(a.capped.every((c) => c === null)).toBe(true);
    });
  }

  it('allocate(V1, default threshold 1.05) rejects the other runners below_threshold', () => {
    const a = allocate(race(VECTORS[0].p), parseConfig({ safetyFactor: 1, maxFractionPerTicket: null, maxFractionPerRace: null }));
    expect(a.reason).toEqual(['below_threshold', 'below_threshold', null, 'below_threshold', 'below_threshold']);
    expect(a.fraction[2]).toBeCloseTo(0.029412, 6);
    expect(a.growth).toBeCloseTo(0.0014378, 7);
  });

  it('allocate(V4) has no candidate above 1.05: method none, growth 0', () => {
    const a = allocate(race(VECTORS[3].p), parseConfig({}));
    expect(a.method).toBe('none');
    expect(a.reason.every((r) => r === 'below_threshold')).toBe(true);
    expect([...a.fraction]).toEqual([0, 0, 0, 0, 0]);
    expect(a.growth).toBe(0);
  });

  it('allocate(V3, safety c) scales the full-Kelly vector by c and growth matches its fractions', () => {
    const cfg = parseConfig({ safetyFactor: 0.5, evThreshold: 0, maxFractionPerTicket: null, maxFractionPerRace: null });
    const a = allocate(race(VECTORS[2].p), cfg);
    for (let k = 0; k < 5; k++) expect(a.fraction[k]).toBeCloseTo(VECTORS[2].f[k] / 2, 6);
    expect(a.growth).toBeCloseTo(growthExclusive(VECTORS[2].p, ODDS, a.fraction), 15);
    expect(a.growth).toBeGreaterThan(0);
    expect(a.growth).toBeLessThan(VECTORS[2].growth);
  });

  it('allocate clamps a ticket at maxFractionPerTicket and marks it cap_per_ticket', () => {
    const cfg = parseConfig({ safetyFactor: 1, evThreshold: 0, maxFractionPerTicket: 0.1, maxFractionPerRace: null });
    const a = allocate(race(VECTORS[2].p), cfg);
    expect(a.fraction[2]).toBe(0.1);
    expect(a.capped[2]).toBe('cap_per_ticket');
    expect(a.fraction[3]).toBeCloseTo(0.097704, 6);
    expect(a.capped[3]).toBeNull();
    expect(a.uncapped[2]).toBeCloseTo(0.128616, 6);
  });

  it('allocate scales the race down proportionally to maxFractionPerRace and marks cap_per_race', () => {
    const cfg = parseConfig({ safetyFactor: 1, evThreshold: 0, maxFractionPerTicket: null, maxFractionPerRace: 0.1 });
    const a = allocate(race(VECTORS[2].p), cfg);
    const sum = a.fraction.reduce((x, y) => x + y, 0);
    expect(sum).toBeCloseTo(0.1, 12);
    expect(a.fraction[2] / a.fraction[3]).toBeCloseTo(a.uncapped[2] / a.uncapped[3], 12);
    expect(a.capped).toEqual([null, null, 'cap_per_race', 'cap_per_race', 'cap_per_race']);
  });

  it('allocate applies both caps: clamp each ticket, then scale the race', () => {
    const cfg = parseConfig({ safetyFactor: 1, evThreshold: 0, maxFractionPerTicket: 0.05, maxFractionPerRace: 0.08 });
    const a = allocate(race(VECTORS[2].p), cfg);
    const clampedSum = 0.05 + 0.05 + a.uncapped[4];
    expect(a.fraction[2]).toBeCloseTo((0.05 * 0.08) / clampedSum, 12);
    expect(a.fraction[3]).toBeCloseTo((0.05 * 0.08) / clampedSum, 12);
    expect(a.fraction[4]).toBeCloseTo((a.uncapped[4] * 0.08) / clampedSum, 12);
    expect(a.fraction.reduce((x, y) => x + y, 0)).toBeCloseTo(0.08, 12);
  });

  it('allocate rejects tickets of an excluded bet type as bet_type_excluded', () => {
    const r: RaceInput = { tickets: [...race(VECTORS[2].p).tickets, { id: 'exacta:3>4', p: 0.1, odds: 30 }] };
    const a = allocate(r, parseConfig({ betTypes: ['exacta'] }));
    expect(a.reason.slice(0, 5).every((x) => x === 'bet_type_excluded')).toBe(true);
    expect(a.reason[5]).toBeNull();
    expect(a.fraction[5]).toBeGreaterThan(0);
  });

  it('allocate on an exclusive non-win pool (trifecta) uses the exclusive kernel', () => {
    const r: RaceInput = {
      tickets: [
        { id: 'trifecta:1>2>3', p: 0.02, odds: 80 },
        { id: 'trifecta:2>1>3', p: 0.015, odds: 60 },
      ],
    };
    const a = allocate(r, parseConfig({ maxFractionPerTicket: null, maxFractionPerRace: null }));
    expect(a.method).toBe('exclusive');
    expect(a.fraction[0]).toBeGreaterThan(0);
    expect(a.ids).toEqual(['trifecta:1>2>3', 'trifecta:2>1>3']);
  });

  it('allocate canonicalises ticket ids', () => {
    const a = allocate({ tickets: [{ id: 'quinella:7-3', p: 0.1, odds: 5 }] }, parseConfig({}));
    expect(a.ids).toEqual(['quinella:3-7']);
  });

  it('allocate on mixed candidates without a finishing-order distribution throws THEMIS_BAD_INPUT (finishOrder)', () => {
    const r: RaceInput = {
      tickets: [
        { id: 'win:1', p: 0.3, odds: 4 },
        { id: 'place:1', p: 0.7, odds: 1.7 },
      ],
    };
    expect(() => allocate(r, parseConfig({}))).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT', field: 'finishOrder' }));
    // Place tickets alone can win together too.
    expect(() => allocate({ tickets: [{ id: 'place:1', p: 0.7, odds: 1.7 }] }, parseConfig({}))).toThrow(
      expect.objectContaining({ field: 'finishOrder' }),
    );
  });

  it('allocate on a mixed race is fine when only one exclusive pool has candidates', () => {
    const r: RaceInput = {
      tickets: [
        { id: 'win:1', p: 0.3, odds: 4 },
        { id: 'place:1', p: 0.6, odds: 1.5 },
      ],
    };
    const a = allocate(r, parseConfig({}));
    expect(a.method).toBe('exclusive');
    expect(a.reason).toEqual([null, 'below_threshold']);
  });

  it('allocate on an empty race allocates nothing', () => {
    const a = allocate({ tickets: [] }, parseConfig({}));
    expect(a.ids).toEqual([]);
    expect(a.growth).toBe(0);
  });
});

describe('capFractions(fraction, capped, n, config, perTicketCode, perRaceCode)', () => {
  it('clamps each fraction to the per-ticket cap, then scales the positive ones to the per-race cap; zeros stay 0 and uncapped', () => {
    const config = parseConfig({ maxFractionPerTicket: 0.05, maxFractionPerRace: 0.1 });
    const fraction = Float64Array.of(0.08, 0, 0.04, 0.06, 0.01);
    const capped = new Uint8Array(5);
    capFractions(fraction, capped, 5, config, 7, 9);
    // After the per-ticket cap: 0.05, 0, 0.04, 0.05, 0.01 (total 0.15), then x 0.1 / 0.15.
    const scale = 0.1 / (0.05 + 0 + 0.04 + 0.05 + 0.01);
    expect(Array.from(fraction)).toEqual([0.05 * scale, 0, 0.04 * scale, 0.05 * scale, 0.01 * scale]);
    expect(Array.from(capped)).toEqual([9, 0, 9, 9, 9]);
    expect(fraction.reduce((a, b) => a + b, 0)).toBeCloseTo(0.1, 15);
  });

  it('leaves the fractions under both caps as they are, and touches only the first n', () => {
    const config = parseConfig({ maxFractionPerTicket: 0.05, maxFractionPerRace: 0.1 });
    const fraction = Float64Array.of(0.05, 0.03, 0.9);
    const capped = new Uint8Array(3);
    capFractions(fraction, capped, 2, config, 1, 2);
    expect(Array.from(fraction)).toEqual([0.05, 0.03, 0.9]);
    expect(Array.from(capped)).toEqual([0, 0, 0]);
  });

  it('with no caps (null) changes nothing', () => {
    const fraction = Float64Array.of(0.5, 0.4);
    const capped = new Uint8Array(2);
    capFractions(fraction, capped, 2, parseConfig({ maxFractionPerTicket: null, maxFractionPerRace: null }), 1, 2);
    expect(Array.from(fraction)).toEqual([0.5, 0.4]);
    expect(Array.from(capped)).toEqual([0, 0]);
  });
});
