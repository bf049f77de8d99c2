import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discountedHarvilleDistribution, harvilleDistribution, harvilleTopThree } from '../../src/strategies/index.ts';
import { StrategyError } from '../../src/strategies/errors.ts';
import type { FinishOrderDistribution } from '../../src/themis/outcomes.ts';

const field = (ps: number[]): Map<number, number> => new Map(ps.map((p, i) => [i + 1, p]));

/** Sum of prob over outcomes matching a predicate on (first, second, third). */
function sumWhere(d: FinishOrderDistribution, pred: (a: number, b: number, c: number) => boolean): number {
  let s = 0;
  for (let w = 0; w < d.prob.length; w++) if (pred(d.first[w], d.second[w], d.third[w])) s += d.prob[w];
  return s;
}
const top2 = (d: FinishOrderDistribution, h: number) => sumWhere(d, (a, b) => a === h || b === h);
const top3 = (d: FinishOrderDistribution, h: number) => sumWhere(d, (a, b, c) => a === h || b === h || c === h);
const exotics = (d: FinishOrderDistribution) => ({
  exacta: sumWhere(d, (a, b) => a === 1 && b === 2),
  quinella: sumWhere(d, (a, b) => (a === 1 && b === 2) || (a === 2 && b === 1)),
  wide: sumWhere(d, (a, b, c) => [a, b, c].includes(1) && [a, b, c].includes(2)),
  trio: sumWhere(d, (a, b, c) => new Set([a, b, c, 1, 2, 3]).size === 3),
  trifecta: sumWhere(d, (a, b, c) => a === 1 && b === 2 && c === 3),
});

describe('harvilleDistribution', () => {
  it('harvilleDistribution(.5 .3 .2) matches the betting-math 3.4 table', () => {
    const d = harvilleDistribution(field([0.5, 0.3, 0.2]));
    expect([...d.first]).toEqual([1, 1, 2, 2, 3, 3]);
    expect([...d.second]).toEqual([2, 3, 1, 3, 1, 2]);
    expect([...d.third]).toEqual([3, 2, 3, 1, 2, 1]);
    const want = [0.3, 0.2, 0.214286, 0.085714, 0.125, 0.075];
    want.forEach((v, i) => expect(d.prob[i]).toBeCloseTo(v, 6));
  });

  it('harvilleDistribution(.4 .3 .2 .1) gives the top-2, top-3 and exotic vectors', () => {
    const d = harvilleDistribution(field([0.4, 0.3, 0.2, 0.1]));
    [0.715873, 0.608333, 0.44127, 0.234524].forEach((v, i) => expect(top2(d, i + 1)).toBeCloseTo(v, 6));
    [0.922222, 0.870238, 0.75873, 0.44881].forEach((v, i) => expect(top3(d, i + 1)).toBeCloseTo(v, 6));
    const e = exotics(d);
    expect(e.exacta).toBeCloseTo(0.2, 6);
    expect(e.quinella).toBeCloseTo(0.371429, 6);
    expect(e.wide).toBeCloseTo(0.79246, 6);
    expect(e.trio).toBeCloseTo(0.55119, 6);
    expect(e.trifecta).toBeCloseTo(0.133333, 6);
  });

  it('harvilleDistribution(18 runners) has 4,896 outcomes summing to 1 with the right win marginals', () => {
    const ps = Array.from({ length: 18 }, (_, i) => 18 - i);
    const tot = ps.reduce((a, b) => a + b, 0);
    const probs = ps.map((x) => x / tot);
    const d = harvilleDistribution(field(probs));
    expect(d.prob.length).toBe(4896);
    expect(d.prob.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    probs.forEach((p, i) => expect(sumWhere(d, (a) => a === i + 1)).toBeCloseTo(p, 12));
  });

  it('harvilleDistribution(2 runners) has two outcomes with third = 0; 1 runner one outcome', () => {
    const d = harvilleDistribution(new Map([[4, 0.75], [9, 0.25]]));
    expect([...d.runners]).toEqual([4, 9]);
    expect([...d.first]).toEqual([4, 9]);
    expect([...d.second]).toEqual([9, 4]);
    expect([...d.third]).toEqual([0, 0]);
    expect([...d.prob]).toEqual([0.75, 0.25]);
    const one = harvilleDistribution(new Map([[3, 1]]));
    expect([...one.first, ...one.second, ...one.third, ...one.prob]).toEqual([3, 0, 0, 1]);
  });

  it('harvilleDistribution sorts runners and handles a certain winner (remaining places uniform)', () => {
    const d = harvilleDistribution(new Map([[7, 0], [2, 1], [5, 0]]));
    expect([...d.runners]).toEqual([2, 5, 7]);
    expect(d.prob.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sumWhere(d, (a, b) => a === 2 && b === 5)).toBe(0.5);
  });

  it('harvilleDistribution rejects bad probabilities naming the runner', () => {
    const bad: [Map<number, number>, string][] = [
      [new Map([[1, 0.5], [2, Number.NaN], [3, 0.5]]), 'winProbs[2]'],
      [new Map([[1, 1.2], [2, -0.2]]), 'winProbs[1]'],
      [new Map([[1, 0.5], [2, 0.4]]), 'winProbs'],
      [new Map([[1, 0.5], [5, 0.5 + 1e-8]]), 'winProbs'],
    ];
    for (const [m, fieldName] of bad) {
      try {
        harvilleDistribution(m);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(StrategyError);
        expect((e as StrategyError).code).toBe('STRATEGY_BAD_PROBABILITIES');
        expect((e as StrategyError).field).toBe(fieldName);
      }
    }
    expect(() => harvilleDistribution(new Map())).toThrow(StrategyError);
    expect(() => harvilleDistribution(new Map([[0, 1]]))).toThrow(/saddle number/);
    expect(() => harvilleDistribution(new Map([[1, 0.5], [2, 0.5 + 1e-12]]))).not.toThrow();
  });

  it('harvilleDistribution(random fields) sums to 1 and keeps the win marginals (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 18 }), (ws) => {
        const tot = ws.reduce((a, b) => a + b, 0);
        const probs = ws.map((x) => x / tot);
        const m = field(probs);
        const s = probs.reduce((a, b) => a + b, 0);
        if (Math.abs(s - 1) > 1e-9) return;
        for (const d of [harvilleDistribution(m), discountedHarvilleDistribution(m)]) {
          expect(Math.abs(d.prob.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
          probs.forEach((p, i) => expect(Math.abs(sumWhere(d, (a) => a === i + 1) - p)).toBeLessThan(1e-12));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('harvilleTopThree', () => {
  it('holds the outcome probabilities of harvilleDistribution bit for bit, by runner positions', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: 3, maxLength: 18 }), fc.integer({ min: 0, max: 80 }), (ws, gap) => {
        const tot = ws.reduce((a, b) => a + b, 0);
        if (!(tot > 0)) return;
        // Saddle numbers ascending with a gap (positions are not saddle numbers), given out of order.
        const runners = ws.map((_, i) => i + 1 + (i >= 2 ? Math.min(gap, 99 - ws.length) : 0));
        const m = new Map(runners.map((r, i) => [r, ws[i] / tot] as [number, number]).reverse());
        if (Math.abs([...m.values()].reduce((a, b) => a + b, 0) - 1) > 1e-9) return;
        const d = harvilleDistribution(m);
        const reuse = new Float64Array(20 ** 3).fill(-1);
        const c = harvilleTopThree(m, reuse);
        const n = runners.length;
        expect([...c.runners]).toEqual(runners);
        expect(c.prob).toBe(reuse);
        const pos = new Map(runners.map((r, i) => [r, i]));
        for (let w = 0; w < d.prob.length; w++) {
          const at = (pos.get(d.first[w])! * n + pos.get(d.second[w])!) * n + pos.get(d.third[w])!;
          expect(Object.is(c.prob[at], d.prob[w])).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('refuses fields of fewer than 3 runners and bad probabilities as harvilleDistribution does', () => {
    expect(() => harvilleTopThree(field([0.6, 0.4]))).toThrow(/3 or more/);
    expect(() => harvilleTopThree(field([0.6, 0.4, Number.NaN]))).toThrow(StrategyError);
    expect(() => harvilleTopThree(field([0.6, 0.6, 0.1]))).toThrow(/sum to/);
  });
});

describe('discountedHarvilleDistribution', () => {
  it('discountedHarvilleDistribution(.4 .3 .2 .1) matches the Benter-discounted vectors', () => {
    const d = discountedHarvilleDistribution(field([0.4, 0.3, 0.2, 0.1]));
    [0.894352, 0.842639, 0.745873, 0.517136].forEach((v, i) => expect(top3(d, i + 1)).toBeCloseTo(v, 6));
    const e = exotics(d);
    expect(e.exacta).toBeCloseTo(0.187726, 6);
    expect(e.quinella).toBeCloseTo(0.345978, 6);
    expect(e.wide).toBeCloseTo(0.736991, 6);
    expect(e.trifecta).toBeCloseTo(0.114657, 6);
  });

  it('discountedHarvilleDistribution(p, 1, 1) equals harvilleDistribution(p)', () => {
    const m = field([0.35, 0.25, 0.2, 0.12, 0.08]);
    const a = discountedHarvilleDistribution(m, 1, 1).prob;
    const b = harvilleDistribution(m).prob;
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 14));
  });

  it('discountedHarvilleDistribution rejects bad exponents', () => {
    const m = field([0.5, 0.5]);
    expect(() => discountedHarvilleDistribution(m, -1)).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PARAMETER', field: 'gamma' }));
    expect(() => discountedHarvilleDistribution(m, 0.8, Number.NaN)).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PARAMETER', field: 'delta' }));
  });
});
