/**
 * Tests of settleKeyColumns, the replay's settlement of tickets given as keys: on random races
 * of every bet type (scratches, exclusions, dnf, disqualifications, dead heats, missing
 * positions, brackets emptied or left with one runner, short fields, both terms, missing, extra,
 * conflicting or bad payouts, tickets twice, runners not in the race, bad stakes) it settles
 * exactly as settleRace does on the tickets' ids, and declines every race settleRace refuses; it
 * settles every race of the shared HKJC data as settleRace does; it settles the ordinary race
 * itself.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset, writeDataset, type PayoutRow, type RunnerRow, type RunnerStatus } from '../../src/data/index.ts';
import { importHkjc } from '../../src/data/importers/hkjc.ts';
import { runnerRowAt, payoutRowAt } from '../../src/data/io/dataset-rows.ts';
import { HKJC_TERMS, JRA_TERMS, isLedgerError, settleKeyColumns, settleRace, winningCombinations, WIN_KIND, type PlaceTerms, type RaceResult } from '../../src/ledger/index.ts';
import { BET_TYPES, ticketKey, ticketKeyId } from '../../src/themis/index.ts';
import { sharedPath } from '../shared-data.ts';
import { tempDir } from '../sim/backtest/fixtures.ts';

const NAMES = ['win', 'lose', 'refund'];

/** Settles with both; expects the same bets when the keys' settlement does not decline, and a decline when settleRace throws. */
function check(race: RaceResult, terms: PlaceTerms, keys: number[], stakes: number[]): boolean {
  const kinds = new Uint8Array(keys.length);
  const back = new Float64Array(keys.length);
  const fast = settleKeyColumns(race, terms, keys, stakes, keys.length, kinds, back);
  let slow: { ticketId: string; kind: string; payoutYen: number }[] | null = null;
  try {
    slow = settleRace(
      keys.map((key, k) => ({ ticketId: ticketKeyId(key), stakeYen: stakes[k] })),
      race,
      terms,
    ).bets;
  } catch (e) {
    if (!(isLedgerError(e) || (e as { code?: string }).code === 'LEDGER_BAD_RACE')) throw e;
  }
  if (slow === null) expect(fast).toBe(false);
  if (fast) {
    expect(keys.map((key, k) => ({ ticketId: ticketKeyId(key), kind: NAMES[kinds[k]], payoutYen: back[k] }))).toEqual(
      slow!.map((b) => ({ ticketId: b.ticketId, kind: b.kind, payoutYen: b.payoutYen })),
    );
  }
  return fast;
}

/** Every combination of `betType` over runners (brackets for bracket quinella) 1..n, as keys. */
function allKeys(code: number, n: number): number[] {
  const out = new Set<number>();
  const legs = [1, 1, 2, 2, 2, 2, 3, 3][code];
  for (let a = 1; a <= n; a++) {
    if (legs === 1) out.add(ticketKey(code, a, 0, 0));
    else
      for (let b = 1; b <= n; b++) {
        if (legs === 2) {
          if (a !== b || code === 2) out.add(ticketKey(code, a, b, 0));
        } else for (let c = 1; c <= n; c++) if (a !== b && b !== c && a !== c) out.add(ticketKey(code, a, b, c));
      }
  }
  return [...out];
}

const statusArb = fc.constantFrom<RunnerStatus>('ran', 'ran', 'ran', 'ran', 'ran', 'ran', 'scratched', 'excluded', 'dnf', 'disqualified');

/** A random race with the payouts its result gives (per pool derived by winningCombinations), then mangled. */
const raceArb = fc
  .record({
    numbers: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 10 }),
    statuses: fc.array(statusArb, { minLength: 10, maxLength: 10 }),
    positions: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 10, maxLength: 10 }),
    brackets: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 10, maxLength: 10 }),
    payout: fc.integer({ min: 100, max: 50_000 }).map((x) => x * 10),
    mangle: fc.constantFrom('none', 'none', 'none', 'none', 'drop', 'extra', 'conflict', 'duplicate', 'nan', 'noncanonical'),
    fieldExtra: fc.integer({ min: 0, max: 3 }),
    terms: fc.constantFrom(JRA_TERMS, HKJC_TERMS),
  })
  .map(({ numbers, statuses, positions, brackets, payout, mangle, fieldExtra, terms }) => {
    const sorted = [...numbers].sort((a, b) => a - b);
    const runners: RunnerRow[] = sorted.map((n, i) => {
      const status = statuses[i];
      const finishPos = status === 'ran' || status === 'disqualified' ? positions[i] || (i % 7 === 0 ? null : 1 + (i % 4)) : null;
      return { raceId: 'R', runner: n, bracket: brackets[i], status, finishPos, winOddsFinal: null, popularity: null };
    });
    const fieldSize = runners.length + fieldExtra - 1;
    let payouts: PayoutRow[] = [];
    for (const betType of BET_TYPES) {
      try {
        const wc = winningCombinations(runners, betType, terms, { fieldSizeAtSales: fieldSize });
        wc.combinations.forEach((c, i) => payouts.push({ raceId: 'R', betType, combination: c, payoutPer100: payout + 10 * i }));
      } catch {
        // a race the rules refuse: no payouts of that pool
      }
    }
    if (mangle === 'drop') payouts = payouts.slice(1);
    if (mangle === 'extra') payouts.push({ raceId: 'R', betType: 'quinella', combination: `${sorted[0]}-${sorted[sorted.length - 1] + 1}`, payoutPer100: payout });
    if (mangle === 'conflict' && payouts.length > 0) payouts.push({ ...payouts[0], payoutPer100: payouts[0].payoutPer100 + 10 });
    if (mangle === 'duplicate' && payouts.length > 0) payouts.push({ ...payouts[payouts.length - 1] });
    if (mangle === 'nan' && payouts.length > 0) payouts[0] = { ...payouts[0], payoutPer100: Number.NaN };
    if (mangle === 'noncanonical') payouts = payouts.map((p) => (p.betType === 'quinella' ? { ...p, combination: p.combination.split('-').reverse().join('-') } : p));
    return { race: { runners, payouts, fieldSizeAtSales: fieldSize }, terms };
  });

describe('settleKeyColumns', () => {
  it('settles as settleRace does on the ids, and declines what settleRace refuses (random races of every bet type, both terms)', () => {
    let settled = 0;
    let winners = 0;
    fc.assert(
      fc.property(
        raceArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(100, 200, 1_000, 12_300, 100, 100, 100, 150), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        ({ race, terms }, legs, stakes, withWinners) => {
          // Legs mostly runners (brackets) of the race, now and then one that is not in it.
          const numbers = race.runners.map((x) => x.runner);
          const leg = (i: number, bq: boolean) => (bq ? 1 + (i % 4) : i >= 38 ? 13 : numbers[i % numbers.length]);
          const keys: number[] = [];
          for (const [code, a, b, c] of legs) {
            const n = [1, 1, 2, 2, 2, 2, 3, 3][code];
            const bq = code === 2;
            const x = leg(a, bq);
            const y = n >= 2 ? leg(b, bq) : 0;
            const z = n === 3 ? leg(c, bq) : 0;
            if (!bq && ((n >= 2 && x === y) || (n === 3 && (z === x || z === y)))) continue; // not a ticket
            keys.push(ticketKey(code, x, y, z));
          }
          if (keys.length === 0) return;
          // Half the cases add every winner the payouts name (random tickets rarely win).
          if (withWinners) {
            for (const p of race.payouts) {
              const code = BET_TYPES.indexOf(p.betType);
              const key = allKeys(code, 13).find((k) => ticketKeyId(k) === `${p.betType}:${p.combination}`);
              if (key !== undefined && !keys.includes(key)) keys.push(key);
            }
          }
          const st = keys.map((_, k) => stakes[k % stakes.length]);
          if (check(race, terms, keys, st)) {
            settled++;
            if (withWinners && race.payouts.length > 0) winners++;
          }
        },
      ),
      { numRuns: 8000 },
    );
    expect(settled).toBeGreaterThan(300); // the others exercise the declines
    expect(winners).toBeGreaterThan(50);
  });

  it('settles an ordinary race itself: winners of each pool paid, losers 0, a scratched runner refunded, a dead heat paid twice', () => {
    const row = (runner: number, bracket: number, status: RunnerStatus, finishPos: number | null): RunnerRow => ({ raceId: 'R', runner, bracket, status, finishPos, winOddsFinal: null, popularity: null });
    const runners = [row(1, 1, 'ran', 3), row(2, 1, 'ran', 1), row(3, 2, 'scratched', null), row(4, 2, 'ran', 1), row(5, 3, 'ran', 4), row(6, 3, 'ran', 5), row(7, 4, 'ran', 6), row(8, 4, 'ran', 7)];
    const payouts: PayoutRow[] = [
      { raceId: 'R', betType: 'win', combination: '2', payoutPer100: 430 },
      { raceId: 'R', betType: 'win', combination: '4', payoutPer100: 280 },
      { raceId: 'R', betType: 'quinella', combination: '2-4', payoutPer100: 990 },
      { raceId: 'R', betType: 'exacta', combination: '2>4', payoutPer100: 1_500 },
      { raceId: 'R', betType: 'exacta', combination: '4>2', payoutPer100: 1_400 },
    ];
    const race: RaceResult = { runners, payouts, fieldSizeAtSales: 8 };
    const keys = [ticketKey(0, 2, 0, 0), ticketKey(0, 1, 0, 0), ticketKey(3, 4, 2, 0), ticketKey(5, 4, 2, 0), ticketKey(5, 1, 2, 0), ticketKey(3, 3, 5, 0), ticketKey(0, 4, 0, 0)];
    const stakes = [100, 300, 200, 1_000, 100, 500, 200];
    expect(check(race, JRA_TERMS, keys, stakes)).toBe(true);
    const kinds = new Uint8Array(keys.length);
    const back = new Float64Array(keys.length);
    settleKeyColumns(race, JRA_TERMS, keys, stakes, keys.length, kinds, back);
    expect([...kinds]).toEqual([WIN_KIND.win, WIN_KIND.lose, WIN_KIND.win, WIN_KIND.win, WIN_KIND.lose, WIN_KIND.refund, WIN_KIND.win]);
    expect([...back]).toEqual([430, 0, 1_980, 14_000, 0, 500, 560]);
  });

  it('declines a ticket twice, a runner not in the race, a bad stake, a missing payout and a key that is no ticket', () => {
    const row = (runner: number): RunnerRow => ({ raceId: 'R', runner, bracket: null, status: 'ran', finishPos: runner, winOddsFinal: null, popularity: null });
    const race: RaceResult = {
      runners: [row(1), row(2), row(3)],
      payouts: [
        { raceId: 'R', betType: 'quinella', combination: '1-2', payoutPer100: 300 },
        { raceId: 'R', betType: 'win', combination: '1', payoutPer100: 200 },
      ],
      fieldSizeAtSales: 3,
    };
    const q12 = ticketKey(3, 1, 2, 0);
    expect(check(race, JRA_TERMS, [q12], [100])).toBe(true);
    expect(check(race, JRA_TERMS, [q12, q12], [100, 100])).toBe(false);
    expect(check(race, JRA_TERMS, [ticketKey(3, 1, 4, 0)], [100])).toBe(false);
    expect(check(race, JRA_TERMS, [q12], [150])).toBe(false);
    expect(check(race, JRA_TERMS, [ticketKey(5, 1, 2, 0)], [100])).toBe(false); // exacta 1>2 wins, no payout recorded
    // A recorded combination written otherwise than canonically matches no ticket: the winner has no payout.
    for (const written of ['01-2', '1-2 ', '1-2-3', '2-1', '1>2', ' 1-2', '1-02']) {
      expect(check({ ...race, payouts: [{ raceId: 'R', betType: 'quinella', combination: written, payoutPer100: 300 }] }, JRA_TERMS, [q12], [100]), written).toBe(false);
    }
    expect(settleKeyColumns(race, JRA_TERMS, [3_020_100], [100], 1, new Uint8Array(1), new Float64Array(1))).toBe(false); // quinella 2-1 is not canonical
    expect(settleKeyColumns(race, JRA_TERMS, [3_010_100], [100], 1, new Uint8Array(1), new Float64Array(1))).toBe(false); // quinella 1-1
  });
});

const root = sharedPath('datasets/hkjc/data');

describe.skipIf(!root)('settleKeyColumns on the shared HKJC data', () => {
  it('settles the winners, a loser and a refund of every pool of every race as settleRace does (or declines where it throws)', async () => {
    const { rows, meta } = await importHkjc(root!, { skipBadRows: false });
    const dir = join(tempDir(), 'hkjc-keys');
    await writeDataset(dir, rows, meta, { created: '2024-01-01T00:00:00.000Z' });
    const ds = await readDataset(dir);
    let settled = 0;
    let paid = 0;
    for (let r = 0; r < ds.races.length; r++) {
      const raceId = ds.races.raceId[r];
      const runners: RunnerRow[] = [];
      for (let i = ds.runners.raceOffsets[r]; i < ds.runners.raceOffsets[r + 1]; i++) runners.push(runnerRowAt(ds.runners, i, raceId));
      const payouts: PayoutRow[] = [];
      for (let j = ds.payouts.raceOffsets[r]; j < ds.payouts.raceOffsets[r + 1]; j++) payouts.push(payoutRowAt(ds.payouts, j, raceId));
      const race: RaceResult = { runners, payouts, fieldSizeAtSales: ds.races.fieldSize[r] };
      const types = new Set(payouts.map((p) => BET_TYPES.indexOf(p.betType)));
      const numbers = runners.map((x) => x.runner).filter((n) => n >= 1 && n <= 14);
      const keys: number[] = [];
      for (const code of types) {
        const all = allKeys(code, code === 2 ? 8 : Math.max(...numbers, 3)).filter((k) => {
          const legs = [Math.floor(k / 10_000) % 100, Math.floor(k / 100) % 100, k % 100].filter((n) => n > 0);
          return code === 2 || legs.every((n) => numbers.includes(n));
        });
        const paidKeys = all.filter((k) => payouts.some((p) => `${p.betType}:${p.combination}` === ticketKeyId(k)));
        keys.push(...paidKeys, ...all.filter((k) => !paidKeys.includes(k)).slice(0, 3));
      }
      if (keys.length === 0) continue;
      if (check(race, HKJC_TERMS, keys, keys.map((_, k) => 100 * (1 + (k % 5))))) {
        settled++;
        paid += payouts.length;
      }
    }
    expect(settled).toBeGreaterThan(0.9 * ds.races.length);
    expect(paid).toBeGreaterThan(settled);
  }, 300_000);
});
