/**
 * Tests of writeBacktestReport(resultsDir) on the fixture backtest folder: the files it writes,
 * their content, determinism, kind detection through writeReport; and the mapping of the
 * backtest outputs onto the chart inputs (backtestChartInputs).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backtestChartInputs,
  backtestResultSentence,
  equityPoints,
  readBacktestFolder,
  writeBacktestReport,
  writeReport,
  writeSweepReport,
  type WrittenReport,
} from '../../src/report/index.ts';
import { BACKTEST_FIXTURE } from '../fixtures/report/backtest-fixture.ts';
import { fixtureSweepSummary } from '../fixtures/report/sweep-summary.ts';
import { decodePng } from './decode-png.ts';

const CHARTS = ['equity-curve', 'monthly-pnl', 'weekly-pnl', 'bet-type-roi', 'calibration'];

let work: string;
let dir: string;
let written: WrittenReport;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'keiba-backtest-report-'));
  dir = join(work, 'backtest');
  cpSync(BACKTEST_FIXTURE, dir, { recursive: true });
  written = await writeBacktestReport(dir);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeBacktestReport(resultsDir)', () => {
  it('returns the report.html path and the 15 chart files (spec, SVG, PNG of five charts)', () => {
    expect(written.html).toBe(join(dir, 'report.html'));
    const expected = CHARTS.flatMap((c) => ['vl.json', 'svg', 'png'].map((ext) => join(dir, 'charts', `${c}.${ext}`)));
    expect(written.charts).toEqual(expected);
    for (const f of [written.html, ...written.charts]) expect(existsSync(f), f).toBe(true);
    expect([...readdirSync(dir), ...readdirSync(join(dir, 'charts'))].filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes specs that parse as Vega-Lite, SVGs without NaN, and PNGs that decode', () => {
    for (const c of CHARTS) {
      const spec = JSON.parse(readFileSync(join(dir, 'charts', `${c}.vl.json`), 'utf8')) as { $schema: string };
      expect(spec.$schema).toContain('vega-lite');
      const svg = readFileSync(join(dir, 'charts', `${c}.svg`), 'utf8');
      expect(svg).not.toContain('NaN');
      expect(decodePng(readFileSync(join(dir, 'charts', `${c}.png`))).width).toBeGreaterThan(700);
    }
  });

  it('writes a self-contained report.html with the charts inline, the summary, tables and hashes', () => {
    const html = readFileSync(written.html, 'utf8');
    expect(html.match(/<svg\b/g)?.length).toBe(5);
    expect(html).toContain('Profit −¥155,840 on ¥1,844,000 staked: ROI 0.915, hit rate 9.2% (338 tickets in 247 of 840 races).');
    expect(html).toContain('Betting halted by the drawdown rule at race SYN-2024-02-10-TOKYO-12');
    expect(html).toContain('<section id="by-month">');
    expect(html).toContain('<section id="by-week">');
    expect(html).toContain('2024-W06');
    expect(html).toContain('20c7a978b1dfa2a09a875e6d134146be3dd4bcc6be7836167e6aba459aa2d6ed');
    expect(html).toContain('45cc162efae74470383e4121abcaf4a1a37a12cf8ae5d208bf6430cc0752c4ed');
    expect(html).not.toMatch(/<link\b|<script[^>]*\bsrc=|<img\b|@import|https?:\/\/(?!www\.w3\.org)/);
  });

  it('writes the same bytes again for the same folder (deterministic)', async () => {
    const files = [written.html, ...written.charts];
    const before = files.map((f) => readFileSync(f));
    await writeBacktestReport(dir);
    files.forEach((f, i) => expect(readFileSync(f).equals(before[i]), f).toBe(true));
  });

  it('writeReport(resultsDir) recognises the folder as a backtest', async () => {
    const r = await writeReport(dir);
    expect(r.kind).toBe('backtest');
    expect(r.charts).toEqual(written.charts);
  });

  it('refuses a sweep folder, and writeSweepReport refuses a backtest folder, with REPORT_UNKNOWN_KIND', async () => {
    const sweep = join(work, 'sweep');
    mkdirSync(sweep);
    writeFileSync(join(sweep, 'summary.json'), JSON.stringify(fixtureSweepSummary()));
    await expect(writeBacktestReport(sweep)).rejects.toMatchObject({ code: 'REPORT_UNKNOWN_KIND' });
    await expect(writeSweepReport(dir)).rejects.toMatchObject({ code: 'REPORT_UNKNOWN_KIND' });
  });

  it('writes four charts for a folder holding only summary.json (equity from the monthly closing bankrolls, no weekly P&L)', async () => {
    const only = join(work, 'summary-only');
    mkdirSync(only);
    cpSync(join(BACKTEST_FIXTURE, 'summary.json'), join(only, 'summary.json'));
    const r = await writeBacktestReport(only);
    expect(r.charts.filter((f) => f.endsWith('.svg')).map((f) => f.slice(only.length + 8))).toEqual(['equity-curve.svg', 'monthly-pnl.svg', 'bet-type-roi.svg', 'calibration.svg']);
    const html = readFileSync(r.html, 'utf8');
    expect(html).not.toContain('<section id="by-week">');
    expect(html).toContain('Files</th><td>summary.json, report.html');
  });

  it('rejects a folder without summary.json with REPORT_NO_SUMMARY', async () => {
    await expect(writeBacktestReport(join(work, 'nowhere'))).rejects.toMatchObject({ code: 'REPORT_NO_SUMMARY' });
  });
});

describe('backtestChartInputs(summary, races)', () => {
  it('maps the races, months, bet types, markers and calibration of the fixture', () => {
    const { summary, races } = readBacktestFolder(BACKTEST_FIXTURE);
    const i = backtestChartInputs(summary, races);
    expect(i.equity.points).toHaveLength(840);
    expect(i.equity.points.at(-1)?.bankrollYen).toBe(844_160);
    expect(Math.max(...i.equity.points.map((p) => p.drawdown))).toBeCloseTo(summary.maxDrawdown, 12);
    expect(i.equity.points.filter((p) => p.halted)).toHaveLength(423);
    expect(i.equity.markers.map((m) => [m.level, m.date])).toEqual([
      ['warn', '2024-02-04'],
      ['halt', '2024-02-10'],
    ]);
    expect(i.monthly.rows.map((r) => [r.month, r.profitYen])).toEqual([
      ['2024-01', 45_840],
      ['2024-02', -201_680],
      ['2024-03', 0],
    ]);
    expect(i.betTypes.rows.map((r) => r.betType)).toEqual(['win']);
    expect(i.calibration.series.map((s) => s.bins.length)).toEqual([10, 10]);
  });

  it('equityPoints(races, startYen) follows the running peak from the start', () => {
    const rows = [1_100, 900, 1_200, 600].map((b, k) => ({ raceId: `R${k}`, date: '2024-01-06', status: k === 3 ? 'halted' : 'bet', stakeYen: 0, returnYen: 0, bankrollYen: b }));
    const p = equityPoints(rows, 1_000);
    expect(p.map((x) => x.peakYen)).toEqual([1_100, 1_100, 1_200, 1_200]);
    expect(p.map((x) => x.drawdown)).toEqual([0, 200 / 1_100, 0, 0.5]);
    expect(p.map((x) => x.halted)).toEqual([false, false, false, true]);
  });

  it('backtestResultSentence(summary) says so when no ticket was bought', () => {
    const { summary } = readBacktestFolder(BACKTEST_FIXTURE);
    expect(backtestResultSentence({ ...summary, totals: { ...summary.totals, tickets: 0 } })).toBe('No ticket bought in 840 races.');
  });
});
