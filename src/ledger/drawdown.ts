/**
 * Drawdown state of a bankroll: how far it is below its peak, and whether that is fine, a
 * warning, or a halt of purchases. The live runner and the backtester call this same code.
 * Layer: ledger; pure. Units: integer currency units (yen); the drawdown is a ratio in [0, 1].
 *
 * Rule for money moved in or out (deposits and withdrawals are not gains or losses): they
 * leave the drawdown ratio unchanged. The peak is rescaled by the same factor as the bankroll,
 * peak' = ceil(peak * bankroll' / bankroll), as a time-weighted return would do; rounding up
 * never understates the drawdown (the peak is clamped to 2^53 - 1 if rescaling would pass it).
 * Withdrawing everything leaves a peak of 0. If the bankroll was 0 a deposit starts afresh (peak = the
 * deposit): refilling an emptied account is an explicit decision to restart. Stakes lower the
 * bankroll as soon as they are written and count as lost until their race is settled, so the
 * state is conservative while races are open. After every other entry the peak is the larger of
 * itself and the bankroll.
 */
import { LedgerError } from './errors.ts';
import type { EntryKind, LedgerEntry } from './ledger.ts';
import { addYen, assertYen } from './yen.ts';

/** Warn and halt levels as drawdown ratios, 0 < warn < halt <= 1; reached levels count. */
export interface DrawdownLevels {
  readonly warn: number;
  readonly halt: number;
}

/** Warn at -20 %, halt purchases at -30 % (ARCHITECTURE.md, live runner). */
export const DEFAULT_DRAWDOWN_LEVELS: DrawdownLevels = { warn: 0.2, halt: 0.3 };

export type DrawdownStateName = 'ok' | 'warn' | 'halt';

export interface DrawdownState {
  /** (peak - bankroll) / peak, 0 when the peak is 0. */
  readonly drawdown: number;
  readonly state: DrawdownStateName;
}

/**
 * The drawdown ratio and state of a bankroll against its peak.
 * @param peakYen - highest bankroll so far (adjusted for deposits and withdrawals), >= bankroll
 * @param bankrollYen - current bankroll, >= 0
 * @param levels - warn and halt ratios (default 0.2 and 0.3)
 * @throws LedgerError LEDGER_BAD_AMOUNT for non-integer or negative amounts or a bankroll above
 *   the peak, LEDGER_BAD_LEVELS for levels out of order or outside (0, 1]
 * @example drawdownState(100_000, 80_000) // { drawdown: 0.2, state: 'warn' }
 * @example drawdownState(100_000, 70_000, { warn: 0.1, halt: 0.5 }) // { drawdown: 0.3, state: 'warn' }
 */
export function drawdownState(peakYen: number, bankrollYen: number, levels: DrawdownLevels = DEFAULT_DRAWDOWN_LEVELS): DrawdownState {
  checkLevels(levels);
  assertYen(peakYen, 'peakYen');
  assertYen(bankrollYen, 'bankrollYen');
  if (bankrollYen < 0 || peakYen < bankrollYen) {
    throw new LedgerError('LEDGER_BAD_AMOUNT', `drawdownState: need 0 <= bankrollYen (${bankrollYen}) <= peakYen (${peakYen})`, {
      field: 'bankrollYen',
      value: bankrollYen,
    });
  }
  const drawdown = peakYen === 0 ? 0 : (peakYen - bankrollYen) / peakYen;
  const state: DrawdownStateName = drawdown >= levels.halt ? 'halt' : drawdown >= levels.warn ? 'warn' : 'ok';
  return { drawdown, state };
}

/**
 * Checks drawdown levels.
 * @throws LedgerError LEDGER_BAD_LEVELS unless 0 < warn < halt <= 1
 * @example checkLevels({ warn: 0.2, halt: 0.3 }) // returns the levels
 */
export function checkLevels(levels: DrawdownLevels): DrawdownLevels {
  const { warn, halt } = levels;
  if (!(typeof warn === 'number' && typeof halt === 'number' && warn > 0 && warn < halt && halt <= 1)) {
    throw new LedgerError('LEDGER_BAD_LEVELS', `drawdown levels need 0 < warn < halt <= 1, got warn ${String(warn)}, halt ${String(halt)}`, {
      field: 'levels',
      value: levels,
    });
  }
  return levels;
}

/** Peak and bankroll followed entry by entry. */
export interface DrawdownTracker {
  readonly peakYen: number;
  readonly bankrollYen: number;
}

/** A tracker before any entry. */
export const EMPTY_DRAWDOWN_TRACKER: DrawdownTracker = { peakYen: 0, bankrollYen: 0 };

/**
 * The tracker after one more ledger entry (rule in the header).
 * @throws LedgerError LEDGER_BAD_AMOUNT for a non-integer amount or a negative bankroll
 * @example
 * trackEntry({ peakYen: 100_000, bankrollYen: 80_000 }, { kind: 'deposit', amountYen: 20_000 })
 * // { peakYen: 125000, bankrollYen: 100000 }   (still a 20 % drawdown)
 */
export function trackEntry(t: DrawdownTracker, entry: Pick<LedgerEntry, 'kind' | 'amountYen'>): DrawdownTracker {
  const amount = assertYen(entry.amountYen, 'amountYen');
  const bankrollYen = addYen(t.bankrollYen, amount);
  if (bankrollYen < 0) {
    throw new LedgerError('LEDGER_BAD_AMOUNT', `trackEntry: a ${entry.kind} of ${amount} takes the bankroll below 0`, {
      field: 'amountYen',
      value: amount,
    });
  }
  if (isCashFlow(entry.kind)) {
    if (t.bankrollYen === 0) return { peakYen: bankrollYen, bankrollYen };
    // peak * bankroll' may exceed 2^53, so the product is taken in BigInt.
    const num = BigInt(t.peakYen) * BigInt(bankrollYen);
    const den = BigInt(t.bankrollYen);
    const scaled = (num + den - 1n) / den;
    // Clamped to the exact range: only reached after a deposit into an almost emptied bankroll,
    // where the drawdown stays near 100 % (a clamped peak could only lower it with a bankroll
    // above 0.7 * 2^53 yen).
    const peak = scaled > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(scaled);
    return { peakYen: Math.max(peak, bankrollYen), bankrollYen };
  }
  return { peakYen: Math.max(t.peakYen, bankrollYen), bankrollYen };
}

/**
 * The tracker after a list of entries, from `start` (default: empty).
 * @example trackEntries(ledger.entries()).peakYen
 */
export function trackEntries(entries: Iterable<Pick<LedgerEntry, 'kind' | 'amountYen'>>, start: DrawdownTracker = EMPTY_DRAWDOWN_TRACKER): DrawdownTracker {
  let t = start;
  for (const e of entries) t = trackEntry(t, e);
  return t;
}

/**
 * Drawdown state of a tracker.
 * @example trackedState({ peakYen: 100_000, bankrollYen: 69_000 }) // { drawdown: 0.31, state: 'halt' }
 */
export function trackedState(t: DrawdownTracker, levels: DrawdownLevels = DEFAULT_DRAWDOWN_LEVELS): DrawdownState {
  return drawdownState(t.peakYen, t.bankrollYen, levels);
}

function isCashFlow(kind: EntryKind): boolean {
  return kind === 'deposit' || kind === 'withdrawal';
}
