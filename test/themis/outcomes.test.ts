import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hitLists, hitListsScratch, jraPlacesPaid, ticketProbabilities, type FinishOrderDistribution } from '../../src/themis/outcomes.ts';
import { parseTicketId, type Ticket } from '../../src/themis/tickets.ts';
import { ThemisError } from '../../src/themis/errors.ts';
import { discountedHarvilleDistribution, harvilleDistribution } from '../../src/strategies/index.ts';

const field = (ps: number[]): Map<number, number> => new Map(ps.map((p, i) => [i + 1, p]));
const T = (...ids: string[]): Ticket[] => ids.map((id) => parseTicketId(id));

/** The hit rule written naively, one ticket and one outcome at a time. */
function pays(t: Ticket, a: number, b: number, c: number, placesPaid: 2 | 3, bracket: (r: number) => number): boolean {
  const n = t.numbers;
  const top3 = [a, b, c].filter((x) => x !== 0);
  switch (t.betType) {
    case 'win':
      return a === n[0];
    case 'place':
      return top3.slice(0, placesPaid).includes(n[0]);
    case 'quinella':
      return b !== 0 && new Set([a, b, ...n]).size === 2;
    case 'wide':
      return top3.includes(n[0]) && top3.includes(n[1]);
    case 'exacta':
      return a === n[0] && b === n[1];
    case 'trio':
      return c !== 0 && new Set([a, b, c, ...n]).size === 3;
    case 'trifecta':
      return a === n[0] && b === n[1] && c === n[2];
    case 'bracket_quinella': {
      if (b === 0) return false;
      const x = [bracket(a), bracket(b)].sort();
      return x[0] === n[0] && x[1] === n[1];
    }
  }
}

function naiveLists(tickets: Ticket[], d: FinishOrderDistribution, placesPaid: 2 | 3, bracket: (r: number) => number): number[][] {
  return tickets.map((t) => {
    const out: number[] = [];
    for (let w = 0; w < d.prob.length; w++) if (pays(t, d.first[w], d.second[w], d.third[w], placesPaid, bracket)) out.push(w);
    return out;
  });
}

function lists(h: { offsets: Int32Array; outcomes: Int32Array }): number[][] {
  const out: number[][] = [];
  for (let t = 0; t + 1 < h.offsets.length; t++) out.push([...h.outcomes.subarray(h.offsets[t], h.offsets[t + 1])]);
  return out;
}

describe('hitLists', () => {
  const d3 = harvilleDistribution(field([0.5, 0.3, 0.2]));

  it('hitLists(win, quinella) on 3 runners lists the paying outcomes (TSDoc example)', () => {
    const h = hitLists(T('win:2', 'quinella:1-2'), d3, { placesPaid: 2 });
    expect([...h.offsets]).toEqual([0, 2, 4]);
    expect([...h.outcomes]).toEqual([2, 3, 0, 2]);
    expect(h.outcomeCount).toBe(6);
  });

  it('hitListsScratch gives the lists of hitLists (and overwrites them on its next call)', () => {
    const d = harvilleDistribution(field([0.3, 0.2, 0.15, 0.1, 0.09, 0.07, 0.05, 0.04]));
    const tickets = T('win:2', 'place:1', 'quinella:1-2', 'wide:1-3', 'exacta:2>1', 'trio:1-2-3', 'trifecta:3>1>2', 'place:1');
    const copy = (h: { offsets: Int32Array; outcomes: Int32Array; outcomeCount: number }) => ({
      offsets: Array.from(h.offsets),
      outcomes: Array.from(h.outcomes),
      outcomeCount: h.outcomeCount,
    });
    const fresh = copy(hitLists(tickets, d, { placesPaid: 3 }));
    expect(copy(hitListsScratch(tickets, d, { placesPaid: 3 }))).toEqual(fresh);
    expect(copy(hitListsScratch(tickets.slice(0, 3), d, { placesPaid: 2 }))).toEqual(copy(hitLists(tickets.slice(0, 3), d, { placesPaid: 2 })));
    expect(copy(hitListsScratch(tickets, d, { placesPaid: 3 }))).toEqual(fresh);
  });

  it('hitLists(place) pays on the top 2 or top 3 as asked', () => {
    const d = harvilleDistribution(field([0.4, 0.3, 0.2, 0.1]));
    const p2 = ticketProbabilities(hitLists(T('place:1', 'place:4'), d, { placesPaid: 2 }), d);
    const p3 = ticketProbabilities(hitLists(T('place:1', 'place:4'), d, { placesPaid: 3 }), d);
    expect(p2[0]).toBeCloseTo(0.715873, 6);
    expect(p2[1]).toBeCloseTo(0.234524, 6);
    expect(p3[0]).toBeCloseTo(0.922222, 6);
    expect(p3[1]).toBeCloseTo(0.44881, 6);
    expect(jraPlacesPaid(7)).toBe(2);
    expect(jraPlacesPaid(8)).toBe(3);
  });

  it('ticketProbabilities(exotics of .4 .3 .2 .1) matches the Harville and Benter tables', () => {
    const ids = T('exacta:1>2', 'quinella:1-2', 'wide:1-2', 'trio:1-2-3', 'trifecta:1>2>3', 'win:3');
    const dh = harvilleDistribution(field([0.4, 0.3, 0.2, 0.1]));
    const ph = ticketProbabilities(hitLists(ids, dh, { placesPaid: 3 }), dh);
    [0.2, 0.371429, 0.79246, 0.55119, 0.133333, 0.2].forEach((v, i) => expect(ph[i]).toBeCloseTo(v, 6));
    const db = discountedHarvilleDistribution(field([0.4, 0.3, 0.2, 0.1]));
    const pb = ticketProbabilities(hitLists(ids, db, { placesPaid: 3 }), db);
    expect(pb[0]).toBeCloseTo(0.187726, 6);
    expect(pb[1]).toBeCloseTo(0.345978, 6);
    expect(pb[2]).toBeCloseTo(0.736991, 6);
    expect(pb[4]).toBeCloseTo(0.114657, 6);
  });

  it('hitLists(bracket_quinella) uses the brackets of the top two and needs them', () => {
    const d = harvilleDistribution(field([0.3, 0.25, 0.2, 0.15, 0.1]));
    const brackets = new Map([[1, 1], [2, 2], [3, 3], [4, 3], [5, 4]]);
    const h = hitLists(T('bracket_quinella:3-3', 'bracket_quinella:1-3'), d, { placesPaid: 2, brackets });
    const want = naiveLists(T('bracket_quinella:3-3', 'bracket_quinella:1-3'), d, 2, (r) => brackets.get(r) ?? 0);
    expect(lists(h)).toEqual(want);
    const p = ticketProbabilities(h, d);
    const q34 = ticketProbabilities(hitLists(T('quinella:3-4'), d, { placesPaid: 2 }), d)[0];
    expect(p[0]).toBeCloseTo(q34, 15);
    expect(() => hitLists(T('bracket_quinella:1-3'), d, { placesPaid: 2 })).toThrow(expect.objectContaining({ code: 'THEMIS_BAD_INPUT', field: 'brackets' }));
    expect(() => hitLists(T('win:1'), d, { placesPaid: 2 })).not.toThrow();
  });

  it('hitLists rejects a ticket naming a runner not in the field, naming the ticket', () => {
    try {
      hitLists(T('win:1', 'trio:1-2-9'), d3, { placesPaid: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ThemisError);
      expect((e as ThemisError).code).toBe('THEMIS_BAD_INPUT');
      expect((e as ThemisError).value).toBe('trio:1-2-9');
      expect((e as Error).message).toContain('trio:1-2-9');
    }
  });

  it('hitLists rejects a malformed distribution and a bad placesPaid', () => {
    const bad = { ...d3, third: new Int32Array(5) };
    expect(() => hitLists(T('win:1'), bad, { placesPaid: 2 })).toThrow(ThemisError);
    const stray = { ...d3, first: Int32Array.from(d3.first, (r) => (r === 3 ? 8 : r)) };
    expect(() => hitLists(T('win:1'), stray, { placesPaid: 2 })).toThrow(/not in dist.runners/);
    expect(() => hitLists(T('win:1'), d3, { placesPaid: 4 as 3 })).toThrow(ThemisError);
  });

  it('hitLists on a 2-runner field: no trio/trifecta hits, wide pays on the pair', () => {
    const d = harvilleDistribution(new Map([[1, 0.6], [2, 0.4]]));
    const h = hitLists(T('win:1', 'place:2', 'quinella:1-2', 'exacta:2>1', 'wide:1-2'), d, { placesPaid: 2 });
    expect(lists(h)).toEqual([[0], [0, 1], [0, 1], [1], [0, 1]]);
  });

  it('hitLists keeps duplicate tickets apart and handles an empty ticket list', () => {
    const h = hitLists(T('win:1', 'win:1'), d3, { placesPaid: 2 });
    expect(lists(h)).toEqual([[0, 1], [0, 1]]);
    expect([...hitLists([], d3, { placesPaid: 2 }).offsets]).toEqual([0]);
  });

  it('hitLists(random tickets, random fields) equals the naive rule (property)', () => {
    const arb = fc
      .integer({ min: 2, max: 9 })
      .chain((n) =>
        fc.record({
          n: fc.constant(n),
          placesPaid: fc.constantFrom(2 as const, 3 as const),
          tickets: fc.array(
            fc.record({
              type: fc.constantFrom('win', 'place', 'quinella', 'wide', 'exacta', 'trio', 'trifecta', 'bracket_quinella'),
              perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: Math.min(n, 3), maxLength: Math.min(n, 3) }),
              b: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })),
            }),
            { maxLength: 25 },
          ),
        }),
      );
    fc.assert(
      fc.property(arb, ({ n, placesPaid, tickets }) => {
        const legs = { win: 1, place: 1, quinella: 2, wide: 2, exacta: 2, trio: 3, trifecta: 3, bracket_quinella: 2 } as const;
        const ts: Ticket[] = [];
        for (const t of tickets) {
          const k = legs[t.type as keyof typeof legs];
          if (t.type === 'bracket_quinella') ts.push(parseTicketId(`bracket_quinella:${t.b[0]}-${t.b[1]}`));
          else if (t.perm.length >= k) {
            const sep = t.type === 'exacta' || t.type === 'trifecta' ? '>' : '-';
            ts.push(parseTicketId(`${t.type}:${t.perm.slice(0, k).join(sep)}`));
          }
        }
        const d = harvilleDistribution(field(Array.from({ length: n }, () => 1 / n)));
        const bracket = (r: number) => ((r - 1) % 8) + 1;
        const brackets = new Map(Array.from({ length: n }, (_, i) => [i + 1, bracket(i + 1)]));
        expect(lists(hitLists(ts, d, { placesPaid, brackets }))).toEqual(naiveLists(ts, d, placesPaid, bracket));
      }),
      { numRuns: 150 },
    );
  });
});
