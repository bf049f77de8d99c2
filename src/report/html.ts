/**
 * Builds the self-contained HTML of a sweep report: the answer, the inputs and hashes, the
 * charts inline as SVG with a note on how to read each, and a sortable per-config table. No
 * external script, style, font or image. The page shell, key-value tables and chart figures are
 * exported for the other reports (backtest, tax). Layer: report. Pure.
 */
import { configLabel, formatNumber, formatProbability, formatSignificant, formatYen, formatPercent } from './format.ts';
import type { SweepConfigRow, SweepReportInput } from './sweep-report-input.ts';

/** A chart as the HTML shows it. */
export interface HtmlChart {
  readonly name: string;
  readonly title: string;
  readonly howToRead: string;
  /** SVG text of the chart. */
  readonly svg: string;
}

/** Files and folder named in the report's inputs section. */
export interface HtmlFiles {
  /** The results folder as given. */
  readonly resultsDir: string;
  /** Files of the folder the report read or wrote, relative to it. */
  readonly files: readonly string[];
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * The sentence answering the sweep's question.
 * @example recommendationSentence(input) // 'Highest growth with ruin probability under 1%: safety factor 0.5 at EV threshold 1.2.'
 */
export function recommendationSentence(input: SweepReportInput): string {
  const bound = formatPercent(input.maxRuin);
  const rec = input.configs.find((c) => c.configHash === input.recommendedHash);
  if (!rec) return `No config has ruin probability under ${bound}: none qualifies.`;
  return `Highest growth with ruin probability under ${bound}: safety factor ${formatNumber(rec.safetyFactor)} at EV threshold ${formatNumber(rec.evThreshold)}.`;
}

/** Prefixes the ids of an SVG (and the references to them) so several SVGs can share a page. */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

/** Charts show up to 1.3x their drawn size, so their text reads at a comfortable size on screen. */
const CHART_SCREEN_ZOOM = 1.3;

/** A style attribute capping a chart's width at CHART_SCREEN_ZOOM times the SVG's width. */
function chartMaxWidth(svg: string): string {
  const m = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  return m ? ` style="max-width: ${Math.round(Number(m[1]) * CHART_SCREEN_ZOOM)}px"` : '';
}

function detailSentence(input: SweepReportInput): string {
  const rec = input.configs.find((c) => c.configHash === input.recommendedHash);
  if (rec) {
    return (
      `Its ruin probability is ${formatProbability(rec.ruinProbability)} (95% interval ${formatProbability(rec.ruinLow)} – ${formatProbability(rec.ruinHigh)}), ` +
      `its mean log growth ${formatSignificant(rec.meanLogGrowth)} per race (s.e. ${formatSignificant(rec.meanLogGrowthSe, 2)}), ` +
      `its median final bankroll ${formatSignificant(rec.finalMultiple.q50)}× the start.`
    );
  }
  const safest = [...input.configs].sort((a, b) => a.ruinProbability - b.ruinProbability)[0];
  return safest
    ? `The safest config, ${configLabel(safest.safetyFactor, safest.evThreshold)}, has ruin probability ${formatProbability(safest.ruinProbability)}.`
    : 'The sweep has no configs.';
}

function cell(text: string, sortValue: number | string | undefined, cls = ''): string {
  const v = sortValue === undefined || (typeof sortValue === 'number' && !Number.isFinite(sortValue)) ? '' : String(sortValue);
  return `<td${cls ? ` class="${cls}"` : ''} data-v="${escapeHtml(v)}">${escapeHtml(text)}</td>`;
}

function configRowHtml(c: SweepConfigRow, input: SweepReportInput, withOther: boolean): string {
  const rec = c.configHash === input.recommendedHash;
  const cells = [
    cell(formatNumber(c.safetyFactor, 4), c.safetyFactor),
    cell(formatNumber(c.evThreshold, 4), c.evThreshold),
    ...(withOther ? [cell(c.otherParams ?? '', c.otherParams ?? '', 'text')] : []),
    cell(formatProbability(c.ruinProbability), c.ruinProbability),
    cell(`${formatProbability(c.ruinLow)} – ${formatProbability(c.ruinHigh)}`, c.ruinHigh),
    cell(formatProbability(c.pDrawdown20), c.pDrawdown20),
    cell(formatProbability(c.pDrawdown30), c.pDrawdown30),
    cell(formatProbability(c.pDrawdown50), c.pDrawdown50),
    cell(formatSignificant(c.finalMultiple.q05), c.finalMultiple.q05),
    cell(formatSignificant(c.finalMultiple.q50), c.finalMultiple.q50),
    cell(formatSignificant(c.finalMultiple.q95), c.finalMultiple.q95),
    cell(formatSignificant(c.meanLogGrowth), c.meanLogGrowth),
    cell(formatSignificant(c.meanLogGrowthSe, 2), c.meanLogGrowthSe),
    cell(c.medianRacesToRuin === undefined ? '–' : formatNumber(c.medianRacesToRuin, 0), c.medianRacesToRuin),
    `<td class="hash" data-v="${escapeHtml(c.configHash)}" title="${escapeHtml(c.configHash)}"><code>${escapeHtml(c.configHash.slice(0, 12))}</code></td>`,
  ];
  return `<tr${rec ? ' class="recommended" title="recommended config"' : ''}>${cells.join('')}</tr>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.answer { font-size: 1.15rem; font-weight: bold; background: #f4f8fb; border-left: 4px solid #2b6a99; padding: 0.6rem 0.9rem; margin: 0.8rem 0 0.3rem; }
.answer.none { border-left-color: #c0392b; background: #fbf4f3; }
.detail { margin: 0 0 0.6rem; color: #444; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e4e4e4; text-align: right; white-space: nowrap; }
th { background: #f2f2f2; font-weight: 600; cursor: pointer; user-select: none; position: sticky; top: 0; }
th[data-dir="asc"]::after { content: " ▲"; font-size: 0.7em; }
th[data-dir="desc"]::after { content: " ▼"; font-size: 0.7em; }
td.text, td.hash, table.inputs td, table.inputs th { text-align: left; }
table.inputs td { white-space: normal; word-break: break-word; }
table.inputs th { cursor: default; background: none; position: static; font-weight: normal; color: #555; }
tr.recommended td { background: #fff6d6; font-weight: bold; }
.table-wrap { overflow-x: auto; max-height: 36rem; overflow-y: auto; border: 1px solid #e4e4e4; }
figure { margin: 1rem 0 2rem; }
figure .chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.92rem; color: #333; max-width: 60rem; margin-top: 0.4rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
footer { margin-top: 2.5rem; font-size: 0.8rem; color: #777; }
`;

const SORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('data-dir') !== 'asc';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-dir'); });
      th.setAttribute('data-dir', asc ? 'asc' : 'desc');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
        if (x === '' && y === '') return 0;
        if (x === '') return 1;
        if (y === '') return -1;
        var nx = Number(x), ny = Number(y);
        var c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
`;

/** Extra styles of the backtest and tax reports (negative amounts, notes, sub-headings). */
const EXTRA_STYLE = `
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
td.neg { color: #b03a2e; }
th.text { text-align: left; }
.warning { background: #fdf2e9; border-left: 4px solid #d68910; padding: 0.5rem 0.9rem; margin: 0.6rem 0; }
table.figures td { text-align: right; }
`;

/**
 * A self-contained HTML page: the report style, `body` as given, and the sorting script of
 * every `table.sortable`. No external script, style, font or image.
 * @example htmlPage('Tax report 2024', '<h1>…</h1>').startsWith('<!doctype html>') // true
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${EXTRA_STYLE}</style>
</head>
<body>
${body}
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Rows of a key-value table (`<tr><th>key</th><td>value</td></tr>`), values in code when `code`.
 * @example kvTableHtml([['Seed', '42']], false) // '<tr><th scope="row">Seed</th><td>42</td></tr>'
 */
export function kvTableHtml(rows: readonly (readonly [string, string])[], code: boolean): string {
  return rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${code ? `<code>${escapeHtml(v)}</code>` : escapeHtml(v)}</td></tr>`).join('\n');
}

/**
 * The figures of rendered charts, each with its SVG inline (ids prefixed per chart) and its
 * note on how to read it.
 * @example figuresHtml(charts).startsWith('<figure id="ruin-heatmap">') // true
 */
export function figuresHtml(charts: readonly HtmlChart[]): string {
  return charts
    .map(
      (c, i) => `<figure id="${escapeHtml(c.name)}">
<div class="chart" role="img" aria-label="${escapeHtml(c.title)}"${chartMaxWidth(c.svg)}>${prefixSvgIds(c.svg, `c${i + 1}`)}</div>
<figcaption><strong>How to read this.</strong> ${escapeHtml(c.howToRead)} <span class="files">(Also in <code>charts/${escapeHtml(c.name)}.svg</code>, <code>.png</code> and the Vega-Lite spec <code>.vl.json</code>.)</span></figcaption>
</figure>`,
    )
    .join('\n');
}

/**
 * The HTML text of a sweep report.
 * @param input the sweep's summary as plain numbers
 * @param charts the rendered charts, in display order
 * @param files the results folder and the files it holds
 * @example sweepReportHtml(input, charts, files).startsWith('<!doctype html>') // true
 */
export function sweepReportHtml(input: SweepReportInput, charts: readonly HtmlChart[], files: HtmlFiles): string {
  const rec = input.configs.find((c) => c.configHash === input.recommendedHash);
  const withOther = input.configs.some((c) => c.otherParams !== undefined);
  const title = `Monte Carlo sweep report${input.sweepId ? ` ${input.sweepId}` : ''}`;
  const inputs: [string, string][] = [
    ['Source', input.source],
    ...(input.truth ? ([['True probabilities', input.truth]] as [string, string][]) : []),
    ['Paths per config', input.paths.toLocaleString('en-US')],
    ['Races per path', input.races.toLocaleString('en-US')],
    ['Seed', String(input.seed)],
    ['Starting bankroll', formatYen(input.bankrollYen)],
    ['Ruin level', `${formatNumber(input.ruinLevel)}× the starting bankroll (${formatYen(input.bankrollYen * input.ruinLevel)})`],
    ['Ruin bound (--max-ruin)', formatPercent(input.maxRuin)],
    ...(input.rule ? ([['Recommendation rule', input.rule]] as [string, string][]) : []),
    ['Configs', String(input.configs.length)],
    ['Results folder', files.resultsDir],
    ['Files', files.files.join(', ')],
  ];
  const hashes: [string, string][] = [
    ...(input.sweepId ? ([['Sweep id', input.sweepId]] as [string, string][]) : []),
    ['Source hash', input.sourceHash],
    ...(rec ? ([['Recommended config hash', rec.configHash]] as [string, string][]) : []),
  ];
  const kv = kvTableHtml;
  const headers = [
    'Safety factor',
    'EV threshold',
    ...(withOther ? ['Other params'] : []),
    'P(ruin)',
    'P(ruin) 95% interval',
    'P(DD ≥ 20%)',
    'P(DD ≥ 30%)',
    'P(DD ≥ 50%)',
    'Final ×, 5%',
    'Final ×, median',
    'Final ×, 95%',
    'Mean log growth / race',
    's.e.',
    'Median races to ruin',
    'Config hash',
  ];
  const figures = figuresHtml(charts);
  return htmlPage(
    title,
    `<header>
<h1>${escapeHtml(title)}</h1>
<p class="answer${rec ? '' : ' none'}">${escapeHtml(recommendationSentence(input))}</p>
<p class="detail">${escapeHtml(detailSentence(input))}</p>
</header>
<section id="inputs">
<h2>Inputs</h2>
<table class="inputs">
${kv(inputs, false)}
</table>
</section>
<section id="charts">
<h2>Charts</h2>
${figures}
</section>
<section id="configs">
<h2>Per-config summary</h2>
<p class="detail">One row per config; click a column header to sort. P(DD ≥ x) is the share of paths whose max drawdown reached x; final × is the final bankroll as a multiple of the start. The recommended config is highlighted.</p>
<div class="table-wrap">
<table class="sortable">
<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${input.configs.map((c) => configRowHtml(c, input, withOther)).join('\n')}
</tbody>
</table>
</div>
</section>
<section id="hashes">
<h2>Hashes</h2>
<table class="inputs">
${kv(hashes, true)}
</table>
<p class="detail">Every config's hash is in the last column of the table above.</p>
</section>
<footer>Written by <code>keiba report</code> from <code>summary.json</code>. Self-contained: no external scripts, styles or fonts.</footer>`,
  );
}
