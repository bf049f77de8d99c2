/**
 * The synthetic public offer as ticket columns: the same tickets, odds and order as the offer of
 * `{ id, odds }` objects, and raceColumnsFor puts the win tickets first then the exotic ones of
 * the allowed bet types, as raceInputFor does.
 */
import { describe, expect, it } from 'vitest';
import { syntheticExoticOffer } from '../../../src/sim/backtest/index.ts';
import { syntheticExoticColumns } from '../../../src/sim/backtest/synthetic-exotic-odds.ts';
import { raceColumnsFor, raceInputFor } from '../../../src/strategies/index.ts';
import { BET_TYPES, parseConfig, ticketKey, ticketKeyId, type TicketColumns } from '../../../src/themis/index.ts';

function ids(c: TicketColumns): string[] {
  return Array.from({ length: c.count }, (_, i) => ticketKeyId(ticketKey(c.betType[i], c.first[i], c.second[i], c.third[i])));
}

describe('syntheticExoticColumns', () => {
  it('gives the tickets and odds of syntheticExoticOffer in the same order', () => {
    const config = parseConfig({ betTypes: [...BET_TYPES] });
    for (const n of [18, 9, 5]) {
      const runners = Array.from({ length: n }, (_, i) => i + 1 + (i > 3 ? 1 : 0));
      const w = runners.map((_, i) => 1 / (i + 1.5));
      const s = w.reduce((a, b) => a + b, 0);
      const q = w.map((x) => x / s);
      const brackets = new Map(runners.map((r, i) => [r, Math.min(8, 1 + Math.floor((i * 8) / n))]));
      for (const placesPaid of [2, 3] as const) {
        const offer = syntheticExoticOffer(runners, q, BET_TYPES.slice(1), config, placesPaid, brackets);
        const cols = syntheticExoticColumns(runners, q, BET_TYPES.slice(1), config, placesPaid, brackets);
        expect(ids(cols.tickets)).toEqual(offer.tickets.map((t) => t.id));
        expect(Array.from(cols.tickets.odds.subarray(0, cols.tickets.count))).toEqual(offer.tickets.map((t) => t.odds));
        expect(cols.placesPaid).toBe(offer.placesPaid);
      }
    }
  });

  it('raceColumnsFor orders and filters the tickets as raceInputFor, with the same distribution', () => {
    const runners = [1, 2, 3, 4, 5, 6, 7, 8];
    const p = [0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03];
    const odds = p.map((x) => Math.max(1, Math.floor((0.8 / x) * 10) / 10));
    const config = parseConfig({ betTypes: ['win', 'quinella', 'trio'] });
    const brackets = new Map(runners.map((r) => [r, r]));
    const offerTypes = ['place', 'quinella', 'trio'] as const;
    const offer = syntheticExoticOffer(runners, p, offerTypes, config, 3, brackets);
    const cols = syntheticExoticColumns(runners, p, offerTypes, config, 3, brackets);
    const win = { runners, p, odds };
    const a = raceInputFor(win, config, offer);
    const b = raceColumnsFor(win, config, cols);
    expect(ids(b.tickets)).toEqual(a.tickets.map((t) => t.id));
    expect(Array.from(b.tickets.odds.subarray(0, b.tickets.count))).toEqual(a.tickets.map((t) => t.odds));
    expect(Array.from(b.tickets.p!.subarray(0, runners.length))).toEqual(p);
    expect(b.finishOrder).toEqual(a.finishOrder);
    // Reusing the arrays of an earlier race gives the same race.
    const c = raceColumnsFor(win, config, syntheticExoticColumns(runners, p, offerTypes, config, 3, brackets), b);
    expect(ids(c.tickets)).toEqual(a.tickets.map((t) => t.id));
    expect(c.finishOrder).toEqual(a.finishOrder);
  });
});
