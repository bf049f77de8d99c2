/**
 * Stage 2 of a Themis decision: turns an allocation's fractions into integer-yen stakes in
 * 100-yen units and applies the bankroll stop, the yen caps per race and per day and the daily
 * point limit. Layer: themis (imports nothing from the project). Units: integer yen. Pure.
 */
import type { ThemisConfig } from './config.ts';
import { ThemisError } from './errors.ts';
import type { AccountState, Allocation, Bet, Decision, PoolSizes, Rejection } from './race-input.ts';
import { CAP_CODE, CAP_REASONS, capReasonOf, REJECT_CODE, rejectReasonOf } from './reasons.ts';
import { kellyStakeWithImpact } from './pool-impact.ts';
import { Scratch } from './scratch.ts';
import { sortByKeyDescending } from './stable-sort.ts';
import { BET_TYPES } from './tickets.ts';
import { checkAccount, checkBankroll } from './validate.ts';

/** The JRA stake unit: every stake is a multiple of 100 yen. */
export const UNIT_YEN = 100;

/**
 * The stake of one fraction of a bankroll, floored to 100-yen units, computed exactly as
 * `Math.floor(bankrollYen * fraction / 100) * 100` (the Monte Carlo kernel repeats this inline).
 * @throws nothing
 * @example unitStakeYen(123456, 0.09) // 11100
 */
export function unitStakeYen(bankrollYen: number, fraction: number): number {
  return Math.floor((bankrollYen * fraction) / 100) * 100;
}

/**
 * Sizes an allocation for a bankroll. Steps, in order (deterministic):
 * 1. bankroll stop: below `max(config.minBankrollYen, 100)` every candidate is rejected (`bankroll_stop`);
 * 2. each stake = {@link unitStakeYen}(bankrollYen, fraction); a stake of 0 is `below_unit`, or
 *    the fraction cap that caused it when the uncapped fraction would have bought a unit;
 * 3. own-pool impact, when `config.poolImpact` is true: a win ticket carrying pool sizes is
 *    capped at `config.safetyFactor` x the Kelly stake with impact (betting-math.md 4.4; floored
 *    to units, marked `cap_per_ticket`). This is a per-ticket approximation: each ticket's stake
 *    lowers only its own odds, ignoring that own stakes on other runners enlarge the pool;
 * 4. point limit, the smaller of `config.pointLimitPerDay` and `account.pointLimit`, less
 *    `account.pointsUsedToday`: when fewer points remain than tickets, the largest stakes are
 *    kept (ties: earlier ticket first) and the rest rejected (`point_limit`);
 * 5. `config.maxStakePerRaceYen`, then `config.maxStakePerDayYen` less `account.stakedTodayYen`:
 *    when the race total exceeds the cap every stake is scaled down in whole units to a total of
 *    exactly the cap (`floor(units * capUnits / totalUnits)`, leftover units to the largest
 *    remainders, ties to the earlier ticket), marked `cap_per_race` / `cap_per_day` (rejected
 *    with that reason when it reaches 0).
 * The total stake never exceeds the bankroll (checked). `growth` is the allocation's growth,
 * or 0 when nothing is bought.
 * @param allocation - the result of allocate
 * @param bankrollYen - the bankroll, integer yen >= 0
 * @param config - the configuration the allocation was made with
 * @param account - today's account state (default: nothing staked, no points used)
 * @returns bets in ticket order with positive stakes, and every other ticket with its reason
 * @throws ThemisError THEMIS_BAD_BANKROLL (field `bankrollYen`), THEMIS_BAD_INPUT for a bad
 *   account (`account.<field>`) or an allocation whose fractions are not in [0, 1] or sum over 1
 * @example
 * size(allocate({ tickets: [{ id: 'win:1', p: 0.35, odds: 3.5 }] }, cfg), 123456, cfg)
 * // with cfg = parseConfig({ safetyFactor: 1, maxFractionPerTicket: null, maxFractionPerRace: null, minBankrollYen: 0 }):
 * // { bets: [{ id: 'win:1', p: 0.35, odds: 3.5, fraction: 0.09, stakeYen: 11100 }], rejected: [], growth: 0.0097274 }
 */
export function size(allocation: Allocation, bankrollYen: number, config: ThemisConfig, account?: AccountState): Decision {
  const bankroll = checkBankroll(bankrollYen);
  const acct = checkAccount(account);
  const { ids, fraction } = allocation;
  const n = ids.length;
  checkFractions(fraction);
  const reason = work.u8(0, n);
  const capped = work.u8(1, n);
  writeCodes(allocation, reason, capped);
  const betTypes = work.u8(2, n);
  for (let i = 0; i < n; i++) betTypes[i] = BET_TYPES.indexOf(allocation.betTypes[i]);
  const stake = sizeStakes({ count: n, betTypes, p: allocation.p, fraction, uncapped: allocation.uncapped, reason, capped, pools: allocation.pools }, bankroll, config, acct);

  const bets: Bet[] = [];
  const rejected: Rejection[] = [];
  for (let i = 0; i < n; i++) {
    if (stake[i] > 0) bets.push(betOf(ids[i], allocation.p[i], allocation.odds[i], fraction[i], stake[i], capped[i]));
    else rejected.push({ id: ids[i], reason: rejectReasonOf(rejectedCode(reason[i]))! });
  }
  return { bets, rejected, growth: bets.length > 0 ? allocation.growth : 0 };
}

/** The bet type code of win (own-pool impact applies to win tickets only). */
const WIN_CODE = BET_TYPES.indexOf('win');

/**
 * Writes an allocation's reasons and caps as codes (REJECT_CODE, CAP_CODE; 0 for none) into
 * `reason` and `capped`, one entry per ticket.
 */
export function writeCodes(allocation: Pick<Allocation, 'reason' | 'capped'>, reason: Uint8Array, capped: Uint8Array): void {
  for (let i = 0; i < reason.length; i++) {
    const r = allocation.reason[i];
    reason[i] = r === null ? 0 : REJECT_CODE.get(r)!;
    const c = allocation.capped[i];
    capped[i] = c === null ? 0 : CAP_CODE.get(c)!;
  }
}

/** The reason code of a ticket sizeStakes left at 0 yen: its code, below_unit's when it has none. */
export function rejectedCode(code: number): number {
  return code === 0 ? BELOW_UNIT : code;
}

/** A bet as size gives it (`capped` only when a cap code is given). */
export function betOf(id: string, p: number, odds: number, fraction: number, stakeYen: number, cappedCode: number): Bet {
  const capped = capReasonOf(cappedCode);
  return capped === null ? { id, p, odds, fraction, stakeYen } : { id, p, odds, fraction, stakeYen, capped };
}

/**
 * An allocation with its reasons as codes: what sizeStakes reads (size converts an Allocation;
 * the columnar decision keeps its candidates in this form).
 */
export interface AllocationCodes {
  readonly count: number;
  /** Bet type per ticket: its index in BET_TYPES. */
  readonly betTypes: Uint8Array;
  readonly p: Float64Array;
  readonly fraction: Float64Array;
  readonly uncapped: Float64Array;
  /** Per ticket: 0, or 1 + the index in REJECT_REASONS of why it is not a candidate. */
  readonly reason: Uint8Array;
  /** Per ticket: 0, or 1 + the index in CAP_REASONS of the fraction cap that cut it. */
  readonly capped: Uint8Array;
  /** Pool sizes per ticket, or null when no ticket has any. */
  readonly pools: readonly (PoolSizes | undefined)[] | null;
}

/**
 * The steps of size on an allocation in codes whose bankroll, account and fractions are checked
 * (checkBankroll, checkAccount, checkFractions, in that order): the stake of every ticket
 * (integer yen, 0 when not bought; a work array valid until the next call of size, sizeStakes or
 * sizeCodes), and `reason` and `capped` updated in place to the codes of the reasons and caps
 * size gives. Throws when the stakes would exceed the bankroll.
 */
export function sizeStakes(a: AllocationCodes, bankroll: number, config: ThemisConfig, acct: Required<AccountState>): Float64Array {
  const { count: n, fraction, uncapped, reason, capped } = a;
  const stake = work.f64(0, n).fill(0);
  const stop = bankroll < Math.max(config.minBankrollYen, UNIT_YEN);

  for (let i = 0; i < n; i++) {
    if (reason[i] !== 0) continue;
    if (stop) {
      reason[i] = BANKROLL_STOP;
      continue;
    }
    const s = unitStakeYen(bankroll, fraction[i]);
    stake[i] = s;
    if (s === 0) {
      const c = capped[i];
      reason[i] = c !== 0 && unitStakeYen(bankroll, uncapped[i]) >= UNIT_YEN ? CAP_TO_REJECT[c] : BELOW_UNIT;
    }
  }

  if (config.poolImpact && !stop && a.pools !== null) capByPoolImpact(a, a.pools, bankroll, config, stake);

  const limits = [config.pointLimitPerDay, acct.pointLimit].filter((x): x is number => x !== null);
  if (limits.length > 0) {
    const left = Math.max(0, Math.min(...limits) - acct.pointsUsedToday);
    const bought: number[] = [];
    for (let i = 0; i < n; i++) if (stake[i] > 0) bought.push(i);
    if (bought.length > left) {
      bought.sort((x, y) => stake[y] - stake[x] || x - y);
      for (let k = left; k < bought.length; k++) {
        stake[bought[k]] = 0;
        reason[bought[k]] = POINT_LIMIT;
      }
    }
  }

  if (config.maxStakePerRaceYen !== null) capTotal(stake, reason, capped, config.maxStakePerRaceYen, CAP_PER_RACE);
  if (config.maxStakePerDayYen !== null) {
    capTotal(stake, reason, capped, Math.max(0, config.maxStakePerDayYen - acct.stakedTodayYen), CAP_PER_DAY);
  }

  let total = 0;
  for (let i = 0; i < n; i++) total += stake[i];
  if (total > bankroll || !Number.isSafeInteger(total)) {
    throw new Error(`size: stakes total ${total} yen exceed the bankroll ${bankroll} yen (fractions sum over 1?)`);
  }
  return stake;
}

/**
 * Work arrays of size and sizeStakes, reused from call to call (sizing is synchronous; the
 * results are read before the next call): a replay sizes race after race, and on some machines
 * each fresh typed array costs microseconds.
 */
const work = new Scratch();

/**
 * Copies of a stage's reason and cap codes to size with (work arrays, valid until the next call
 * of size or sizeCodes): sizeStakes changes the codes it is given.
 */
export function sizeCodes(reason: Uint8Array, capped: Uint8Array): { reason: Uint8Array; capped: Uint8Array } {
  const r = work.u8(3, reason.length);
  r.set(reason);
  const c = work.u8(4, capped.length);
  c.set(capped);
  return { reason: r, capped: c };
}

const BANKROLL_STOP = REJECT_CODE.get('bankroll_stop')!;
const BELOW_UNIT = REJECT_CODE.get('below_unit')!;
const POINT_LIMIT = REJECT_CODE.get('point_limit')!;
/** Cap codes (CAP_REASONS), and the reject code of each cap code. */
const CAP_PER_TICKET = CAP_CODE.get('cap_per_ticket')!;
const CAP_PER_RACE = CAP_CODE.get('cap_per_race')!;
const CAP_PER_DAY = CAP_CODE.get('cap_per_day')!;
const CAP_TO_REJECT: readonly number[] = [0, ...CAP_REASONS.map((c) => REJECT_CODE.get(c)!)];

/** Every fraction in [0, 1] and their sum at most 1 (size's third check). */
export function checkFractions(fraction: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < fraction.length; i++) {
    const f = fraction[i];
    if (!(f >= 0 && f <= 1)) {
      throw new ThemisError('THEMIS_BAD_INPUT', `allocation.fraction[${i}]`, f, `allocation.fraction[${i}]: ${f} is not a fraction in [0, 1]`);
    }
    sum += f;
  }
  if (sum > 1 + 1e-9) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'allocation.fraction', sum, `allocation.fraction: fractions sum to ${sum} (> 1)`);
  }
}

/**
 * Scales stakes down in whole 100-yen units so that their total is exactly the cap's units:
 * each gets `floor(units * capUnits / totalUnits)`, then the units left over go one each to the
 * largest remainders (ties: earlier ticket first). Integer arithmetic (exact below 2^53).
 */
function capTotal(stake: Float64Array, reason: Uint8Array, capped: Uint8Array, capYen: number, why: number): void {
  let totalUnits = 0;
  for (let i = 0; i < stake.length; i++) totalUnits += stake[i] / UNIT_YEN;
  const capUnits = Math.floor(capYen / UNIT_YEN);
  if (totalUnits <= capUnits) return;
  const rows = new Int32Array(stake.length);
  let nRows = 0;
  const remainder = new Float64Array(stake.length);
  let given = 0;
  for (let i = 0; i < stake.length; i++) {
    if (stake[i] === 0) continue;
    const units = stake[i] / UNIT_YEN;
    const scaled = Math.floor((units * capUnits) / totalUnits);
    remainder[i] = units * capUnits - scaled * totalUnits;
    given += scaled;
    stake[i] = scaled * UNIT_YEN;
    capped[i] = why;
    rows[nRows++] = i;
  }
  // Largest remainder first; a stable sort keeps equal remainders in ticket order.
  sortByKeyDescending(rows, nRows, remainder, new Int32Array(nRows));
  for (let k = 0; k < nRows && given < capUnits; k++) {
    if (remainder[rows[k]] === 0) break;
    stake[rows[k]] += UNIT_YEN;
    given++;
  }
  for (let k = 0; k < nRows; k++) if (stake[rows[k]] === 0) reason[rows[k]] = CAP_TO_REJECT[why];
}

/** Caps win tickets with pool sizes at the safety factor times the Kelly stake with own-stake impact. */
function capByPoolImpact(a: AllocationCodes, pools: readonly (PoolSizes | undefined)[], bankroll: number, config: ThemisConfig, stake: Float64Array): void {
  for (let i = 0; i < stake.length; i++) {
    const pool = pools[i];
    if (stake[i] === 0 || pool === undefined || a.betTypes[i] !== WIN_CODE) continue;
    const kelly = kellyStakeWithImpact(a.p[i], bankroll, pool.poolTotalYen, pool.poolOnTicketYen, config.payoutRates.win);
    const capYen = Math.floor((config.safetyFactor * kelly) / UNIT_YEN) * UNIT_YEN;
    if (capYen < stake[i]) {
      stake[i] = capYen;
      a.capped[i] = CAP_PER_TICKET;
      if (capYen === 0) a.reason[i] = CAP_TO_REJECT[CAP_PER_TICKET];
    }
  }
}
