/**
 * Settlement of tickets against a race's result and its recorded payouts table. Layer: ledger
 * (imports data types and the ticket-id format only); pure. Units: integer currency units
 * (yen for JRA, HK$ for HKJC); payouts per 100 staked; stakes multiples of 100.
 *
 * A ticket is
 * - refunded when its pool is refunded as a whole (void race, too few starters or finishers),
 *   when it names a scratched or excluded runner, or (bracket quinella) an emptied bracket or a
 *   same-bracket pair left with one runner;
 * - a win when its combination is among the winning combinations derived from the runners:
 *   it is paid `stakeYen / 100 * payoutPer100` from the recorded payouts table;
 * - a loss otherwise.
 * The derived result and the recorded table must agree on the ticket: a winning combination
 * without a recorded payout (LEDGER_MISSING_PAYOUT) or a recorded payout for a combination the
 * result does not make win (LEDGER_UNEXPECTED_PAYOUT) throws, naming race and combination;
 * money is never paid as 0 or guessed.
 *
 * Simulated pools (no recorded table): the ledger imports data types only, so it does not call
 * the pari-mutuel formula (src/data/parimutuel.ts). The backtester computes `payoutPer100` for
 * the combinations winningCombinations returns, from the pool's stakes, writes them as PayoutRow
 * and settles through settleRace like recorded payouts. One case it must handle itself: 特払い
 * (no winning ticket sold) pays every ticket of the pool, losers included, which settleRace
 * would count as losses.
 *
 * What the tickets of a race share (each pool's winners, the race's saddle numbers and brackets,
 * its payout table by combination) is looked up once per race, and parsed ticket ids are
 * memoised (race-index.ts); the checks and errors stay here, in a fixed order (settleOne).
 */
import type { PayoutRow, RunnerRow } from '../data/rows.ts';
import type { Ticket } from '../themis/tickets.ts';
import { LedgerError, type LedgerErrorContext } from './errors.ts';
import type { PlaceTerms } from '../data/rules/place-terms.ts';
import type { WinningCombinations } from '../data/rules/winning-combinations.ts';
import { parseTicketIdMemo, RaceIndex, type ParsedTicket } from './race-index.ts';
import { assertStakeYen, payoutYen } from './yen.ts';

/** A race as settlement needs it: every runner row and the recorded payout rows of the race. */
export interface RaceResult {
  readonly runners: readonly RunnerRow[];
  readonly payouts: readonly PayoutRow[];
  /** Runners declared at the start of sales (RaceRow.fieldSize), when the rows lack some. */
  readonly fieldSizeAtSales?: number;
}

/** How a ticket ended. */
export type SettlementKind = 'win' | 'lose' | 'refund';

/** The settlement of one ticket; `payoutYen` is the money returned (stake for a refund). */
export interface Settlement {
  readonly kind: SettlementKind;
  readonly payoutYen: number;
}

/** A bet of a race: a ticket id and its stake. */
export interface Bet {
  readonly ticketId: string;
  readonly stakeYen: number;
}

/** One settled bet of a race. */
export interface SettledBet extends Settlement {
  readonly raceId: string;
  readonly ticketId: string; // canonical
  readonly stakeYen: number;
}

/** Every bet of a race settled, with the race totals (exact integers). */
export interface SettledRace {
  readonly raceId: string;
  readonly bets: SettledBet[];
  readonly stakeYen: number;
  readonly refundYen: number;
  readonly winningsYen: number; // payouts of winning tickets
}

/**
 * Settles one ticket.
 * @param ticketId - a ticket id (src/themis/tickets.ts), canonical or not
 * @param stakeYen - positive multiple of 100
 * @param race - the race's runners and recorded payouts
 * @param terms - jurisdiction terms
 * @returns kind and money returned: a winner's payout, the stake for a refund, 0 for a loss
 * @throws LedgerError LEDGER_BAD_STAKE, LEDGER_BAD_TICKET (unparsable, or a runner or bracket not
 *   in the race), LEDGER_POOL_NOT_SOLD, LEDGER_MISSING_PAYOUT, LEDGER_UNEXPECTED_PAYOUT,
 *   LEDGER_CONFLICTING_PAYOUTS; RulesError LEDGER_BAD_RACE (from winningCombinations)
 * @example
 * settleTicket('wide:3-7', 300, race, JRA_TERMS) // { kind: 'win', payoutYen: 5190 } when wide 3-7 pays 1,730
 */
export function settleTicket(ticketId: string, stakeYen: number, race: RaceResult, terms: PlaceTerms): Settlement {
  const { kind, payoutYen } = settleOne({ ticketId, stakeYen }, new RaceIndex(race, terms));
  return { kind, payoutYen };
}

/**
 * Settles every bet of one race (each pool's winners, the race's runners and its payout table
 * are looked up once, see race-index.ts).
 * @param bets - tickets of the race, each ticket at most once
 * @returns each bet's settlement and the race totals
 * @throws LedgerError as settleTicket, and LEDGER_DUPLICATE_TICKET when a ticket appears twice
 * @example
 * settleRace([{ ticketId: 'win:3', stakeYen: 200 }, { ticketId: 'win:5', stakeYen: 100 }], race, JRA_TERMS)
 * // { raceId, bets: [...], stakeYen: 300, refundYen: 0, winningsYen: 860 } when win 3 pays 430
 */
export function settleRace(bets: readonly Bet[], race: RaceResult, terms: PlaceTerms): SettledRace {
  const index = new RaceIndex(race, terms);
  const seen = new Set<string>();
  const out: SettledBet[] = [];
  let stake = 0;
  let refund = 0;
  let winnings = 0;
  for (const bet of bets) {
    const settled = settleOne(bet, index);
    const { raceId, ticketId } = settled;
    if (seen.has(ticketId)) {
      throw new LedgerError('LEDGER_DUPLICATE_TICKET', `settleRace: race ${raceId}: ticket ${ticketId} appears twice (merge its stakes)`, {
        raceId,
        ticketId,
      });
    }
    seen.add(ticketId);
    out.push(settled);
    stake += bet.stakeYen;
    if (settled.kind === 'refund') refund += settled.payoutYen;
    else winnings += settled.payoutYen;
  }
  for (const v of [stake, refund, winnings]) {
    if (!Number.isSafeInteger(v)) throw new LedgerError('LEDGER_OVERFLOW', `settleRace: a race total leaves the exact integer range`, { value: v });
  }
  return { raceId: index.raceId(), bets: out, stakeYen: stake, refundYen: refund, winningsYen: winnings };
}

/**
 * Settles one bet. The checks run in this order (the first failing one throws): stake, ticket id,
 * the pool's winners (winningCombinations), runners named, pool not sold; then refunds; then
 * conflicting, missing and unexpected payouts, and the payout's amount.
 */
function settleOne(bet: Bet, index: RaceIndex): SettledBet {
  const raceId = index.raceId();
  const ctx: LedgerErrorContext = { raceId, ticketId: bet.ticketId };
  assertStakeYen(bet.stakeYen, ctx);
  let parsed: ParsedTicket;
  try {
    parsed = parseTicketIdMemo(bet.ticketId);
  } catch (e) {
    throw new LedgerError('LEDGER_BAD_TICKET', `settle: race ${raceId}: ${(e as Error).message}`, { ...ctx, field: 'ticketId', value: bet.ticketId });
  }
  const { ticket, combination } = parsed;
  ctx.ticketId = ticket.id;
  const { wc, winners } = index.pool(ticket.betType);
  checkNamesRunners(ticket, index, raceId);
  ctx.combination = combination;
  if (wc.pool === 'not-sold') {
    throw new LedgerError('LEDGER_POOL_NOT_SOLD', `settle: race ${raceId}: no ${ticket.betType} pool was sold (terms ${index.terms.name}, ${wc.counts.atSales} declared)`, ctx);
  }
  if (wc.pool === 'refunded' || namesRefunded(ticket, combination, wc)) return settledBet(raceId, ticket, bet, 'refund', bet.stakeYen);
  const recorded = index.payouts(ticket.betType, combination);
  if (recorded.length > 1) {
    const values = new Set(recorded);
    if (values.size > 1) {
      throw new LedgerError(
        'LEDGER_CONFLICTING_PAYOUTS',
        `settle: race ${raceId}: ${ticket.betType} ${combination} has several recorded payouts (${[...values].join(', ')})`,
        ctx,
      );
    }
  }
  const wins = winners.has(combination);
  if (wins && recorded.length === 0) {
    throw new LedgerError(
      'LEDGER_MISSING_PAYOUT',
      `settle: race ${raceId}: ${ticket.betType} ${combination} wins by the result but has no recorded payout`,
      ctx,
    );
  }
  if (!wins && recorded.length > 0) {
    throw new LedgerError(
      'LEDGER_UNEXPECTED_PAYOUT',
      `settle: race ${raceId}: ${ticket.betType} ${combination} has a recorded payout but does not win by the result (winners: ${wc.combinations.join(' ') || 'none'})`,
      ctx,
    );
  }
  if (!wins) return settledBet(raceId, ticket, bet, 'lose', 0);
  return settledBet(raceId, ticket, bet, 'win', payoutYen(bet.stakeYen, recorded[0], ctx));
}

/** A ticket refunded by withdrawals: naming a withdrawn runner, or (bracket quinella) an emptied bracket or a same-bracket pair left with one runner. */
function namesRefunded(ticket: Ticket, combination: string, wc: WinningCombinations): boolean {
  if (ticket.betType === 'bracket_quinella') {
    return ticket.numbers.some((b) => wc.refundedBrackets.includes(b)) || wc.refundedBracketPairs.includes(combination);
  }
  return ticket.numbers.some((n) => wc.refundedRunners.includes(n));
}

function settledBet(raceId: string, ticket: Ticket, bet: Bet, kind: SettlementKind, payout: number): SettledBet {
  return { raceId, ticketId: ticket.id, stakeYen: bet.stakeYen, kind, payoutYen: payout };
}

/** A ticket must name runners (or brackets) of the race. */
function checkNamesRunners(ticket: Ticket, index: RaceIndex, raceId: string): void {
  const bracketQuinella = ticket.betType === 'bracket_quinella';
  const known: { has(n: number): boolean } = bracketQuinella ? index.brackets() : index.runners();
  if (!ticket.numbers.every((n) => known.has(n))) {
    const missing = ticket.numbers.filter((n) => !known.has(n));
    throw new LedgerError(
      'LEDGER_BAD_TICKET',
      `settle: race ${raceId}: ticket ${ticket.id} names ${bracketQuinella ? 'bracket' : 'runner'} ${missing.join(', ')}, not in the race`,
      { raceId, ticketId: ticket.id, field: 'ticketId', value: ticket.id },
    );
  }
  if (bracketQuinella && ticket.numbers[0] === ticket.numbers[1]) {
    const n = index.brackets().get(ticket.numbers[0]) ?? 0;
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
