/**
 * Own-stake impact on a single-winner pari-mutuel pool (win, quinella, exacta, trio, trifecta,
 * bracket quinella): odds after one's own stake, the EV-maximising stake (Isaacs) and the Kelly
 * stake with impact (betting-math.md sections 4.3, 4.4).
 * Layer: themis (imports only Themis files). Units: yen (real numbers, not rounded to 100),
 * decimal odds before the 10-yen truncation, payout rate R = 1 - takeout. Pure.
 *
 * Notation: T = others' pool total (all tickets of the pool, own stake excluded), W = others'
 * stake on the ticket (part of T), x = own stake on the ticket. If the ticket wins, the own
 * stake returns h(x) = R x (T + x) / (W + x).
 */
import { ThemisError } from './errors.ts';

/**
 * Raw decimal odds of a ticket after one's own stake: R (U + x) / (W + x).
 * @param payoutRate - R, in (0, 1]
 * @param poolTotalYen - U, the pool total before the own stake (>= onTicketYen)
 * @param onTicketYen - W, the stakes on the ticket before the own stake (>= 0)
 * @param ownStakeYen - x, the own stake added to the ticket (and the pool), >= 0
 * @returns the odds (payout per yen, stake included), not truncated to 10 yen per 100
 * @throws ThemisError THEMIS_BAD_INPUT for a non-finite or out-of-range argument, or W + x = 0
 * @example oddsAfterStake(0.8, 10_000_000, 1_000_000, 100_000) // 7.345454...
 */
export function oddsAfterStake(payoutRate: number, poolTotalYen: number, onTicketYen: number, ownStakeYen: number): number {
  checkRate('oddsAfterStake', payoutRate);
  checkPool('oddsAfterStake', poolTotalYen, onTicketYen, 'poolTotalYen', 'onTicketYen', false);
  checkNonNegative('oddsAfterStake', 'ownStakeYen', ownStakeYen);
  if (!(onTicketYen + ownStakeYen > 0)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'onTicketYen', onTicketYen, 'oddsAfterStake: no stake on the ticket (onTicketYen + ownStakeYen = 0), odds undefined');
  }
  return (payoutRate * (poolTotalYen + ownStakeYen)) / (onTicketYen + ownStakeYen);
}

/**
 * EV-maximising own stake on one ticket of a single-winner pool (Isaacs 1953):
 * x_EV = sqrt(p R W (T - W) / (1 - p R)) - W, maximiser of p h(x) - x; 0 when the ticket has no
 * edge (p R T / W <= 1). Infinity when p R >= 1 (expected profit grows without bound).
 * @param p - probability the ticket wins, in [0, 1]
 * @param payoutRate - R, in (0, 1]
 * @param othersPoolYen - T, others' pool total (>= othersOnTicketYen)
 * @param othersOnTicketYen - W, others' stake on the ticket, > 0
 * @returns the stake in yen (not rounded)
 * @throws ThemisError THEMIS_BAD_INPUT for a non-finite or out-of-range argument (W = 0 included)
 * @example evMaximisingStake(0.15, 0.8, 10_000_000, 1_000_000) // 107823.4...
 */
export function evMaximisingStake(p: number, payoutRate: number, othersPoolYen: number, othersOnTicketYen: number): number {
  checkProbability('evMaximisingStake', p);
  checkRate('evMaximisingStake', payoutRate);
  checkPool('evMaximisingStake', othersPoolYen, othersOnTicketYen, 'othersPoolYen', 'othersOnTicketYen', true);
  const T = othersPoolYen;
  const W = othersOnTicketYen;
  const pR = p * payoutRate;
  if (!(pR * T > W)) return 0;
  if (pR >= 1) return Number.POSITIVE_INFINITY;
  const x = Math.sqrt((pR * W * (T - W)) / (1 - pR)) - W;
  return x > 0 ? x : 0;
}

/**
 * Kelly stake on one ticket of a single-winner pool, counting the stake's own impact on the
 * odds: the maximiser of p ln(B - x + h(x)) + (1 - p) ln(B - x) over 0 <= x < B. The objective is
 * concave; its derivative is positive at 0 exactly when the ticket has an edge (p R T / W > 1) and
 * negative at x_EV, so the root is found by bisection in (0, min(x_EV, B)) to full double
 * precision (about 60 halvings). Returns 0 when there is no edge.
 * @param p - probability the ticket wins, in [0, 1]
 * @param bankrollYen - B, > 0
 * @param othersPoolYen - T, others' pool total (>= othersOnTicketYen)
 * @param othersOnTicketYen - W, others' stake on the ticket, > 0
 * @param payoutRate - R, in (0, 1]
 * @returns the stake in yen (not rounded)
 * @throws ThemisError THEMIS_BAD_INPUT for a non-finite or out-of-range argument
 * @example kellyStakeWithImpact(0.15, 1_000_000, 10_000_000, 1_000_000, 0.8) // 22451.5...
 */
export function kellyStakeWithImpact(
  p: number,
  bankrollYen: number,
  othersPoolYen: number,
  othersOnTicketYen: number,
  payoutRate: number,
): number {
  checkProbability('kellyStakeWithImpact', p);
  checkRate('kellyStakeWithImpact', payoutRate);
  checkPool('kellyStakeWithImpact', othersPoolYen, othersOnTicketYen, 'othersPoolYen', 'othersOnTicketYen', true);
  if (!(Number.isFinite(bankrollYen) && bankrollYen > 0)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'bankrollYen', bankrollYen, `kellyStakeWithImpact: bankrollYen must be finite and > 0, got ${String(bankrollYen)}`);
  }
  const B = bankrollYen;
  const T = othersPoolYen;
  const W = othersOnTicketYen;
  const R = payoutRate;
  if (!(p * R * T > W)) return 0;
  // d/dx of the objective; h'(x) = R ((W + x)^2 + W (T - W)) / (W + x)^2.
  const slope = (x: number): number => {
    const wx = W + x;
    const h = (R * x * (T + x)) / wx;
    const dh = (R * (wx * wx + W * (T - W))) / (wx * wx);
    const cash = B - x;
    return (p * (dh - 1)) / (cash + h) - (p < 1 ? (1 - p) / cash : 0);
  };
  let lo = 0;
  let hi = Math.min(evMaximisingStake(p, R, T, W), B);
  if (p === 1 && slope(hi) >= 0) return hi;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function checkRate(fn: string, r: number): void {
  if (!(Number.isFinite(r) && r > 0 && r <= 1)) {
    throw new ThemisError('THEMIS_BAD_INPUT', 'payoutRate', r, `${fn}: payoutRate must be in (0, 1], got ${String(r)}`);
  }
}

function checkProbability(fn: string, p: number): void {
  if (!(Number.isFinite(p) && p >= 0 && p <= 1)) {
    throw new ThemisError('THEMIS_BAD_PROBABILITY', 'p', p, `${fn}: p must be a probability in [0, 1], got ${String(p)}`);
  }
}

function checkNonNegative(fn: string, field: string, v: number): void {
  if (!(Number.isFinite(v) && v >= 0)) {
    throw new ThemisError('THEMIS_BAD_INPUT', field, v, `${fn}: ${field} must be finite and >= 0, got ${String(v)}`);
  }
}

function checkPool(fn: string, pool: number, onTicket: number, poolField: string, ticketField: string, ticketPositive: boolean): void {
  checkNonNegative(fn, poolField, pool);
  checkNonNegative(fn, ticketField, onTicket);
  if (ticketPositive && !(onTicket > 0)) {
    throw new ThemisError('THEMIS_BAD_INPUT', ticketField, onTicket, `${fn}: ${ticketField} must be > 0 (odds undefined without others' stakes on the ticket)`);
  }
  if (onTicket > pool) {
    throw new ThemisError('THEMIS_BAD_INPUT', ticketField, onTicket, `${fn}: ${ticketField} (${onTicket}) exceeds ${poolField} (${pool})`);
  }
}
