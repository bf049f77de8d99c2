/**
 * Builds the self-contained HTML of a backtest report: the result in one sentence, the summary
 * figures, the charts inline, tables by bet type, by month and of calibration, the inputs and
 * the hashes. No external script, style, font or image. Layer: report. Units: integer yen. Pure.
 */
import type { BacktestSummary, TicketFigures } from '../sim/backtest/index.ts';
import { betTypeLabel } from './charts/bet-type-roi.ts';
import { signedYen } from './charts/monthly-pnl.ts';
import { formatNumber, formatProbability, formatSignificant, formatYen } from './format.ts';
import { escapeHtml, figuresHtml, htmlPage, kvTableHtml, type HtmlChart, type HtmlFiles } from './html.ts';
import type { PnlReport } from './pnl.ts';

const roiText = (roi: number | null): string => (roi === null ? 'n/a' : formatNumber(roi, 3));
const rateText = (rate: number | null): string => (rate === null ? 'n/a' : formatProbability(rate));
const nullable = (v: number | null, digits = 3): string => (v === null ? 'n/a' : formatSignificant(v, digits));

/**
 * The sentence giving a backtest's result.
 * @example backtestResultSentence(summary) // 'Profit −¥155,840 on ¥1,844,000 staked: ROI 0.915, hit rate 9.2% (338 tickets in 247 of 840 races).'
 */
export function backtestResultSentence(s: BacktestSummary): string {
  const t = s.totals;
  if (t.tickets === 0) return `No ticket bought in ${s.racesSeen.toLocaleString('en-US')} races.`;
  return (
    `Profit ${signedYen(s.profitYen)} on ${formatYen(t.stakeYen)} staked: ROI ${roiText(t.roi)}, hit rate ${rateText(t.hitRate)} ` +
    `(${t.tickets.toLocaleString('en-US')} tickets in ${s.racesBet.toLocaleString('en-US')} of ${s.racesSeen.toLocaleString('en-US')} races).`
  );
}

function detailSentence(s: BacktestSummary): string {
  const parts = [
    `Bankroll ${formatYen(s.bankroll.startYen)} → ${formatYen(s.bankroll.finalYen)}`,
    `max drawdown ${formatProbability(s.maxDrawdown)} (${formatYen(s.maxDrawdownYen)})`,
    `longest losing streak ${s.longestLosingStreak} races`,
    `mean log growth ${nullable(s.meanLogGrowthPerRace)} per race`,
  ];
  let text = `${parts.join('; ')}.`;
  if (s.halt) text += ` Betting halted by the drawdown rule at race ${s.halt.raceId} (${s.halt.date}, drawdown ${formatProbability(s.halt.drawdown)}).`;
  else if (s.warn) text += ` The drawdown reached the warn level at race ${s.warn.raceId} (${s.warn.date}).`;
  return text;
}

function cell(text: string, v: number | string | null, cls = ''): string {
  const sv = v === null || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  return `<td${cls ? ` class="${cls}"` : ''} data-v="${escapeHtml(sv)}">${escapeHtml(text)}</td>`;
}

function figureCells(f: TicketFigures): string {
  return [
    cell(f.tickets.toLocaleString('en-US'), f.tickets),
    cell(formatYen(f.stakeYen), f.stakeYen),
    cell(formatYen(f.returnYen), f.returnYen),
    cell(signedYen(f.profitYen), f.profitYen, f.profitYen < 0 ? 'neg' : ''),
    cell(roiText(f.roi), f.roi),
    cell(`${f.hits.toLocaleString('en-US')}`, f.hits),
    cell(rateText(f.hitRate), f.hitRate),
    cell(f.refunds.toLocaleString('en-US'), f.refunds),
  ].join('');
}

const FIGURE_HEADERS = ['Tickets', 'Stake', 'Return', 'Profit', 'ROI', 'Hits', 'Hit rate', 'Refunds'];

/** A table; the first `textColumns` columns are left-aligned text. */
function tableHtml(headers: readonly string[], rows: readonly string[], sortable: boolean, textColumns = 1): string {
  return `<div class="table-wrap">
<table${sortable ? ' class="sortable"' : ''}>
<thead><tr>${headers.map((h, i) => `<th scope="col"${i < textColumns ? ' class="text"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
}

function calibrationRows(s: BacktestSummary): string[] {
  const used = s.calibration.used.reliability;
  const market = s.calibration.market.reliability;
  return used.map((b, i) => {
    const m = market[i];
    return (
      `<tr>${cell(`${formatNumber(b.lo)} – ${formatNumber(b.hi)}`, b.lo, 'text')}${cell(b.n.toLocaleString('en-US'), b.n)}${cell(nullable(b.meanPredicted), b.meanPredicted)}` +
      `${cell(nullable(b.observed), b.observed)}${cell(b.z === null ? 'n/a' : formatNumber(b.z, 2), b.z)}` +
      `${cell(m ? m.n.toLocaleString('en-US') : '', m ? m.n : null)}${cell(m ? nullable(m.meanPredicted) : '', m ? m.meanPredicted : null)}${cell(m ? nullable(m.observed) : '', m ? m.observed : null)}${cell(m && m.z !== null ? formatNumber(m.z, 2) : 'n/a', m ? m.z : null)}</tr>`
    );
  });
}

/**
 * The HTML text of a backtest report.
 * @param charts the rendered charts, in display order
 * @param files the results folder and the files it holds
 * @param weekly the ledger's P&L by week, tabled when given
 * @example backtestReportHtml(summary, charts, files).startsWith('<!doctype html>') // true
 */
export function backtestReportHtml(s: BacktestSummary, charts: readonly HtmlChart[], files: HtmlFiles, weekly?: PnlReport): string {
  const title = `Backtest report: ${s.strategy.name}`;
  const warnings: string[] = [];
  if (s.exoticOdds) warnings.push(`Exotic odds: ${s.exoticOdds}.`);
  if (s.unsettleableRaces.length > 0) warnings.push(`${s.unsettleableRaces.length} race(s) could not be settled from the recorded payouts and were dropped before any money moved: ${s.unsettleableRaces.map((r) => r.raceId).join(', ')}.`);
  if (s.bankroll.ledgerSumYen !== s.bankroll.finalYen) warnings.push(`The ledger sums to ${formatYen(s.bankroll.ledgerSumYen)}, not the final bankroll ${formatYen(s.bankroll.finalYen)}.`);
  const t = s.totals;
  const figures: [string, string][] = [
    ['Races seen / bet', `${s.racesSeen.toLocaleString('en-US')} / ${s.racesBet.toLocaleString('en-US')}`],
    ['Races by status', Object.entries(s.racesByStatus).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')],
    ['Tickets', t.tickets.toLocaleString('en-US')],
    ['Stake', formatYen(t.stakeYen)],
    ['Return (payouts and refunds)', formatYen(t.returnYen)],
    ['Profit', signedYen(s.profitYen)],
    ['ROI (return / stake)', roiText(t.roi)],
    ['Hit rate (paid / settled tickets)', `${rateText(t.hitRate)} (${t.hits.toLocaleString('en-US')} of ${(t.tickets - t.refunds).toLocaleString('en-US')})`],
    ['Bankroll start → final', `${formatYen(s.bankroll.startYen)} → ${formatYen(s.bankroll.finalYen)} (ledger sum ${formatYen(s.bankroll.ledgerSumYen)}, ${s.bankroll.ledgerEntries.toLocaleString('en-US')} entries)`],
    ['Max drawdown', `${formatProbability(s.maxDrawdown)} (${formatYen(s.maxDrawdownYen)})`],
    ['Drawdown levels', s.drawdownLevels ? `warn ${formatProbability(s.drawdownLevels.warn)}, halt ${formatProbability(s.drawdownLevels.halt)}` : 'none'],
    ['Warn reached', s.warn ? `${s.warn.raceId} (${s.warn.date}), ${formatProbability(s.warn.drawdown)}` : 'no'],
    ['Halt reached', s.halt ? `${s.halt.raceId} (${s.halt.date}), ${formatProbability(s.halt.drawdown)}` : 'no'],
    ['Longest losing streak', `${s.longestLosingStreak} races`],
    ['Mean log growth per race / per race bet', `${nullable(s.meanLogGrowthPerRace)} / ${nullable(s.meanLogGrowthPerRaceBet)}`],
  ];
  const inputs: [string, string][] = [
    ['Strategy', `${s.strategy.name} (${s.strategy.source}; bet types ${s.strategy.betTypes.join(', ')})`],
    ['Dataset', `${s.dataset.source}, ${s.dataset.races.toLocaleString('en-US')} races, ${s.dataset.currency}, payouts ${s.dataset.payoutUnit}, ${s.dataset.terms} terms`],
    ['Dates replayed', `${s.range.from} to ${s.range.to}`],
    ['Odds at decision', s.oddsAtDecision.note],
    ['Settlement', s.settlement],
    ['Walk-forward', s.walkForward ? JSON.stringify(s.walkForward) : 'none'],
    ['Windows', s.windows.map((w) => `${w.testFrom} – ${w.testTo} (${w.races} races${w.trainFrom ? `, trained from ${w.trainFrom}` : ''})`).join('; ')],
    ['Results folder', files.resultsDir],
    ['Files', files.files.join(', ')],
  ];
  const hashes: [string, string][] = [
    ['Strategy hash', s.strategyHash],
    ['Config hash', s.configHash],
    ['Dataset hash', s.datasetHash],
    ['Code version', s.codeVersion],
  ];
  const byType = Object.entries(s.byBetType).map(([k, f]) => `<tr>${cell(betTypeLabel(k), k, 'text')}${figureCells(f)}</tr>`);
  const byMonth = Object.entries(s.byMonth)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, m]) => `<tr>${cell(k, k, 'text')}${cell(`${m.racesBet} / ${m.races}`, m.racesBet)}${figureCells(m)}${cell(formatYen(m.bankrollEndYen), m.bankrollEndYen)}</tr>`);
  const weekRows = weekly
    ? weekly.rows.map(
        (r) =>
          `<tr>${cell(r.period, r.period, 'text')}${cell(`${r.from} – ${r.to}`, r.from, 'text')}${cell(r.tickets.toLocaleString('en-US'), r.tickets)}${cell(formatYen(r.stakeYen), r.stakeYen)}` +
          `${cell(formatYen(r.returnYen), r.returnYen)}${cell(signedYen(r.profitYen), r.profitYen, r.profitYen < 0 ? 'neg' : '')}${cell(roiText(r.roi), r.roi)}${cell(rateText(r.hitRate), r.hitRate)}` +
          `${cell(formatYen(r.bankrollEndYen), r.bankrollEndYen)}${cell(formatProbability(r.maxDrawdown), r.maxDrawdown)}${cell(r.worstState, r.worstState, 'text')}</tr>`,
      )
    : [];
  const cu = s.calibration.used;
  const cm = s.calibration.market;
  return htmlPage(
    title,
    `<header>
<h1>${escapeHtml(title)}</h1>
<p class="answer${s.profitYen < 0 ? ' none' : ''}">${escapeHtml(backtestResultSentence(s))}</p>
<p class="detail">${escapeHtml(detailSentence(s))}</p>
${warnings.map((w) => `<p class="warning">${escapeHtml(w)}</p>`).join('\n')}
</header>
<section id="summary">
<h2>Summary</h2>
<table class="inputs">
${kvTableHtml(figures, false)}
</table>
</section>
<section id="charts">
<h2>Charts</h2>
${figuresHtml(charts)}
</section>
<section id="by-bet-type">
<h2>By bet type</h2>
${tableHtml(['Bet type', ...FIGURE_HEADERS], byType, true)}
</section>
<section id="by-month">
<h2>By month</h2>
${tableHtml(['Month', 'Races bet / seen', ...FIGURE_HEADERS, 'Bankroll at end'], byMonth, true)}
</section>
${
  weekly
    ? `<section id="by-week">
<h2>By week, from the ledger</h2>
<p class="detail">ISO weeks (Monday to Sunday) in Japan time; each ledger entry counts in the week of its time. Max drawdown and state follow the ledger entry by entry (stakes count as lost until settled).</p>
${tableHtml(['Week', 'Dates', 'Tickets', 'Stake', 'Return', 'Profit', 'ROI', 'Hit rate', 'Bankroll at end', 'Max drawdown', 'State'], weekRows, true, 2)}
</section>`
    : ''
}
<section id="calibration-table">
<h2>Calibration</h2>
<p class="detail">Probabilities used: log-loss ${escapeHtml(nullable(cu.logLoss, 4))}, Brier ${escapeHtml(nullable(cu.brier, 4))}, pseudo-R² ${escapeHtml(nullable(cu.pseudoR2))} over ${cu.races.toLocaleString('en-US')} races and ${cu.runners.toLocaleString('en-US')} runners. Market: log-loss ${escapeHtml(nullable(cm.logLoss, 4))}, Brier ${escapeHtml(nullable(cm.brier, 4))}, pseudo-R² ${escapeHtml(nullable(cm.pseudoR2))}. Z = (wins − Σp) / √Σp(1−p) per bin.</p>
${tableHtml(['Bin', 'Runners', 'Mean predicted', 'Observed', 'Z', 'Market runners', 'Market predicted', 'Market observed', 'Market Z'], calibrationRows(s), false)}
</section>
<section id="inputs">
<h2>Inputs</h2>
<table class="inputs">
${kvTableHtml(inputs, false)}
</table>
</section>
<section id="hashes">
<h2>Hashes</h2>
<table class="inputs">
${kvTableHtml(hashes, true)}
</table>
</section>
<footer>Written by <code>keiba report</code> from <code>summary.json</code>, <code>races.arrow</code> and <code>ledger.arrow</code>. Self-contained: no external scripts, styles or fonts.</footer>`,
  );
}
