/**
 * The Themis decision on a columnar race (ticket-columns.ts): the tickets outside the config's
 * bet types or at or below the EV threshold are rejected straight from the columns, and only the
 * candidates go through allocate's and size's steps, on codes (no ticket objects). The bets, each ticket's reason and
 * the growth are exactly those of decide on the same race given as `{ id, p, odds }` tickets.
 * Layer: themis (imports only Themis files). Units: integer yen, fractions, decimal odds. Pure.
 */
import { allocateCandidates, type CandidateAllocation } from './allocate.ts';
export type { CandidateAllocation } from './allocate.ts';
import type { ThemisConfig } from './config.ts';
import type { AccountState, Bet } from './race-input.ts';
import { betOf, checkFractions, rejectedCode, sizeCodes, sizeStakes } from './size.ts';
import { checkColumnsInto, ticketOfKey, type ColumnarRaceInput } from './ticket-columns.ts';
import { ticketKeyId } from './ticket-keys.ts';
import type { Ticket } from './tickets.ts';
import { checkAccount, checkBankroll } from './validate.ts';

/** The decision on a columnar race: the bets (ticket order) and a reason code per input ticket. */
export interface ColumnarDecision {
  readonly bets: readonly Bet[];
  /** Per input ticket: 0 when bought, else 1 + the index of its reason in REJECT_REASONS. */
  readonly reason: Uint8Array;
  /** Canonical ticket key per input ticket (ticketKeyId gives the id). */
  readonly keys: Int32Array;
  /** Expected log growth, as decide's (NaN when stage 1 was asked not to compute it). */
  readonly growth: number;
}

/**
 * Stage 1 of decideColumns, independent of the bankroll: the checks, the reasons of the tickets
 * that are not candidates and the candidates' allocation. Plain data (typed arrays and numbers,
 * pool sizes when given), so it can be computed elsewhere (a worker thread) and sized later by
 * sizeColumns.
 */
export interface ColumnarAllocation {
  /** Number of input tickets. */
  readonly count: number;
  /** Canonical ticket key per input ticket. */
  readonly keys: Int32Array;
  /** Per input ticket: the reason code of a ticket that is not a candidate, 0 for a candidate. */
  readonly reason: Uint8Array;
  /** The candidates' rows (input ticket indices, ascending). */
  readonly rows: Int32Array;
  /** The candidates' allocation (allocateCandidates), in codes. */
  readonly allocation: CandidateAllocation;
}

/**
 * Decides a columnar race: the same bets, reasons and growth as decide on the race with the
 * tickets as objects (ids canonical), at a cost per ticket of a check and a probability lookup;
 * allocate and size run on the candidates only. Equal to
 * `sizeColumns(allocateColumns(race, config), bankrollYen, config, account)`.
 * @param race - ticket columns, with a finishing-order distribution for mixed races
 * @param bankrollYen - current bankroll, integer yen >= 0
 * @param config - a parsed configuration (parseConfig)
 * @param account - today's account state
 * @throws ThemisError for any invalid input, naming the field (`tickets.odds[3]`), as decide
 * @example decideColumns({ tickets: { count: 1, betType: Uint8Array.of(0), first: Uint8Array.of(3), second: new Uint8Array(1), third: new Uint8Array(1), odds: Float64Array.of(4.4), p: Float64Array.of(0.25) } }, 1_000_000, parseConfig({ safetyFactor: 1 })).bets[0].id // 'win:3'
 */
export function decideColumns(race: ColumnarRaceInput, bankrollYen: number, config: ThemisConfig, account?: AccountState): ColumnarDecision {
  return sizeColumns(allocateColumns(race, config), bankrollYen, config, account);
}

/**
 * Stage 1 of decideColumns: checks the race and allocates its candidates (no bankroll needed).
 * With `{ growth: false }` the allocation's expected log growth is not computed (NaN, and so is
 * the decision's when sized): a pass over every outcome that a caller who does not report the
 * growth (the backtest replay) need not pay for.
 * @throws ThemisError as decideColumns
 * @example allocateColumns(race, config).allocation.fraction
 */
export function allocateColumns(race: ColumnarRaceInput, config: ThemisConfig, options: { growth?: boolean } = {}): ColumnarAllocation {
  const c = checkColumnsInto(race, true);
  const reason = new Uint8Array(c.count);
  const ticketOf = (i: number): Ticket => ticketOfKey(c.keys[i]);
  const { rows, allocation } = allocateCandidates({ ...c, ticketOf }, config, reason, options.growth ?? true);
  return { count: c.count, keys: c.keys, reason, rows, allocation };
}

/**
 * Stage 2 of decideColumns: sizes a stage-1 allocation for a bankroll and the day's account
 * state: the checks and steps of size on the candidates' codes (sizeStakes), the bets built for
 * the tickets bought only. Fills the candidates' reason codes into `stage.reason` (the decision's
 * `reason` is that array), so a stage-1 allocation is sized once.
 * @throws ThemisError THEMIS_BAD_BANKROLL and the account errors of size
 * @example sizeColumns(allocateColumns(race, config), 1_000_000, config).bets
 */
export function sizeColumns(stage: ColumnarAllocation, bankrollYen: number, config: ThemisConfig, account?: AccountState): ColumnarDecision {
  const bankroll = checkBankroll(bankrollYen);
  const acct = checkAccount(account);
  const a = stage.allocation;
  checkFractions(a.fraction);
  // sizeStakes updates the reason and cap codes it is given: copies, the stage's stay as stage 1 left them.
  const { reason: reasons, capped } = sizeCodes(a.reason, a.capped);
  const stake = sizeStakes({ ...a, reason: reasons, capped }, bankroll, config, acct);
  const { rows, keys, reason } = stage;
  const bets: Bet[] = [];
  for (let j = 0; j < a.count; j++) {
    if (stake[j] > 0) bets.push(betOf(ticketKeyId(keys[rows[j]]), a.p[j], a.odds[j], a.fraction[j], stake[j], capped[j]));
    else reason[rows[j]] = rejectedCode(reasons[j]);
  }
  return { bets, reason, keys, growth: bets.length > 0 ? a.growth : 0 };
}
