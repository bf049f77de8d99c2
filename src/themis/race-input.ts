/**
 * The data Themis decides on and returns: race input, account state, allocation and decision.
 * Layer: themis (imports nothing from the project). Units: probabilities, decimal odds
 * (payout per 1 yen staked, stake included), fractions of the bankroll, integer yen. Types only.
 */
import type { CapReason, RejectReason } from './reasons.ts';
import type { FinishOrderDistribution } from './outcomes.ts';
import type { BetType } from './tickets.ts';

/** Ordered top-3 finishes with probabilities (defined with the hit lists in outcomes.ts). */
export type { FinishOrderDistribution };

/**
 * Pool sizes seen for a ticket before the own stake, for the own-stake impact on its odds
 * (integer yen). With `config.poolImpact`, a win ticket's stake is capped at the safety factor
 * times the Kelly stake with impact (per ticket; see size).
 */
export interface PoolSizes {
  /** Total of the ticket's pool (all combinations, others' stakes), yen, > 0. */
  readonly poolTotalYen: number;
  /** Stakes of others on this ticket's combination, yen (> 0 and <= poolTotalYen). */
  readonly poolOnTicketYen: number;
}

/** One ticket offered to Themis. */
export interface TicketInput {
  /** Ticket id (`win:3`, `quinella:3-7`, ...); any order of an unordered combination is accepted. */
  readonly id: string;
  /** Hit probability in [0, 1]; required unless the race carries a finishing-order distribution. */
  readonly p?: number;
  /** Decimal odds, finite and >= 1. */
  readonly odds: number;
  /** Pool sizes, used only when `config.poolImpact` is true (win tickets). */
  readonly pool?: PoolSizes;
}

/**
 * One race as Themis sees it. Tickets of one mutually exclusive pool need only `p` and `odds`;
 * mixed bet types, or place and wide tickets, need `finishOrder` (ticket probabilities then
 * come from it and a ticket's own `p` is ignored).
 */
export interface RaceInput extends RaceContext {
  readonly tickets: readonly TicketInput[];
}

/** What a race gives besides its tickets (RaceInput, the columnar race and the checked forms). */
export interface RaceContext {
  /** Finishing-order distribution, for races whose candidates can win together. */
  readonly finishOrder?: FinishOrderDistribution;
  /** Places paid by place tickets (2 with 5-7 runners, else 3); default from the field size. */
  readonly placesPaid?: 2 | 3;
  /** Bracket number of each saddle number, for bracket_quinella tickets in a mixed race. */
  readonly brackets?: ReadonlyMap<number, number>;
}

/** The state of the betting account today (integer yen and ticket counts). */
export interface AccountState {
  /** Yen already staked today (counts against `config.maxStakePerDayYen`). */
  readonly stakedTodayYen: number;
  /** Tickets (points) already bought today. */
  readonly pointsUsedToday: number;
  /** The account's own daily ticket limit, or null for none (the smaller of it and `config.pointLimitPerDay` applies). */
  readonly pointLimit?: number | null;
}

/** How the allocation of a race was computed. */
export type AllocationMethod = 'none' | 'exclusive' | 'joint';

/**
 * Stage 1 of a decision: the fraction of the bankroll each ticket gets, independent of the
 * bankroll's size. Arrays are parallel, one entry per input ticket, in input order.
 */
export interface Allocation {
  /** Canonical ticket ids. */
  readonly ids: readonly string[];
  readonly betTypes: readonly BetType[];
  /** Hit probability used (the ticket's, or from the finishing-order distribution). */
  readonly p: Float64Array;
  readonly odds: Float64Array;
  /** Final fraction: safety factor x Kelly, after the per-ticket and per-race caps; 0 when not bought. */
  readonly fraction: Float64Array;
  /** Safety factor x Kelly before the caps. */
  readonly uncapped: Float64Array;
  /** Why a ticket is not a candidate (bet_type_excluded, below_threshold), or null for a candidate. */
  readonly reason: readonly (RejectReason | null)[];
  /** The fraction cap that cut a candidate (cap_per_ticket, cap_per_race), or null. */
  readonly capped: readonly (CapReason | null)[];
  /** Pool sizes per ticket, when given. */
  readonly pools: readonly (PoolSizes | undefined)[];
  /** Expected log growth of the bankroll under `fraction`. */
  readonly growth: number;
  readonly method: AllocationMethod;
}

/** A ticket to buy. */
export interface Bet {
  readonly id: string;
  readonly p: number;
  readonly odds: number;
  /** Fraction of the bankroll after the safety factor and the fraction caps. */
  readonly fraction: number;
  /** Stake, a positive multiple of 100 yen. */
  readonly stakeYen: number;
  /** The cap that cut this stake, when one did (informational). */
  readonly capped?: CapReason;
}

/** A ticket not bought, and why. */
export interface Rejection {
  readonly id: string;
  readonly reason: RejectReason;
}

/** The decision for one race: every input ticket appears once, in `bets` or in `rejected`. */
export interface Decision {
  readonly bets: readonly Bet[];
  readonly rejected: readonly Rejection[];
  /** Expected log growth of the fractional allocation (before rounding to yen). */
  readonly growth: number;
}
