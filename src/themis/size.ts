/**
 * Stage 2 of a Themis decision: turns an allocation's fractions into integer-yen stakes in
 * 100-yen units and applies the bankroll stop, the yen caps per race and per day and the daily
 * point limit. Layer: themis (imports nothing from the project). Units: integer yen. Pure.
 */
import type { ThemisConfig } from './config.ts';
import { ThemisError } from './errors.ts';
import type { AccountState, Allocation, Bet, Decision, Rejection } from './race-input.ts';
import type { CapReason, RejectReason } from './reasons.ts';
import { kellyStakeWithImpact } from './pool-impact.ts';
import { sortByKeyDescending } from './stable-sort.ts';
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
  const { ids, fraction, uncapped } = allocation;
  const n = ids.length;
  checkFractions(fraction);

  const reason: (RejectReason | null)[] = allocation.reason.slice();
  const capped: (CapReason | null)[] = allocation.capped.slice();
  const stake = new Array<number>(n).fill(0);
  const stop = bankroll < Math.max(config.minBankrollYen, UNIT_YEN);

  for (let i = 0; i < n; i++) {
    if (reason[i] !== null) continue;
    if (stop) {
      reason[i] = 'bankroll_stop';
      continue;
    }
    const s = unitStakeYen(bankroll, fraction[i]);
    stake[i] = s;
    if (s === 0) {
      const c = capped[i];
      reason[i] = c !== null && unitStakeYen(bankroll, uncapped[i]) >= UNIT_YEN ? c : 'below_unit';
    }
  }

  if (config.poolImpact && !stop) capByPoolImpact(allocation, bankroll, config, stake, reason, capped);

  const limits = [config.pointLimitPerDay, acct.pointLimit].filter((x): x is number => x !== null);
  if (limits.length > 0) {
    const left = Math.max(0, Math.min(...limits) - acct.pointsUsedToday);
    const bought: number[] = [];
    for (let i = 0; i < n; i++) if (stake[i] > 0) bought.push(i);
    if (bought.length > left) {
      bought.sort((a, b) => stake[b] - stake[a] || a - b);
      for (let k = left; k < bought.length; k++) {
        stake[bought[k]] = 0;
        reason[bought[k]] = 'point_limit';
      }
    }
  }

  if (config.maxStakePerRaceYen !== null) capTotal(stake, reason, capped, config.maxStakePerRaceYen, 'cap_per_race');
  if (config.maxStakePerDayYen !== null) {
    capTotal(stake, reason, capped, Math.max(0, config.maxStakePerDayYen - acct.stakedTodayYen), 'cap_per_day');
  }

  let total = 0;
  const bets: Bet[] = [];
  const rejected: Rejection[] = [];
  for (let i = 0; i < n; i++) {
    if (stake[i] > 0) {
      total += stake[i];
      const c = capped[i];
      bets.push(
        c === null
          ? { id: ids[i], p: allocation.p[i], odds: allocation.odds[i], fraction: fraction[i], stakeYen: stake[i] }
          : { id: ids[i], p: allocation.p[i], odds: allocation.odds[i], fraction: fraction[i], stakeYen: stake[i], capped: c },
      );
    } else {
      rejected.push({ id: ids[i], reason: reason[i] ?? 'below_unit' });
    }
  }
  if (total > bankroll || !Number.isSafeInteger(total)) {
    throw new Error(`size: stakes total ${total} yen exceed the bankroll ${bankroll} yen (fractions sum over 1?)`);
  }
  return { bets, rejected, growth: bets.length > 0 ? allocation.growth : 0 };
}

function checkFractions(fraction: Float64Array): void {
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
function capTotal(
  stake: number[],
  reason: (RejectReason | null)[],
  capped: (CapReason | null)[],
  capYen: number,
  why: 'cap_per_race' | 'cap_per_day',
): void {
  let totalUnits = 0;
  for (const s of stake) totalUnits += s / UNIT_YEN;
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
  for (let k = 0; k < nRows; k++) if (stake[rows[k]] === 0) reason[rows[k]] = why;
}

/** Caps win tickets with pool sizes at the safety factor times the Kelly stake with own-stake impact. */
function capByPoolImpact(
  allocation: Allocation,
  bankroll: number,
  config: ThemisConfig,
  stake: number[],
  reason: (RejectReason | null)[],
  capped: (CapReason | null)[],
): void {
  for (let i = 0; i < stake.length; i++) {
    const pool = allocation.pools[i];
    if (stake[i] === 0 || pool === undefined || allocation.betTypes[i] !== 'win') continue;
    const kelly = kellyStakeWithImpact(allocation.p[i], bankroll, pool.poolTotalYen, pool.poolOnTicketYen, config.payoutRates.win);
    const capYen = Math.floor((config.safetyFactor * kelly) / UNIT_YEN) * UNIT_YEN;
    if (capYen < stake[i]) {
      stake[i] = capYen;
      capped[i] = 'cap_per_ticket';
      if (capYen === 0) reason[i] = 'cap_per_ticket';
    }
  }
}
