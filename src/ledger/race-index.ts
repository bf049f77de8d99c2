/**
 * What settling the tickets of one race looks up, computed once per race and only when first
 * asked: the race id, the facts every pool reads (raceFacts: checks, counts, sorted finishers),
 * each pool's winning combinations derived from them (with a set of them), the saddle numbers
 * and bracket sizes of the race, and the recorded payout values by bet type and combination.
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

/** One pool of the race: its winning combinations, as derived, and as a set. */
export interface PoolIndex {
  readonly wc: WinningCombinations;
  readonly winners: ReadonlySet<string>;
}

const NO_VALUES: readonly number[] = Object.freeze([]);

/** Lazy lookups over one race's rows (the rows must not change while it is used). */
export class RaceIndex {
  readonly race: RaceResult;
  readonly terms: PlaceTerms;
  private readonly pools = new Map<BetType, PoolIndex>();
  private facts: RaceFacts | undefined;
  private runnerSet: ReadonlySet<number> | undefined;
  private bracketSizes: ReadonlyMap<number | null, number> | undefined;
  private payoutValues: Map<string, Map<string, number[]>> | undefined;

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
      const wc = winningCombinationsOf(this.facts, betType, this.terms);
      p = { wc, winners: new Set(wc.combinations) };
      this.pools.set(betType, p);
    }
    return p;
  }

  /** The saddle numbers of every runner row (scratched ones included). */
  runners(): ReadonlySet<number> {
    this.runnerSet ??= new Set(this.race.runners.map((r) => r.runner));
    return this.runnerSet;
  }

  /** How many runner rows (scratched ones included) each bracket holds; null for rows without one. */
  brackets(): ReadonlyMap<number | null, number> {
    if (this.bracketSizes === undefined) {
      const sizes = new Map<number | null, number>();
      for (const r of this.race.runners) sizes.set(r.bracket, (sizes.get(r.bracket) ?? 0) + 1);
      this.bracketSizes = sizes;
    }
    return this.bracketSizes;
  }

  /** The payoutPer100 of every recorded row of `betType` and `combination`, in row order (empty when none). */
  payouts(betType: BetType, combination: string): readonly number[] {
    if (this.payoutValues === undefined) {
      const byType = new Map<string, Map<string, number[]>>();
      for (const p of this.race.payouts) {
        let byCombination = byType.get(p.betType);
        if (byCombination === undefined) byType.set(p.betType, (byCombination = new Map()));
        const values = byCombination.get(p.combination);
        if (values === undefined) byCombination.set(p.combination, [p.payoutPer100]);
        else values.push(p.payoutPer100);
      }
      this.payoutValues = byType;
    }
    return this.payoutValues.get(betType)?.get(combination) ?? NO_VALUES;
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
