/**
 * The dashboard's charts (src/live/dashboard/charts.ts) on hand-made ledgers: the points at
 * their ledger times on a Japan-time axis labelled with hour:minute for a short book (the zone
 * in the axis title of both panels), dates for a long one; the last level held past the last
 * point, so both curves end at the header's figures (a final win at a new peak ends the
 * drawdown curve at 0); and the reports' date axis for a ledger without times.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { chartsOf, ledgerEquityPoints } from '../../../src/live/dashboard/charts.ts';
import { trackedState, trackEntries, type LedgerEntry } from '../../../src/ledger/index.ts';
import { renderChart } from '../../../src/report/index.ts';

const LEVELS = { warn: 0.2, halt: 0.3 };

type Row = [kind: LedgerEntry['kind'], amountYen: number, raceId: string | null, at: string | undefined];

function ledger(rows: readonly Row[]): LedgerEntry[] {
  return rows.map(([kind, amountYen, raceId, at], i) => ({ seq: i + 1, kind, amountYen, raceId, ...(at === undefined ? {} : { at }) }));
}

/** A day at the races (signed amounts; times UTC, JST 9 h ahead): a loss, a small win, a loss, then a win to a new peak. */
const DAY_ROWS: Row[] = [
  ['deposit', 1_000_000, null, '2024-01-06T00:05:00Z'],
  ['stake', -20_000, 'R1', '2024-01-06T01:15:00Z'],
  ['stake', -8_000, 'R2', '2024-01-06T01:35:00Z'],
  ['payout', 12_000, 'R2', '2024-01-06T01:45:00Z'],
  ['stake', -30_000, 'R3', '2024-01-06T02:35:00Z'],
  ['stake', -10_000, 'R4', '2024-01-06T03:05:00Z'],
  ['payout', 90_000, 'R4', '2024-01-06T03:15:00Z'],
];

interface Value {
  kind: string;
  t?: number;
  bankroll?: number;
  peak?: number;
  dd?: number;
  hold?: boolean;
  label?: string;
}

function valuesOf(spec: unknown): Value[] {
  return (spec as { data: { values: Value[] } }).data.values;
}

/** The x encodings (field `t`) anywhere in a spec. */
function timeEncodings(spec: unknown): { title?: unknown; axis?: { format?: string; labels?: boolean } }[] {
  const out: { title?: unknown; axis?: { format?: string; labels?: boolean } }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === 'object' && x !== null) {
      if ((x as { field?: unknown }).field === 't' && 'type' in x) out.push(x as (typeof out)[number]);
      Object.values(x).forEach(walk);
    }
  };
  walk(spec);
  return out;
}

describe('dashboard charts', () => {
  it('ledgerEquityPoints: one point per race and cash flow, with the time of its last row', () => {
    const points = ledgerEquityPoints(ledger(DAY_ROWS));
    expect(points.map((p) => p.raceId)).toEqual(['deposit#1', 'R1', 'R2', 'R3', 'R4']);
    expect(points.map((p) => p.timeMs)).toEqual(['00:05', '01:15', '01:45', '02:35', '03:15'].map((t) => Date.parse(`2024-01-06T${t}:00Z`)));
    expect(points.map((p) => p.date)).toEqual(Array(5).fill('2024-01-06'));
    expect(ledgerEquityPoints(ledger([['deposit', 1000, null, undefined]]))[0].timeMs).toBeUndefined();
  });

  it('a one-day book: hour:minute ticks in Japan time, "Time (JST) on <day>" on both panels; the bankroll panel shows its labels', () => {
    const c = chartsOf(ledger(DAY_ROWS), LEVELS);
    for (const spec of [c.bankroll, c.drawdown]) {
      const xs = timeEncodings(spec);
      expect(xs.length).toBeGreaterThan(0);
      for (const x of xs) {
        expect(x.axis?.format).toBe('%H:%M');
        expect(x.axis?.labels).toBeUndefined();
      }
      expect(xs.map((x) => x.title)).toContain('Time (JST) on 2024-01-06');
    }
    // Points at their JST wall-clock times (as UTC, so the page draws them the same anywhere).
    const pts = valuesOf(c.bankroll).filter((v) => v.kind === 'point' && v.hold !== true);
    expect(pts.map((v) => new Date(v.t as number).toISOString().slice(11, 16))).toEqual(['09:05', '10:15', '10:45', '11:35', '12:15']);
  });

  it('the last level is held past the last point; both curves end at the figures of the header (new peak: drawdown 0)', () => {
    const entries = ledger(DAY_ROWS);
    const header = trackEntries(entries);
    const state = trackedState(header, LEVELS);
    expect(header.bankrollYen).toBe(1_034_000);
    expect(header.peakYen).toBe(1_034_000);
    expect(state.drawdown).toBe(0);
    const c = chartsOf(entries, LEVELS);
    for (const spec of [c.bankroll, c.drawdown]) {
      const rows = valuesOf(spec).filter((v) => v.kind === 'point');
      const [last, hold] = rows.slice(-2);
      expect(hold.hold).toBe(true);
      expect(hold.t).toBeGreaterThanOrEqual((last.t as number) + 10 * 60_000);
      for (const r of [last, hold]) expect({ bankroll: r.bankroll, peak: r.peak, dd: r.dd }).toEqual({ bankroll: header.bankrollYen, peak: header.peakYen, dd: -state.drawdown });
      // The hold is the last time on the axis: nothing is drawn after it.
      expect(Math.max(...valuesOf(spec).map((v) => v.t ?? 0))).toBe(hold.t);
    }
    // Before the last race the book was below its peak: the step curve falls to 0 only at the end.
    const before = valuesOf(c.drawdown).filter((v) => v.kind === 'point').at(-3);
    expect(before?.dd).toBeLessThan(0);
  });

  it('warn and halt markers name the time of the race on a one-day axis', () => {
    const rows: Row[] = [
      ['deposit', 100_000, null, '2024-01-06T00:05:00Z'],
      ['stake', -25_000, 'R1', '2024-01-06T01:10:00Z'],
      ['stake', -10_000, 'R2', '2024-01-06T02:20:00Z'],
    ];
    const labels = valuesOf(chartsOf(ledger(rows), LEVELS).bankroll)
      .filter((v) => v.kind === 'marker')
      .map((v) => v.label);
    expect(labels).toEqual(['warn −25% (10:10)', 'halt −35% (11:20)']);
  });

  it('a book over two days: month-day and hour:minute ticks, "Time (JST)"; over three days and more: dates, "Date (JST)"', () => {
    const twoDays = ledger([
      ['deposit', 100_000, null, '2024-01-06T00:05:00Z'],
      ['stake', -1_000, 'R1', '2024-01-06T06:00:00Z'],
      ['stake', -1_000, 'R2', '2024-01-07T03:00:00Z'],
    ]);
    const x2 = timeEncodings(chartsOf(twoDays, LEVELS).drawdown);
    expect(new Set(x2.map((x) => x.axis?.format))).toEqual(new Set(['%m-%d %H:%M']));
    expect(x2.map((x) => x.title)).toContain('Time (JST)');
    const longer = ledger([
      ['deposit', 100_000, null, '2024-01-06T00:05:00Z'],
      ['stake', -1_000, 'R1', '2024-01-06T06:00:00Z'],
      ['stake', -1_000, 'R2', '2024-01-13T03:00:00Z'],
    ]);
    const xl = timeEncodings(chartsOf(longer, LEVELS).drawdown);
    expect(new Set(xl.map((x) => x.axis?.format))).toEqual(new Set(['%Y-%m-%d']));
    expect(xl.map((x) => x.title)).toContain('Date (JST)');
  });

  it('a ledger without times keeps the reports\' date axis (races spread over the day, "Race date", no hold)', () => {
    const c = chartsOf(ledger(DAY_ROWS.map(([k, a, r]) => [k, a, r, undefined] as Row)), LEVELS);
    const xs = timeEncodings(c.drawdown);
    expect(new Set(xs.map((x) => x.axis?.format))).toEqual(new Set(['%Y-%m-%d']));
    expect(xs.map((x) => x.title)).toContain('Race date');
    expect(valuesOf(c.drawdown).some((v) => v.hold === true)).toBe(false);
  });

  it('renders hour:minute labels and the zone, the same SVG whatever the process time zone', async () => {
    const c = chartsOf(ledger(DAY_ROWS), LEVELS);
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = [await renderChart(c.bankroll as unknown as TopLevelSpec, { format: 'svg' }), await renderChart(c.drawdown as unknown as TopLevelSpec, { format: 'svg' })];
      process.env.TZ = 'Asia/Tokyo';
      const east = [await renderChart(c.bankroll as unknown as TopLevelSpec, { format: 'svg' }), await renderChart(c.drawdown as unknown as TopLevelSpec, { format: 'svg' })];
      expect(west).toEqual(east);
      for (const svg of east) {
        expect(svg).toContain('Time (JST) on 2024-01-06');
        expect(svg).toMatch(/>1[0-2]:[0-5]0</);
        expect(svg).not.toMatch(/>2024-01-06</);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
