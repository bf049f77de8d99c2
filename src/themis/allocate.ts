/**
 * Stage 1 of a Themis decision: which tickets of a race are candidates and what fraction of
 * the bankroll each gets (Kelly, times the safety factor, then the fraction caps). Independent
 * of the bankroll's size. Layer: themis (imports nothing from the project). Units: fractions
 * of the bankroll, decimal odds. Pure.
 */
import type { ThemisConfig } from './config.ts';
import { ThemisError } from './errors.ts';
import { growthExclusive, growthJoint } from './growth.ts';
import { jointKellyFractions } from './joint-kelly.ts';
import { kellyExclusive } from './kelly-exclusive.ts';
import { candidateHits, candidateHitsOfKeys } from './candidate-hits.ts';
import { hitListsScratch, jraPlacesPaid, ticketProbabilities, type HitLists } from './outcomes.ts';
import { Scratch } from './scratch.ts';
import type { Allocation, AllocationMethod, FinishOrderDistribution, PoolSizes, RaceContext, RaceInput } from './race-input.ts';
import { CAP_CODE, capReasonOf, REJECT_REASONS, rejectReasonOf, type CapReason, type RejectReason } from './reasons.ts';
import type { AllocationCodes } from './size.ts';
import { probabilitiesOnDistribution } from './ticket-columns.ts';
import { BET_TYPES, type BetType, type Ticket } from './tickets.ts';
import { checkRaceCodes, EXCLUSIVE_BET_TYPES, type CheckedRace, type TicketCodes } from './validate.ts';

/**
 * Allocates fractions of the bankroll to the tickets of one race.
 *
 * 1. Tickets of a bet type outside `config.betTypes` are rejected (`bet_type_excluded`); the
 *    others are candidates when `p * odds > config.evThreshold`, else `below_threshold`.
 * 2. When all candidates belong to one mutually exclusive pool (win, bracket_quinella, quinella,
 *    exacta, trio or trifecta), the exact simultaneous Kelly allocation over them
 *    ({@link kellyExclusive}). Otherwise (mixed bet types, place or wide) the growth-optimal
 *    joint allocation over the race's finishing-order distribution (`race.finishOrder`).
 * 3. Every fraction is multiplied by `config.safetyFactor`, clamped to
 *    `config.maxFractionPerTicket` (marked `cap_per_ticket`), and if the race total exceeds
 *    `config.maxFractionPerRace` all are scaled down proportionally (marked `cap_per_race`).
 * 4. `growth` is the expected log growth under the final fractions.
 *
 * A candidate may end with fraction 0 (the Kelly optimum leaves it out); sizing then rejects
 * it as `below_unit`.
 *
 * With a finishing-order distribution the tickets go the columnar way (codes from the parse
 * cache, per-combination sums of the distribution, the EV filter on arrays, hit lists and the
 * joint solver for the candidates only): the same allocation, bit for bit, as allocateChecked
 * on the whole race, and the same errors in the same order.
 * @param race - the tickets with probabilities and odds (and a finishing-order distribution for mixed races)
 * @param config - a parsed configuration (parseConfig)
 * @returns the allocation, parallel arrays in ticket order
 * @throws ThemisError on invalid input (see checkRace), and THEMIS_BAD_INPUT (field `finishOrder`)
 *   when candidates can win together and the race has no finishing-order distribution
 * @example
 * allocate({ tickets: [{ id: 'win:1', p: 0.35, odds: 3.5 }] }, parseConfig({ safetyFactor: 1, maxFractionPerTicket: null, maxFractionPerRace: null })).fraction
 * // Float64Array [0.09]
 */
export function allocate(race: RaceInput, config: ThemisConfig): Allocation {
  const checked = checkRaceCodes(race, true);
  return checked.codes === undefined ? allocateChecked(checked, config) : allocateOnCodes(checked, checked.codes, config);
}

/**
 * allocate on a checked race with a distribution, the columnar way: each ticket's probability
 * from the distribution's per-combination sums, the EV filter on the arrays, the allocation
 * steps on the candidates only (their hit lists from their combinations), the result spread back
 * over every ticket. The same allocation, bit for bit, as allocateChecked on the whole race.
 */
function allocateOnCodes(checked: CheckedRace, codes: TicketCodes, config: ThemisConfig): Allocation {
  const { tickets, p, odds, pools } = checked;
  const dist = checked.finishOrder!;
  const n = tickets.length;
  probabilitiesOnDistribution(codes, n, dist, checked.placesPaid ?? jraPlacesPaid(dist.runners.length), checked.brackets, p);
  const code = new Uint8Array(n);
  const ticketOf = (i: number): Ticket => tickets[i];
  const { rows, allocation: a } = allocateCandidates({ ...checked, count: n, betType: codes.betType, ticketOf }, config, code);
  const ids = new Array<string>(n);
  const betTypes = new Array<BetType>(n);
  const reason = new Array<RejectReason | null>(n);
  for (let i = 0; i < n; i++) {
    ids[i] = tickets[i].id;
    betTypes[i] = tickets[i].betType;
    reason[i] = rejectReasonOf(code[i]);
  }
  const capped = new Array<CapReason | null>(n).fill(null);
  const uncapped = new Float64Array(n);
  const fraction = new Float64Array(n);
  spreadCandidates(rows, a, fraction, uncapped, capped);
  for (let j = 0; j < a.count; j++) p[rows[j]] = a.p[j];
  return { ids, betTypes, p, odds, fraction, uncapped, reason, capped, pools, growth: a.growth, method: a.method };
}

/** A race's tickets with their probabilities, as allocateCandidates takes them (ticket i at index i). */
export interface ScoredTickets extends RaceContext {
  readonly count: number;
  /** Bet type code of each ticket (its index in BET_TYPES). */
  readonly betType: Uint8Array;
  /**
   * Probability of each ticket: when the race has a distribution, its per-combination sum
   * (CombinationSums), which is the sum over the ticket's hit list, bit for bit.
   */
  readonly p: Float64Array;
  readonly odds: Float64Array;
  /** The parsed ticket i (canonical). */
  readonly ticketOf: (i: number) => Ticket;
  /** Canonical key of each ticket (ticketKey), when the race has them: the candidates' hit lists are then made from the keys. */
  readonly keys?: Int32Array;
  readonly pools?: readonly (PoolSizes | undefined)[];
}

/**
 * allocate's Allocation on the candidates of a race (in the order of their rows), with the ids
 * left to the caller and the bet types, reasons and caps as codes.
 */
export interface CandidateAllocation extends AllocationCodes {
  readonly odds: Float64Array;
  /** Expected log growth of the bankroll under `fraction` (NaN when the caller did not ask for it). */
  readonly growth: number;
  readonly method: AllocationMethod;
}

const BET_TYPE_EXCLUDED = REJECT_REASONS.indexOf('bet_type_excluded') + 1;
const BELOW_THRESHOLD = REJECT_REASONS.indexOf('below_threshold') + 1;
const CAP_PER_TICKET = CAP_CODE.get('cap_per_ticket')!;
const CAP_PER_RACE = CAP_CODE.get('cap_per_race')!;
/** 1 for the codes of the mutually exclusive bet types (EXCLUSIVE_BET_TYPES). */
const EXCLUSIVE_CODE = Uint8Array.from(BET_TYPES, (t) => (EXCLUSIVE_BET_TYPES.has(t) ? 1 : 0));

/**
 * The first steps of allocate on arrays: each ticket outside `config.betTypes` or at or below
 * the EV threshold gets its reason's code in `reason` (1 + its index in REJECT_REASONS; 0 stays
 * for a candidate), and the allocation steps run on the candidates only (`rows`, in ticket
 * order), with their hit lists from their combinations when the race has a distribution. The
 * rows and the allocation's arrays share one buffer.
 * @throws ThemisError as allocateChecked
 */
export function allocateCandidates(race: ScoredTickets, config: ThemisConfig, reason: Uint8Array, withGrowth = true): { rows: Int32Array; allocation: CandidateAllocation } {
  const n = race.count;
  const allowed = new Uint8Array(8);
  for (const t of config.betTypes) allowed[BET_TYPES.indexOf(t)] = 1;
  const { betType, p: prob, odds: price } = race;
  const threshold = config.evThreshold;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (allowed[betType[i]] === 0) reason[i] = BET_TYPE_EXCLUDED;
    else if (!(prob[i] * price[i] > threshold)) reason[i] = BELOW_THRESHOLD;
    else k++;
  }
  // One buffer: p, odds, fraction and uncapped, then the rows, then the bet type, reason and cap codes.
  const buffer = new ArrayBuffer(36 * k + 3 * k);
  const p = new Float64Array(buffer, 0, k);
  const odds = new Float64Array(buffer, 8 * k, k);
  const fraction = new Float64Array(buffer, 16 * k, k);
  const uncapped = new Float64Array(buffer, 24 * k, k);
  const rows = new Int32Array(buffer, 32 * k, k);
  const betTypes = new Uint8Array(buffer, 36 * k, k);
  const reasons = new Uint8Array(buffer, 37 * k, k);
  const capped = new Uint8Array(buffer, 38 * k, k);
  for (let i = 0, j = 0; i < n; i++) {
    if (reason[i] !== 0) continue;
    rows[j] = i;
    p[j] = prob[i];
    odds[j] = price[i];
    betTypes[j++] = betType[i];
  }
  let pools: (PoolSizes | undefined)[] | null = null;
  if (race.pools !== undefined) {
    pools = new Array<PoolSizes | undefined>(k);
    let any = false;
    for (let j = 0; j < k; j++) {
      pools[j] = race.pools[rows[j]];
      if (pools[j] !== undefined) any = true;
    }
    if (!any) pools = null;
  }
  // The candidates' hit lists from their combinations (hitLists' lists, without a pass over every
  // outcome per bet type); hitLists itself (and the probabilities over its lists) when the
  // combinations cannot give them.
  const dist = race.finishOrder;
  let hits: HitLists | undefined;
  if (dist !== undefined && k > 0) {
    const paid = race.placesPaid ?? jraPlacesPaid(dist.runners.length);
    const keys = race.keys;
    const tickets = keys === undefined ? Array.from(rows, (i) => race.ticketOf(i)) : undefined;
    let given: HitLists | null;
    if (tickets !== undefined) given = candidateHits(tickets, dist, paid, race.brackets);
    else {
      const candidateKeys = new Int32Array(k);
      for (let j = 0; j < k; j++) candidateKeys[j] = keys![rows[j]];
      given = candidateHitsOfKeys(candidateKeys, k, dist, paid, race.brackets);
    }
    if (given !== null) hits = given;
    else {
      hits = hitListsScratch(tickets ?? Array.from(rows, (i) => race.ticketOf(i)), dist, { placesPaid: paid, brackets: race.brackets });
      p.set(ticketProbabilities(hits, dist));
    }
  }
  const { growth, method } = allocateOnCandidates({ count: k, betTypes, p, odds, dist, hits }, config, { fraction, uncapped, capped }, withGrowth);
  return { rows, allocation: { count: k, betTypes, p, odds, fraction, uncapped, reason: reasons, capped, pools, growth, method } };
}

/** The candidates of a race as allocateOnCandidates takes them: each one past the EV filter. */
interface Candidates {
  readonly count: number;
  /** Bet type codes (index in BET_TYPES). */
  readonly betTypes: Uint8Array;
  readonly p: Float64Array;
  readonly odds: Float64Array;
  readonly dist: FinishOrderDistribution | undefined;
  /** The candidates' hit lists over `dist` (defined when dist is). */
  readonly hits: HitLists | undefined;
}

/**
 * Steps 2 to 4 of allocate on the candidates: the Kelly fractions (exclusive when all are of one
 * mutually exclusive pool, else joint over the distribution), times the safety factor, the
 * fraction caps and the growth. Writes `out` (fraction and uncapped per candidate, the cap codes,
 * zero before the call); returns the growth and the method.
 * @throws ThemisError THEMIS_BAD_INPUT (field `finishOrder`) as allocate
 */
function allocateOnCandidates(
  c: Candidates,
  config: ThemisConfig,
  out: { fraction: Float64Array; uncapped: Float64Array; capped: Uint8Array },
  withGrowth = true,
): { growth: number; method: AllocationMethod } {
  const { count: k, betTypes, p, odds, dist, hits } = c;
  const { fraction, uncapped, capped } = out;
  if (k === 0) return { growth: 0, method: 'none' };
  let oneType = true;
  for (let j = 1; j < k && oneType; j++) if (betTypes[j] !== betTypes[0]) oneType = false;
  let method: AllocationMethod;
  if (oneType && EXCLUSIVE_CODE[betTypes[0]] === 1) {
    method = 'exclusive';
    const f = kellyExclusive(p, odds, config.evThreshold);
    for (let j = 0; j < k; j++) uncapped[j] = f[j] * config.safetyFactor;
  } else {
    if (dist === undefined || hits === undefined) {
      const names = [...new Set(Array.from(betTypes, (b) => BET_TYPES[b]))];
      throw new ThemisError(
        'THEMIS_BAD_INPUT',
        'finishOrder',
        undefined,
        `allocate: candidates of ${names.join(', ')} can win together; the race needs a finishing-order distribution (finishOrder)`,
      );
    }
    method = 'joint';
    const f = jointKellyFractions({ outcomeProb: dist.prob, odds, hits });
    for (let j = 0; j < k; j++) uncapped[j] = f[j] * config.safetyFactor;
  }

  fraction.set(uncapped);
  capFractions(fraction, capped, k, config, CAP_PER_TICKET, CAP_PER_RACE);
  if (!withGrowth) return { growth: Number.NaN, method };
  const growth = method === 'exclusive' ? growthExclusive(p, odds, fraction) : growthJoint(dist!.prob, odds, hits!, fraction);
  return { growth, method };
}

/**
 * Step 3 of allocate, in place on `fraction[0..n)`: each fraction above
 * `config.maxFractionPerTicket` is clamped to it (its cap code set to `perTicketCode`), then, when
 * the total exceeds `config.maxFractionPerRace`, every positive fraction is scaled down in
 * proportion (code `perRaceCode`). Fractions of 0 (tickets not bought) stay 0 and uncapped.
 * @throws nothing
 * @example capFractions(Float64Array.of(0.08, 0.04, 0), capped, 3, config, 1, 2) // per ticket 0.05, per race 0.1: [0.05, 0.04, 0]
 */
export function capFractions(fraction: Float64Array, capped: Uint8Array, n: number, config: ThemisConfig, perTicketCode: number, perRaceCode: number): void {
  const perTicket = config.maxFractionPerTicket;
  let total = 0;
  for (let j = 0; j < n; j++) {
    if (perTicket !== null && fraction[j] > perTicket) {
      fraction[j] = perTicket;
      capped[j] = perTicketCode;
    }
    total += fraction[j];
  }
  const perRace = config.maxFractionPerRace;
  if (perRace !== null && total > perRace) {
    const scale = perRace / total;
    for (let j = 0; j < n; j++) {
      if (fraction[j] > 0) {
        fraction[j] *= scale;
        capped[j] = perRaceCode;
      }
    }
  }
}

/**
 * allocate on a race already validated (checkRace, or the columnar form's checks): the same
 * steps on the same arrays (`checked.p` is overwritten from the distribution when it has one).
 * `given` are the tickets' hit lists over the distribution when the caller has them (the lists
 * hitLists gives); else they are built here.
 * @throws ThemisError THEMIS_BAD_INPUT (field `finishOrder`) as allocate
 */
export function allocateChecked(checked: CheckedRace, config: ThemisConfig, given?: HitLists): Allocation {
  const { tickets, odds, pools } = checked;
  const n = tickets.length;
  const ids = tickets.map((t) => t.id);
  const betTypes = tickets.map((t) => t.betType);
  const p = checked.p;
  const reason: (RejectReason | null)[] = new Array<RejectReason | null>(n).fill(null);
  const capped: (CapReason | null)[] = new Array<CapReason | null>(n).fill(null);
  const uncapped = new Float64Array(n);
  const fraction = new Float64Array(n);

  // With a finishing-order distribution, every ticket's probability comes from it.
  const dist = checked.finishOrder;
  let hits: HitLists | undefined;
  if (dist !== undefined) {
    const placesPaid = checked.placesPaid ?? jraPlacesPaid(dist.runners.length);
    // Scratch-backed lists: used only within this call (probabilities, then the candidates' subset).
    hits = given ?? hitListsScratch(tickets, dist, { placesPaid, brackets: checked.brackets });
    p.set(ticketProbabilities(hits, dist));
  }

  const allowed = config.betTypes;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!allowed.includes(betTypes[i])) reason[i] = 'bet_type_excluded';
    else if (!(p[i] * odds[i] > config.evThreshold)) reason[i] = 'below_threshold';
    else candidates.push(i);
  }

  // The candidates' arrays (their hit lists the subset of the race's), allocated, spread back.
  const k = candidates.length;
  const codes = Uint8Array.from(candidates, (i) => BET_TYPES.indexOf(betTypes[i]));
  const cp = Float64Array.from(candidates, (i) => p[i]);
  const co = Float64Array.from(candidates, (i) => odds[i]);
  const candidateHitLists = hits === undefined || k === n ? hits : subsetHitsInto(hits, candidates, subsetScratch);
  const out = { fraction: new Float64Array(k), uncapped: new Float64Array(k), capped: new Uint8Array(k) };
  const { growth, method } = allocateOnCandidates({ count: k, betTypes: codes, p: cp, odds: co, dist, hits: candidateHitLists }, config, out);
  spreadCandidates(candidates, out, fraction, uncapped, capped);
  return { ids, betTypes, p, odds, fraction, uncapped, reason, capped, pools, growth, method };
}

/** Writes the candidates' fractions and caps (candidate j at ticket rows[j]) into the race's arrays. */
function spreadCandidates(
  rows: ArrayLike<number>,
  c: { readonly fraction: Float64Array; readonly uncapped: Float64Array; readonly capped: Uint8Array },
  fraction: Float64Array,
  uncapped: Float64Array,
  capped: (CapReason | null)[],
): void {
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j];
    fraction[i] = c.fraction[j];
    uncapped[i] = c.uncapped[j];
    capped[i] = capReasonOf(c.capped[j]);
  }
}

/**
 * The hit lists of a subset of the tickets, in the subset's order (CSR, as hitLists returns).
 * O(rows + their hits).
 * @param hits - hit lists of all tickets
 * @param rows - indices of the tickets to keep
 * @throws nothing (rows must be valid ticket indices)
 * @example subsetHits({ offsets: Int32Array.of(0, 1, 3), outcomes: Int32Array.of(0, 0, 1), outcomeCount: 3 }, [1])
 * // { offsets: Int32Array [0, 2], outcomes: Int32Array [0, 1], outcomeCount: 3 }
 */
export function subsetHits(hits: HitLists, rows: readonly number[]): HitLists {
  return subsetHitsInto(hits, rows, undefined);
}

/** Result arrays of allocate's candidate hit lists, reused from call to call (allocate is synchronous). */
const subsetScratch = new Scratch();

/** subsetHits with its result arrays in `into` when given (valid until its next use). */
function subsetHitsInto(hits: HitLists, rows: readonly number[], into: Scratch | undefined): HitLists {
  const offsets = into === undefined ? new Int32Array(rows.length + 1) : into.i32(0, rows.length + 1);
  offsets[0] = 0;
  for (let j = 0; j < rows.length; j++) offsets[j + 1] = offsets[j] + hits.offsets[rows[j] + 1] - hits.offsets[rows[j]];
  const outcomes = into === undefined ? new Int32Array(offsets[rows.length]) : into.i32(1, offsets[rows.length]);
  const src = hits.outcomes;
  for (let j = 0; j < rows.length; j++) {
    let at = offsets[j];
    for (let k = hits.offsets[rows[j]]; k < hits.offsets[rows[j] + 1]; k++) outcomes[at++] = src[k];
  }
  return { offsets, outcomes, outcomeCount: hits.outcomeCount };
}
