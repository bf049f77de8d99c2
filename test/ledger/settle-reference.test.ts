/**
 * Property test of settleTicket and settleRace against the implementation they replaced (kept
 * below verbatim as the reference: a payout-table scan, a runner set and a ticket parse per
 * ticket): on random races (dead heats, scratches, exclusions, brackets, bad rows), random
 * payout tables (missing, unexpected, duplicated and conflicting payouts, bad amounts) and random
 * tickets of all eight bet types (winners, losers, refunds, bad ids and stakes, duplicates,
 * non-canonical ids), both give deep-equal results, or both throw errors of the same class,
 * code, message and context.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PayoutRow, RunnerRow, RunnerStatus } from '../../src/data/rows.ts';
import { parseTicketId, BET_TYPES, LEGS, type BetType, type Ticket } from '../../src/themis/tickets.ts';
import { LedgerError, type LedgerErrorContext } from '../../src/ledger/errors.ts';
import { HKJC_TERMS, JRA_TERMS, type PlaceTerms } from '../../src/data/rules/place-terms.ts';
import { winningCombinations, type WinningCombinations, type WinningOptions } from '../../src/data/rules/winning-combinations.ts';
import { assertStakeYen, payoutYen } from '../../src/ledger/yen.ts';
import * as fast from '../../src/ledger/settle.ts';
import type { Bet, RaceResult, SettledBet, SettledRace, Settlement } from '../../src/ledger/settle.ts';
import { describeError, outcome, type Outcome } from '../reference-outcome.ts';

// ---- The reference: settleTicket, settleRace and their helpers as they were, verbatim. ----

function settleTicket(ticketId: string, stakeYen: number, race: RaceResult, terms: PlaceTerms): Settlement {
  const { settlement } = settleOne({ ticketId, stakeYen }, race, terms, new Map());
  return settlement;
}

/**
 * Settles every bet of one race (each pool's winners are derived once).
 * @param bets - tickets of the race, each ticket at most once
 * @returns each bet's settlement and the race totals
 * @throws LedgerError as settleTicket, and LEDGER_DUPLICATE_TICKET when a ticket appears twice
 * @example
 * settleRace([{ ticketId: 'win:3', stakeYen: 200 }, { ticketId: 'win:5', stakeYen: 100 }], race, JRA_TERMS)
 * // { raceId, bets: [...], stakeYen: 300, refundYen: 0, winningsYen: 860 } when win 3 pays 430
 */
function settleRace(bets: readonly Bet[], race: RaceResult, terms: PlaceTerms): SettledRace {
  const cache = new Map<BetType, WinningCombinations>();
  const seen = new Set<string>();
  const out: SettledBet[] = [];
  let stake = 0;
  let refund = 0;
  let winnings = 0;
  for (const bet of bets) {
    const { settlement, ticket, raceId } = settleOne(bet, race, terms, cache);
    if (seen.has(ticket.id)) {
      throw new LedgerError('LEDGER_DUPLICATE_TICKET', `settleRace: race ${raceId}: ticket ${ticket.id} appears twice (merge its stakes)`, {
        raceId,
        ticketId: ticket.id,
      });
    }
    seen.add(ticket.id);
    out.push({ raceId, ticketId: ticket.id, stakeYen: bet.stakeYen, ...settlement });
    stake += bet.stakeYen;
    if (settlement.kind === 'refund') refund += settlement.payoutYen;
    else winnings += settlement.payoutYen;
  }
  for (const v of [stake, refund, winnings]) {
    if (!Number.isSafeInteger(v)) throw new LedgerError('LEDGER_OVERFLOW', `settleRace: a race total leaves the exact integer range`, { value: v });
  }
  return { raceId: raceIdOf(race), bets: out, stakeYen: stake, refundYen: refund, winningsYen: winnings };
}

function raceIdOf(race: RaceResult): string {
  if (race.runners.length === 0) throw new LedgerError('LEDGER_BAD_RACE', 'settle: the race has no runners');
  return race.runners[0].raceId;
}

function settleOne(
  bet: Bet,
  race: RaceResult,
  terms: PlaceTerms,
  cache: Map<BetType, WinningCombinations>,
): { settlement: Settlement; ticket: Ticket; raceId: string } {
  const raceId = raceIdOf(race);
  const ctx: LedgerErrorContext = { raceId, ticketId: bet.ticketId };
  assertStakeYen(bet.stakeYen, ctx);
  let ticket: Ticket;
  try {
    ticket = parseTicketId(bet.ticketId, 'ticketId');
  } catch (e) {
    throw new LedgerError('LEDGER_BAD_TICKET', `settle: race ${raceId}: ${(e as Error).message}`, { ...ctx, field: 'ticketId', value: bet.ticketId });
  }
  ctx.ticketId = ticket.id;
  let wc = cache.get(ticket.betType);
  if (wc === undefined) {
    const opts: WinningOptions = race.fieldSizeAtSales === undefined ? {} : { fieldSizeAtSales: race.fieldSizeAtSales };
    wc = winningCombinations(race.runners, ticket.betType, terms, opts);
    cache.set(ticket.betType, wc);
  }
  checkNamesRunners(ticket, race.runners, raceId);
  const combination = ticket.id.slice(ticket.id.indexOf(':') + 1);
  ctx.combination = combination;
  const refund = { settlement: { kind: 'refund' as const, payoutYen: bet.stakeYen }, ticket, raceId };
  if (wc.pool === 'not-sold') {
    throw new LedgerError('LEDGER_POOL_NOT_SOLD', `settle: race ${raceId}: no ${ticket.betType} pool was sold (terms ${terms.name}, ${wc.counts.atSales} declared)`, ctx);
  }
  if (wc.pool === 'refunded') return refund;
  if (ticket.betType === 'bracket_quinella') {
    if (ticket.numbers.some((b) => wc.refundedBrackets.includes(b)) || wc.refundedBracketPairs.includes(combination)) return refund;
  } else if (ticket.numbers.some((n) => wc.refundedRunners.includes(n))) {
    return refund;
  }
  const rows = race.payouts.filter((p) => p.betType === ticket.betType && p.combination === combination);
  const values = new Set(rows.map((p) => p.payoutPer100));
  if (values.size > 1) {
    throw new LedgerError(
      'LEDGER_CONFLICTING_PAYOUTS',
      `settle: race ${raceId}: ${ticket.betType} ${combination} has several recorded payouts (${[...values].join(', ')})`,
      ctx,
    );
  }
  const wins = wc.combinations.includes(combination);
  if (wins && rows.length === 0) {
    throw new LedgerError(
      'LEDGER_MISSING_PAYOUT',
      `settle: race ${raceId}: ${ticket.betType} ${combination} wins by the result but has no recorded payout`,
      ctx,
    );
  }
  if (!wins && rows.length > 0) {
    throw new LedgerError(
      'LEDGER_UNEXPECTED_PAYOUT',
      `settle: race ${raceId}: ${ticket.betType} ${combination} has a recorded payout but does not win by the result (winners: ${wc.combinations.join(' ') || 'none'})`,
      ctx,
    );
  }
  if (!wins) return { settlement: { kind: 'lose', payoutYen: 0 }, ticket, raceId };
  return { settlement: { kind: 'win', payoutYen: payoutYen(bet.stakeYen, rows[0].payoutPer100, ctx) }, ticket, raceId };
}

/** A ticket must name runners (or brackets) of the race. */
function checkNamesRunners(ticket: Ticket, runners: readonly RunnerRow[], raceId: string): void {
  const known = new Set(ticket.betType === 'bracket_quinella' ? runners.map((r) => r.bracket) : runners.map((r) => r.runner));
  const missing = ticket.numbers.filter((n) => !known.has(n));
  if (missing.length > 0) {
    throw new LedgerError(
      'LEDGER_BAD_TICKET',
      `settle: race ${raceId}: ticket ${ticket.id} names ${ticket.betType === 'bracket_quinella' ? 'bracket' : 'runner'} ${missing.join(', ')}, not in the race`,
      { raceId, ticketId: ticket.id, field: 'ticketId', value: ticket.id },
    );
  }
  if (ticket.betType === 'bracket_quinella' && ticket.numbers[0] === ticket.numbers[1]) {
    const n = runners.filter((r) => r.bracket === ticket.numbers[0]).length;
    if (n < 2) {
      throw new LedgerError('LEDGER_BAD_TICKET', `settle: race ${raceId}: ticket ${ticket.id}: bracket ${ticket.numbers[0]} holds one runner, so ${ticket.id} is not sold`, {
        raceId,
        ticketId: ticket.id,
        field: 'ticketId',
        value: ticket.id,
      });
    }
  }
}

// ---- Random races, payout tables and tickets. ----

const RACE = 'R1';
const ORDERED: ReadonlySet<BetType> = new Set(['exacta', 'trifecta']);

/** A runner row: mostly finishers with positions 1-6 (dead heats often), sometimes withdrawn or not placed. */
const runnerArb = fc.record({
  runner: fc.integer({ min: 1, max: 12 }),
  bracket: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.constant(null) }),
  status: fc.oneof(
    { weight: 10, arbitrary: fc.constant<RunnerStatus>('ran') },
    { weight: 1, arbitrary: fc.constantFrom<RunnerStatus>('scratched', 'excluded', 'dnf', 'disqualified') },
  ),
  finishPos: fc.integer({ min: 1, max: 6 }),
  badPos: fc.oneof({ weight: 300, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const runnersArb = fc
  .oneof(
    { weight: 60, arbitrary: fc.uniqueArray(runnerArb, { selector: (r) => r.runner, minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.array(runnerArb, { maxLength: 4 }) }, // repeated saddle numbers, or no runner at all
  )
  .map((specs): RunnerRow[] =>
    specs.map((s) => ({
      raceId: RACE,
      runner: s.runner,
      bracket: s.bracket,
      status: s.status,
      finishPos: s.status === 'ran' ? (s.badPos ? null : s.finishPos) : null,
      winOddsFinal: null,
      popularity: null,
    })),
  );

/** A payout per 100: mostly a plain amount, rarely one payoutYen refuses (negative, fraction, too large). */
const payoutArb = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: 100, max: 500_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-10, 150.5, 2 ** 52, 0) },
);

/** A stake: mostly 100-5,000, rarely not a multiple of 100 or so large that a total overflows. */
const stakeArb = fc.oneof(
  { weight: 60, arbitrary: fc.integer({ min: 1, max: 50 }).map((k) => k * 100) },
  { weight: 1, arbitrary: fc.constantFrom(0, 150, -100, 4_503_599_627_370_500, 9_007_199_254_740_900) },
);

/**
 * A combination text of `betType`: mostly distinct numbers of `pool` (the race's runners or
 * brackets) in any order, so maybe not canonical; rarely any numbers 1-13, any count.
 */
function comboArb(betType: BetType, pool: readonly number[]): fc.Arbitrary<string> {
  const legs = LEGS[betType];
  const sep = ORDERED.has(betType) ? '>' : '-';
  const anyArb = fc.integer({ min: 1, max: 3 }).chain((n) => fc.array(fc.integer({ min: 1, max: 13 }), { minLength: n, maxLength: n }));
  if (pool.length < legs || pool.length === 0) return anyArb.map((ns) => ns.join(sep));
  const fromPool = betType === 'bracket_quinella' ? fc.array(fc.constantFrom(...pool), { minLength: legs, maxLength: legs }) : fc.shuffledSubarray([...pool], { minLength: legs, maxLength: legs });
  return fc.oneof({ weight: 30, arbitrary: fromPool }, { weight: 1, arbitrary: anyArb }).map((ns) => ns.join(sep));
}

function randomIdArb(runners: readonly number[], brackets: readonly number[]): fc.Arbitrary<string> {
  return fc.constantFrom(...BET_TYPES).chain((t) => comboArb(t, t === 'bracket_quinella' ? brackets : runners).map((c) => `${t}:${c}`));
}
const badIdArb = fc.constantFrom('foo', 'win:', 'win:0', ':3', 'WIN:3', 'place:3-4', 'quinella:3-3', 'trifecta:1>2', 'bracket_quinella:9-1', 'exacta:3-7');

interface Case {
  race: RaceResult;
  terms: PlaceTerms;
  bets: Bet[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    runners: runnersArb,
    terms: fc.constantFrom(JRA_TERMS, HKJC_TERMS),
    atSales: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 16 }) }),
  })
  .chain(({ runners, terms, atSales }) => {
    const opts = atSales === undefined ? {} : { fieldSizeAtSales: atSales };
    const winners: [BetType, string][] = [];
    for (const t of BET_TYPES) {
      try {
        for (const c of winningCombinations(runners, t, terms, opts).combinations) winners.push([t, c]);
      } catch {
        // a bad race: settlement throws too
      }
    }
    const winnerIds = winners.map(([t, c]) => `${t}:${c}`);
    const saddles = [...new Set(runners.map((r) => r.runner))];
    const brackets = [...new Set(runners.flatMap((r) => (r.bracket === null ? [] : [r.bracket])))];
    const anyIdArb = randomIdArb(saddles, brackets);
    const idArb = fc.oneof(
      { weight: 6, arbitrary: winnerIds.length > 0 ? fc.constantFrom(...winnerIds) : anyIdArb },
      { weight: 12, arbitrary: anyIdArb },
      { weight: 1, arbitrary: badIdArb },
    );
    // Each winner's rows: 0 none (missing), 1 one, 2 two equal, 3 two different (conflicting); mostly one.
    const rowsArb = fc.oneof({ weight: 40, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.constantFrom(0, 2, 3) });
    return fc.record({
      perWinner: fc.array(fc.tuple(rowsArb, payoutArb, payoutArb), { minLength: winners.length, maxLength: winners.length }),
      unexpected: fc.oneof(
        { weight: 12, arbitrary: fc.constant<[BetType, string, number][]>([]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(anyIdArb, payoutArb).map(([id, v]): [BetType, string, number] => [id.slice(0, id.indexOf(':')) as BetType, id.slice(id.indexOf(':') + 1), v]), { minLength: 1, maxLength: 2 }) },
      ),
      bets: fc.array(fc.record({ ticketId: idArb, stakeYen: stakeArb }), { maxLength: 16 }),
      // Rows for the combination of some bets (unexpected unless the bet wins), rarely.
      forBets: fc.oneof(
        { weight: 8, arbitrary: fc.constant<[number, number][]>([]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat(), payoutArb), { minLength: 1, maxLength: 2 }) },
      ),
      shuffle: fc.integer({ min: 0, max: 1_000 }),
    }).map(({ perWinner, unexpected, bets, forBets, shuffle }): Case => {
      const payouts: PayoutRow[] = [];
      winners.forEach(([betType, combination], i) => {
        const [rows, a, b] = perWinner[i];
        for (let k = 0; k < rows && k < 2; k++) payouts.push({ raceId: RACE, betType, combination, payoutPer100: k === 1 && rows === 3 ? b : a });
      });
      for (const [betType, combination, payoutPer100] of unexpected) payouts.push({ raceId: RACE, betType, combination, payoutPer100 });
      for (const [i, payoutPer100] of bets.length === 0 ? [] : forBets) {
        let t: Ticket;
        try {
          t = parseTicketId(bets[i % bets.length].ticketId);
        } catch {
          continue;
        }
        payouts.push({ raceId: RACE, betType: t.betType, combination: t.id.slice(t.id.indexOf(':') + 1), payoutPer100 });
      }
      // Rows in an arbitrary (but reproducible) order: a rotation.
      const s = payouts.length === 0 ? 0 : shuffle % payouts.length;
      const rotated = [...payouts.slice(s), ...payouts.slice(0, s)];
      const race: RaceResult = atSales === undefined ? { runners, payouts: rotated } : { runners, payouts: rotated, fieldSizeAtSales: atSales };
      return { race, terms, bets };
    });
  });

// ---- Comparison. ----

function expectSame<T>(actual: Outcome<T>, expected: Outcome<T>): void {
  if (expected.ok) {
    expect(actual).toStrictEqual(expected);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected)); // same key order too
  } else {
    expect(actual.ok).toBe(false);
    if (!actual.ok) expect(describeError(actual.error)).toStrictEqual(describeError(expected.error));
  }
}

describe('settleRace and settleTicket against the reference implementation', () => {
  it('give the same settlements, or throw the same error, on random races, tables and tickets', () => {
    const seen = { ok: 0, error: new Map<string, number>() };
    fc.assert(
      fc.property(caseArb, ({ race, terms, bets }) => {
        const expected = outcome(() => settleRace(bets, race, terms));
        expectSame(outcome(() => fast.settleRace(bets, race, terms)), expected);
        if (expected.ok) seen.ok++;
        else {
          const code = (expected.error as { code?: string }).code ?? 'other';
          seen.error.set(code, (seen.error.get(code) ?? 0) + 1);
        }
        for (const b of bets) {
          expectSame(
            outcome(() => fast.settleTicket(b.ticketId, b.stakeYen, race, terms)),
            outcome(() => settleTicket(b.ticketId, b.stakeYen, race, terms)),
          );
        }
      }),
      { numRuns: 3_000 },
    );
    if (process.env.SETTLE_STATS) console.log(seen);
    // The generator reaches both settled races and every kind of refusal.
    expect(seen.ok).toBeGreaterThan(500);
    for (const code of ['LEDGER_BAD_TICKET', 'LEDGER_BAD_STAKE', 'LEDGER_DUPLICATE_TICKET', 'LEDGER_MISSING_PAYOUT', 'LEDGER_UNEXPECTED_PAYOUT', 'LEDGER_CONFLICTING_PAYOUTS']) {
      expect(seen.error.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('agrees on a settled race with every kind of result (sanity of the comparison)', () => {
    const runners: RunnerRow[] = [
      [1, 1, 1],
      [2, 2, 1],
      [3, 2, 2],
      [4, null, 3],
    ].map(([runner, finishPos, bracket]) => ({
      raceId: RACE,
      runner: runner as number,
      bracket: bracket as number,
      status: finishPos === null ? ('scratched' as const) : ('ran' as const),
      finishPos,
      winOddsFinal: null,
      popularity: null,
    }));
    const race: RaceResult = { runners, payouts: [{ raceId: RACE, betType: 'win', combination: '1', payoutPer100: 250 }] };
    const bets = [
      { ticketId: 'win:1', stakeYen: 300 },
      { ticketId: 'win:2', stakeYen: 100 },
      { ticketId: 'win:4', stakeYen: 200 },
    ];
    const r = fast.settleRace(bets, race, JRA_TERMS);
    expect(r).toStrictEqual(settleRace(bets, race, JRA_TERMS));
    expect(r.bets.map((b) => b.kind)).toEqual(['win', 'lose', 'refund']);
    expect(r).toMatchObject({ stakeYen: 600, refundYen: 200, winningsYen: 750 });
  });
});
