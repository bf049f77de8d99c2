/**
 * The pools of a synthetic race: total sales per bet type (log-normal, larger for main races
 * and main racecourses), the public's stakes on every runner of the win pool and on the
 * winning combinations of the other pools (Harville on the public's win probabilities, with
 * log-normal noise per combination, in 100-yen units, at least one unit each so 特払い does
 * not arise), and the payouts of the winning combinations (parimutuel.ts, rounding included).
 * Layer: data; pure (randomness arrives as an Rng). Units: integer yen.
 */
import { BET_TYPES, parseCombination, type BetType } from '../../themis/tickets.ts';
import { JRA_PAYOUT_RATES, payoutPer100 } from '../parimutuel.ts';
import type { PayoutRow } from '../rows.ts';
import type { SyntheticConfig } from './config.ts';
import { harvilleExacta, harvilleQuinella, harvilleTopK, harvilleTrifecta, harvilleTrio, harvilleWide } from './harville.ts';
import type { Rng } from './rng.ts';

/** Share of a race's sales taken by each bet type (JRA-like; trifecta and trio dominate). */
export const POOL_SHARES: Readonly<Record<BetType, number>> = {
  win: 0.075,
  place: 0.085,
  bracket_quinella: 0.02,
  quinella: 0.1,
  wide: 0.075,
  exacta: 0.065,
  trio: 0.17,
  trifecta: 0.41,
};

const MAIN_VENUES: ReadonlySet<string> = new Set(['Tokyo', 'Nakayama', 'Kyoto', 'Hanshin']);

function raceFactor(raceNo: number): number {
  if (raceNo === 11) return 2.5;
  if (raceNo === 12 || raceNo === 10) return 1.2;
  if (raceNo >= 9) return 1;
  if (raceNo >= 5) return 0.75;
  return 0.55;
}

/** Rounds yen to a whole number of 100-yen units, at least one. */
function units100(yen: number): number {
  return Math.max(100, Math.round(yen / 100) * 100);
}

/**
 * Total sales of each available pool of a race, in yen (multiples of 100).
 * @example drawPoolTotals(rng, 11, 'Tokyo', ['win', 'place'], config).win // e.g. 150_000_000
 */
export function drawPoolTotals(
  rng: Rng,
  raceNo: number,
  venue: string,
  available: readonly BetType[],
  config: Pick<SyntheticConfig, 'medianRaceSalesYen'>,
): Partial<Record<BetType, number>> {
  const race = config.medianRaceSalesYen * raceFactor(raceNo) * (MAIN_VENUES.has(venue) ? 1.2 : 0.8) * Math.exp(0.45 * rng.normal());
  const out: Partial<Record<BetType, number>> = {};
  for (const b of available) out[b] = units100(race * POOL_SHARES[b] * Math.exp(0.1 * rng.normal() - 0.005));
  return out;
}

/**
 * Stakes of the win pool on every runner, W_i = U q_i in 100-yen units (at least one unit for
 * a starter, 0 for a withdrawn runner). The pool total is their sum.
 * @example winStakes(10_000_000, q, starters) // Float64Array of integer yen
 */
export function winStakes(totalYen: number, q: Float64Array, starters: readonly number[]): Float64Array {
  const w = new Float64Array(q.length);
  for (const i of starters) w[i] = units100(totalYen * q[i]);
  return w;
}

/**
 * The public's share of a pool staked on one combination (Harville on `q`, the public's win
 * probabilities indexed by runner - 1). Numbers are saddle numbers, or bracket numbers for
 * bracket_quinella (then `brackets` maps runners to brackets). Shares of all combinations of
 * a pool sum to 1 (place: P(top k) / k; wide: P(both in top 3) / 3).
 * @example publicShare('exacta', [3, 1], q, 3, brackets) // q[2] * q[0] / (1 - q[2])
 */
export function publicShare(
  betType: BetType,
  numbers: readonly number[],
  q: Float64Array,
  placeCount: number,
  brackets: Int8Array,
): number {
  const i = numbers[0] - 1;
  switch (betType) {
    case 'win':
      return q[i];
    case 'place':
      return harvilleTopK(q, i, placeCount) / placeCount;
    case 'quinella':
      return harvilleQuinella(q, i, numbers[1] - 1);
    case 'exacta':
      return harvilleExacta(q, i, numbers[1] - 1);
    case 'wide':
      return harvilleWide(q, i, numbers[1] - 1) / 3;
    case 'trio':
      return harvilleTrio(q, i, numbers[1] - 1, numbers[2] - 1);
    case 'trifecta':
      return harvilleTrifecta(q, i, numbers[1] - 1, numbers[2] - 1);
    case 'bracket_quinella': {
      const [a, b] = numbers;
      let total = 0;
      for (let x = 0; x < q.length; x++) {
        if (brackets[x] !== a || q[x] === 0) continue;
        for (let y = 0; y < q.length; y++) {
          if (brackets[y] !== b || y === x || q[y] === 0) continue;
          if (a === b && y < x) continue;
          total += harvilleQuinella(q, x, y);
        }
      }
      return total;
    }
  }
}

/** What the settlement of a race's pools needs. */
export interface PoolSettlementInput {
  raceId: string;
  totals: Partial<Record<BetType, number>>;
  /** Win stakes per runner (index runner - 1); used for the win pool instead of Harville. */
  winStakesYen: Float64Array;
  /** Public win probabilities (index runner - 1). */
  q: Float64Array;
  brackets: Int8Array;
  placeCount: number;
  /** Winning combinations of each bet type (canonical text). */
  winners: Record<BetType, string[]>;
}

/** Money of one settled pool, in yen. */
export interface PoolSummary {
  totalYen: number;
  paidYen: number;
  topUpYen: number;
}

/** Payout rows of a race and the money of each of its pools. */
export interface SettledPools {
  payouts: PayoutRow[];
  pools: Partial<Record<BetType, PoolSummary>>;
}

/**
 * Payout rows of every available pool of a race: stakes on the winning combinations from the
 * public's shares (win: the actual win stakes; others: share * total * log-normal noise with
 * mean 1, in 100-yen units, capped so they never exceed the pool), then payoutPer100.
 * @example settlePools(input, rng, config).payouts // [{ raceId, betType: 'win', combination: '3', payoutPer100: 560 }, ...]
 */
export function settlePools(input: PoolSettlementInput, rng: Rng, config: Pick<SyntheticConfig, 'exoticNoise'>): SettledPools {
  const rows: PayoutRow[] = [];
  const pools: Partial<Record<BetType, PoolSummary>> = {};
  const sd = config.exoticNoise;
  for (const betType of BET_TYPES) {
    const total = input.totals[betType];
    const combos = input.winners[betType];
    if (total === undefined || combos.length === 0) continue;
    let stakes = combos.map((c) => {
      const nums = parseCombination(betType, c);
      if (betType === 'win') return input.winStakesYen[nums[0] - 1];
      const noise = betType === 'place' ? Math.exp(0.5 * sd * rng.normal() - (sd * sd) / 8) : Math.exp(sd * rng.normal() - (sd * sd) / 2);
      return units100(total * noise * publicShare(betType, nums, input.q, input.placeCount, input.brackets));
    });
    const sum = stakes.reduce((a, b) => a + b, 0);
    if (sum > total) stakes = stakes.map((s) => Math.floor((s * total) / sum / 100) * 100);
    const result = payoutPer100({ rate: JRA_PAYOUT_RATES[betType], totalYen: total, winningStakesYen: stakes });
    pools[betType] = { totalYen: total, paidYen: result.totalPaidYen, topUpYen: result.topUpYen };
    combos.forEach((combination, k) => {
      const v = result.per100[k];
      if (v !== null) rows.push({ raceId: input.raceId, betType, combination, payoutPer100: v });
    });
  }
  return { payouts: rows, pools };
}
