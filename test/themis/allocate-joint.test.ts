/**
 * Tests of allocate on races whose candidates can win together (mixed bet types, place, wide):
 * the joint growth-optimal allocation over a finishing-order distribution (betting-math.md 3.3
 * vectors T1 and T2, KKT conditions), times the safety factor, with the caps; and decide's money
 * invariants on random mixed races.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harvilleDistribution } from '../../src/strategies/index.ts';
import { allocate, decide, parseConfig, size, subsetHits, type FinishOrderDistribution, type RaceInput } from '../../src/themis/index.ts';
import { hitLists } from '../../src/themis/outcomes.ts';
import { parseTicketId } from '../../src/themis/tickets.ts';

const fullKelly = parseConfig({ safetyFactor: 1, evThreshold: 1, maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0 });
const T1_P = [0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04];
const t1Dist = (): FinishOrderDistribution => harvilleDistribution(new Map(T1_P.map((p, i) => [i + 1, p])));
const T1: RaceInput = {
  finishOrder: t1Dist(),
  tickets: [
    { id: 'win:1', odds: 4.0 },
    { id: 'place:1', odds: 1.7 },
    { id: 'quinella:1-2', odds: 9.5 },
    { id: 'wide:1-2', odds: 3.2 },
  ],
};

/** T2: A wins .30 / A 2nd or 3rd .35 / A out .35 (runner 1 is A). */
const T2: RaceInput = {
  finishOrder: {
    runners: Int32Array.of(1, 2, 3, 4),
    first: Int32Array.of(1, 2, 2),
    second: Int32Array.of(2, 1, 3),
    third: Int32Array.of(3, 3, 4),
    prob: Float64Array.of(0.3, 0.35, 0.35),
  },
  placesPaid: 3,
  tickets: [
    { id: 'win:1', odds: 4.0 },
    { id: 'place:1', odds: 1.8 },
  ],
};

/** E[a_j / W] per ticket and E[1 / W] at fractions f (betting-math 3.2). */
function kkt(race: RaceInput, f: Float64Array): { ticket: number[]; cash: number } {
  const dist = race.finishOrder as FinishOrderDistribution;
  const tickets = race.tickets.map((t) => parseTicketId(t.id));
  const hits = hitLists(tickets, dist, { placesPaid: race.placesPaid ?? 3 });
  const total = f.reduce((a, b) => a + b, 0);
  const W = new Float64Array(dist.prob.length).fill(1 - total);
  race.tickets.forEach((t, j) => {
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) W[hits.outcomes[k]] += f[j] * t.odds;
  });
  const ticket = race.tickets.map((t, j) => {
    let s = 0;
    for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) s += (dist.prob[hits.outcomes[k]] * t.odds) / W[hits.outcomes[k]];
    return s;
  });
  let cash = 0;
  for (let w = 0; w < W.length; w++) cash += dist.prob[w] / W[w];
  return { ticket, cash };
}

describe('allocate(race with finishOrder, config)', () => {
  it('allocate(T1, safety 1, no caps) reproduces the joint fractions and growth of betting-math 3.3', () => {
    const a = allocate(T1, fullKelly);
    expect(a.method).toBe('joint');
    const want = [0, 0.29719, 0.0375, 0];
    for (let j = 0; j < 4; j++) expect(Math.abs(a.fraction[j] - want[j])).toBeLessThan(1e-5);
    expect(a.growth).toBeCloseTo(0.04539, 5);
    expect([...a.p].map((x) => Number(x.toFixed(6)))).toEqual([0.3, 0.726049, 0.160714, 0.389766]);
    const c = kkt(T1, a.fraction);
    const wantKkt = [0.956829, 1, 1, 0.963023];
    for (let j = 0; j < 4; j++) expect(c.ticket[j]).toBeCloseTo(wantKkt[j], 5);
    expect(c.cash).toBeCloseTo(1, 6);
  });

  it('allocate(T2, safety 1, no caps) gives joint (0.013636, 0.198864) with growth 0.018615', () => {
    const a = allocate(T2, fullKelly);
    expect(a.fraction[0]).toBeCloseTo(0.013636, 6);
    expect(a.fraction[1]).toBeCloseTo(0.198864, 6);
    expect(a.growth).toBeCloseTo(0.018615, 6);
  });

  it('allocate(T1, safety 0.5) halves the joint fractions and growth is that of the halved vector', () => {
    const half = allocate(T1, parseConfig({ safetyFactor: 0.5, evThreshold: 1, maxFractionPerTicket: null, maxFractionPerRace: null }));
    expect(half.fraction[1]).toBeCloseTo(0.29719 / 2, 5);
    expect(half.fraction[2]).toBeCloseTo(0.0375 / 2, 5);
    expect(half.growth).toBeGreaterThan(0);
    expect(half.growth).toBeLessThan(0.04539);
    // c(2 - c) approximation of betting-math 6: about 0.75 of full growth
    expect(half.growth / 0.04539).toBeGreaterThan(0.7);
  });

  it('allocate(T1) with the default caps clamps per ticket and per race', () => {
    const a = allocate(T1, parseConfig({ safetyFactor: 1, evThreshold: 1 }));
    // place 0.29719 -> 0.05 (per ticket); with quinella 0.0375 the race is 0.0875 <= 0.1
    expect(a.fraction[1]).toBe(0.05);
    expect(a.capped[1]).toBe('cap_per_ticket');
    expect(a.capped[2]).toBeNull();
    expect(a.uncapped[1]).toBeCloseTo(0.29719, 5);
    const tight = allocate(T1, parseConfig({ safetyFactor: 1, evThreshold: 1, maxFractionPerRace: 0.07 }));
    expect(tight.fraction.reduce((x, y) => x + y, 0)).toBeCloseTo(0.07, 12);
    expect(tight.capped[1]).toBe('cap_per_race');
    expect(tight.capped[2]).toBe('cap_per_race');
  });

  it('allocate with finishOrder takes ticket probabilities from it and ignores a given p', () => {
    const race: RaceInput = { ...T1, tickets: T1.tickets.map((t) => ({ ...t, p: 0.99 })) };
    const a = allocate(race, fullKelly);
    expect(a.p[0]).toBeCloseTo(0.3, 12);
  });

  it('allocate on win tickets alone with finishOrder uses the exclusive kernel on the marginals', () => {
    const race: RaceInput = {
      finishOrder: t1Dist(),
      tickets: T1_P.map((_, i) => ({ id: `win:${i + 1}`, odds: [4, 6, 5, 12, 11, 20, 25, 30][i] })),
    };
    const a = allocate(race, fullKelly);
    expect(a.method).toBe('exclusive');
    expect(a.fraction[0]).toBeGreaterThan(0);
  });

  it('allocate with finishOrder rejects a ticket naming a runner outside the field', () => {
    const race: RaceInput = { finishOrder: t1Dist(), tickets: [{ id: 'win:12', odds: 4 }] };
    expect(() => allocate(race, fullKelly)).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT' }));
  });

  it('allocate refuses a finishing-order distribution summing over 1', () => {
    const d = t1Dist();
    const bad = { ...d, prob: d.prob.map((x, i) => (i === 0 ? x + 0.01 : x)) };
    expect(() => allocate({ ...T1, finishOrder: bad }, fullKelly)).toThrow(expect.objectContaining({ code: 'THEMIS_PROBS_NOT_NORMALISED', field: 'finishOrder.prob' }));
  });
});

describe('subsetHits(hits, rows)', () => {
  it('subsetHits keeps the chosen tickets in the given order', () => {
    const hits = { offsets: Int32Array.of(0, 1, 3, 3), outcomes: Int32Array.of(0, 0, 1), outcomeCount: 3 };
    const sub = subsetHits(hits, [1, 0, 2]);
    expect([...sub.offsets]).toEqual([0, 2, 3, 3]);
    expect([...sub.outcomes]).toEqual([0, 1, 0]);
    expect(sub.outcomeCount).toBe(3);
  });
});

describe('decide on random mixed races', () => {
  const TYPES = ['win', 'place', 'quinella', 'wide', 'exacta', 'trio', 'trifecta'] as const;
  const mixedRace = fc
    .integer({ min: 4, max: 8 })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        w: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        picks: fc.array(
          fc.record({ type: fc.constantFrom(...TYPES), a: fc.nat(n - 1), b: fc.nat(n - 1), c: fc.nat(n - 1), edge: fc.double({ min: 0.6, max: 1.8, noNaN: true }) }),
          { minLength: 1, maxLength: 12 },
        ),
      }),
    )
    .map(({ n, w, picks }): RaceInput => {
      const s = w.reduce((x, y) => x + y, 0);
      const dist = harvilleDistribution(new Map(w.map((x, i) => [i + 1, x / s])));
      const seen = new Set<string>();
      const tickets = [];
      for (const { type, a, b, c, edge } of picks) {
        const r = [a + 1, ((a + 1 + b) % n) + 1, ((a + 2 + c) % n) + 1];
        if (r[1] === r[0] || r[2] === r[0] || r[2] === r[1]) continue;
        const legs = type === 'win' || type === 'place' ? 1 : type === 'trio' || type === 'trifecta' ? 3 : 2;
        const sep = type === 'exacta' || type === 'trifecta' ? '>' : '-';
        const nums = r.slice(0, legs);
        const id = parseTicketId(`${type}:${(sep === '-' ? [...nums].sort((x, y) => x - y) : nums).join(sep)}`).id;
        if (seen.has(id)) continue;
        seen.add(id);
        const q = allocate({ finishOrder: dist, tickets: [{ id, odds: 1 }] }, fullKelly).p[0];
        tickets.push({ id, odds: Math.max(1, Math.round((edge / Math.max(q, 1e-3)) * 10) / 10) });
      }
      return { finishOrder: dist, placesPaid: n >= 8 ? 3 : 2, tickets };
    });

  it('decide on mixed races: stakes are multiples of 100, within the bankroll, and equal size after allocate', () => {
    fc.assert(
      fc.property(mixedRace, fc.integer({ min: 0, max: 1e8 }), fc.constantFrom(0.25, 0.5, 1), (race, bankroll, c) => {
        const cfg = parseConfig({ safetyFactor: c, maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0 });
        const d = decide(race, bankroll, cfg);
        let total = 0;
        for (const b of d.bets) {
          expect(b.stakeYen % 100).toBe(0);
          total += b.stakeYen;
        }
        expect(total).toBeLessThanOrEqual(bankroll);
        expect(d.bets.length + d.rejected.length).toBe(race.tickets.length);
        expect(size(allocate(race, cfg), bankroll, cfg)).toEqual(d);
      }),
      { numRuns: 60 },
    );
  });
});
