/**
 * Tests of writeSweepReport(resultsDir): the files it writes from the fixed summary.json, their
 * content, atomic writes and determinism.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport, writeSweepReport, type WrittenReport } from '../../src/report/index.ts';
import { fixtureSweepSummary } from '../fixtures/report/sweep-summary.ts';
import { decodePng } from './decode-png.ts';

const CHARTS = ['ruin-heatmap', 'growth-frontier', 'bankroll-fan', 'drawdown-distribution'];

let work: string;
let dir: string;
let written: WrittenReport;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'keiba-sweep-report-'));
  dir = join(work, 'sweep');
  mkdirSync(dir);
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(fixtureSweepSummary(), null, 2));
  written = await writeSweepReport(dir);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeSweepReport(resultsDir)', () => {
  it('returns the report.html path and the 12 chart files (spec, SVG, PNG of four charts)', () => {
    expect(written.html).toBe(join(dir, 'report.html'));
    const expected = CHARTS.flatMap((c) => ['vl.json', 'svg', 'png'].map((ext) => join(dir, 'charts', `${c}.${ext}`)));
    expect(written.charts).toEqual(expected);
    for (const f of [written.html, ...written.charts]) expect(existsSync(f), f).toBe(true);
  });

  it('leaves no temporary file behind', () => {
    const all = [...readdirSync(dir), ...readdirSync(join(dir, 'charts'))];
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes specs that parse as Vega-Lite, SVGs without NaN, and PNGs that decode', () => {
    for (const c of CHARTS) {
      const spec = JSON.parse(readFileSync(join(dir, 'charts', `${c}.vl.json`), 'utf8')) as { $schema: string };
      expect(spec.$schema).toContain('vega-lite');
      const svg = readFileSync(join(dir, 'charts', `${c}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toContain('NaN');
      expect(decodePng(readFileSync(join(dir, 'charts', `${c}.png`))).width).toBeGreaterThan(400);
    }
  });

  it('writes a self-contained report.html with the four charts inline and the answer', () => {
    const html = readFileSync(written.html, 'utf8');
    expect(html.match(/<svg\b/g)?.length).toBe(4);
    expect(html).toContain('Highest growth with ruin probability under 1%: safety factor 0.5 at EV threshold 1.2.');
    expect(html).toContain('highest mean log growth per race among configs with ruin probability below 1%');
    expect(html).toContain('sw-5f3a9c21');
    expect(html).not.toMatch(/<link\b|<script[^>]*\bsrc=|<img\b|@import|https?:\/\/(?!www\.w3\.org)/);
  });

  it('writes the same bytes again for the same summary (deterministic)', async () => {
    const before = [written.html, ...written.charts].map((f) => readFileSync(f));
    const again = await writeSweepReport(dir);
    const after = [again.html, ...again.charts].map((f) => readFileSync(f));
    for (let i = 0; i < before.length; i++) expect(after[i].equals(before[i]), [written.html, ...written.charts][i]).toBe(true);
  });

  it('writeReport(resultsDir) recognises the folder as a sweep', async () => {
    const r = await writeReport(dir);
    expect(r.kind).toBe('sweep');
    expect(r.html).toBe(written.html);
  });

  it('rejects a folder without summary.json with REPORT_NO_SUMMARY', async () => {
    await expect(writeSweepReport(work)).rejects.toMatchObject({ code: 'REPORT_NO_SUMMARY' });
  });
});
