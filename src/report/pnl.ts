/**
 * Profit and loss of a ledger (a backtest's or a live one) by day, week or month: stakes,
 * payouts, refunds and profit in integer yen, hit rate and ROI apart, deposits and withdrawals
 * apart (money moved is not a gain), and the drawdown from the peak with its warn/halt state,
 * followed entry by entry by the ledger's own tracker (src/ledger drawdown rules).
 * Layer: report (imports ledger). Units: integer yen, ratios. Pure.
 *
 * Time rule: periods are Japan calendar days (JST, UTC+9, no daylight saving). An entry time
 * with a zone (`Z` or `±hh:mm`, as the live store writes in UTC) is converted to JST; a time
 * without a zone (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, as race dates and post times are written)
 * is already local Japan time. Weeks are ISO weeks (Monday to Sunday) of JST dates, named by
 * their ISO week-year (`2025-W01` may start on 2024-12-30). Each entry counts in the period of
 * its own time; a ticket staked before midnight and settled after it counts its stake in one
 * period and its payout in the next. Periods without an entry are not listed.
 */
import { DEFAULT_DRAWDOWN_LEVELS, EMPTY_DRAWDOWN_TRACKER, checkLevels, trackEntry, trackedState, type DrawdownLevels, type DrawdownStateName, type DrawdownTracker, type LedgerEntry } from '../ledger/index.ts';
import { ReportError } from './errors.ts';

/** Length of a P&L period. */
export type PnlPeriod = 'day' | 'week' | 'month';

/** Japan's offset from UTC in milliseconds (no daylight saving). */
const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/** One period of P&L. */
export interface PnlRow {
  /** `2024-01-06` (day), `2024-W01` (ISO week), `2024-01` (month). */
  readonly period: string;
  /** First and last JST dates the period covers, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  readonly to: string;
  /** Stake entries (tickets bought) in the period. */
  readonly tickets: number;
  readonly stakeYen: number;
  readonly payoutYen: number;
  readonly refundYen: number;
  /** payoutYen + refundYen. */
  readonly returnYen: number;
  /** returnYen - stakeYen. */
  readonly profitYen: number;
  /** Settlements in the period: paid (payout > 0), lost (payout 0), refunded. */
  readonly hits: number;
  readonly losses: number;
  readonly refunds: number;
  /** hits / (hits + losses); null without a settled ticket. */
  readonly hitRate: number | null;
  /** returnYen / stakeYen; null without stake. */
  readonly roi: number | null;
  readonly depositsYen: number;
  /** Positive amount withdrawn. */
  readonly withdrawalsYen: number;
  /** Bankroll and peak after the period's last entry. */
  readonly bankrollEndYen: number;
  readonly peakEndYen: number;
  /** Drawdown from the peak after the period's last entry. */
  readonly drawdownEnd: number;
  /** Deepest drawdown after any entry of the period. */
  readonly maxDrawdown: number;
  /** State at the deepest point: ok, warn or halt. */
  readonly worstState: DrawdownStateName;
}

/** P&L of a ledger by period. */
export interface PnlReport {
  readonly period: PnlPeriod;
  readonly levels: DrawdownLevels;
  readonly rows: readonly PnlRow[];
  /** Sums over every period (hit rate and ROI recomputed from the sums). */
  readonly totals: Omit<PnlRow, 'period' | 'from' | 'to' | 'drawdownEnd' | 'bankrollEndYen' | 'peakEndYen'> & { readonly bankrollEndYen: number };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The JST calendar date of a timestamp (rule in the header).
 * @throws ReportError REPORT_BAD_INPUT for text that is not an ISO date or date-time
 * @example jstDateOf('2024-12-31T15:30:00Z') // '2025-01-01'
 * @example jstDateOf('2024-12-31T23:50') // '2024-12-31'
 */
export function jstDateOf(at: string): string {
  return jstDateTimeOf(at).slice(0, 10);
}

/**
 * A timestamp as JST date and time `YYYY-MM-DD HH:MM:SS` (rule in the header).
 * @throws ReportError REPORT_BAD_INPUT for text that is not an ISO date or date-time
 * @example jstDateTimeOf('2024-06-01T06:40:00.000Z') // '2024-06-01 15:40:00'
 */
export function jstDateTimeOf(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(at);
  if (!m) throw new ReportError('REPORT_BAD_INPUT', `not an ISO date or date-time: ${JSON.stringify(at)}`);
  if (m[5] === undefined) return `${m[1]} ${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw new ReportError('REPORT_BAD_INPUT', `not a valid timestamp: ${JSON.stringify(at)}`);
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The period a JST date falls in, with its first and last dates.
 * @example periodOf('2024-12-30', 'week') // { period: '2025-W01', from: '2024-12-30', to: '2025-01-05' }
 */
export function periodOf(date: string, period: PnlPeriod): { period: string; from: string; to: string } {
  if (period === 'day') return { period: date, from: date, to: date };
  if (period === 'month') {
    const y = Number(date.slice(0, 4));
    const mo = Number(date.slice(5, 7));
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { period: date.slice(0, 7), from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${pad2(last)}` };
  }
  const day = dayNumberOf(date);
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const monday = day - weekday;
  const thursday = monday + 3;
  const isoYear = Number(dateOfDayNumber(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumberOf(`${isoYear}-01-01`)) / 7) + 1;
  return { period: `${isoYear}-W${pad2(week)}`, from: dateOfDayNumber(monday), to: dateOfDayNumber(monday + 6) };
}

interface Acc {
  period: string;
  from: string;
  to: string;
  tickets: number;
  stakeYen: number;
  payoutYen: number;
  refundYen: number;
  hits: number;
  losses: number;
  refunds: number;
  depositsYen: number;
  withdrawalsYen: number;
  tracker: DrawdownTracker;
  maxDrawdown: number;
}

function newAcc(p: { period: string; from: string; to: string }, tracker: DrawdownTracker): Acc {
  return { ...p, tickets: 0, stakeYen: 0, payoutYen: 0, refundYen: 0, hits: 0, losses: 0, refunds: 0, depositsYen: 0, withdrawalsYen: 0, tracker, maxDrawdown: 0 };
}

function stateOf(drawdown: number, levels: DrawdownLevels): DrawdownStateName {
  return drawdown >= levels.halt ? 'halt' : drawdown >= levels.warn ? 'warn' : 'ok';
}

/**
 * P&L of ledger entries by day, week or month (rules in the header). Entries must be in ledger
 * order; every one needs its time `at`. Cost O(entries).
 * @param levels warn and halt drawdown levels (default 20% and 30%)
 * @throws ReportError REPORT_BAD_INPUT for an entry without a time or with an unreadable one;
 *   LedgerError for amounts that are not integers or take the bankroll below 0
 * @example
 * pnlByPeriod(ledger.entries(), 'month').rows[0]
 * // { period: '2024-01', stakeYen: 1460400, returnYen: 1506240, profitYen: 45840, hitRate: 0.1027, roi: 1.0314, ... }
 */
export function pnlByPeriod(entries: readonly LedgerEntry[], period: PnlPeriod, levels: DrawdownLevels = DEFAULT_DRAWDOWN_LEVELS): PnlReport {
  checkLevels(levels);
  const rows: Acc[] = [];
  let tracker = EMPTY_DRAWDOWN_TRACKER;
  let cur: Acc | undefined;
  for (const e of entries) {
    if (e.at === undefined || e.at === '') throw new ReportError('REPORT_BAD_INPUT', `pnlByPeriod: ledger entry ${e.seq} (${e.kind}) has no time`);
    const p = periodOf(jstDateOf(e.at), period);
    if (cur === undefined || cur.period !== p.period) {
      cur = rows.find((r) => r.period === p.period);
      if (cur === undefined) {
        cur = newAcc(p, tracker);
        rows.push(cur);
      }
    }
    switch (e.kind) {
      case 'stake':
        cur.tickets++;
        cur.stakeYen -= e.amountYen;
        break;
      case 'payout':
        cur.payoutYen += e.amountYen;
        if (e.amountYen > 0) cur.hits++;
        else cur.losses++;
        break;
      case 'refund':
        cur.refundYen += e.amountYen;
        cur.refunds++;
        break;
      case 'deposit':
        cur.depositsYen += e.amountYen;
        break;
      case 'withdrawal':
        cur.withdrawalsYen -= e.amountYen;
        break;
    }
    tracker = trackEntry(tracker, e);
    cur.tracker = tracker;
    const dd = trackedState(tracker, levels).drawdown;
    if (dd > cur.maxDrawdown) cur.maxDrawdown = dd;
  }
  rows.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: PnlRow[] = rows.map((r) => {
    const ret = r.payoutYen + r.refundYen;
    return {
      period: r.period,
      from: r.from,
      to: r.to,
      tickets: r.tickets,
      stakeYen: r.stakeYen,
      payoutYen: r.payoutYen,
      refundYen: r.refundYen,
      returnYen: ret,
      profitYen: ret - r.stakeYen,
      hits: r.hits,
      losses: r.losses,
      refunds: r.refunds,
      hitRate: r.hits + r.losses > 0 ? r.hits / (r.hits + r.losses) : null,
      roi: r.stakeYen > 0 ? ret / r.stakeYen : null,
      depositsYen: r.depositsYen,
      withdrawalsYen: r.withdrawalsYen,
      bankrollEndYen: r.tracker.bankrollYen,
      peakEndYen: r.tracker.peakYen,
      drawdownEnd: trackedState(r.tracker, levels).drawdown,
      maxDrawdown: r.maxDrawdown,
      worstState: stateOf(r.maxDrawdown, levels),
    };
  });
  const sum = (f: (r: PnlRow) => number): number => out.reduce((a, r) => a + f(r), 0);
  const stakeYen = sum((r) => r.stakeYen);
  const returnYen = sum((r) => r.returnYen);
  const hits = sum((r) => r.hits);
  const losses = sum((r) => r.losses);
  const maxDrawdown = Math.max(0, ...out.map((r) => r.maxDrawdown));
  return {
    period,
    levels,
    rows: out,
    totals: {
      tickets: sum((r) => r.tickets),
      stakeYen,
      payoutYen: sum((r) => r.payoutYen),
      refundYen: sum((r) => r.refundYen),
      returnYen,
      profitYen: returnYen - stakeYen,
      hits,
      losses,
      refunds: sum((r) => r.refunds),
      hitRate: hits + losses > 0 ? hits / (hits + losses) : null,
      roi: stakeYen > 0 ? returnYen / stakeYen : null,
      depositsYen: sum((r) => r.depositsYen),
      withdrawalsYen: sum((r) => r.withdrawalsYen),
      bankrollEndYen: tracker.bankrollYen,
      maxDrawdown,
      worstState: stateOf(maxDrawdown, levels),
    },
  };
}
