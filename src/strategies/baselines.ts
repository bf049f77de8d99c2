/**
 * Baseline decisions, so that a strategy is always compared with something: a flat stake on the
 * favourite, on one runner drawn at random, or on every runner whose p x odds clears the EV
 * threshold. No Kelly sizing; the bankroll stop, the daily cap and the point limit of the Themis
 * config still apply. Layer: strategies (imports themis). Units: integer yen, decimal odds.
 * Pure: randomness arrives as a `random()` function.
 */
import type { AccountState, RejectReason, ThemisConfig } from '../themis/index.ts';
import type { BaselineRule } from './strategy.ts';
import type { WinMarket } from './race-input.ts';

/** Win ticket ids by saddle number (1-99), built once. */
const WIN_IDS: readonly string[] = Array.from({ length: 100 }, (_, n) => `win:${n}`);

/** Why a baseline did not buy a ticket: a Themis reason, or `not_selected` by the rule. */
export type BaselineReason = RejectReason | 'not_selected';

/** A baseline's tickets for one race (every candidate appears once). */
export interface BaselineDecision {
  readonly bets: readonly { id: string; p: number; odds: number; fraction: number; stakeYen: number }[];
  readonly rejected: readonly { id: string; reason: BaselineReason }[];
}

/**
 * The tickets of a baseline rule for one race (win tickets).
 * - favourite_flat: `stakeYen` on the shortest odds (lowest saddle number on a tie);
 * - random: `stakeYen` on the runner at index floor(random() x n);
 * - flat_above_threshold: `stakeYen` on every runner with p x odds > config.evThreshold.
 * Nothing is bought below config.minBankrollYen or beyond the bankroll (bankroll_stop), over
 * config.maxStakePerDayYen (cap_per_day) or the daily point limit (point_limit).
 * Cost O(n).
 * @param rule - the baseline rule
 * @param win - the candidates, their probabilities and odds at decision time
 * @param stakeYen - flat stake per ticket, a positive multiple of 100
 * @param bankrollYen - the bankroll now
 * @param config - the Themis config (limits)
 * @param account - today's stake and points
 * @param random - uniform [0, 1) source (used by `random` only)
 * @throws nothing for valid inputs
 * @example
 * baselineDecision('favourite_flat', { runners: [1, 2], p: [.6, .4], odds: [1.5, 2.9] }, 100, 10_000, parseConfig({ minBankrollYen: 0 }), undefined, Math.random)
 * // { bets: [{ id: 'win:1', p: .6, odds: 1.5, fraction: .01, stakeYen: 100 }], rejected: [{ id: 'win:2', reason: 'not_selected' }] }
 */
export function baselineDecision(
  rule: BaselineRule,
  win: WinMarket,
  stakeYen: number,
  bankrollYen: number,
  config: ThemisConfig,
  account: AccountState | undefined,
  random: () => number,
): BaselineDecision {
  const n = win.runners.length;
  const chosen = new Uint8Array(n);
  if (n > 0) {
    if (rule === 'favourite_flat') {
      let best = 0;
      for (let i = 1; i < n; i++) if (win.odds[i] < win.odds[best]) best = i;
      chosen[best] = 1;
    } else if (rule === 'random') {
      chosen[Math.min(n - 1, Math.floor(random() * n))] = 1;
    } else {
      for (let i = 0; i < n; i++) if (win.p[i] * win.odds[i] > config.evThreshold) chosen[i] = 1;
    }
  }
  const bets: { id: string; p: number; odds: number; fraction: number; stakeYen: number }[] = [];
  const rejected: { id: string; reason: BaselineReason }[] = [];
  let left = bankrollYen;
  let staked = account?.stakedTodayYen ?? 0;
  let points = account?.pointsUsedToday ?? 0;
  const limits = [config.pointLimitPerDay, account?.pointLimit ?? null].filter((x): x is number => x !== null);
  const pointLimit = limits.length > 0 ? Math.min(...limits) : Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const r = win.runners[i];
    const id = r >= 1 && r <= 99 ? WIN_IDS[r] : `win:${r}`;
    if (chosen[i] === 0) {
      rejected.push({ id, reason: 'not_selected' });
      continue;
    }
    let reason: BaselineReason | null = null;
    if (bankrollYen < config.minBankrollYen || stakeYen > left) reason = 'bankroll_stop';
    else if (config.maxStakePerDayYen !== null && staked + stakeYen > config.maxStakePerDayYen) reason = 'cap_per_day';
    else if (points + 1 > pointLimit) reason = 'point_limit';
    if (reason !== null) {
      rejected.push({ id, reason });
      continue;
    }
    bets.push({ id, p: win.p[i], odds: win.odds[i], fraction: bankrollYen > 0 ? stakeYen / bankrollYen : 0, stakeYen });
    left -= stakeYen;
    staked += stakeYen;
    points++;
  }
  return { bets, rejected };
}
