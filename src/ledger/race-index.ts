/**
 * What settling the tickets of one race looks up, computed once per race and only when first
 * asked: the race id, the facts every pool reads (raceFacts: checks, counts, sorted finishers),
 * each pool's winning combinations derived from them, the saddle numbers (bits) and bracket sizes
 * of the race; and the recorded payout rows of a bet type and combination (a scan of the race's
 * few rows, which costs less than building maps of them for every race).
 * Also a memo of parsed ticket ids shared by every race (parsing is a pure function of the id).
 * Layer: ledger (imports data types and rules and the ticket-id format only); pure apart from
 * the memo, which never changes a result. settle.ts keeps the order of the checks and the errors.
 */
import { parseTicketId, type BetType, type Ticket } from '../themis/tickets.ts';
import type { PlaceTerms } from '../data/rules/place-terms.ts';
import {
  raceFacts,
  winningCombinationsOf,
  type RaceFacts,
  type WinningCombinations,
  type WinningOptions,
} from '../data/rules/winning-combinations.ts';
import { LedgerError } from './errors.ts';
import type { RaceResult } from './settle.ts';

/** One pool of the race: its winning combinations, as derived, and (built when first asked) as a set. */
export class PoolIndex {
  readonly wc: WinningCombinations;
  private set: ReadonlySet<string> | undefined;

  constructor(wc: WinningCombinations) {
    this.wc = wc;
  }

  /** The winning combinations as a set. */
  get winners(): ReadonlySet<string> {
    this.set ??= new Set(this.wc.combinations);
    return this.set;
  }

  /** True when `combination` is among the winning combinations (a scan of the few there are, no set built). */
  wins(combination: string): boolean {
    const c = this.wc.combinations;
    if (c.length > 16) return this.winners.has(combination);
    for (let i = 0; i < c.length; i++) if (c[i] === combination) return true;
    return false;
  }
}

/** Saddle numbers a ticket can name (1-99) and bracket numbers (1-8): see parseTicketId. */
const MAX_NUMBER = 99;
const MAX_BRACKET = 8;

/** Lazy lookups over one race's rows (the rows must not change while it is used). */
export class RaceIndex {
  readonly race: RaceResult;
  readonly terms: PlaceTerms;
  private readonly pools = new Map<BetType, PoolIndex>();
  private facts: RaceFacts | undefined;
  /** Bits 0-99: saddle numbers of the race's rows, in four 32-bit words (-1: not yet computed). */
  private runnerBits0 = -1;
  private runnerBits1 = 0;
  private runnerBits2 = 0;
  private runnerBits3 = 0;
  private bracketSizes: Int32Array | undefined;

  constructor(race: RaceResult, terms: PlaceTerms) {
    this.race = race;
    this.terms = terms;
  }

  /**
   * The race id: that of the first runner row.
   * @throws LedgerError LEDGER_BAD_RACE when the race has no runners
   */
  raceId(): string {
    const runners = this.race.runners;
    if (runners.length === 0) throw new LedgerError('LEDGER_BAD_RACE', 'settle: the race has no runners');
    return runners[0].raceId;
  }

  /**
   * The pool of `betType`, derived on first call: winningCombinations(runners, betType, terms,
   * opts), from the race's facts computed once for all its pools. Facts that throw are not kept,
   * nor is a pool that throws, so asking again throws again (an equal error).
   */
  pool(betType: BetType): PoolIndex {
    let p = this.pools.get(betType);
    if (p === undefined) {
      if (this.facts === undefined) {
        const opts: WinningOptions = this.race.fieldSizeAtSales === undefined ? {} : { fieldSizeAtSales: this.race.fieldSizeAtSales };
        this.facts = raceFacts(this.race.runners, opts);
      }
      p = new PoolIndex(winningCombinationsOf(this.facts, betType, this.terms));
      this.pools.set(betType, p);
    }
    return p;
  }

  /**
   * True when a runner row (scratched ones included) has saddle number `n`.
   * @param n - an integer from 1 to 99, as ticket ids name (false for any other)
   */
  hasRunner(n: number): boolean {
    if (this.runnerBits0 === -1) {
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      const runners = this.race.runners;
      for (let i = 0; i < runners.length; i++) {
        const r = runners[i].runner;
        if (!(Number.isInteger(r) && r >= 1 && r <= MAX_NUMBER)) continue;
        const bit = 1 << (r & 31);
        if (r < 32) b0 |= bit;
        else if (r < 64) b1 |= bit;
        else if (r < 96) b2 |= bit;
        else b3 |= bit;
      }
      this.runnerBits0 = b0;
      this.runnerBits1 = b1;
      this.runnerBits2 = b2;
      this.runnerBits3 = b3;
    }
    if (!(Number.isInteger(n) && n >= 1 && n <= MAX_NUMBER)) return false;
    const word = n < 32 ? this.runnerBits0 : n < 64 ? this.runnerBits1 : n < 96 ? this.runnerBits2 : this.runnerBits3;
    return ((word >>> (n & 31)) & 1) === 1;
  }

  /**
   * How many runner rows (scratched ones included) bracket `b` holds.
   * @param b - an integer from 1 to 8, as bracket quinella ids name (0 for any other)
   */
  bracketSize(b: number): number {
    if (this.bracketSizes === undefined) {
      const sizes = new Int32Array(MAX_BRACKET + 1);
      const runners = this.race.runners;
      for (let i = 0; i < runners.length; i++) {
        const k = runners[i].bracket;
        if (k !== null && Number.isInteger(k) && k >= 1 && k <= MAX_BRACKET) sizes[k]++;
      }
      this.bracketSizes = sizes;
    }
    return Number.isInteger(b) && b >= 1 && b <= MAX_BRACKET ? this.bracketSizes[b] : 0;
  }

  /**
   * The first recorded payout row of `betType` and `combination` at or after `from`: one scan of
   * the race's few rows, nothing built.
   * @returns its index in race.payouts, -1 when there is none
   */
  payoutRow(betType: BetType, combination: string, from = 0): number {
    const rows = this.race.payouts;
    for (let i = from; i < rows.length; i++) {
      const row = rows[i];
      if (row.betType === betType && row.combination === combination) return i;
    }
    return -1;
  }

  /** The payoutPer100 of every recorded row of `betType` and `combination`, in row order (empty when none). */
  payouts(betType: BetType, combination: string): number[] {
    const values: number[] = [];
    for (let i = this.payoutRow(betType, combination); i >= 0; i = this.payoutRow(betType, combination, i + 1)) values.push(this.race.payouts[i].payoutPer100);
    return values;
  }
}

/** A parsed ticket id and the combination part of its canonical id ('3-7' of 'quinella:3-7'). */
export interface ParsedTicket {
  readonly ticket: Ticket;
  readonly combination: string;
}

/** Parsed ticket ids by id; emptied when full, so it stays small whatever ids come. */
const parsedIds = new Map<string, ParsedTicket>();
const PARSED_MAX = 1 << 15;

/**
 * parseTicketId(id, 'ticketId') with the combination of the canonical id, memoised for ids
 * that parse (an id that does not is parsed, and throws, every time).
 * @throws ThemisError THEMIS_BAD_TICKET_ID as parseTicketId
 */
export function parseTicketIdMemo(id: string): ParsedTicket {
  let parsed = parsedIds.get(id);
  if (parsed === undefined) {
    const ticket = parseTicketId(id, 'ticketId');
    parsed = { ticket, combination: ticket.id.slice(ticket.id.indexOf(':') + 1) };
    if (parsedIds.size >= PARSED_MAX) parsedIds.clear();
    parsedIds.set(id, parsed);
  }
  return parsed;
}
