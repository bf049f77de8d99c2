/**
 * The annual tax report of a live ledger: every purchase of the year (losing tickets included)
 * with its time, stake, payout and refund, and the yearly totals, as rows, as CSV (written
 * atomically) and as an HTML section. Layer: report (imports ledger types). Units: integer yen.
 * Pure except `writeTaxReportCsv` and `writeTaxReportHtml`.
 *
 * Year rule: a purchase counts in the calendar year of its purchase time in Japan time (JST,
 * UTC+9, no daylight saving); its payout or refund counts with it. A time with a zone (`Z`,
 * `±hh:mm`, as the live store writes in UTC) is converted to JST; a time without one is
 * already Japan time. So a ticket bought at 2024-12-31T15:30Z (2025-01-01 00:30 JST) belongs
 * to 2025. The totals give the figures an accountant needs (payouts of winning tickets and
 * their stakes, every stake); which of them the tax return uses is not decided here.
 */
import type { LedgerEntry } from '../ledger/index.ts';
import { ReportError } from './errors.ts';
import { escapeHtml, htmlPage, kvTableHtml } from './html.ts';
import { signedYen } from './charts/monthly-pnl.ts';
import { formatYen } from './format.ts';
import { jstDateTimeOf } from './pnl.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** Time zone of every date in the report. */
export const TAX_TIME_ZONE = 'Asia/Tokyo (JST, UTC+9)';

/** Outcome of a purchase: paid, lost, refunded, or not settled yet. */
export type PurchaseResult = 'win' | 'lose' | 'refund' | 'open';

/** One ticket bought, as the live runner records it. */
export interface Purchase {
  /** Purchase time, ISO text (with a zone, or JST without one). */
  readonly timestamp: string;
  readonly raceId: string;
  readonly ticketId: string;
  /** Stake, integer yen > 0. */
  readonly stakeYen: number;
  /** Payout received, integer yen (0 for a losing, refunded or open ticket). */
  readonly payoutYen: number;
  /** Stake returned, integer yen (0 unless refunded). */
  readonly refundYen: number;
  /** Whether the ticket is settled; false for a race not yet resulted. Default true. */
  readonly settled?: boolean;
}

/** A purchase in the report. */
export interface TaxReportRow extends Purchase {
  /** Purchase time in JST, `YYYY-MM-DD HH:MM:SS`. */
  readonly timeJst: string;
  readonly result: PurchaseResult;
  /** payoutYen + refundYen - stakeYen. */
  readonly netYen: number;
}

/** Totals of a year. */
export interface TaxTotals {
  readonly tickets: number;
  readonly winningTickets: number;
  readonly losingTickets: number;
  readonly refundedTickets: number;
  readonly openTickets: number;
  /** Every stake, losing tickets included. */
  readonly stakeYen: number;
  readonly payoutYen: number;
  readonly refundYen: number;
  /** payoutYen + refundYen - stakeYen. */
  readonly netYen: number;
  /** Stakes of the winning tickets only. */
  readonly winningStakeYen: number;
  /** payoutYen - winningStakeYen: payouts less what the winning tickets cost. */
  readonly payoutLessWinningStakeYen: number;
}

/** The tax report of one year. */
export interface TaxReport {
  readonly year: number;
  readonly timeZone: string;
  /** Purchases of the year in time order (ties in input order). */
  readonly rows: readonly TaxReportRow[];
  readonly totals: TaxTotals;
}

function checkYen(v: number, what: string, p: Purchase): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new ReportError('REPORT_BAD_INPUT', `taxReport: ${what} of ticket ${p.ticketId} in race ${p.raceId} is ${String(v)}, not a whole number of yen >= 0`);
}

/** The result of a purchase from its amounts. */
function resultOf(p: Purchase): PurchaseResult {
  if (p.settled === false) return 'open';
  if (p.refundYen > 0) return 'refund';
  return p.payoutYen > 0 ? 'win' : 'lose';
}

/**
 * The tax report of `year`: every purchase whose JST purchase time falls in it (rule in the
 * header), and the totals. Cost O(n log n).
 * @throws ReportError REPORT_BAD_INPUT for an amount that is not whole yen >= 0, a stake of 0,
 *   or a timestamp that is not ISO text
 * @example
 * taxReport([{ timestamp: '2024-06-01T06:40:00Z', raceId: 'R1', ticketId: 'win:3', stakeYen: 1000, payoutYen: 0, refundYen: 0 }], 2024).totals
 * // { tickets: 1, losingTickets: 1, stakeYen: 1000, payoutYen: 0, netYen: -1000, ... }
 */
export function taxReport(purchases: readonly Purchase[], year: number): TaxReport {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new ReportError('REPORT_BAD_INPUT', `taxReport: year ${String(year)} is not a calendar year`);
  const prefix = `${year}-`;
  const rows: TaxReportRow[] = [];
  for (const p of purchases) {
    checkYen(p.stakeYen, 'stake', p);
    checkYen(p.payoutYen, 'payout', p);
    checkYen(p.refundYen, 'refund', p);
    if (p.stakeYen === 0) throw new ReportError('REPORT_BAD_INPUT', `taxReport: ticket ${p.ticketId} in race ${p.raceId} has a stake of 0`);
    const timeJst = jstDateTimeOf(p.timestamp);
    if (!timeJst.startsWith(prefix)) continue;
    rows.push({ ...p, timeJst, result: resultOf(p), netYen: p.payoutYen + p.refundYen - p.stakeYen });
  }
  rows.sort((a, b) => (a.timeJst < b.timeJst ? -1 : a.timeJst > b.timeJst ? 1 : 0));
  let stake = 0;
  let payout = 0;
  let refund = 0;
  let winningStake = 0;
  const count: Record<PurchaseResult, number> = { win: 0, lose: 0, refund: 0, open: 0 };
  for (const r of rows) {
    stake += r.stakeYen;
    payout += r.payoutYen;
    refund += r.refundYen;
    count[r.result]++;
    if (r.result === 'win') winningStake += r.stakeYen;
  }
  return {
    year,
    timeZone: TAX_TIME_ZONE,
    rows,
    totals: {
      tickets: rows.length,
      winningTickets: count.win,
      losingTickets: count.lose,
      refundedTickets: count.refund,
      openTickets: count.open,
      stakeYen: stake,
      payoutYen: payout,
      refundYen: refund,
      netYen: payout + refund - stake,
      winningStakeYen: winningStake,
      payoutLessWinningStakeYen: payout - winningStake,
    },
  };
}

/**
 * The purchases recorded in ledger entries: one per stake entry, with the payout or refund
 * entry that settled it (none: open). The purchase time is the stake entry's time.
 * Cost O(entries).
 * @throws ReportError REPORT_BAD_INPUT for a stake entry without a time, race or ticket
 * @example purchasesFromLedger(ledger.entries())[0] // { timestamp: '2024-06-01T06:40:00.000Z', raceId: 'R1', ticketId: 'win:3', stakeYen: 1000, payoutYen: 0, refundYen: 0, settled: true }
 */
export function purchasesFromLedger(entries: readonly LedgerEntry[]): Purchase[] {
  const settlements = new Map<string, LedgerEntry>();
  for (const e of entries) if (e.kind === 'payout' || e.kind === 'refund') settlements.set(`${e.raceId}\t${e.ticketId}`, e);
  const out: Purchase[] = [];
  for (const e of entries) {
    if (e.kind !== 'stake') continue;
    if (e.at === undefined || e.at === '' || e.raceId === null || e.ticketId === undefined) {
      throw new ReportError('REPORT_BAD_INPUT', `purchasesFromLedger: stake entry ${e.seq} lacks its time, race or ticket`);
    }
    const s = settlements.get(`${e.raceId}\t${e.ticketId}`);
    out.push({
      timestamp: e.at,
      raceId: e.raceId,
      ticketId: e.ticketId,
      stakeYen: -e.amountYen,
      payoutYen: s?.kind === 'payout' ? s.amountYen : 0,
      refundYen: s?.kind === 'refund' ? s.amountYen : 0,
      settled: s !== undefined,
    });
  }
  return out;
}

/** A CSV field, quoted when it holds a comma, quote or line break. */
function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Columns of the CSV. */
export const TAX_CSV_COLUMNS = ['time_jst', 'timestamp', 'race_id', 'ticket_id', 'result', 'stake_yen', 'payout_yen', 'refund_yen', 'net_yen'] as const;

/**
 * The CSV text of a tax report: a header, one line per purchase in time order, then one
 * `total` line (time_jst `total YYYY`, result `total`, the sums). UTF-8, CRLF line ends.
 * @example taxReportCsv(report).split('\r\n')[0] // 'time_jst,timestamp,race_id,ticket_id,result,stake_yen,payout_yen,refund_yen,net_yen'
 */
export function taxReportCsv(report: TaxReport): string {
  const lines = [TAX_CSV_COLUMNS.join(',')];
  for (const r of report.rows) lines.push([r.timeJst, r.timestamp, r.raceId, r.ticketId, r.result, r.stakeYen, r.payoutYen, r.refundYen, r.netYen].map(csvField).join(','));
  const t = report.totals;
  lines.push([`total ${report.year}`, '', '', `${t.tickets} tickets`, 'total', t.stakeYen, t.payoutYen, t.refundYen, t.netYen].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Writes the CSV of a tax report atomically.
 * @example writeTaxReportCsv('tax-2024.csv', taxReport(purchases, 2024))
 */
export function writeTaxReportCsv(path: string, report: TaxReport): void {
  writeFileAtomic(path, taxReportCsv(report));
}

const RESULT_LABELS: Readonly<Record<PurchaseResult, string>> = { win: 'paid', lose: 'lost', refund: 'refunded', open: 'not settled' };

/**
 * The HTML section of a tax report: the totals, then every purchase in a sortable table.
 * @example taxReportSectionHtml(report).startsWith('<section id="tax-2024">') // true
 */
export function taxReportSectionHtml(report: TaxReport): string {
  const t = report.totals;
  const totals: [string, string][] = [
    ['Tickets bought', `${t.tickets.toLocaleString('en-US')} (paid ${t.winningTickets}, lost ${t.losingTickets}, refunded ${t.refundedTickets}${t.openTickets > 0 ? `, not settled ${t.openTickets}` : ''})`],
    ['Stakes, every ticket', formatYen(t.stakeYen)],
    ['Payouts', formatYen(t.payoutYen)],
    ['Refunds', formatYen(t.refundYen)],
    ['Net (payouts + refunds − stakes)', signedYen(t.netYen)],
    ['Stakes of paid tickets', formatYen(t.winningStakeYen)],
    ['Payouts − stakes of paid tickets', signedYen(t.payoutLessWinningStakeYen)],
  ];
  const cell = (text: string, v: string | number, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''} data-v="${escapeHtml(String(v))}">${escapeHtml(text)}</td>`;
  const body = report.rows
    .map(
      (r) =>
        `<tr class="${r.result}">${cell(r.timeJst, r.timeJst, 'text')}${cell(r.raceId, r.raceId, 'text')}${cell(r.ticketId, r.ticketId, 'text')}${cell(RESULT_LABELS[r.result], r.result, 'text')}` +
        `${cell(formatYen(r.stakeYen), r.stakeYen)}${cell(formatYen(r.payoutYen), r.payoutYen)}${cell(formatYen(r.refundYen), r.refundYen)}${cell(signedYen(r.netYen), r.netYen, r.netYen < 0 ? 'neg' : '')}</tr>`,
    )
    .join('\n');
  const headers = ['Time (JST)', 'Race', 'Ticket', 'Result', 'Stake', 'Payout', 'Refund', 'Net'];
  const textColumns = 4;
  return `<section id="tax-${report.year}">
<h2>Purchases and totals, ${report.year}</h2>
<p class="detail">Every ticket bought in ${report.year}, losing tickets included, by purchase time in ${escapeHtml(report.timeZone)}; a payout or refund counts with its purchase. Amounts in integer yen.</p>
<table class="inputs">
${kvTableHtml(totals, false)}
</table>
<h3>Every purchase</h3>
<div class="table-wrap">
<table class="sortable">
<thead><tr>${headers.map((h, i) => `<th scope="col"${i < textColumns ? ' class="text"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
</section>`;
}

/**
 * Writes a self-contained HTML page of a tax report atomically.
 * @example writeTaxReportHtml('tax-2024.html', report)
 */
export function writeTaxReportHtml(path: string, report: TaxReport): void {
  writeFileAtomic(path, htmlPage(`Tax report ${report.year}`, `<header><h1>Tax report ${report.year}</h1><p class="detail">Horse-race tickets bought from the live book, for the year's tax return.</p></header>\n${taxReportSectionHtml(report)}\n<footer>Written by <code>keiba</code> from the ledger. Self-contained: no external scripts, styles or fonts.</footer>`));
}
