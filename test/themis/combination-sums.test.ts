/**
 * Tests of CombinationSums: its sums per combination of every bet type equal, bit for bit, those
 * of the plain pass that adds each outcome to its combinations one at a time (the reference
 * below), on Harville distributions (whose outcomes come in runs of the same first two
 * finishers), on the same outcomes shuffled, and on outcomes with one or two finishers or naming
 * a runner twice (which no distribution of the project makes, but a caller's may).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harvilleDistribution } from '../../src/strategies/index.ts';
import { CombinationSums } from '../../src/themis/combination-sums.ts';
import { sortedTripleKey } from '../../src/themis/hit-list-builder.ts';
import type { FinishOrderDistribution } from '../../src/themis/outcomes.ts';

const FIELDS = ['win', 'place', 'bq', 'quinella', 'wide', 'exacta', 'trio', 'trifecta'] as const;

/** The sums made outcome by outcome, every combination's entry added to in outcome order. */
function reference(dist: FinishOrderDistribution, brackets: ReadonlyMap<number, number>, placesPaid: 2 | 3): Record<(typeof FIELDS)[number], Float64Array> {
  const n = dist.runners.length;
  const idx = new Map(Array.from(dist.runners, (r, i) => [r, i]));
  const bracketOf = Array.from(dist.runners, (r) => brackets.get(r)!);
  const t = {
    win: new Float64Array(n),
    place: new Float64Array(n),
    bq: new Float64Array(81),
    quinella: new Float64Array(n * n),
    wide: new Float64Array(n * n),
    exacta: new Float64Array(n * n),
    trio: new Float64Array(n * n * n),
    trifecta: new Float64Array(n * n * n),
  };
  for (let w = 0; w < dist.prob.length; w++) {
    const a = idx.get(dist.first[w])!;
    const b = dist.second[w] === 0 ? -1 : idx.get(dist.second[w])!;
    const c = dist.third[w] === 0 || b < 0 ? -1 : idx.get(dist.third[w])!;
    const q = dist.prob[w];
    t.win[a] += q;
    t.place[a] += q;
    if (b >= 0) t.place[b] += q;
    if (c >= 0 && placesPaid === 3) t.place[c] += q;
    if (b < 0) continue;
    const ab = a < b ? a * n + b : b * n + a;
    const [x, y] = [bracketOf[a], bracketOf[b]].sort((u, v) => u - v);
    t.bq[x * 9 + y] += q;
    t.quinella[ab] += q;
    t.wide[ab] += q;
    if (c >= 0) {
      t.wide[a < c ? a * n + c : c * n + a] += q;
      t.wide[b < c ? b * n + c : c * n + b] += q;
    }
    t.exacta[a * n + b] += q;
    if (c < 0) continue;
    t.trio[sortedTripleKey(a, b, c, n)] += q;
    t.trifecta[(a * n + b) * n + c] += q;
  }
  return t;
}

const distArb = fc
  .record({
    weights: fc.array(fc.double({ min: 0.01, max: 20, noNaN: true }), { minLength: 2, maxLength: 14 }),
    mode: fc.constantFrom('harville', 'shuffled', 'degenerate'),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ weights, mode, seed }) => {
    const s = weights.reduce((a, b) => a + b, 0);
    const d = harvilleDistribution(new Map(weights.map((x, i) => [i + 1, x / s])));
    let r = seed;
    const rnd = () => ((r = (r * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const order = Array.from(d.prob, (_, i) => i);
    if (mode === 'shuffled') order.sort(() => rnd() - 0.5);
    const dist: FinishOrderDistribution = {
      runners: d.runners,
      first: Int32Array.from(order, (i) => d.first[i]),
      second: Int32Array.from(order, (i) => d.second[i]),
      third: Int32Array.from(order, (i) => d.third[i]),
      prob: Float64Array.from(order, (i) => d.prob[i]),
    };
    if (mode === 'degenerate' && dist.runners.length >= 3) {
      for (let k = 0; k < dist.prob.length; k += 1 + Math.floor(rnd() * 5)) {
        const x = rnd();
        if (x < 0.25) dist.third[k] = dist.first[k];
        else if (x < 0.5) dist.second[k] = dist.first[k];
        else if (x < 0.65) dist.third[k] = dist.second[k];
        else if (x < 0.85) dist.third[k] = 0;
        else dist.second[k] = dist.third[k] = 0;
      }
    }
    return dist;
  });

describe('CombinationSums', () => {
  it('sums every combination bit for bit as the outcome-by-outcome pass does (Harville, shuffled and degenerate outcomes, both place terms)', () => {
    fc.assert(
      fc.property(distArb, fc.constantFrom<2 | 3>(2, 3), (dist, placesPaid) => {
        const brackets = new Map(Array.from(dist.runners, (r) => [r, 1 + ((r * 5) % 8)]));
        const want = reference(dist, brackets, placesPaid);
        const got = new CombinationSums(0xff, dist, brackets).add(dist, placesPaid);
        for (const f of FIELDS) {
          const g = got[f]!;
          for (let k = 0; k < want[f].length; k++) if (!Object.is(g[k], want[f][k])) expect([f, k, g[k]]).toEqual([f, k, want[f][k]]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
