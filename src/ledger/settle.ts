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
 */
import type { PayoutRow, RunnerRow } from '../data/rows.ts';
import { parseTicketId, type BetType, type Ticket } from '../themis/tickets.ts';
import { LedgerError, type LedgerErrorContext } from './errors.ts';
import type { PlaceTerms } from '../data/rules/place-terms.ts';
import { winningCombinations, type WinningCombinations, type WinningOptions } from '../data/rules/winning-combinations.ts';
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
export function settleRace(bets: readonly Bet[], race: RaceResult, terms: PlaceTerms): SettledRace {
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
