/**
 * Themis's decision for a race offered win tickets only, on typed arrays: the same stakes,
 * fractions and reasons as decide(raceInputFor(win, config), bankroll, config, account) (the
 * exclusive Kelly allocation of allocate, the caps and the sizing of size), written into
 * reusable buffers instead of ticket objects. The cases it does not reproduce itself (input
 * decide would refuse, the point limit or a yen cap actually cutting stakes) it declines, and
 * the caller runs decide. Layer: sim (imports themis). Units: probabilities, decimal odds,
 * fractions of the bankroll, integer yen. Pure apart from the buffers it fills.
 */
import { capFractions, kellyExclusive, PROB_SUM_TOLERANCE, unitStakeYen, UNIT_YEN, type RejectReason, type ThemisConfig } from '../../themis/index.ts';

/** Reason codes of {@link WinDecisionBuffers.reason}: 0 for a ticket bought, else 1 + index in REASONS. */
export const WIN_REASONS: readonly RejectReason[] = ['below_threshold', 'bankroll_stop', 'cap_per_ticket', 'cap_per_race', 'below_unit'];
const BOUGHT = 0;
const BELOW_THRESHOLD = 1;
const BANKROLL_STOP = 2;
const CAP_PER_TICKET = 3;
const CAP_PER_RACE = 4;
const BELOW_UNIT = 5;

/** Buffers a decision is written into (each at least as long as the largest field). */
export interface WinDecisionBuffers {
  /** Stake per ticket, integer yen (0 when not bought). */
  readonly stake: Float64Array;
  /** Fraction of the bankroll per ticket (after the safety factor and the fraction caps). */
  readonly fraction: Float64Array;
  /** 0 when bought, else 1 + index of the reason in WIN_REASONS. */
  readonly reason: Uint8Array;
  /** Scratch: full-Kelly fractions, uncapped fractions, fraction caps applied. */
  readonly kelly: Float64Array;
  readonly uncapped: Float64Array;
  readonly capped: Uint8Array;
}

/**
 * Buffers for fields of up to `n` runners.
 * @example winDecisionBuffers(32).stake.length // 32
 */
export function winDecisionBuffers(n: number): WinDecisionBuffers {
  return {
    stake: new Float64Array(n),
    fraction: new Float64Array(n),
    reason: new Uint8Array(n),
    kelly: new Float64Array(n),
    uncapped: new Float64Array(n),
    capped: new Uint8Array(n),
  };
}

/**
 * Decides the win tickets `win:<runners[i]>` of one race (config.betTypes must include win).
 * Cost O(n^2) at worst (Kelly's insertion sort), no allocation.
 * @param runners - saddle numbers of the candidates, ascending
 * @param p - their win probabilities (length n: the arrays' length is the field)
 * @param odds - their win odds
 * @param bankrollYen - the bankroll, integer yen >= 0
 * @param config - the Themis config
 * @param stakedTodayYen - account: yen staked today
 * @param pointsUsedToday - account: tickets bought today
 * @param out - buffers the decision is written into
 * @returns true when decided; false when the caller must run decide instead
 * @throws nothing
 * @example decideWin(runners, p, odds, 1_000_000, config, 0, 0, buffers) // true; buffers.stake[i] > 0 for the tickets bought
 */
export function decideWin(
  runners: ArrayLike<number>,
  p: Float64Array,
  odds: Float64Array,
  bankrollYen: number,
  config: ThemisConfig,
  stakedTodayYen: number,
  pointsUsedToday: number,
  out: WinDecisionBuffers,
): boolean {
  const n = p.length;
  // Input decide would refuse (checkRace): ticket ids, probabilities, odds.
  let prev = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = runners[i];
    if (!(r > prev && r <= 99)) return false;
    prev = r;
    const pi = p[i];
    if (!(Number.isFinite(pi) && pi >= 0 && pi <= 1)) return false;
    sum += pi;
    const o = odds[i];
    if (!(Number.isFinite(o) && o >= 1)) return false;
  }
  if (sum > 1 + PROB_SUM_TOLERANCE) return false;

  // allocate: exclusive Kelly over the candidates, safety factor, fraction caps.
  const ev = config.evThreshold;
  const { stake, fraction, reason, kelly, uncapped, capped } = out;
  kellyExclusive(p, odds, ev, kelly);
  for (let i = 0; i < n; i++) {
    capped[i] = BOUGHT;
    stake[i] = 0;
    if (!(p[i] * odds[i] > ev)) {
      reason[i] = BELOW_THRESHOLD;
      uncapped[i] = 0;
      fraction[i] = 0;
      continue;
    }
    reason[i] = BOUGHT;
    const u = kelly[i] * config.safetyFactor;
    uncapped[i] = u;
    fraction[i] = u;
  }
  // The tickets not bought have fraction 0, which the caps leave alone.
  capFractions(fraction, capped, n, config, CAP_PER_TICKET, CAP_PER_RACE);

  // size: fractions must be valid (else size throws), then units, bankroll stop, limits.
  let fsum = 0;
  for (let i = 0; i < n; i++) {
    const f = fraction[i];
    if (!(f >= 0 && f <= 1)) return false;
    fsum += f;
  }
  if (fsum > 1 + 1e-9) return false;
  const stop = bankrollYen < Math.max(config.minBankrollYen, UNIT_YEN);
  let bought = 0;
  let units = 0;
  let staked = 0;
  for (let i = 0; i < n; i++) {
    if (reason[i] !== BOUGHT) continue;
    if (stop) {
      reason[i] = BANKROLL_STOP;
      continue;
    }
    const s = unitStakeYen(bankrollYen, fraction[i]);
    stake[i] = s;
    if (s === 0) {
      reason[i] = capped[i] !== BOUGHT && unitStakeYen(bankrollYen, uncapped[i]) >= UNIT_YEN ? capped[i] : BELOW_UNIT;
      continue;
    }
    bought++;
    units += s / UNIT_YEN;
    staked += s;
  }
  // Limits that would cut stakes: decide handles them.
  if (config.pointLimitPerDay !== null && bought > Math.max(0, config.pointLimitPerDay - pointsUsedToday)) return false;
  if (config.maxStakePerRaceYen !== null && units > Math.floor(config.maxStakePerRaceYen / UNIT_YEN)) return false;
  if (config.maxStakePerDayYen !== null && units > Math.floor(Math.max(0, config.maxStakePerDayYen - stakedTodayYen) / UNIT_YEN)) return false;
  if (staked > bankrollYen || !Number.isSafeInteger(staked)) return false;
  return true;
}
