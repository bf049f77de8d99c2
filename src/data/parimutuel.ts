/**
 * Pari-mutuel payouts per 100 yen from the stakes of a settled pool, following JRA rules
 * (betting-math.md 4.1-4.2): pool amount of winning combination k = (W_k + D/P) * R, floored
 * to 10 yen per 100, raised to 100 (元返し), JRA Plus10 (100 -> 110) and 特払い when nobody
 * holds a winning ticket. Layer: data (imports only the pure payout-rates module of themis and
 * data errors; re-exports the rates for the generator); pure. Units: integer yen; payout rates as decimals that are whole thousandths (0.775).
 * Arithmetic is exact integer arithmetic (pools may reach 1e10 yen and beyond).
 */
import { JRA_PAYOUT_RATES } from '../themis/payout-rates.ts';
import { DataError } from './errors.ts';

export { JRA_PAYOUT_RATES };

/**
 * How JRA Plus10 (a 100-yen payout raised to 110) is decided:
 * - `aggregate` (default; JRA's own wording): raise every 100-yen payout of the pool to 110
 *   unless total payouts including all top-ups would then exceed the pool's net sales;
 * - `per-combination` (one secondary source; UNCONFIRMED): raise combination k when
 *   W_k + D/P >= 1.1 * W_k;
 * - `none`: no Plus10 (100 stays 100).
 */
export type Plus10Rule = 'aggregate' | 'per-combination' | 'none';

/** A settled pool: net sales and the stakes on each winning combination. */
export interface SettledPool {
  /** Payout rate R in (0, 1], a whole number of thousandths (e.g. 0.8, 0.775, 0.725). */
  rate: number;
  /** U: net sales of the pool in yen (refunds already removed), a non-negative integer. */
  totalYen: number;
  /**
   * W_k: yen staked on each winning combination (one entry per combination; several with dead
   * heats or for place and wide). Non-negative integers (multiples of 10 yen for exact totals)
   * whose sum is at most `totalYen`.
   */
  winningStakesYen: readonly number[];
  /** Plus10 rule; default `aggregate`. */
  plus10?: Plus10Rule;
}

/** The payouts of a settled pool. */
export interface PoolPayout {
  /**
   * Payout per 100 yen of each winning combination, in the order given; null for a winning
   * combination nobody bet on (it drops out of P and pays nothing), and all null under 特払い.
   */
  per100: (number | null)[];
  /** 特払い: no winning ticket was sold, so every ticket of the pool is paid `specialPer100`. */
  special: boolean;
  /** Per-100 payout of every ticket under 特払い (floor(10 R) * 10), else null. */
  specialPer100: number | null;
  /** True when at least one 100-yen payout was raised to 110. */
  plus10Applied: boolean;
  /** Total paid to the winning tickets in yen (floored to the yen if stakes are not multiples of 10). */
  totalPaidYen: number;
  /** Part of `totalPaidYen` paid beyond the pool formula: 元返し and Plus10 top-ups, in yen. */
  topUpYen: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function bad(reason: string, field: string, value: unknown): never {
  throw new DataError('DATA_BAD_OPTION', `payoutPer100: ${reason}`, { field, value });
}

/** The payout rate in thousandths, checked. */
function rateMil(rate: number): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 1) {
    bad('rate must be a number in (0, 1]', 'rate', rate);
  }
  const mil = Math.round(rate * 1000);
  if (Math.abs(rate * 1000 - mil) > 1e-6) bad('rate must be a whole number of thousandths', 'rate', rate);
  return mil;
}

/** floor(a / b) for non-negative integers, exact (BigInt past 2^53). */
function floorDiv(a: number, b: number): number {
  if (a <= MAX_SAFE && b <= MAX_SAFE) {
    let q = Math.floor(a / b);
    // The float quotient may round across an integer: correct by one either way.
    if (q * b > a) q -= 1;
    else if ((q + 1) * b <= a) q += 1;
    return q;
  }
  return Number(BigInt(a) / BigInt(b));
}

/** a * b for non-negative integers, exact as long as the result is a safe integer. */
function mulExact(a: number, b: number): bigint | number {
  const p = a * b;
  return p <= MAX_SAFE ? p : BigInt(a) * BigInt(b);
}

/** floor(rMil * (P*W + D) / (100 * P * W)) * 10: the formula payout floored to 10 yen. */
function floored10(rMil: number, w: number, d: number, p: number): number {
  const pw = p * w;
  const num = mulExact(rMil, pw + d);
  const den = 100 * pw;
  if (typeof num === 'number' && den <= MAX_SAFE && pw + d <= MAX_SAFE) return floorDiv(num, den) * 10;
  return Number((BigInt(rMil) * (BigInt(p) * BigInt(w) + BigInt(d))) / (100n * BigInt(p) * BigInt(w))) * 10;
}

/** Sum of per100 * stake over combinations, divided by 100 and floored (exact). */
function paidYen(per100: readonly (number | null)[], stakes: readonly number[]): number {
  let big = 0n;
  let small = 0;
  let useBig = false;
  for (let k = 0; k < stakes.length; k++) {
    const v = per100[k];
    if (v === null) continue;
    const m = v * stakes[k];
    if (!useBig && m <= MAX_SAFE && small + m <= MAX_SAFE) small += m;
    else {
      if (!useBig) {
        big = BigInt(small);
        useBig = true;
      }
      big += BigInt(v) * BigInt(stakes[k]);
    }
  }
  return useBig ? Number(big / 100n) : floorDiv(small, 100);
}

/**
 * The unrounded payout per 100 yen of winning combination `k`, `100 R (W_k + D/P) / W_k`
 * (a float, for display and checks; settle with {@link payoutPer100}).
 * @returns the raw payout, or null when W_k is 0
 * @throws DataError DATA_BAD_OPTION for a bad rate, stakes or index
 * @example rawPayoutPer100({ rate: 0.8, totalYen: 50_000_000, winningStakesYen: [12e6, 4e6, 1e6] }, 0) // 153.33...
 */
export function rawPayoutPer100(pool: SettledPool, k: number): number | null {
  const rMil = rateMil(pool.rate);
  const { d, p } = checkPool(pool);
  const w = pool.winningStakesYen[k];
  if (w === undefined) bad(`no winning combination ${k}`, 'k', k);
  if (w === 0) return null;
  return ((rMil / 10) * (w + d / p)) / w;
}

function checkPool(pool: SettledPool): { d: number; p: number } {
  const u = pool.totalYen;
  if (!Number.isSafeInteger(u) || u < 0) bad('totalYen must be a non-negative integer', 'totalYen', u);
  const ws = pool.winningStakesYen;
  if (!Array.isArray(ws) || ws.length === 0) {
    bad('winningStakesYen must list at least one winning combination', 'winningStakesYen', ws);
  }
  let sum = 0;
  let p = 0;
  for (const w of ws) {
    if (!Number.isSafeInteger(w) || w < 0) bad('stakes must be non-negative integers', 'winningStakesYen', w);
    sum += w;
    if (w > 0) p++;
  }
  if (sum > u) bad(`winning stakes (${sum}) exceed the pool total (${u})`, 'winningStakesYen', sum);
  return { d: u - sum, p: Math.max(p, 1) };
}

/**
 * Payouts per 100 yen of the winning combinations of one pool (betting-math.md 4.2).
 *
 * For winning combination k with stakes W_k > 0: `raw = 100 R (W_k + D/P) / W_k`, where D is
 * the stake on every non-winning combination (U minus the winning stakes) and P the number of
 * winning combinations with non-zero stakes; single-winner pools reduce to `100 R U / W_k`.
 * Then: floor to 10 yen; below 100 -> 100 (元返し); 100 -> 110 by JRA Plus10 under
 * `pool.plus10` (default `aggregate`: only when total payouts with all top-ups stay within
 * net sales U; the `per-combination` variant is unconfirmed, see {@link Plus10Rule}).
 * When every winning combination has zero stakes (and U > 0): 特払い, every ticket of the pool
 * is paid `floor(10 R) * 10` per 100 (80 for R = .8, 70 for .775 / .75 / .725).
 * Exact integer arithmetic. Cost O(P).
 *
 * @param pool - rate, net sales and stakes on each winning combination
 * @returns per-100 payouts per winning combination with totals and top-ups
 * @throws DataError DATA_BAD_OPTION when the rate is not a whole number of thousandths in
 *   (0, 1], a total or stake is not a non-negative integer, no winning combination is given,
 *   or the winning stakes exceed the total
 * @example
 * payoutPer100({ rate: 0.75, totalYen: 16_917_300, winningStakesYen: [232_900, 796_000, 458_000] }).per100
 * // [1730, 550, 910]
 */
export function payoutPer100(pool: SettledPool): PoolPayout {
  const rMil = rateMil(pool.rate);
  const { d, p } = checkPool(pool);
  const rule: Plus10Rule = pool.plus10 ?? 'aggregate';
  if (rule !== 'aggregate' && rule !== 'per-combination' && rule !== 'none') bad('unknown Plus10 rule', 'plus10', rule);
  const ws = pool.winningStakesYen;
  const u = pool.totalYen;
  const n = ws.length;
  const anyStake = ws.some((w) => w > 0);

  if (!anyStake) {
    if (u === 0) {
      return { per100: ws.map(() => null), special: false, specialPer100: null, plus10Applied: false, totalPaidYen: 0, topUpYen: 0 };
    }
    const specialPer100 = Math.floor(rMil / 100) * 10;
    return {
      per100: ws.map(() => null),
      special: true,
      specialPer100,
      plus10Applied: false,
      totalPaidYen: floorDiv(specialPer100 * u, 100),
      topUpYen: 0,
    };
  }

  const formula: (number | null)[] = new Array<number | null>(n);
  const per100: (number | null)[] = new Array<number | null>(n);
  for (let k = 0; k < n; k++) {
    const w = ws[k];
    if (w === 0) {
      formula[k] = null;
      per100[k] = null;
      continue;
    }
    const f = floored10(rMil, w, d, p);
    formula[k] = f;
    per100[k] = f < 100 ? 100 : f;
  }

  let plus10Applied = false;
  if (rule !== 'none' && per100.some((v) => v === 100)) {
    const raised = per100.map((v, k) => {
      if (v !== 100) return v;
      if (rule === 'per-combination') return 10 * (p * ws[k] + d) >= 11 * p * ws[k] ? 110 : 100;
      return 110;
    });
    if (rule === 'per-combination' || paidYen(raised, ws) <= u) {
      plus10Applied = raised.some((v) => v === 110);
      for (let k = 0; k < n; k++) per100[k] = raised[k];
    }
  }

  const totalPaidYen = paidYen(per100, ws);
  const formulaPaid = paidYen(
    formula.map((f, k) => (f === null || per100[k] === null ? null : Math.min(f, per100[k] as number))),
    ws,
  );
  return { per100, special: false, specialPer100: null, plus10Applied, totalPaidYen, topUpYen: totalPaidYen - formulaPaid };
}

/**
 * Per-100 payout of a single-winner pool if the combination with stake `stakeYen` won alone:
 * the win odds of a runner times 100 (JRA odds are this value / 100, a 0.1 step).
 * @returns the per-100 payout, or null when `stakeYen` is 0 (no odds)
 * @throws DataError DATA_BAD_OPTION as {@link payoutPer100}
 * @example singleWinnerPayoutPer100(0.8, 10_000_000, 1_000_000) // 800
 */
export function singleWinnerPayoutPer100(rate: number, totalYen: number, stakeYen: number, plus10: Plus10Rule = 'aggregate'): number | null {
  // Fast path of payoutPer100 for one winner (called for every runner of every odds snapshot).
  const rMil = rateMil(rate);
  if (!Number.isSafeInteger(totalYen) || totalYen < 0) bad('totalYen must be a non-negative integer', 'totalYen', totalYen);
  if (!Number.isSafeInteger(stakeYen) || stakeYen < 0) bad('stakes must be non-negative integers', 'winningStakesYen', stakeYen);
  if (stakeYen > totalYen) bad(`winning stakes (${stakeYen}) exceed the pool total (${totalYen})`, 'winningStakesYen', stakeYen);
  if (stakeYen === 0) return null;
  const f = floored10(rMil, stakeYen, totalYen - stakeYen, 1);
  if (f > 100) return f;
  if (plus10 === 'none') return 100;
  if (plus10 === 'per-combination') return 10 * totalYen >= 11 * stakeYen ? 110 : 100;
  if (plus10 !== 'aggregate') bad('unknown Plus10 rule', 'plus10', plus10);
  // Aggregate: paying 110 per 100 must stay within net sales.
  return 11 * stakeYen <= 10 * totalYen ? 110 : 100;
}
