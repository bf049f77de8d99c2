/**
 * Tests of settleWinColumns, the replay's columnar settlement of win tickets: on random races
 * (scratches, exclusions, dnf, disqualifications, dead heats, missing positions, missing, extra or
 * conflicting payouts, short fields, both terms) it settles exactly as settleRace does, and
 * declines every race settleRace refuses; it settles the ordinary race itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BET_TYPE_CODE, RUNNER_STATUSES, STATUS_CODE, type PayoutRow, type RunnerRow, type RunnerStatus } from '../../src/data/index.ts';
import { HKJC_TERMS, JRA_TERMS, isLedgerError, settleRace, settleWinColumns, WIN_KIND, type PlaceTerms } from '../../src/ledger/index.ts';

interface Race {
  runners: RunnerRow[];
  payouts: PayoutRow[];
  fieldSize: number;
}

/** The columns of a race as the dataset views hold them (payouts of another bet type mixed in). */
function columns(race: Race) {
  const u = {
    runner: Int32Array.from(race.runners, (r) => r.runner),
    status: Uint8Array.from(race.runners, (r) => STATUS_CODE[r.status]),
    finishPos: Int32Array.from(race.runners, (r) => r.finishPos ?? 0),
  };
  const all = [...race.payouts, { raceId: 'R', betType: 'place' as const, combination: '1', payoutPer100: 150 }];
  const p = {
    betType: Uint8Array.from(all, (x) => BET_TYPE_CODE[x.betType]),
    combination: all.map((x) => x.combination),
    payoutPer100: Float64Array.from(all, (x) => x.payoutPer100),
  };
  return { u, p, payoutRows: all.length };
}

function check(race: Race, terms: PlaceTerms, tickets: number[], stakes: number[]): boolean {
  const { u, p, payoutRows } = columns(race);
  const kind = new Uint8Array(tickets.length);
  const pay = new Float64Array(tickets.length);
  const fast = settleWinColumns(u, 0, race.runners.length, p, 0, payoutRows, race.fieldSize, terms, tickets, stakes, tickets.length, kind, pay);
  let slow: { kind: string; payoutYen: number }[] | null = null;
  try {
    slow = settleRace(
      tickets.map((n, k) => ({ ticketId: `win:${n}`, stakeYen: stakes[k] })),
      { runners: race.runners, payouts: race.payouts, fieldSizeAtSales: race.fieldSize },
      terms,
    ).bets;
  } catch (e) {
    if (!(isLedgerError(e) || (e as { code?: string }).code === 'LEDGER_BAD_RACE')) throw e;
  }
  if (fast) {
    expect(slow).not.toBeNull();
    const names = ['win', 'lose', 'refund'];
    expect(tickets.map((_, k) => ({ kind: names[kind[k]], payoutYen: pay[k] }))).toEqual(slow!.map((b) => ({ kind: b.kind, payoutYen: b.payoutYen })));
  }
  return fast;
}

const statusArb = fc.constantFrom<RunnerStatus>('ran', 'ran', 'ran', 'ran', 'ran', 'scratched', 'excluded', 'dnf', 'disqualified');

const raceArb = fc
  .record({
    numbers: fc.uniqueArray(fc.integer({ min: 1, max: 18 }), { minLength: 1, maxLength: 12 }),
    statuses: fc.array(statusArb, { minLength: 12, maxLength: 12 }),
    positions: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }),
    payout: fc.integer({ min: 100, max: 50_000 }).map((x) => x * 10),
    mangle: fc.constantFrom('none', 'none', 'none', 'drop', 'extra', 'conflict', 'nan'),
    fieldExtra: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ numbers, statuses, positions, payout, mangle, fieldExtra }) => {
    const sorted = [...numbers].sort((a, b) => a - b);
    const runners: RunnerRow[] = sorted.map((n, i) => {
      const status = statuses[i];
      // positions 0 for a runner that ran is a bad row (settleRace refuses it); others get 1..4 with ties
      const finishPos = status === 'ran' || status === 'disqualified' ? positions[i] || (i % 7 === 0 ? null : 1 + (i % 4)) : null;
      return { raceId: 'R', runner: n, bracket: null, status, finishPos, winOddsFinal: null, popularity: null };
    });
    const ran = runners.filter((r) => r.status === 'ran' && r.finishPos !== null);
    const best = Math.min(...ran.map((r) => r.finishPos as number));
    const winners = ran.filter((r) => r.finishPos === best).map((r) => r.runner);
    let payouts: PayoutRow[] = winners.map((n) => ({ raceId: 'R', betType: 'win', combination: String(n), payoutPer100: payout }));
    if (mangle === 'drop') payouts = payouts.slice(1);
    if (mangle === 'extra') payouts.push({ raceId: 'R', betType: 'win', combination: String(sorted[0]), payoutPer100: payout });
    if (mangle === 'conflict' && payouts.length > 0) payouts.push({ ...payouts[0], payoutPer100: payout + 10 });
    if (mangle === 'nan' && payouts.length > 0) payouts[0] = { ...payouts[0], payoutPer100: Number.NaN };
    return { runners, payouts, fieldSize: runners.length + fieldExtra - 1 };
  });

describe('settleWinColumns', () => {
  it('settles as settleRace does, and declines what settleRace refuses (random races, both terms)', () => {
    let settled = 0;
    fc.assert(
      fc.property(
        raceArb,
        fc.constantFrom(JRA_TERMS, HKJC_TERMS),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom(100, 200, 1_000, 12_300, 150, 0), { minLength: 4, maxLength: 4 }),
        (race, terms, tickets, stakes) => {
          if (check(race, terms, tickets, stakes.slice(0, tickets.length))) settled++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(settled).toBeGreaterThan(100); // the others exercise the declines
  });

  it('settles an ordinary race itself: winner paid, loser 0, scratched runner refunded, dead heat both paid', () => {
    const row = (runner: number, status: RunnerStatus, finishPos: number | null): RunnerRow => ({ raceId: 'R', runner, bracket: null, status, finishPos, winOddsFinal: null, popularity: null });
    const race: Race = {
      runners: [row(1, 'ran', 2), row(2, 'ran', 1), row(3, 'scratched', null), row(4, 'ran', 1), row(5, 'dnf', null)],
      payouts: [
        { raceId: 'R', betType: 'win', combination: '2', payoutPer100: 430 },
        { raceId: 'R', betType: 'win', combination: '4', payoutPer100: 280 },
      ],
      fieldSize: 5,
    };
    expect(check(race, JRA_TERMS, [1, 2, 3, 4, 5], [100, 300, 200, 1_000, 100])).toBe(true);
    const { u, p, payoutRows } = columns(race);
    const kind = new Uint8Array(5);
    const pay = new Float64Array(5);
    settleWinColumns(u, 0, 5, p, 0, payoutRows, 5, JRA_TERMS, [1, 2, 3, 4, 5], [100, 300, 200, 1_000, 100], 5, kind, pay);
    expect([...kind]).toEqual([WIN_KIND.lose, WIN_KIND.win, WIN_KIND.refund, WIN_KIND.win, WIN_KIND.lose]);
    expect([...pay]).toEqual([0, 1_290, 200, 2_800, 0]);
  });

  it('declines a ticket twice, a runner not in the race, a bad stake and a pool not sold', () => {
    const row = (runner: number): RunnerRow => ({ raceId: 'R', runner, bracket: null, status: 'ran', finishPos: runner, winOddsFinal: null, popularity: null });
    const race: Race = { runners: [row(1), row(2)], payouts: [{ raceId: 'R', betType: 'win', combination: '1', payoutPer100: 200 }], fieldSize: 2 };
    expect(check(race, JRA_TERMS, [1, 1], [100, 100])).toBe(false);
    expect(check(race, JRA_TERMS, [3], [100])).toBe(false);
    expect(check(race, JRA_TERMS, [1], [150])).toBe(false);
    expect(check({ ...race, runners: [row(1)], fieldSize: 1 }, JRA_TERMS, [1], [100])).toBe(false);
    expect(RUNNER_STATUSES.length).toBe(5);
  });
});
