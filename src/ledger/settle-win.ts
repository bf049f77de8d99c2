/**
 * Settlement of the win tickets of one race read straight from the columnar dataset views (no
 * row objects, no ticket-id parsing): the replay's fast path. It gives exactly what settleRace
 * gives for the same tickets, or declines (returns false) for every race settleRace would refuse
 * or treat specially, so that the caller settles those through settleRace and gets its result
 * or its error unchanged. Layer: ledger (imports data views and terms); pure apart from the
 * output arrays it fills. Units: integer currency units; payouts per 100 staked.
 *
 * Declined: a runner number outside 1..99 or not strictly ascending, a runner that ran without a
 * finishing position, a ticket naming a runner not in the race or twice, a pool not sold, a stake
 * that is not a positive multiple of 100, a winner without a recorded payout or with two different
 * ones, a recorded payout for a ticket that does not win, a recorded payout that is not a
 * non-negative safe integer, and money outside the exact integer range.
 */
import { BET_TYPE_CODE, STATUS_CODE, type PayoutsView, type PlaceTerms, type RunnersView } from '../data/index.ts';
import { STAKE_UNIT_YEN } from './yen.ts';

/** Settlement kind codes of {@link settleWinColumns}'s output. */
export const WIN_KIND = { win: 0, lose: 1, refund: 2 } as const;

const RAN = STATUS_CODE.ran;
const SCRATCHED = STATUS_CODE.scratched;
const EXCLUDED = STATUS_CODE.excluded;
const WIN = BET_TYPE_CODE.win;

/** Canonical win combinations by saddle number (1..99). */
const COMBINATION: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n));

/** Row of each saddle number in the race being settled (stamped with the race, no clearing). */
const rowOf = new Int32Array(100);
const stampOf = new Int32Array(100);
let stamp = 0;

/**
 * Settles win tickets of race rows `lo .. hi - 1` (the race's every runner row) against its
 * recorded win payouts (payout rows `plo .. phi - 1`; other bet types are skipped), as
 * settleRace(bets, { runners, payouts, fieldSizeAtSales }, terms) would.
 * Cost O(runners + payout rows + tickets), no allocation.
 * @param u - runners view (runner, status, finishPos)
 * @param p - payouts view (betType, combination, payoutPer100)
 * @param fieldSizeAtSales - runners declared at the start of sales (RaceRow.fieldSize)
 * @param runners - saddle numbers of the tickets, `count` of them
 * @param stakes - their stakes (integer yen)
 * @param kind - out: WIN_KIND code per ticket
 * @param payout - out: money returned per ticket (the payout, the stake for a refund, 0 for a loss)
 * @returns true when settled; false when the race must go through settleRace
 * @throws nothing
 * @example settleWinColumns(ds.runners, lo, hi, ds.payouts, plo, phi, 14, JRA_TERMS, Int32Array.of(3), [300], 1, kind, pay) // true; kind[0] 0, pay[0] 1290 when win 3 pays 430
 */
export function settleWinColumns(
  u: Pick<RunnersView, 'runner' | 'status' | 'finishPos'>,
  lo: number,
  hi: number,
  p: Pick<PayoutsView, 'betType' | 'combination' | 'payoutPer100'>,
  plo: number,
  phi: number,
  fieldSizeAtSales: number,
  terms: PlaceTerms,
  runners: ArrayLike<number>,
  stakes: ArrayLike<number>,
  count: number,
  kind: Uint8Array,
  payout: Float64Array,
): boolean {
  const rows = hi - lo;
  if (rows <= 0) return false;
  const rule = terms.pools.win;
  if (rule === null) return false;
  stamp = stamp >= 0x7ffffff0 ? 1 : stamp + 1;
  if (stamp === 1) stampOf.fill(0);
  let starters = 0;
  let finishers = 0;
  let best = Number.POSITIVE_INFINITY;
  let prev = 0;
  for (let i = lo; i < hi; i++) {
    const n = u.runner[i];
    if (!(n > prev && n <= 99)) return false;
    prev = n;
    rowOf[n] = i;
    stampOf[n] = stamp;
    const st = u.status[i];
    if (st !== SCRATCHED && st !== EXCLUDED) starters++;
    if (st === RAN) {
      const pos = u.finishPos[i];
      if (!(pos >= 1)) return false;
      finishers++;
      if (pos < best) best = pos;
    }
  }
  const atSales = Math.max(fieldSizeAtSales, rows);
  if (atSales < rule.minAtSales) return false; // not sold: settleRace throws LEDGER_POOL_NOT_SOLD
  const poolRefunded = finishers === 0 || starters < rule.minStarters;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const n = runners[k];
    const stake = stakes[k];
    if (!(n >= 1 && n <= 99) || stampOf[n] !== stamp) return false;
    if (!(Number.isSafeInteger(stake) && stake > 0 && stake % STAKE_UNIT_YEN === 0)) return false;
    for (let j = 0; j < k; j++) if (runners[j] === n) return false;
    const row = rowOf[n];
    const st = u.status[row];
    total += stake;
    if (poolRefunded || st === SCRATCHED || st === EXCLUDED) {
      kind[k] = WIN_KIND.refund;
      payout[k] = stake;
      continue;
    }
    const wins = st === RAN && u.finishPos[row] === best;
    const combination = COMBINATION[n];
    let recorded = -1;
    for (let j = plo; j < phi; j++) {
      if (p.betType[j] !== WIN || p.combination[j] !== combination) continue;
      const v = p.payoutPer100[j];
      if (!(Number.isSafeInteger(v) && v >= 0)) return false;
      if (recorded >= 0 && v !== recorded) return false; // conflicting payouts
      recorded = v;
    }
    if (wins !== recorded >= 0) return false; // missing or unexpected payout
    if (!wins) {
      kind[k] = WIN_KIND.lose;
      payout[k] = 0;
      continue;
    }
    const money = (stake / STAKE_UNIT_YEN) * recorded;
    if (!Number.isSafeInteger(money)) return false;
    kind[k] = WIN_KIND.win;
    payout[k] = money;
  }
  if (!Number.isSafeInteger(total)) return false;
  let back = 0;
  for (let k = 0; k < count; k++) back += payout[k];
  return Number.isSafeInteger(back);
}
