/**
 * Integer money helpers: checks and exact arithmetic on amounts in integer currency units
 * (yen for JRA, HK$ for HKJC). Layer: ledger; pure. Money is never a float: every amount and
 * every partial sum is checked to be a safe integer (|x| <= 2^53 - 1), so Number arithmetic on
 * it is exact; a sum that would leave that range is refused (LEDGER_OVERFLOW) instead of
 * rounding. A bankroll never comes near 2^53 yen (9e15), so Number is enough and BigInt is kept
 * for the one place products can exceed it (drawdown peak rescaling, drawdown.ts).
 */
import { LedgerError, type LedgerErrorContext } from './errors.ts';

/** The stake unit: JRA sells 100-yen units and payouts are quoted per 100 staked. */
export const STAKE_UNIT_YEN = 100;

/**
 * Checks that `amount` is a safe integer (any sign) and returns it.
 * @throws LedgerError LEDGER_BAD_AMOUNT naming `field` and the value (NaN, 1.5, 2^53, '3' ...)
 * @example assertYen(-300, 'amountYen') // -300
 */
export function assertYen(amount: unknown, field: string, context: LedgerErrorContext = {}): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new LedgerError('LEDGER_BAD_AMOUNT', `${field} = ${String(amount)} is not a safe integer amount`, {
      ...context,
      field,
      value: amount,
    });
  }
  return amount;
}

/**
 * Checks that `stakeYen` is a positive safe integer multiple of 100 and returns it.
 * @throws LedgerError LEDGER_BAD_STAKE naming the value
 * @example assertStakeYen(300) // 300
 */
export function assertStakeYen(stakeYen: unknown, context: LedgerErrorContext = {}): number {
  if (typeof stakeYen !== 'number' || !Number.isSafeInteger(stakeYen) || stakeYen <= 0 || stakeYen % STAKE_UNIT_YEN !== 0) {
    throw new LedgerError(
      'LEDGER_BAD_STAKE',
      `stakeYen = ${String(stakeYen)} is not a positive multiple of ${STAKE_UNIT_YEN}`,
      { ...context, field: 'stakeYen', value: stakeYen },
    );
  }
  return stakeYen;
}

/**
 * Exact sum of two safe integers.
 * @throws LedgerError LEDGER_OVERFLOW when the sum is not a safe integer
 * @example addYen(9_000, -300) // 8700
 */
export function addYen(a: number, b: number, context: LedgerErrorContext = {}): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) {
    throw new LedgerError('LEDGER_OVERFLOW', `addYen: ${a} + ${b} leaves the exact integer range`, {
      ...context,
      value: s,
    });
  }
  return s;
}

/**
 * Exact sum of a list of amounts (0 for an empty list); an array or Float64Array is read by index (no iterator).
 * @throws LedgerError LEDGER_BAD_AMOUNT for a non-integer, LEDGER_OVERFLOW past 2^53
 * @example sumYen([100, -300, 1_250]) // 1050
 */
export function sumYen(amounts: Iterable<number>): number {
  let s = 0;
  if (Array.isArray(amounts) || amounts instanceof Float64Array) {
    const list: ArrayLike<unknown> = amounts;
    for (let i = 0; i < list.length; i++) s = addYen(s, assertYen(list[i], 'amountYen'));
    return s;
  }
  for (const a of amounts) s = addYen(s, assertYen(a, 'amountYen'));
  return s;
}

/**
 * Payout of a winning ticket: `stakeYen / 100 * payoutPer100`, in integers (the stake is a
 * multiple of 100, so the division is exact).
 * @throws LedgerError LEDGER_BAD_STAKE, LEDGER_BAD_AMOUNT (payout not a non-negative integer),
 *   LEDGER_OVERFLOW
 * @example payoutYen(300, 1_730) // 5190
 */
export function payoutYen(stakeYen: number, payoutPer100: number, context: LedgerErrorContext = {}): number {
  assertStakeYen(stakeYen, context);
  assertYen(payoutPer100, 'payoutPer100', context);
  if (payoutPer100 < 0) {
    throw new LedgerError('LEDGER_BAD_AMOUNT', `payoutPer100 = ${payoutPer100} is negative`, {
      ...context,
      field: 'payoutPer100',
      value: payoutPer100,
    });
  }
  const p = (stakeYen / STAKE_UNIT_YEN) * payoutPer100;
  if (!Number.isSafeInteger(p)) {
    throw new LedgerError('LEDGER_OVERFLOW', `payoutYen: ${stakeYen} / 100 * ${payoutPer100} leaves the exact integer range`, {
      ...context,
      value: p,
    });
  }
  return p;
}
