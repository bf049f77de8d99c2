import { describe, expect, it } from 'vitest';
import {
  harvilleExacta,
  harvilleQuinella,
  harvilleTopK,
  harvilleTrifecta,
  harvilleTrio,
  harvilleWide,
} from '../../../src/data/synthetic/index.ts';

const p = [0.4, 0.3, 0.2, 0.1];

describe('Harville combination probabilities (betting-math 3.4 vectors)', () => {
  it('harvilleTrifecta(p, i, j, k) on .5 .3 .2', () => {
    const q = [0.5, 0.3, 0.2];
    expect(harvilleTrifecta(q, 0, 1, 2)).toBeCloseTo(0.3, 12);
    expect(harvilleTrifecta(q, 1, 0, 2)).toBeCloseTo(0.214286, 6);
    expect(harvilleTrifecta(q, 2, 1, 0)).toBeCloseTo(0.075, 12);
  });
  it('harvilleTopK(p, i, 2) and (p, i, 3)', () => {
    expect([0, 1, 2, 3].map((i) => harvilleTopK(p, i, 2))).toEqual(
      [0.715873, 0.608333, 0.44127, 0.234524].map((v) => expect.closeTo(v, 6)),
    );
    expect([0, 1, 2, 3].map((i) => harvilleTopK(p, i, 3))).toEqual(
      [0.922222, 0.870238, 0.75873, 0.44881].map((v) => expect.closeTo(v, 6)),
    );
  });
  it('exacta / quinella / wide / trio / trifecta of 1-2(-3)', () => {
    expect(harvilleExacta(p, 0, 1)).toBeCloseTo(0.2, 12);
    expect(harvilleQuinella(p, 0, 1)).toBeCloseTo(0.371429, 6);
    expect(harvilleWide(p, 0, 1)).toBeCloseTo(0.79246, 6);
    expect(harvilleTrio(p, 0, 1, 2)).toBeCloseTo(0.55119, 6);
    expect(harvilleTrifecta(p, 0, 1, 2)).toBeCloseTo(0.133333, 6);
  });
  it('shares of each pool sum to 1 (withdrawn runners at 0 are skipped)', () => {
    const q = [0.3, 0, 0.25, 0.2, 0.15, 0.1];
    const live = [0, 2, 3, 4, 5];
    let top3 = 0;
    let wide = 0;
    let quin = 0;
    let trio = 0;
    for (const i of live) top3 += harvilleTopK(q, i, 3);
    for (const i of live) for (const j of live) if (i < j) {
      wide += harvilleWide(q, i, j);
      quin += harvilleQuinella(q, i, j);
      for (const k of live) if (j < k) trio += harvilleTrio(q, i, j, k);
    }
    expect(top3).toBeCloseTo(3, 12);
    expect(wide).toBeCloseTo(3, 12);
    expect(quin).toBeCloseTo(1, 12);
    expect(trio).toBeCloseTo(1, 12);
  });
});
