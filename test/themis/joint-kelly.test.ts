import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectedLogGrowth, jointKelly, jointKellyFractions, kktConditions, type JointKellyProblem } from '../../src/themis/joint-kelly.ts';
import { coverKelly } from '../../src/themis/joint-kelly-cover.ts';
import { hitLists, type FinishOrderDistribution } from '../../src/themis/outcomes.ts';
import { parseTicketId, ticketId, type BetType } from '../../src/themis/tickets.ts';
import { ThemisError } from '../../src/themis/errors.ts';
import { harvilleDistribution } from '../../src/strategies/index.ts';

const field = (ps: number[]): Map<number, number> => new Map(ps.map((p, i) => [i + 1, p]));

function problemOf(dist: FinishOrderDistribution, ids: string[], odds: number[], placesPaid: 2 | 3 = 3): JointKellyProblem {
  const hits = hitLists(ids.map((id) => parseTicketId(id)), dist, { placesPaid });
  return { outcomeProb: dist.prob, odds: Float64Array.from(odds), hits };
}

const T1 = (): JointKellyProblem =>
  problemOf(harvilleDistribution(field([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04])), ['win:1', 'place:1', 'quinella:1-2', 'wide:1-2'], [4.0, 1.7, 9.5, 3.2]);

/** T2: A wins .30, A 2nd or 3rd .35, A out .35 (A = runner 1). */
const T2 = (): JointKellyProblem => {
  const dist: FinishOrderDistribution = {
    runners: Int32Array.of(1, 2, 3, 4),
    first: Int32Array.of(1, 2, 2),
    second: Int32Array.of(2, 1, 3),
    third: Int32Array.of(3, 3, 4),
    prob: Float64Array.of(0.3, 0.35, 0.35),
  };
  return problemOf(dist, ['win:1', 'place:1'], [4.0, 1.8]);
};

/** Wealth in every outcome of positive probability. */
function minWealth(p: JointKellyProblem, f: Float64Array): number {
  const s = f.reduce((a, b) => a + b, 0);
  const W = new Float64Array(p.outcomeProb.length).fill(1 - s);
  for (let j = 0; j < f.length; j++) for (let k = p.hits.offsets[j]; k < p.hits.offsets[j + 1]; k++) W[p.hits.outcomes[k]] += f[j] * p.odds[j];
  let m = Infinity;
  for (let w = 0; w < W.length; w++) if (p.outcomeProb[w] > 0) m = Math.min(m, W[w]);
  return m;
}

describe('jointKelly', () => {
  it('jointKelly(T1) matches betting-math 3.3: f* = (0, .297190, .0375, 0), G = .045390', () => {
    const p = T1();
    const r = jointKelly(p);
    [0, 0.29719, 0.0375, 0].forEach((v, i) => expect(r.fractions[i]).toBeCloseTo(v, 6));
    expect(r.fractions[0]).toBe(0);
    expect(r.fractions[3]).toBe(0);
    expect(r.growth).toBeCloseTo(0.04539, 6);
    expect(r.kktResidual).toBeLessThan(1e-9);
    expect(r.fractions[1] + r.fractions[2]).toBeCloseTo(0.33469, 6); // the place-only Kelly stake
  });

  it('jointKelly(T1) satisfies the KKT conditions with the listed values', () => {
    const p = T1();
    const k = kktConditions(p, jointKelly(p).fractions);
    [0.956829, 1, 1, 0.963023].forEach((v, i) => expect(k.ticket[i]).toBeCloseTo(v, 6));
    expect(k.cash).toBeCloseTo(1, 9);
    expect(k.maxViolation).toBeLessThan(1e-9);
  });

  it('jointKelly(T2) gives (0.013636, 0.198864), G = 0.018615, above the naive G = 0.014289', () => {
    const p = T2();
    const r = jointKelly(p);
    expect(r.fractions[0]).toBeCloseTo(0.013636, 6);
    expect(r.fractions[1]).toBeCloseTo(0.198864, 6);
    expect(r.growth).toBeCloseTo(0.018615, 6);
    expect(expectedLogGrowth(p, Float64Array.of(0.3 - 0.7 / 3, (1.8 * 0.65 - 1) / 0.8))).toBeCloseTo(0.014289, 6);
    expect(r.kktResidual).toBeLessThan(1e-9);
  });

  it('jointKelly(win tickets of V1-V4) equals the exclusive-pool closed form', () => {
    const odds = [2.2, 3.3, 4.4, 5.7, 10.0];
    const cases: [number[], number[], number][] = [
      [[0.3, 0.2, 0.25, 0.17, 0.08], [0, 0, 0.029412, 0, 0], 0.0014378],
      [[0.28, 0.19, 0.26, 0.19, 0.08], [0, 0, 0.050721, 0.028451, 0], 0.0047624],
      [[0.225, 0.15, 0.3, 0.23, 0.095], [0, 0, 0.128616, 0.097704, 0.019591], 0.0348567],
      [[0.4, 0.25, 0.18, 0.12, 0.05], [0, 0, 0, 0, 0], 0],
    ];
    for (const [p, want, g] of cases) {
      const prob = problemOf(harvilleDistribution(field(p)), ['win:1', 'win:2', 'win:3', 'win:4', 'win:5'], odds);
      const r = jointKelly(prob);
      want.forEach((v, i) => expect(Math.abs(r.fractions[i] - v)).toBeLessThan(1e-6));
      expect(r.growth).toBeCloseTo(g, 7);
      // Closed form (betting-math 2.1) from the solver's own support: f_k = p_k - R_S / o_k.
      const S = want.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
      const P = S.reduce((a, i) => a + p[i], 0);
      const Q = S.reduce((a, i) => a + 1 / odds[i], 0);
      const reserve = S.length ? (1 - P) / (1 - Q) : 1;
      S.forEach((i) => expect(r.fractions[i]).toBeCloseTo(p[i] - reserve / odds[i], 9));
    }
  });

  it('jointKelly(T1, budget .2) spends exactly the budget and meets the budgeted KKT conditions', () => {
    const p = T1();
    const r = jointKelly(p, { budget: 0.2 });
    const sum = r.fractions.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(0.2, 12);
    expect(r.kktResidual).toBeLessThan(1e-9);
    expect(kktConditions(p, r.fractions, 0.2).maxViolation).toBeLessThan(1e-9);
    expect(r.growth).toBeLessThan(jointKelly(p).growth);
    expect(jointKelly(p, { budget: 0 }).fractions.every((x) => x === 0)).toBe(true);
    const loose = jointKelly(p, { budget: 0.5 }).fractions; // not binding
    jointKelly(p).fractions.forEach((v, i) => expect(loose[i]).toBeCloseTo(v, 12));
  });

  it('jointKelly invests everything when the win pool is an arbitrage, keeping every W > 0', () => {
    const p = problemOf(harvilleDistribution(field([0.4, 0.3, 0.2, 0.1])), ['win:1', 'win:2', 'win:3', 'win:4'], [3, 4, 6, 12]);
    const r = jointKelly(p);
    expect(r.fractions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    [0.4, 0.3, 0.2, 0.1].forEach((v, i) => expect(r.fractions[i]).toBeCloseTo(v, 9));
    expect(r.kktResidual).toBeLessThan(1e-9);
    expect(minWealth(p, r.fractions)).toBeGreaterThan(0);
  });

  it('jointKelly handles twins and dependent tickets (a quinella and both of its exactas)', () => {
    const dist = harvilleDistribution(field([0.35, 0.25, 0.2, 0.12, 0.08]));
    // Twins: same hit set; only the better odds (or the first on a tie) is bet.
    const tw = problemOf(dist, ['win:1', 'win:1', 'win:1'], [3.5, 3.6, 3.6]);
    const rt = jointKelly(tw);
    expect(rt.fractions[0]).toBe(0);
    expect(rt.fractions[2]).toBe(0);
    expect(rt.fractions[1]).toBeCloseTo((0.35 * 3.6 - 1) / 2.6, 9);
    // 1/9 = 1/18 + 1/18: the quinella is exactly replicated by the two exactas.
    const dep = problemOf(dist, ['quinella:1-2', 'exacta:1>2', 'exacta:2>1', 'place:1'], [9, 18, 18, 1.6]);
    const rd = jointKelly(dep);
    expect(rd.kktResidual).toBeLessThan(1e-9);
    expect(rd.growth).toBeGreaterThanOrEqual(coverKelly(dep, 3000).growth - 1e-12);
  });

  it('jointKelly returns zeros for no edge, no tickets, or odds <= 1', () => {
    const dist = harvilleDistribution(field([0.5, 0.3, 0.2]));
    expect(jointKelly(problemOf(dist, ['win:1', 'win:2'], [1.8, 3.0])).fractions).toEqual(Float64Array.of(0, 0));
    const none = jointKelly(problemOf(dist, [], []));
    expect(none.fractions.length).toBe(0);
    expect(none.growth).toBe(0);
    expect(jointKelly(problemOf(dist, ['win:1'], [1])).fractions[0]).toBe(0);
  });

  it('jointKelly rejects bad input naming the field', () => {
    const p = T1();
    const bad = (q: Partial<JointKellyProblem>, opts = {}) => () => jointKelly({ ...p, ...q }, opts);
    expect(bad({ odds: Float64Array.of(4, 1.7, 9.5) })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT', field: 'hits' }));
    expect(bad({ odds: Float64Array.of(4, Number.NaN, 9.5, 3.2) })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_ODDS', field: 'odds[1]' }));
    expect(bad({ odds: Float64Array.of(4, 0, 9.5, 3.2) })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_ODDS' }));
    const probs = p.outcomeProb.slice();
    probs[3] = -0.01;
    expect(bad({ outcomeProb: probs })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_PROBABILITY', field: 'outcomeProb[3]' }));
    const half = p.outcomeProb.map((x) => x / 2);
    expect(bad({ outcomeProb: half })).toThrow(expect.objectContaining({ code: 'THEMIS_PROBS_NOT_NORMALISED' }));
    expect(bad({ outcomeProb: p.outcomeProb.slice(1) })).toThrow(expect.objectContaining({ field: 'outcomeProb' }));
    expect(bad({}, { budget: 1.5 })).toThrow(expect.objectContaining({ field: 'budget' }));
    expect(bad({}, { tolerance: 0 })).toThrow(expect.objectContaining({ field: 'tolerance' }));
    expect(bad({}, { maxIterations: 0.5 })).toThrow(expect.objectContaining({ field: 'maxIterations' }));
    const outOfRange = { ...p.hits, outcomes: p.hits.outcomes.map((w) => (w === 0 ? 99999 : w)) };
    expect(bad({ hits: outOfRange })).toThrow(ThemisError);
  });

  it('jointKelly(random fields and tickets) meets KKT to 1e-6 and beats a long Cover run (property)', () => {
    const types: BetType[] = ['win', 'place', 'quinella', 'wide', 'exacta', 'trio', 'trifecta'];
    const ranges: Record<string, [number, number]> = {
      win: [1.2, 60],
      place: [1.05, 12],
      quinella: [2, 200],
      wide: [1.2, 60],
      exacta: [3, 400],
      trio: [3, 600],
      trifecta: [10, 3000],
    };
    const arb = fc.integer({ min: 4, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        w: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        tickets: fc.array(
          fc.record({
            type: fc.constantFrom(...types),
            runners: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: 3, maxLength: 3 }),
            u: fc.double({ min: 0, max: 1, noNaN: true }),
            edge: fc.double({ min: 0.6, max: 1.6, noNaN: true }),
          }),
          { minLength: 1, maxLength: 14 },
        ),
        placesPaid: fc.constantFrom(2 as const, 3 as const),
      }),
    );
    fc.assert(
      fc.property(arb, ({ w, tickets, placesPaid }) => {
        const s = w.reduce((a, b) => a + b, 0);
        const dist = harvilleDistribution(field(w.map((x) => x / s)));
        const ids = tickets.map((t) => {
          const legs = t.type === 'win' || t.type === 'place' ? 1 : t.type === 'trio' || t.type === 'trifecta' ? 3 : 2;
          return ticketId(t.type, t.runners.slice(0, legs));
        });
        const hits = hitLists(ids.map((id) => parseTicketId(id)), dist, { placesPaid });
        // Odds: either a fair price times an edge factor, or a random JRA-like price.
        const odds = tickets.map((t, j) => {
          let ph = 0;
          for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) ph += dist.prob[hits.outcomes[k]];
          const [lo, hi] = ranges[t.type];
          const o = t.u < 0.5 && ph > 0 ? t.edge / ph : lo * Math.pow(hi / lo, t.u);
          return Math.max(1.0, Math.round(o * 10) / 10);
        });
        const p: JointKellyProblem = { outcomeProb: dist.prob, odds: Float64Array.from(odds), hits };
        const r = jointKelly(p);
        expect(r.kktResidual).toBeLessThan(1e-6);
        const k = kktConditions(p, r.fractions);
        for (let j = 0; j < odds.length; j++) {
          expect(k.ticket[j]).toBeLessThanOrEqual(1 + 1e-6);
          if (r.fractions[j] > 0) expect(Math.abs(k.ticket[j] - 1)).toBeLessThan(1e-6);
        }
        expect(k.cash).toBeLessThanOrEqual(1 + 1e-6);
        if (r.fractions.reduce((a, b) => a + b, 0) < 1 - 1e-9) expect(Math.abs(k.cash - 1)).toBeLessThan(1e-6);
        expect(r.growth).toBeGreaterThanOrEqual(0);
        expect(minWealth(p, r.fractions)).toBeGreaterThan(0);
        expect(r.growth).toBeGreaterThanOrEqual(coverKelly(p, 1500).growth - 1e-12);
      }),
      { numRuns: 80 },
    );
  });
});

/** Seeded uniform numbers (mulberry32). */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An 18-runner race with candidates of all eight bet types: model = Harville of p, market =
 * Harville of a perturbed p priced with JRA payout rates; the best `perType` tickets of each
 * type by model EV (EV > 1).
 */
function race18(seed: number, perType: number): JointKellyProblem {
  const rnd = uniforms(seed);
  const n = 18;
  const raw = Array.from({ length: n }, () => Math.exp(1.6 * (rnd() - 0.5)));
  const p = raw.map((x) => x / raw.reduce((a, b) => a + b, 0));
  const qRaw = p.map((x) => x * Math.exp(0.5 * (rnd() - 0.5)));
  const q = qRaw.map((x) => x / qRaw.reduce((a, b) => a + b, 0));
  const model = harvilleDistribution(field(p));
  const market = harvilleDistribution(field(q));
  // JRA brackets of an 18-runner field: 2 runners in brackets 1-6, 3 in brackets 7 and 8.
  const brackets = new Map(Array.from({ length: n }, (_, i) => [i + 1, i < 12 ? 1 + (i >> 1) : i < 15 ? 7 : 8]));
  const rs = Array.from({ length: n }, (_, i) => i + 1);
  const ids: string[] = [];
  for (const a of rs) ids.push(`win:${a}`, `place:${a}`);
  for (let b = 1; b <= 8; b++) for (let c = b; c <= 8; c++) ids.push(`bracket_quinella:${b}-${c}`);
  for (const a of rs) for (const b of rs) if (a < b) ids.push(`quinella:${a}-${b}`, `wide:${a}-${b}`);
  for (const a of rs) for (const b of rs) if (a !== b) ids.push(`exacta:${a}>${b}`);
  for (const a of rs) for (const b of rs) for (const c of rs) if (a < b && b < c) ids.push(`trio:${a}-${b}-${c}`);
  for (const a of rs) for (const b of rs) for (const c of rs) if (a !== b && b !== c && a !== c) ids.push(`trifecta:${a}>${b}>${c}`);
  const tickets = ids.map((id) => parseTicketId(id));
  const rate: Record<BetType, number> = { win: 0.8, place: 0.8, bracket_quinella: 0.775, quinella: 0.775, wide: 0.775, exacta: 0.75, trio: 0.75, trifecta: 0.725 };
  const prob = (d: FinishOrderDistribution) => {
    const h = hitLists(tickets, d, { placesPaid: 3, brackets });
    return tickets.map((_, j) => {
      let s = 0;
      for (let k = h.offsets[j]; k < h.offsets[j + 1]; k++) s += d.prob[h.outcomes[k]];
      return s;
    });
  };
  const pm = prob(model);
  const pq = prob(market);
  const odds = tickets.map((t, j) => {
    const share = t.betType === 'place' || t.betType === 'wide' ? 3 : 1;
    return Math.max(1, Math.floor((rate[t.betType] / (pq[j] * share)) * 10) / 10);
  });
  const used: Record<string, number> = {};
  const chosen = tickets
    .map((_, j) => j)
    .filter((j) => pm[j] * odds[j] > 1)
    .sort((a, b) => pm[b] * odds[b] - pm[a] * odds[a])
    .filter((j) => (used[tickets[j].betType] = (used[tickets[j].betType] ?? 0) + 1) <= perType);
  const hits = hitLists(chosen.map((j) => tickets[j]), model, { placesPaid: 3, brackets });
  return { outcomeProb: model.prob, odds: Float64Array.from(chosen.map((j) => odds[j])), hits };
}

describe('jointKelly on 18-runner races', () => {
  it('jointKelly(18 runners, all eight bet types, a few hundred tickets) meets KKT and beats Cover', () => {
    for (const seed of [11]) {
      const p = race18(seed, 100);
      expect(p.odds.length).toBeGreaterThan(150);
      const r = jointKelly(p);
      expect(r.kktResidual).toBeLessThan(1e-8);
      expect(r.growth).toBeGreaterThan(0);
      expect(minWealth(p, r.fractions)).toBeGreaterThan(0);
      expect(r.growth).toBeGreaterThanOrEqual(coverKelly(p, 300).growth);
      const budget = 0.5 * r.fractions.reduce((a, b) => a + b, 0);
      const rb = jointKelly(p, { budget });
      expect(rb.fractions.reduce((a, b) => a + b, 0)).toBeCloseTo(budget, 9);
      expect(kktConditions(p, rb.fractions, budget).maxViolation).toBeLessThan(1e-8);
    }
  });

  it('jointKellyFractions(18 runners, all eight bet types) equals jointKelly(...).fractions exactly', () => {
    const p = race18(11, 100);
    expect(Array.from(jointKellyFractions(p))).toEqual(Array.from(jointKelly(p).fractions));
    expect(Array.from(jointKellyFractions(p, { budget: 0.1 }))).toEqual(Array.from(jointKelly(p, { budget: 0.1 }).fractions));
  });
});

describe('jointKelly on small fields with every ticket', () => {
  it('jointKelly(3-5 runners, all tickets of seven bet types) converges despite redundant tickets', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = uniforms(seed);
      const n = 3 + (seed % 3);
      const w = Array.from({ length: n }, () => Math.exp(4 * (rnd() - 0.5)));
      const dist = harvilleDistribution(field(w.map((x) => x / w.reduce((a, b) => a + b, 0))));
      const rs = Array.from({ length: n }, (_, i) => i + 1);
      const ids: string[] = [];
      for (const a of rs) ids.push(`win:${a}`, `place:${a}`);
      for (const a of rs) for (const b of rs) if (a < b) ids.push(`quinella:${a}-${b}`, `wide:${a}-${b}`);
      for (const a of rs) for (const b of rs) if (a !== b) ids.push(`exacta:${a}>${b}`);
      for (const a of rs) for (const b of rs) for (const c of rs) if (a < b && b < c) ids.push(`trio:${a}-${b}-${c}`);
      for (const a of rs) for (const b of rs) for (const c of rs) if (a !== b && b !== c && a !== c) ids.push(`trifecta:${a}>${b}>${c}`);
      const hits = hitLists(ids.map((id) => parseTicketId(id)), dist, { placesPaid: 2 });
      const odds = ids.map((_, j) => {
        let ph = 0;
        for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) ph += dist.prob[hits.outcomes[k]];
        return Math.max(1, Math.round(((0.6 + 0.8 * rnd()) / ph) * 10) / 10);
      });
      const p: JointKellyProblem = { outcomeProb: dist.prob, odds: Float64Array.from(odds), hits };
      const r = jointKelly(p);
      expect(r.kktResidual).toBeLessThan(1e-7);
      expect(minWealth(p, r.fractions)).toBeGreaterThan(0);
    }
  });
});

describe('jointKelly with a budget', () => {
  it('jointKelly(random problems, random budget) meets the budgeted KKT conditions (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.001, max: 1, noNaN: true }), (seed, budget) => {
        const rnd = uniforms(seed);
        const n = 5 + Math.floor(rnd() * 5);
        const w = Array.from({ length: n }, () => 0.05 + rnd());
        const dist = harvilleDistribution(field(w.map((x) => x / w.reduce((a, b) => a + b, 0))));
        const ids = ['win:1', 'win:2', 'place:1', 'place:3', 'quinella:1-2', 'wide:2-3', 'exacta:2>1', 'trio:1-2-3', 'trifecta:1>2>3'];
        const hits = hitLists(ids.map((id) => parseTicketId(id)), dist, { placesPaid: 3 });
        const odds = ids.map((_, j) => {
          let ph = 0;
          for (let k = hits.offsets[j]; k < hits.offsets[j + 1]; k++) ph += dist.prob[hits.outcomes[k]];
          return Math.max(1.1, ((0.7 + 0.6 * rnd()) / ph) * 0.9);
        });
        const p: JointKellyProblem = { outcomeProb: dist.prob, odds: Float64Array.from(odds), hits };
        const r = jointKelly(p, { budget });
        expect(r.fractions.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget + 1e-12);
        expect(kktConditions(p, r.fractions, budget).maxViolation).toBeLessThan(1e-6);
        expect(r.growth).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('jointKelly puts the whole budget on a ticket that always pays more than its stake', () => {
    const dist = harvilleDistribution(field([0.5, 0.3, 0.2]));
    const r = jointKelly(problemOf(dist, ['place:1', 'place:2'], [1.1, 1.05]));
    expect(r.fractions[0]).toBeCloseTo(1, 12);
    expect(r.fractions[1]).toBe(0);
    expect(jointKelly(problemOf(dist, ['place:1'], [1.1]), { budget: 0.25 }).fractions[0]).toBeCloseTo(0.25, 12);
  });
});

describe('kktConditions and expectedLogGrowth', () => {
  it('kktConditions(T1, 0) reports EV per ticket and flags the violation', () => {
    const p = T1();
    const k = kktConditions(p, new Float64Array(4));
    [1.2, 1.234283, 1.526786, 1.247251].forEach((v, i) => expect(k.ticket[i]).toBeCloseTo(v, 6));
    expect(k.cash).toBeCloseTo(1, 12);
    expect(k.maxViolation).toBeCloseTo(0.526786, 6);
  });

  it('kktConditions flags negative fractions, over-budget sums and ruin', () => {
    const p = T1();
    expect(kktConditions(p, Float64Array.of(-0.1, 0.29719, 0.0375, 0)).maxViolation).toBeGreaterThanOrEqual(0.1);
    expect(kktConditions(p, Float64Array.of(0, 0.29719, 0.0375, 0), 0.2).maxViolation).toBeGreaterThanOrEqual(0.13);
    expect(kktConditions(p, Float64Array.of(0, 1, 0, 0)).maxViolation).toBe(Infinity);
    expect(expectedLogGrowth(p, Float64Array.of(0, 1, 0, 0))).toBe(-Infinity);
    expect(() => kktConditions(p, new Float64Array(3))).toThrow(expect.objectContaining({ field: 'fractions' }));
  });

  it('expectedLogGrowth(T1, naive Kelly) is negative: -0.003436', () => {
    expect(expectedLogGrowth(T1(), Float64Array.of(0.066667, 0.33469, 0.061975, 0.112387))).toBeCloseTo(-0.003436, 5);
  });
});

describe('coverKelly', () => {
  it('coverKelly(T1, 20000) approaches the joint optimum', () => {
    const c = coverKelly(T1(), 20000);
    expect(c.growth).toBeCloseTo(0.04539, 6);
    expect(c.fractions[1]).toBeCloseTo(0.29719, 3);
  });
});
