/**
 * Tests of readResultsSummary (kind detection and coded errors) and fromSweepSummary (the
 * mapping of summary.json onto the chart input).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromSweepSummary, readResultsSummary, resultsKindOf } from '../../src/report/index.ts';
import { fixtureSweepInput } from '../fixtures/report/sweep-input.ts';
import { fixtureSweepSummary } from '../fixtures/report/sweep-summary.ts';
import { BACKTEST_FIXTURE } from '../fixtures/report/backtest-fixture.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keiba-report-read-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An empty results folder. */
function emptyFolder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A results folder holding `content` as summary.json. */
function withSummary(name: string, content: string): string {
  const dir = emptyFolder(name);
  writeFileSync(join(dir, 'summary.json'), content);
  return dir;
}

describe('readResultsSummary(resultsDir)', () => {
  it('recognises a sweep summary', () => {
    const dir = withSummary('sweep', JSON.stringify(fixtureSweepSummary()));
    const r = readResultsSummary(dir);
    expect(r.kind).toBe('sweep');
    expect(r.kind === 'sweep' && r.summary.configs.length).toBe(20);
  });
  it('throws REPORT_NO_SUMMARY for a folder without summary.json', () => {
    expect(() => readResultsSummary(emptyFolder('empty'))).toThrow(expect.objectContaining({ code: 'REPORT_NO_SUMMARY' }));
  });
  it('throws REPORT_BAD_SUMMARY for a summary.json that is not JSON', () => {
    expect(() => readResultsSummary(withSummary('garbled', '{"format": '))).toThrow(expect.objectContaining({ code: 'REPORT_BAD_SUMMARY' }));
  });
  it('recognises a backtest summary by its shape (the backtester writes no format field)', () => {
    const r = readResultsSummary(BACKTEST_FIXTURE);
    expect(r.kind).toBe('backtest');
    expect(r.kind === 'backtest' && r.summary.racesSeen).toBe(840);
  });
  it('throws REPORT_BAD_SUMMARY for a backtest summary lacking a part the report reads', () => {
    const dir = withSummary('backtest', JSON.stringify({ format: 'keiba-backtest-summary', version: 1 }));
    expect(() => readResultsSummary(dir)).toThrow(expect.objectContaining({ code: 'REPORT_BAD_SUMMARY', message: expect.stringContaining('strategy') }));
  });
  it('throws REPORT_UNKNOWN_KIND for a JSON file of another kind', () => {
    expect(() => readResultsSummary(withSummary('other', '[1, 2, 3]'))).toThrow(expect.objectContaining({ code: 'REPORT_UNKNOWN_KIND' }));
  });
  it('throws REPORT_BAD_SUMMARY for a sweep summary of another version or without configs', () => {
    const s = fixtureSweepSummary();
    expect(() => readResultsSummary(withSummary('v2', JSON.stringify({ ...s, version: 2 })))).toThrow(expect.objectContaining({ code: 'REPORT_BAD_SUMMARY' }));
    expect(() => readResultsSummary(withSummary('noconfigs', JSON.stringify({ ...s, configs: [] })))).toThrow(
      expect.objectContaining({ code: 'REPORT_BAD_SUMMARY', message: expect.stringContaining('configs') }),
    );
  });
  it("resultsKindOf({ format: 'keiba-sweep-summary' }, path) is 'sweep'", () => {
    expect(resultsKindOf({ format: 'keiba-sweep-summary' }, 'x/summary.json')).toBe('sweep');
  });
  it("resultsKindOf(backtest summary, path) is 'backtest'", () => {
    expect(resultsKindOf({ strategyHash: 'ab', racesSeen: 1, totals: {}, byMonth: {} }, 'x/summary.json')).toBe('backtest');
    expect(resultsKindOf({ format: 'keiba-backtest-summary' }, 'x/summary.json')).toBe('backtest');
  });
});

describe('fromSweepSummary(summary)', () => {
  it('maps every config, the recommendation, the fans and the drawdown histograms', () => {
    const expected = fixtureSweepInput();
    const got = fromSweepSummary(fixtureSweepSummary());
    expect(got.configs).toHaveLength(expected.configs.length);
    expect(got.recommendedHash).toBe(expected.recommendedHash);
    expect(got.maxRuin).toBe(0.01);
    expect(got.seed).toBe('42');
    expect(got.paths).toBe(10_000);
    for (let i = 0; i < expected.configs.length; i++) {
      const { otherParams, ...row } = got.configs[i];
      expect(otherParams).toBeUndefined();
      expect(row).toEqual(expected.configs[i]);
    }
    expect(got.fans.map((f) => f.configHash)).toEqual(expected.fans.map((f) => f.configHash));
    expect(got.fans[1].reason).toBe('recommended');
    // A race-0 checkpoint at 1x comes first, then the summary's checkpoints in order.
    expect(got.fans[0].checkpoints[0]).toEqual({ race: 0, q05: 1, q25: 1, q50: 1, q75: 1, q95: 1 });
    expect(got.fans[0].checkpoints[51]).toEqual(expected.fans[0].checkpoints[50]);
    expect(got.fanRange).toEqual({ min: 0.001, max: 10_000 });
    expect(got.drawdowns[3]).toEqual(expected.drawdowns[3]);
  });
  it('maps a summary with no qualifying config to recommendedHash undefined', () => {
    expect(fromSweepSummary(fixtureSweepSummary({ recommended: false })).recommendedHash).toBeUndefined();
  });
  it('lists grid fields other than safety factor and EV threshold as otherParams', () => {
    const s = fixtureSweepSummary();
    const withCap = { ...s, configs: s.configs.map((c) => ({ ...c, params: { ...c.params, maxStakeFraction: 0.05, bets: ['win'] } })) };
    expect(fromSweepSummary(withCap).configs[0].otherParams).toBe('bets=["win"], maxStakeFraction=0.05');
  });
  it('draws a non-finite last drawdown edge at 1', () => {
    const s = fixtureSweepSummary();
    const edges = [...s.drawdownHistogram.edges.slice(0, -1), Number.POSITIVE_INFINITY];
    expect(fromSweepSummary({ ...s, drawdownHistogram: { edges } }).drawdowns[0].edges.at(-1)).toBe(1);
  });
});
