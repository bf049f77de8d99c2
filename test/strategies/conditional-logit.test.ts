import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { combineProbabilities, fitConditionalLogit, StrategyError, type LogitTrainingSet } from '../../src/strategies/index.ts';

const F = [0.5, 0.3, 0.15, 0.05];
const PUB = [0.4, 0.35, 0.15, 0.1];

describe('combineProbabilities(f, pub, alpha, beta)', () => {
  it('betting-math 7.1: (alpha, beta) = (.6, .9) -> .519298 .338934 .104308 .037460', () => {
    const c = combineProbabilities(F, PUB, 0.6, 0.9);
    [0.519298, 0.338934, 0.104308, 0.03746].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 6));
  });
  it('betting-math 7.1: (.5, .5) -> .450838 .326663 .151216 .071284', () => {
    const c = combineProbabilities(F, PUB, 0.5, 0.5);
    [0.450838, 0.326663, 0.151216, 0.071284].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 6));
  });
  it('(1, 0) returns the model and (0, 1) the public', () => {
    combineProbabilities(F, PUB, 1, 0).forEach((v, i) => expect(v).toBeCloseTo(F[i], 12));
    combineProbabilities(F, PUB, 0, 1).forEach((v, i) => expect(v).toBeCloseTo(PUB[i], 12));
  });
  it('sums to 1 for any coefficients, without overflow', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (a, b) => {
        const c = combineProbabilities(F, PUB, a, b);
        expect(c.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
  it('refuses a probability of 0 and arrays of different lengths', () => {
    expect(() => combineProbabilities([0.5, 0.5, 0], [0.3, 0.3, 0.4], 1, 1)).toThrow(StrategyError);
    expect(() => combineProbabilities([0.5, 0.5], [1], 1, 1)).toThrow(expect.objectContaining({ code: 'STRATEGY_BAD_PROBABILITIES' }));
  });
});

/** Races whose winners are drawn from the combined model with known coefficients. */
function simulate(races: number, alpha: number, beta: number, seed: string): LogitTrainingSet {
  const rng = seedrandom(seed);
  const offsets = [0];
  const f: number[] = [];
  const pi: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < races; r++) {
    const n = 6 + Math.floor(rng() * 10);
    const s = Array.from({ length: n }, () => Math.exp(1.2 * (rng() + rng() + rng() - 1.5) * 2));
    const sum = s.reduce((a, b) => a + b, 0);
    const model = s.map((x) => x / sum);
    const noisy = model.map((p) => p * Math.exp(0.5 * (rng() - 0.5) * 2));
    const ns = noisy.reduce((a, b) => a + b, 0);
    const pub = noisy.map((x) => x / ns);
    const c = combineProbabilities(model, pub, alpha, beta);
    let u = rng();
    let w = n - 1;
    for (let i = 0; i < n; i++) {
      u -= c[i];
      if (u < 0) {
        w = i;
        break;
      }
    }
    for (let i = 0; i < n; i++) {
      f.push(Math.log(model[i]));
      pi.push(Math.log(pub[i]));
      y.push(i === w ? 1 : 0);
    }
    offsets.push(f.length);
  }
  return { offsets: Int32Array.from(offsets), f: Float64Array.from(f), pi: Float64Array.from(pi), y: Float64Array.from(y) };
}

describe('fitConditionalLogit(set)', () => {
  it('recovers (alpha, beta) = (0.6, 0.9) from 20,000 simulated races within 3 standard errors', () => {
    const fit = fitConditionalLogit(simulate(20_000, 0.6, 0.9, 'recover'));
    expect(fit.races).toBe(20_000);
    expect(Math.abs(fit.alpha - 0.6)).toBeLessThan(3 * fit.seAlpha);
    expect(Math.abs(fit.beta - 0.9)).toBeLessThan(3 * fit.seBeta);
    expect(fit.seAlpha).toBeLessThan(0.15);
    expect(fit.iterations).toBeLessThan(20);
  });
  it('the fitted point maximises the likelihood (gradient ~ 0: nearby points are not better)', () => {
    const set = simulate(2_000, 1, 0.3, 'max');
    const fit = fitConditionalLogit(set);
    const ll = (a: number, b: number): number => {
      let s = 0;
      for (let r = 0; r + 1 < set.offsets.length; r++) {
        const lo = set.offsets[r];
        const hi = set.offsets[r + 1];
        const c = combineProbabilities(Array.from(set.f.subarray(lo, hi), Math.exp), Array.from(set.pi.subarray(lo, hi), Math.exp), a, b);
        for (let i = lo; i < hi; i++) if (set.y[i] > 0) s += Math.log(c[i - lo]);
      }
      return s;
    };
    expect(ll(fit.alpha, fit.beta)).toBeCloseTo(fit.logLikelihood, 6);
    for (const [da, db] of [[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01]]) expect(ll(fit.alpha + da, fit.beta + db)).toBeLessThan(fit.logLikelihood);
  });
  it('a dead heat counts each dead-heater with weight 1/2', () => {
    const one = fitConditionalLogit(simulate(500, 0.8, 0.5, 'dh'));
    expect(Number.isFinite(one.alpha)).toBe(true);
    const set = simulate(500, 0.8, 0.5, 'dh');
    const y = set.y.slice();
    // make race 0 a dead heat between its winner and runner 0 (or 1)
    const w = y.subarray(0, set.offsets[1]).indexOf(1);
    y[w === 0 ? 1 : 0] = 1;
    const fit = fitConditionalLogit({ ...set, y });
    expect(fit.races).toBe(500);
    expect(Math.abs(fit.alpha - one.alpha)).toBeLessThan(0.1);
  });
  it('refuses a set without winners and a singular one (model = public)', () => {
    const set = simulate(50, 1, 1, 'x');
    expect(() => fitConditionalLogit({ ...set, y: new Float64Array(set.y.length) })).toThrow(expect.objectContaining({ code: 'STRATEGY_FIT_FAILED' }));
    expect(() => fitConditionalLogit({ ...set, pi: set.f })).toThrow(expect.objectContaining({ code: 'STRATEGY_FIT_FAILED', field: 'hessian' }));
  });
});
