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
 * What the tickets of a race share (each pool's winners, the race's saddle numbers and brackets)
 * is looked up once per race, its few payout rows scanned, and parsed ticket ids are memoised
 * (race-index.ts); the checks and errors stay here, in a fixed order (parseBet, settleParsed), and
 * their context objects are built only when one throws.
 */
import type { PayoutRow, RunnerRow } from '../data/rows.ts';
import type { Ticket } from '../themis/tickets.ts';
import { LedgerError } from './errors.ts';
import type { PlaceTerms } from '../data/rules/place-terms.ts';
import type { WinningCombinations } from '../data/rules/winning-combinations.ts';
import { parseTicketIdMemo, RaceIndex, type ParsedTicket } from './race-index.ts';
import { assertStakeYen, payoutYen, STAKE_UNIT_YEN } from './yen.ts';

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
  const index = new RaceIndex(race, terms);
  const bet: Bet = { ticketId, stakeYen };
  const { kind, payoutYen } = settleParsed(bet, parseBet(bet, index), index);
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
  // Sized once (a race's few bets); every slot is written before it is returned.
  const out: SettledBet[] = bets.length <= 4096 ? new Array<SettledBet>(bets.length) : [];
  let stake = 0;
  let refund = 0;
  let winnings = 0;
  for (let b = 0; b < bets.length; b++) {
    const bet = bets[b];
    const settled = settleParsed(bet, parseBet(bet, index), index);
    const { raceId, ticketId } = settled;
    if (seen.has(ticketId)) {
      throw new LedgerError('LEDGER_DUPLICATE_TICKET', `settleRace: race ${raceId}: ticket ${ticketId} appears twice (merge its stakes)`, {
        raceId,
        ticketId,
      });
    }
    seen.add(ticketId);
    out[b] = settled;
    stake += bet.stakeYen;
    if (settled.kind === 'refund') refund += settled.payoutYen;
    else winnings += settled.payoutYen;
  }
  if (!Number.isSafeInteger(stake)) overflow(stake);
  if (!Number.isSafeInteger(refund)) overflow(refund);
  if (!Number.isSafeInteger(winnings)) overflow(winnings);
  return { raceId: index.raceId(), bets: out, stakeYen: stake, refundYen: refund, winningsYen: winnings };
}

function overflow(value: number): never {
  throw new LedgerError('LEDGER_OVERFLOW', `settleRace: a race total leaves the exact integer range`, { value });
}

/**
 * The first checks of a bet, in this order: the race (it has runners), the stake, the ticket id.
 * @returns the parsed ticket
 */
function parseBet(bet: Bet, index: RaceIndex): ParsedTicket {
  const raceId = index.raceId();
  const { ticketId, stakeYen } = bet;
  if (!(typeof stakeYen === 'number' && Number.isSafeInteger(stakeYen) && stakeYen > 0 && stakeYen % STAKE_UNIT_YEN === 0)) {
    assertStakeYen(stakeYen, { raceId, ticketId }); // throws
  }
  try {
    return parseTicketIdMemo(ticketId);
  } catch (e) {
    throw new LedgerError('LEDGER_BAD_TICKET', `settle: race ${raceId}: ${(e as Error).message}`, { raceId, ticketId, field: 'ticketId', value: ticketId });
  }
}

/**
 * Settles one bet whose stake and id parseBet checked. The checks run in this order (the first
 * failing one throws): the pool's winners (winningCombinations), runners named, pool not sold;
 * then refunds; then conflicting, missing and unexpected payouts, and the payout's amount.
 */
function settleParsed(bet: Bet, parsed: ParsedTicket, index: RaceIndex): SettledBet {
  const raceId = index.raceId();
  const { ticket, combination } = parsed;
  const stakeYen = bet.stakeYen;
  const pool = index.pool(ticket.betType);
  const wc = pool.wc;
  checkNamesRunners(ticket, index, raceId);
  if (wc.pool === 'not-sold') {
    throw new LedgerError('LEDGER_POOL_NOT_SOLD', `settle: race ${raceId}: no ${ticket.betType} pool was sold (terms ${index.terms.name}, ${wc.counts.atSales} declared)`, {
      raceId,
      ticketId: ticket.id,
      combination,
    });
  }
  if (wc.pool === 'refunded' || namesRefunded(ticket, combination, wc)) return settledBet(raceId, ticket, stakeYen, 'refund', stakeYen);
  const row = index.payoutRow(ticket.betType, combination);
  if (row >= 0 && index.payoutRow(ticket.betType, combination, row + 1) >= 0) {
    const values = new Set(index.payouts(ticket.betType, combination));
    if (values.size > 1) {
      throw new LedgerError(
        'LEDGER_CONFLICTING_PAYOUTS',
        `settle: race ${raceId}: ${ticket.betType} ${combination} has several recorded payouts (${[...values].join(', ')})`,
        { raceId, ticketId: ticket.id, combination },
      );
    }
  }
  const wins = pool.wins(combination);
  if (wins && row < 0) {
    throw new LedgerError('LEDGER_MISSING_PAYOUT', `settle: race ${raceId}: ${ticket.betType} ${combination} wins by the result but has no recorded payout`, {
      raceId,
      ticketId: ticket.id,
      combination,
    });
  }
  if (!wins && row >= 0) {
    throw new LedgerError(
      'LEDGER_UNEXPECTED_PAYOUT',
      `settle: race ${raceId}: ${ticket.betType} ${combination} has a recorded payout but does not win by the result (winners: ${wc.combinations.join(' ') || 'none'})`,
      { raceId, ticketId: ticket.id, combination },
    );
  }
  if (!wins) return settledBet(raceId, ticket, stakeYen, 'lose', 0);
  return settledBet(raceId, ticket, stakeYen, 'win', payoutYen(stakeYen, index.race.payouts[row].payoutPer100, { raceId, ticketId: ticket.id, combination }));
}

/** A ticket refunded by withdrawals: naming a withdrawn runner, or (bracket quinella) an emptied bracket or a same-bracket pair left with one runner. */
function namesRefunded(ticket: Ticket, combination: string, wc: WinningCombinations): boolean {
  const numbers = ticket.numbers;
  if (ticket.betType === 'bracket_quinella') {
    const brackets = wc.refundedBrackets;
    if (brackets.length > 0) for (let i = 0; i < numbers.length; i++) if (brackets.includes(numbers[i])) return true;
    return wc.refundedBracketPairs.length > 0 && wc.refundedBracketPairs.includes(combination);
  }
  const runners = wc.refundedRunners;
  if (runners.length > 0) for (let i = 0; i < numbers.length; i++) if (runners.includes(numbers[i])) return true;
  return false;
}

function settledBet(raceId: string, ticket: Ticket, stakeYen: number, kind: SettlementKind, payout: number): SettledBet {
  return { raceId, ticketId: ticket.id, stakeYen, kind, payoutYen: payout };
}

/** A ticket must name runners (or brackets) of the race. */
function checkNamesRunners(ticket: Ticket, index: RaceIndex, raceId: string): void {
  const bracketQuinella = ticket.betType === 'bracket_quinella';
  const numbers = ticket.numbers;
  for (let i = 0; i < numbers.length; i++) {
    if (!(bracketQuinella ? index.bracketSize(numbers[i]) > 0 : index.hasRunner(numbers[i]))) notInRace(ticket, index, raceId); // throws
  }
  if (bracketQuinella && numbers[0] === numbers[1]) {
    const n = index.bracketSize(numbers[0]);
    if (n < 2) {
      throw new LedgerError('LEDGER_BAD_TICKET', `settle: race ${raceId}: ticket ${ticket.id}: bracket ${numbers[0]} holds one runner, so ${ticket.id} is not sold`, {
        raceId,
        ticketId: ticket.id,
        field: 'ticketId',
        value: ticket.id,
      });
    }
  }
}

/**
 * Throws the error of a ticket naming runners (or brackets) not in the race, listing them all (a
 * function apart, so that checkNamesRunners makes no closure).
 */
function notInRace(ticket: Ticket, index: RaceIndex, raceId: string): never {
  const bracketQuinella = ticket.betType === 'bracket_quinella';
  const missing = ticket.numbers.filter((n) => !(bracketQuinella ? index.bracketSize(n) > 0 : index.hasRunner(n)));
  throw new LedgerError(
    'LEDGER_BAD_TICKET',
    `settle: race ${raceId}: ticket ${ticket.id} names ${bracketQuinella ? 'bracket' : 'runner'} ${missing.join(', ')}, not in the race`,
    { raceId, ticketId: ticket.id, field: 'ticketId', value: ticket.id },
  );
}
