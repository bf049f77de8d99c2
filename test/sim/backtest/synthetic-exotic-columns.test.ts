/**
 * The synthetic public offer as ticket columns: every combination priced from the public Harville
 * distribution (against sums made straight from its outcomes), in bet-type then runner order, the
 * same as the offer of `{ id, odds }` objects; raceColumnsFor puts the win tickets first then the
 * exotic ones of the allowed bet types, as raceInputFor does, and allocateSyntheticRace writes
 * the offer into the race as raceColumnsFor copies it.
 */
import { describe, expect, it } from 'vitest';
import { syntheticExoticOffer } from '../../../src/sim/backtest/index.ts';
import { syntheticExoticColumns } from '../../../src/sim/backtest/synthetic-exotic-odds.ts';
import { allocateSyntheticRace, raceConfig } from '../../../src/sim/backtest/synthetic-stage-one.ts';
import { marketProbabilities } from '../../../src/strategies/index.ts';
import { harvilleDistribution, raceColumnsFor, raceInputFor } from '../../../src/strategies/index.ts';
import { BET_TYPES, parseConfig, ticketKey, ticketKeyId, type BetType, type TicketColumns } from '../../../src/themis/index.ts';

/**
 * The public probability of every combination with a positive one, by canonical id, summed
 * straight from the outcomes of the public Harville distribution (an independent reference).
 */
function referenceProbabilities(runners: number[], q: number[], placesPaid: 2 | 3, brackets: Map<number, number>): Map<string, number> {
  const d = harvilleDistribution(new Map(runners.map((r, i) => [r, q[i]])));
  const sums = new Map<string, number>();
  const add = (id: string, p: number): void => void sums.set(id, (sums.get(id) ?? 0) + p);
  const pair = (x: number, y: number): string => `${Math.min(x, y)}-${Math.max(x, y)}`;
  for (let o = 0; o < d.prob.length; o++) {
    const [a, b, c, p] = [d.first[o], d.second[o], d.third[o], d.prob[o]];
    add(`place:${a}`, p);
    add(`place:${b}`, p);
    add(`quinella:${pair(a, b)}`, p);
    add(`exacta:${a}>${b}`, p);
    add(`wide:${pair(a, b)}`, p);
    add(`bracket_quinella:${pair(brackets.get(a)!, brackets.get(b)!)}`, p);
    if (c === 0) continue;
    if (placesPaid === 3) add(`place:${c}`, p);
    add(`wide:${pair(a, c)}`, p);
    add(`wide:${pair(b, c)}`, p);
    add(`trio:${[a, b, c].sort((x, y) => x - y).join('-')}`, p);
    add(`trifecta:${a}>${b}>${c}`, p);
  }
  for (const [id, p] of sums) if (!(p > 0)) sums.delete(id);
  return sums;
}

function ids(c: TicketColumns): string[] {
  return Array.from({ length: c.count }, (_, i) => ticketKeyId(ticketKey(c.betType[i], c.first[i], c.second[i], c.third[i])));
}

describe('syntheticExoticColumns', () => {
  it('prices every combination of every bet type from the public Harville distribution, in bet-type then runner order', () => {
    const config = parseConfig({ betTypes: [...BET_TYPES] });
    for (const n of [18, 9, 5, 3]) {
      const runners = Array.from({ length: n }, (_, i) => i + 1 + (i > 3 ? 1 : 0));
      const w = runners.map((_, i) => 1 / (i + 1.5));
      const s = w.reduce((a, b) => a + b, 0);
      const q = w.map((x) => x / s);
      const brackets = new Map(runners.map((r, i) => [r, Math.min(8, 1 + Math.floor((i * 8) / n))]));
      for (const placesPaid of [2, 3] as const) {
        const want = referenceProbabilities(runners, q, placesPaid, brackets);
        const cols = syntheticExoticColumns({ runners, q, betTypes: BET_TYPES.slice(1), config, placesPaid, brackets }).tickets;
        const got = ids(cols);
        expect(new Set(got)).toEqual(new Set(want.keys()));
        got.forEach((id, i) => {
          const type = id.slice(0, id.indexOf(':')) as BetType;
          const exact = (config.payoutRates[type] / want.get(id)!) * 10;
          // Floored to 0.1 (a sum in another order may fall on the other side of a step), at least 1.
          expect(cols.odds[i]).toBeGreaterThanOrEqual(Math.max(1, Math.floor(exact - 1e-6) / 10));
          expect(cols.odds[i]).toBeLessThanOrEqual(Math.max(1, Math.floor(exact + 1e-6) / 10));
        });
        // Bet types in BET_TYPES order, then the combinations' numbers ascending.
        const order = (id: string): number[] => [BET_TYPES.indexOf(id.slice(0, id.indexOf(':')) as BetType), ...id.slice(id.indexOf(':') + 1).split(/[->]/).map(Number)];
        const sorted = [...got].sort((x, y) => {
          const [a, b] = [order(x), order(y)];
          for (let k = 0; k < Math.max(a.length, b.length); k++) if ((a[k] ?? 0) !== (b[k] ?? 0)) return (a[k] ?? 0) - (b[k] ?? 0);
          return 0;
        });
        expect(got).toEqual(sorted);
        // The offer as { id, odds } tickets is the same list.
        const offer = syntheticExoticOffer({ runners, q, betTypes: BET_TYPES.slice(1), config, placesPaid, brackets });
        expect(offer.tickets.map((t) => t.id)).toEqual(got);
        expect(offer.tickets.map((t) => t.odds)).toEqual(Array.from(cols.odds.subarray(0, cols.count)));
        expect(offer.placesPaid).toBe(placesPaid);
      }
    }
  });

  it('prices every combination the same whatever the order of the runners given, and fields of 2', () => {
    const config = parseConfig({ betTypes: [...BET_TYPES] });
    const runners = [2, 3, 5, 7, 8, 11];
    const q = [0.3, 0.25, 0.2, 0.12, 0.08, 0.05];
    const brackets = new Map(runners.map((r, i) => [r, 1 + (i >> 1)]));
    const priced = (rs: number[], qs: number[]) => {
      const c = syntheticExoticColumns({ runners: rs, q: qs, betTypes: BET_TYPES.slice(1), config, placesPaid: 3, brackets }).tickets;
      const out = new Map<string, number>();
      ids(c).forEach((id, i) => out.set(id, c.odds[i]));
      return out;
    };
    const ascending = priced(runners, q);
    const reversed = priced([...runners].reverse(), [...q].reverse());
    expect(reversed.size).toBe(ascending.size);
    for (const [id, o] of ascending) expect(reversed.get(id)).toBeCloseTo(o, 9);
    // Harville by hand: quinella 2-3 = q2 q3 / (1 - q2) + q3 q2 / (1 - q3), odds = rate / p floored to 0.1.
    const pq = (0.3 * 0.25) / 0.7 + (0.25 * 0.3) / 0.75;
    expect(ascending.get('quinella:2-3')).toBe(Math.floor((config.payoutRates.quinella / pq) * 10) / 10);
    const two = priced([4, 9], [0.7, 0.3]);
    expect(two.get('exacta:4>9')).toBe(Math.floor((config.payoutRates.exacta / 0.7) * 10) / 10);
    expect([...two.keys()].some((id) => id.startsWith('trifecta'))).toBe(false);
  });

  it('raceColumnsFor orders and filters the tickets as raceInputFor, with the same distribution', () => {
    const runners = [1, 2, 3, 4, 5, 6, 7, 8];
    const p = [0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03];
    const odds = p.map((x) => Math.max(1, Math.floor((0.8 / x) * 10) / 10));
    const config = parseConfig({ betTypes: ['win', 'quinella', 'trio'] });
    const brackets = new Map(runners.map((r) => [r, r]));
    const offerTypes = ['place', 'quinella', 'trio'] as const;
    const offer = syntheticExoticOffer({ runners, q: p, betTypes: offerTypes, config, placesPaid: 3, brackets });
    const cols = syntheticExoticColumns({ runners, q: p, betTypes: offerTypes, config, placesPaid: 3, brackets });
    const win = { runners, p, odds };
    const a = raceInputFor(win, config, offer);
    const b = raceColumnsFor(win, config, cols);
    expect(ids(b.tickets)).toEqual(a.tickets.map((t) => t.id));
    expect(Array.from(b.tickets.odds.subarray(0, b.tickets.count))).toEqual(a.tickets.map((t) => t.odds));
    expect(Array.from(b.tickets.p!.subarray(0, runners.length))).toEqual(p);
    expect(b.finishOrder).toEqual(a.finishOrder);
    // Reusing the arrays of an earlier race gives the same race.
    const c = raceColumnsFor(win, config, syntheticExoticColumns({ runners, q: p, betTypes: offerTypes, config, placesPaid: 3, brackets }), b);
    expect(ids(c.tickets)).toEqual(a.tickets.map((t) => t.id));
    expect(c.finishOrder).toEqual(a.finishOrder);
  });

  it('allocateSyntheticRace writes the offer into the race as raceColumnsFor copies it (allowed bet types only, arrays reused)', () => {
    const runners = Int32Array.from([1, 2, 3, 5, 6, 8, 9]);
    const p = Float64Array.from([0.28, 0.2, 0.16, 0.12, 0.1, 0.08, 0.06]);
    const odds = Float64Array.from([3.1, 4.4, 5.9, 7.5, 9.8, 12.4, 16.1]);
    const brackets = new Map(Array.from(runners, (r, i) => [r, 1 + (i >> 1)] as [number, number]));
    for (const [betTypes, offered, withoutWin] of [
      [[...BET_TYPES], BET_TYPES.slice(1), false],
      [['win', 'quinella', 'trio'], ['quinella', 'trio'], true],
      [['place', 'trifecta'], ['place', 'bracket_quinella', 'trifecta'], false],
    ] as const) {
      const config = parseConfig({ betTypes: [...betTypes] });
      const task = { runners, p, odds, withoutWin, placesPaid: 3 as const, brackets, offered: [...offered] };
      const cfg = raceConfig(config, withoutWin);
      const q = marketProbabilities(odds, config.payoutRates.win);
      const want = raceColumnsFor({ runners, p, odds }, cfg, syntheticExoticColumns({ runners, q, betTypes: task.offered, config, placesPaid: 3, brackets }));
      const first = allocateSyntheticRace(task, config);
      const again = allocateSyntheticRace(task, config, first.race);
      for (const got of [first.race, again.race]) {
        expect(ids(got.tickets)).toEqual(ids(want.tickets));
        expect(Array.from(got.tickets.odds.subarray(0, got.tickets.count))).toEqual(Array.from(want.tickets.odds.subarray(0, want.tickets.count)));
        expect(Array.from(got.tickets.p!.subarray(0, got.tickets.count))).toEqual(Array.from(want.tickets.p!.subarray(0, want.tickets.count)));
        expect(got.placesPaid).toBe(3);
        expect(got.brackets).toBe(brackets);
        expect(got.finishOrder).toEqual(want.finishOrder);
      }
      expect(again.race.tickets.betType).toBe(first.race.tickets.betType);
    }
  });
});
