/**
 * Tests of kellyExclusive: betting-math.md vectors V1-V4 (section 2.3), the invariants of the
 * algorithm (R_S non-increasing along the added set, unbet cash = R_S, KKT) and the threshold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kellyExclusive } from '../../src/themis/kelly-exclusive.ts';

const ODDS = [2.2, 3.3, 4.4, 5.7, 10.0];
const VECTORS = [
  { name: 'V1', p: [0.3, 0.2, 0.25, 0.17, 0.08], f: [0, 0, 0.029412, 0, 0], reserve: 0.970588 },
  { name: 'V2', p: [0.28, 0.19, 0.26, 0.19, 0.08], f: [0, 0, 0.050721, 0.028451, 0], reserve: 0.920828 },
  { name: 'V3', p: [0.225, 0.15, 0.3, 0.23, 0.095], f: [0, 0, 0.128616, 0.097704, 0.019591], reserve: 0.754089 },
  { name: 'V4', p: [0.4, 0.25, 0.18, 0.12, 0.05], f: [0, 0, 0, 0, 0], reserve: 1 },
];

/** Checks the invariants of section 2.1 on a result; returns nothing, fails by expect. */
function checkInvariants(p: number[], o: number[], threshold: number, f: Float64Array): void {
  const bet = [...f.keys()].filter((k) => f[k] > 0).sort((a, b) => p[b] * o[b] - p[a] * o[a]);
  let sumP = 0;
  let sumQ = 0;
  let reserve = 1;
  for (const k of bet) {
    expect(p[k] * o[k]).toBeGreaterThan(reserve - 1e-12); // entered because er > R_S
    sumP += p[k];
    sumQ += 1 / o[k];
    const next = (1 - sumP) / (1 - sumQ);
    expect(next).toBeLessThanOrEqual(reserve + 1e-12); // R_S non-increasing
    reserve = next;
  }
  const sumF = f.reduce((a, b) => a + b, 0);
  expect(1 - sumF).toBeCloseTo(reserve, 9); // cash = R_S
  for (const k of bet) expect(f[k]).toBeCloseTo(p[k] - reserve / o[k], 12);
  for (let k = 0; k < p.length; k++) {
    // KKT: every candidate left out has er <= R_S; non-candidates get nothing.
    if (f[k] === 0 && p[k] * o[k] > threshold) expect(p[k] * o[k]).toBeLessThanOrEqual(reserve + 1e-12);
    if (!(p[k] * o[k] > threshold)) expect(f[k]).toBe(0);
  }
}

describe('kellyExclusive(p, odds, evThreshold, out?)', () => {
  for (const v of VECTORS) {
    it(`kellyExclusive(${v.name}, odds, 0) reproduces betting-math 2.3 to 1e-6`, () => {
      const f = kellyExclusive(v.p, ODDS, 0);
      for (let k = 0; k < 5; k++) expect(Math.abs(f[k] - v.f[k])).toBeLessThan(1e-6);
      expect(Math.abs(1 - f.reduce((a, b) => a + b, 0) - v.reserve)).toBeLessThan(1e-6);
      checkInvariants(v.p, ODDS, 0, f);
    });
  }

  it('kellyExclusive(V3, odds, 0) stakes the hedge runner 5 with er 0.95', () => {
    const f = kellyExclusive(VECTORS[2].p, ODDS, 0);
    expect(VECTORS[2].p[4] * ODDS[4]).toBeLessThan(1);
    expect(f[4]).toBeGreaterThan(0.0195);
  });

  it('kellyExclusive(V3, odds, 1.05) drops the hedge: candidates are p*o > threshold only', () => {
    const f = kellyExclusive(VECTORS[2].p, ODDS, 1.05);
    expect(f[4]).toBe(0);
    expect(f[2]).toBeGreaterThan(0);
    expect(f[3]).toBeGreaterThan(0);
    checkInvariants(VECTORS[2].p, ODDS, 1.05, f);
  });

  it('kellyExclusive(p, odds, t, out) writes into out and returns it', () => {
    const out = new Float64Array(8).fill(7);
    const r = kellyExclusive(VECTORS[1].p, ODDS, 0, out);
    expect(r).toBe(out);
    expect(out[2]).toBeCloseTo(0.050721, 6);
    expect(out[0]).toBe(0);
    expect(out[5]).toBe(7); // entries past p.length untouched
  });

  it('kellyExclusive([], [], 0) is empty and a NaN probability is never a candidate', () => {
    expect(kellyExclusive([], [], 0).length).toBe(0);
    const f = kellyExclusive([Number.NaN, 0.5], [3, 3], 0);
    expect(f[0]).toBe(0);
    expect(f[1]).toBeCloseTo(0.25, 12);
  });

  it('kellyExclusive(p, odds, t) throws THEMIS_BAD_INPUT when odds is shorter than p', () => {
    expect(() => kellyExclusive([0.5, 0.5], [2], 0)).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT' }));
  });

  it('kellyExclusive on ties keeps them both (stable order)', () => {
    const f = kellyExclusive([0.3, 0.3, 0.4], [4, 4, 1.5], 0);
    expect(f[0]).toBeCloseTo(f[1], 12);
    expect(f[0]).toBeGreaterThan(0);
  });

  it('kellyExclusive on random fields satisfies the invariants and single-horse Kelly never exceeds it', () => {
    const field = fc
      .integer({ min: 2, max: 18 })
      .chain((n) =>
        fc.record({
          w: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          o: fc.array(fc.integer({ min: 10, max: 2000 }), { minLength: n, maxLength: n }),
          mass: fc.double({ min: 0.5, max: 1, noNaN: true }),
          t: fc.constantFrom(0, 1, 1.05, 1.2),
        }),
      );
    fc.assert(
      fc.property(field, ({ w, o, mass, t }) => {
        const sw = w.reduce((a, b) => a + b, 0);
        const p = w.map((x) => (x / sw) * mass);
        const odds = o.map((x) => x / 10);
        const f = kellyExclusive(p, odds, t);
        checkInvariants(p, odds, t, f);
        for (let k = 0; k < p.length; k++) {
          const single = Math.max(0, (p[k] * odds[k] - 1) / (odds[k] - 1));
          if (p[k] * odds[k] > t && odds[k] > 1) expect(f[k]).toBeGreaterThanOrEqual(single - 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
