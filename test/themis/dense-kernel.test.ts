/**
 * The dense kernel of the joint Kelly solver: the committed WebAssembly bytes are what the .wat
 * source compiles to; the WebAssembly kernel's factorisations and solves are bit-identical to the
 * TypeScript reference (random positive definite, singular and indefinite matrices, sizes 1-150,
 * growing memory); and decide() gives the same bets, fractions and growth to the last bit with
 * either kernel on random mixed races (the WebAssembly kernel also assembles the Schur system,
 * the TypeScript one leaves that to joint-kelly-schur.ts, so this compares both assemblies).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesModule, bytesPath, compileWat, WASM_SOURCES } from '../../scripts/build-wasm.ts';
import { readFileSync } from 'node:fs';
import { combinationProbabilities, harvilleDistribution } from '../../src/strategies/index.ts';
import { activeDenseKernel, createDenseKernel, denseKernelBytes, setDenseKernel, type DenseKernel } from '../../src/themis/dense-kernel.ts';
import { decide, JRA_PAYOUT_RATES, parseConfig, type BetType, type RaceInput } from '../../src/themis/index.ts';

/** A linear congruential stream in [0, 1) (no RNG library). */
function stream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A symmetric n x n matrix B B' + shift I (indefinite or singular for shift <= 0 and rank < n). */
function gram(n: number, rank: number, shift: number, rnd: () => number): Float64Array {
  const B = Array.from({ length: n * rank }, () => rnd() - 0.5);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let k = 0; k < rank; k++) t += B[i * rank + k] * B[j * rank + k];
      A[i * n + j] = t + (i === j ? shift : 0);
    }
  }
  return A;
}

/** Factor and solve with one kernel: ok flag, the workspace after the factorisation, the solutions. */
function run(kernel: DenseKernel, A: Float64Array, n: number, ridge: number, rhs1: Float64Array, rhs2: Float64Array) {
  const Z = kernel.matrix(n);
  Z.set(A);
  const diag = new Float64Array(n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    diag[i] = A[i * n + i];
    maxDiag = Math.max(maxDiag, Math.abs(diag[i]));
  }
  const ok = kernel.factor(n, diag, ridge, maxDiag);
  const factor = Float64Array.from(kernel.matrix(n));
  const y = new Float64Array(n);
  const y1 = new Float64Array(n);
  const y2 = new Float64Array(n);
  if (ok) {
    kernel.solve(n, rhs1, y);
    kernel.solve2(n, rhs1, y1, rhs2, y2);
  }
  return { ok, factor, y, y1, y2 };
}

/** Same bits (NaN equal to NaN, 0 distinct from -0). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('dense kernel bytes', () => {
  it('the committed bytes are what the .wat source compiles to', async () => {
    for (const src of WASM_SOURCES) {
      const bytes = await compileWat(src);
      const committed = readFileSync(new URL(`../../${bytesPath(src)}`, import.meta.url), 'utf8');
      expect(committed, `${bytesPath(src)} is stale: run npm run build:wasm`).toBe(bytesModule(src, bytes));
    }
    expect(Array.from(denseKernelBytes().subarray(0, 4))).toEqual([0, 97, 115, 109]);
  });

  it('Node uses the WebAssembly kernel by default', () => {
    expect(createDenseKernel().kind).toBe('wasm');
    expect(activeDenseKernel().kind).toBe('wasm');
  });
});

describe('WebAssembly kernel against the TypeScript reference', () => {
  const wasm = createDenseKernel('wasm');
  const js = createDenseKernel('js');

  it('gives bit-identical factors and solutions for every size 1-64 and a few large ones', () => {
    const rnd = stream(7);
    for (const n of [...Array.from({ length: 64 }, (_, i) => i + 1), 85, 97, 128, 150]) {
      const A = gram(n, n + 3, 0.01, rnd);
      const rhs1 = Float64Array.from({ length: n }, () => rnd() - 0.5);
      const rhs2 = Float64Array.from({ length: n }, () => rnd() * 3);
      const a = run(wasm, A, n, 0, rhs1, rhs2);
      const b = run(js, A, n, 0, rhs1, rhs2);
      expect(a.ok, `n = ${n}`).toBe(true);
      expect(b.ok).toBe(true);
      expect(sameBits(a.factor, b.factor), `factor, n = ${n}`).toBe(true);
      expect(sameBits(a.y, b.y), `solve, n = ${n}`).toBe(true);
      expect(sameBits(a.y1, b.y1) && sameBits(a.y2, b.y2), `solve2, n = ${n}`).toBe(true);
      // The solution solves the system.
      let worst = 0;
      for (let i = 0; i < n; i++) {
        let t = -rhs1[i];
        for (let j = 0; j < n; j++) t += A[i * n + j] * a.y[j];
        worst = Math.max(worst, Math.abs(t));
      }
      expect(worst).toBeLessThan(1e-8);
    }
  });

  it('fails at the same pivot on singular and indefinite matrices, and agrees again with a ridge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 39 }), fc.constantFrom(0, -0.5, 1e-12), fc.integer(), (n, rank, shift, seed) => {
        const rnd = stream(seed);
        const A = gram(n, Math.min(rank, n - 1), shift, rnd);
        const rhs1 = Float64Array.from({ length: n }, () => rnd());
        const rhs2 = Float64Array.from({ length: n }, () => rnd());
        for (const ridge of [0, 1e-6, 1]) {
          const a = run(wasm, A, n, ridge, rhs1, rhs2);
          const b = run(js, A, n, ridge, rhs1, rhs2);
          expect(a.ok).toBe(b.ok);
          expect(sameBits(a.factor, b.factor)).toBe(true);
          expect(sameBits(a.y, b.y) && sameBits(a.y1, b.y1) && sameBits(a.y2, b.y2)).toBe(true);
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('keeps working when its memory grows (a 700 x 700 matrix after small ones)', () => {
    const rnd = stream(3);
    const k = createDenseKernel('wasm');
    const small = run(k, gram(5, 8, 0.1, rnd), 5, 0, new Float64Array(5).fill(1), new Float64Array(5).fill(2));
    expect(small.ok).toBe(true);
    const n = 700;
    const A = gram(n, 4, 1, rnd);
    const rhs = Float64Array.from({ length: n }, () => rnd());
    const a = run(k, A, n, 0, rhs, rhs);
    const b = run(js, A, n, 0, rhs, rhs);
    expect(a.ok).toBe(true);
    expect(sameBits(a.factor, b.factor) && sameBits(a.y, b.y) && sameBits(a.y1, b.y2)).toBe(true);
  });
});

describe('decide() with either kernel', () => {
  let previous: DenseKernel | undefined;
  afterEach(() => {
    if (previous !== undefined) setDenseKernel(previous);
  });

  /** A mixed race: all eight bet types, the likeliest combinations, noisy public odds. */
  function mixedRace(seed: number, n: number): RaceInput {
    const rnd = stream(seed);
    const w = Array.from({ length: n }, () => Math.exp(2.4 * (rnd() + rnd() + rnd() - 1.5)));
    const s = w.reduce((a, b) => a + b, 0);
    const dist = harvilleDistribution(new Map(w.map((x, i) => [i + 1, x / s])));
    const bracketOf = (r: number): number => Math.min(8, Math.ceil((r * 8) / n));
    const probs = [...combinationProbabilities(dist, bracketOf)];
    const perType: Record<BetType, number> = { win: n, place: n, bracket_quinella: 20, quinella: 60, wide: 60, exacta: 90, trio: 90, trifecta: 150 };
    const tickets: { id: string; odds: number }[] = [];
    for (const type of Object.keys(perType) as BetType[]) {
      const top = probs.filter(([id]) => id.startsWith(`${type}:`)).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, perType[type]);
      for (const [id, q] of top) {
        const publicP = q * Math.exp(0.5 * (rnd() + rnd() + rnd() - 1.5) * 2);
        tickets.push({ id, odds: Math.max(1, Math.floor((JRA_PAYOUT_RATES[type] / publicP) * 10) / 10) });
      }
    }
    const brackets = new Map<number, number>(Array.from({ length: n }, (_, i) => [i + 1, bracketOf(i + 1)]));
    return { tickets, finishOrder: dist, placesPaid: 3, brackets };
  }

  it('gives the same decision to the last bit on 12 random mixed races', () => {
    const config = parseConfig({ safetyFactor: 0.5, evThreshold: 1.0 });
    for (let i = 0; i < 12; i++) {
      const race = mixedRace(1000 + i, 8 + i);
      previous = setDenseKernel(createDenseKernel('js'));
      const a = decide(race, 10_000_000, config);
      setDenseKernel(createDenseKernel('wasm'));
      const b = decide(race, 10_000_000, config);
      expect(b.bets.length).toBeGreaterThan(0);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(Object.is(b.growth, a.growth)).toBe(true);
    }
  });
});
