/**
 * Builds the race Themis decides on from a strategy's win probabilities and the odds seen at
 * decision time: win tickets from the win odds; for other bet types, the finishing-order
 * distribution (Harville or discounted, as the Themis config says) and the tickets offered with
 * their odds, which the caller must have (datasets carry only win odds; see the backtest).
 * raceColumnsFor builds the same race in Themis's columnar form (typed arrays, no object per ticket).
 * Layer: strategies (imports themis and finish-order.ts). Units: probabilities, decimal odds. Pure.
 */
import { BET_TYPES, type ColumnarRaceInput, type RaceInput, type ThemisConfig, type TicketColumns, type TicketInput } from '../themis/index.ts';
import { discountedHarvilleDistribution, harvilleDistribution } from './finish-order.ts';
import { StrategyError } from './errors.ts';

/** Win ticket ids by saddle number (1-99), built once. */
const WIN_IDS: readonly string[] = Array.from({ length: 100 }, (_, n) => `win:${n}`);

/** The win market of a race at decision time: candidate runners, their probabilities and odds. */
export interface WinMarket {
  /** Saddle numbers of the candidates (runners left at decision time), ascending. */
  readonly runners: ArrayLike<number>;
  /** Win probabilities of the candidates (summing to 1). */
  readonly p: ArrayLike<number>;
  /** Win odds at decision time. */
  readonly odds: ArrayLike<number>;
}

/** Tickets of bet types other than win, with their odds at decision time. */
export interface ExoticOffer {
  /** Tickets with `id` and `odds` (probabilities come from the finishing-order distribution). */
  readonly tickets: readonly TicketInput[];
  /** Places paid by place tickets. */
  readonly placesPaid?: 2 | 3;
  /** Bracket of each runner (bracket_quinella). */
  readonly brackets?: ReadonlyMap<number, number>;
}

/** Tickets of bet types other than win in Themis's columnar form (ticket-columns.ts), with their odds. */
export interface ExoticColumns {
  /** Ticket columns (probabilities come from the finishing-order distribution). */
  readonly tickets: TicketColumns;
  /** Places paid by place tickets. */
  readonly placesPaid?: 2 | 3;
  /** Bracket of each runner (bracket_quinella). */
  readonly brackets?: ReadonlyMap<number, number>;
}

/**
 * Themis's race input: win tickets only when the config allows win alone; otherwise the
 * finishing-order distribution from the win probabilities plus the win and exotic tickets of
 * the bet types the config allows.
 * Cost O(n) for win only; O(n^3) for the distribution of a mixed race.
 * @param win - the win market at decision time
 * @param config - the Themis config (betTypes, finishOrder)
 * @param exotic - tickets of other bet types with their odds; required when config.betTypes holds more than win
 * @throws StrategyError STRATEGY_UNSUPPORTED when other bet types are allowed but no exotic
 *   offer is given; STRATEGY_BAD_PROBABILITIES from the distribution
 * @example
 * raceInputFor({ runners: [1, 2], p: [0.6, 0.4], odds: [1.5, 2.9] }, parseConfig({ betTypes: ['win'] }))
 * // { tickets: [{ id: 'win:1', p: 0.6, odds: 1.5 }, { id: 'win:2', p: 0.4, odds: 2.9 }] }
 */
export function raceInputFor(win: WinMarket, config: ThemisConfig, exotic?: ExoticOffer): RaceInput {
  const winOnly = config.betTypes.length === 1 && config.betTypes[0] === 'win';
  const n = win.runners.length;
  const winTickets: TicketInput[] = [];
  if (config.betTypes.includes('win')) {
    for (let i = 0; i < n; i++) {
      const r = win.runners[i];
      winTickets.push({ id: r >= 1 && r <= 99 ? WIN_IDS[r] : `win:${r}`, p: win.p[i], odds: win.odds[i] });
    }
  }
  if (winOnly) return { tickets: winTickets };
  if (exotic === undefined) {
    throw new StrategyError(
      'STRATEGY_UNSUPPORTED',
      'betTypes',
      config.betTypes,
      `raceInputFor: bet types ${config.betTypes.join(', ')} need the odds of each combination at decision time, which were not given`,
    );
  }
  const map = new Map<number, number>();
  let s = 0;
  for (let i = 0; i < n; i++) s += win.p[i];
  for (let i = 0; i < n; i++) map.set(win.runners[i], win.p[i] / s);
  const fo = config.finishOrder;
  const finishOrder = fo.model === 'harville' ? harvilleDistribution(map) : discountedHarvilleDistribution(map, fo.gamma, fo.delta);
  const allowed = new Set<string>(config.betTypes);
  const tickets = winTickets.concat(exotic.tickets.filter((t) => allowed.has(t.id.slice(0, t.id.indexOf(':')))));
  return {
    tickets,
    finishOrder,
    ...(exotic.placesPaid === undefined ? {} : { placesPaid: exotic.placesPaid }),
    ...(exotic.brackets === undefined ? {} : { brackets: exotic.brackets }),
  };
}

/**
 * The race of raceInputFor (mixed bet types) in Themis's columnar form: the win tickets (when
 * the config allows win) then the exotic tickets of the bet types the config allows, in order,
 * and the finishing-order distribution from the win probabilities.
 * Cost O(n^3) for the distribution plus O(tickets).
 * @param win - the win market at decision time
 * @param config - the Themis config (betTypes, finishOrder)
 * @param exotic - exotic tickets in columns with their odds
 * @param reuse - a race of an earlier call no longer needed: its arrays (columns and
 *   distribution) are overwritten where large enough instead of allocating new ones
 * @throws StrategyError STRATEGY_BAD_PROBABILITIES from the distribution
 * @example raceColumnsFor(win, config, exoticColumns).tickets.count
 */
export function raceColumnsFor(win: WinMarket, config: ThemisConfig, exotic: ExoticColumns, reuse?: ColumnarRaceInput): ColumnarRaceInput {
  const x = exotic.tickets;
  const copy: ExoticWriter = (into, at, allowed) => {
    let k = at;
    for (let i = 0; i < x.count; i++) {
      const t = x.betType[i];
      if (allowed[t] === 0) continue;
      into.betType[k] = t;
      into.first[k] = x.first[i];
      into.second[k] = x.second[i];
      into.third[k] = x.third[i];
      into.odds[k] = x.odds[i];
      k++;
    }
    return k - at;
  };
  return raceColumnsWith(win, config, x.count, copy, exotic, reuse);
}

/** Ticket columns being written (their `p` is written by raceColumnsWith). */
export interface WritableTicketColumns {
  readonly betType: Uint8Array;
  readonly first: Uint8Array;
  readonly second: Uint8Array;
  readonly third: Uint8Array;
  readonly odds: Float64Array;
}

/**
 * Writes exotic tickets into `into` from index `at` on, only those whose bet type code has
 * `allowed[code] === 1`, and returns how many it wrote.
 */
export type ExoticWriter = (into: WritableTicketColumns, at: number, allowed: Uint8Array) => number;

/**
 * raceColumnsFor with the exotic tickets written by `write` straight into the race's columns
 * (no copy of columns made elsewhere): the same race when `write` writes the same tickets.
 * @param capacity - the most exotic tickets `write` may write
 * @param context - the places paid and brackets of the race's exotic offer
 * @throws StrategyError STRATEGY_BAD_PROBABILITIES from the distribution
 * @example raceColumnsWith(win, config, 0, () => 0, {}).tickets.count // the win tickets
 */
export function raceColumnsWith(
  win: WinMarket,
  config: ThemisConfig,
  capacity: number,
  write: ExoticWriter,
  context: Omit<ExoticColumns, 'tickets'>,
  reuse?: ColumnarRaceInput,
): ColumnarRaceInput {
  const n = win.runners.length;
  const allowed = new Uint8Array(8);
  for (const t of config.betTypes) allowed[BET_TYPES.indexOf(t)] = 1;
  const withWin = allowed[0] === 1;
  const size = (withWin ? n : 0) + capacity;
  const old = reuse?.tickets;
  const fits = old !== undefined && old.p !== undefined && old.betType.length >= size && old.first.length >= size && old.second.length >= size && old.third.length >= size && old.odds.length >= size && old.p.length >= size;
  const betType = fits ? old.betType : new Uint8Array(size);
  const first = fits ? old.first : new Uint8Array(size);
  const second = fits ? old.second : new Uint8Array(size);
  const third = fits ? old.third : new Uint8Array(size);
  const odds = fits ? old.odds : new Float64Array(size);
  const p = fits ? old.p! : new Float64Array(size);
  let k = 0;
  if (withWin) {
    for (let i = 0; i < n; i++) {
      const r = win.runners[i];
      betType[k] = 0;
      first[k] = Number.isInteger(r) && r >= 1 && r <= 99 ? r : 0; // 0: refused by Themis as a bad ticket
      second[k] = 0;
      third[k] = 0;
      odds[k] = win.odds[i];
      p[k] = win.p[i];
      k++;
    }
  }
  const written = write({ betType, first, second, third, odds }, k, allowed);
  if (!(written >= 0 && written <= capacity)) throw new Error(`raceColumnsWith: the exotic writer wrote ${written} tickets (room for ${capacity})`);
  p.fill(0, k, k + written);
  k += written;
  const map = new Map<number, number>();
  let s = 0;
  for (let i = 0; i < n; i++) s += win.p[i];
  for (let i = 0; i < n; i++) map.set(win.runners[i], win.p[i] / s);
  const fo = config.finishOrder;
  const finishOrder = fo.model === 'harville' ? harvilleDistribution(map, reuse?.finishOrder) : discountedHarvilleDistribution(map, fo.gamma, fo.delta, reuse?.finishOrder);
  // Win probabilities as given are checked by Themis (the distribution's replace them); the exotic ones are 0.
  return {
    tickets: { count: k, betType, first, second, third, odds, p },
    finishOrder,
    ...(context.placesPaid === undefined ? {} : { placesPaid: context.placesPaid }),
    ...(context.brackets === undefined ? {} : { brackets: context.brackets }),
  };
}
