/**
 * Tests of the backtest and P&L chart specs from fixed inputs: each spec is snapshotted as JSON
 * under test/output/, rendered to SVG (marks and axis titles present, no NaN) and to PNG (2x the
 * SVG's size, not blank); and the edge cases of the chart helpers.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.ts';
import {
  betTypeRoiSpec,
  calibrationSpec,
  equityCurveSpec,
  monthlyPnlSpec,
  pnlByPeriod,
  pnlPeriodSpec,
  renderChart,
  signedYen,
  thinEquityPoints,
  wilsonInterval,
  EQUITY_MAX_POINTS,
  MONTHLY_LABEL_LIMIT,
  type EquityPoint,
} from '../../src/report/index.ts';
import { fixtureBacktestInputs } from '../fixtures/report/backtest-input.ts';
import { decodePng, luminanceVariance } from './decode-png.ts';

/** A small ledger over three weeks: a deposit, wins, losses, a refund. */
function fixtureLedger(): Ledger {
  const l = new Ledger();
  l.deposit(100_000, '2024-01-06T09:00');
  const races: [string, number, number][] = [
    ['2024-01-06T10:05', 5_000, 12_000],
    ['2024-01-07T11:05', 8_000, 0],
    ['2024-01-13T10:05', 10_000, 0],
    ['2024-01-14T15:40', 10_000, 4_000],
    ['2024-01-20T12:20', 6_000, 0],
    ['2024-01-21T13:00', 9_000, 0],
  ];
  races.forEach(([at, stake, payout], i) => {
    l.stake(`R${i}`, 'win:1', stake, at);
    l.payout(`R${i}`, 'win:1', payout, at);
  });
  l.stake('R9', 'win:2', 1_000, '2024-01-21T15:00');
  l.refund('R9', 'win:2', 1_000, '2024-01-21T15:00');
  return l;
}

interface Case {
  readonly name: string;
  readonly call: string;
  readonly build: () => TopLevelSpec;
  readonly marks: readonly string[];
  readonly texts: readonly string[];
}

const inputs = fixtureBacktestInputs();
const CASES: Case[] = [
  {
    name: 'equity-curve',
    call: 'equityCurveSpec(input)',
    build: () => equityCurveSpec(inputs.equity),
    marks: ['mark-area', 'mark-line', 'mark-rule', 'mark-rect', 'mark-text'],
    texts: ['Bankroll (¥)', 'Drawdown from peak', 'Race date', 'warn −22.3% (2024-02-04)', 'halt −30.4% (2024-03-02)', 'halted: no bets', 'warn −20%', 'halt −30%', '1,100,000'],
  },
  {
    name: 'monthly-pnl',
    call: 'monthlyPnlSpec(input)',
    build: () => monthlyPnlSpec(inputs.monthly),
    marks: ['mark-rect', 'mark-rule', 'mark-text'],
    texts: ['Month', 'Profit (¥)', '>+¥92,000</text>', '>−¥292,000</text>', '>no bets</text>', 'total −¥230,000 over 128 tickets'],
  },
  {
    name: 'bet-type-roi',
    call: 'betTypeRoiSpec(input)',
    build: () => betTypeRoiSpec(inputs.betTypes),
    marks: ['mark-rect', 'mark-rule', 'mark-text'],
    texts: ['ROI (return per yen staked)', 'Hit rate (winning / settled tickets)', 'Win', 'Quinella', '0.95  (80 tickets)', '41.4%  (12 of 29)', 'no stake', 'none settled'],
  },
  {
    name: 'calibration',
    call: 'calibrationSpec(input)',
    build: () => calibrationSpec(inputs.calibration),
    marks: ['mark-symbol', 'mark-rule', 'mark-line'],
    texts: ['Mean predicted win probability (square-root scale)', 'Observed win rate (square-root scale)', 'strategy (predictions)', 'market (from odds)', 'pseudo-R² 0.186'],
  },
  {
    name: 'weekly-pnl',
    call: "pnlPeriodSpec(pnlByPeriod(entries, 'week'), caption)",
    build: () => pnlPeriodSpec(pnlByPeriod(fixtureLedger().entries(), 'week'), ['Fixture ledger']),
    marks: ['mark-rect', 'mark-rule', 'mark-text'],
    texts: ['Profit (¥)', 'Max drawdown', 'ISO week (Japan time)', '2024-W01', '2024-W03', 'warn −20%', 'halt −30%', 'total −¥32,000'],
  },
];

/** Width and height attributes of the root svg element. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('svg has no width/height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

describe('backtest chart specs', () => {
  for (const c of CASES) {
    it(`${c.call} matches its snapshot test/output/${c.name}.vl.json`, async () => {
      const spec = c.build();
      expect(JSON.stringify(spec)).toBe(JSON.stringify(c.build()));
      await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot(`../output/${c.name}.vl.json`);
    });

    it(`renderChart(${c.call}, { format: 'svg' }) draws its marks and titles, no NaN`, async () => {
      const svg = await renderChart(c.build(), { format: 'svg' });
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toContain('NaN');
      expect(svg).not.toContain('undefined');
      expect(svg).not.toContain('Infinity');
      expect(svg).toContain('font-family="DejaVu Sans"');
      for (const m of c.marks) expect(svg, `mark ${m}`).toContain(m);
      for (const t of c.texts) expect(svg, `text ${t}`).toContain(t);
    });

    it(`renderChart(${c.call}, { format: 'png' }) is 2x the SVG and not blank`, async () => {
      const spec = c.build();
      const svg = await renderChart(spec, { format: 'svg' });
      const img = decodePng(await renderChart(spec, { format: 'png' }));
      const size = svgSize(svg);
      expect(img.width).toBe(Math.round(size.width * 2));
      expect(img.height).toBe(Math.round(size.height * 2));
      expect(img.width).toBeGreaterThan(700);
      expect(luminanceVariance(img)).toBeGreaterThan(200);
    });
  }

  it('equityCurveSpec(input) renders the same SVG whatever the process time zone (UTC date axis)', async () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = await renderChart(equityCurveSpec(inputs.equity), { format: 'svg' });
      process.env.TZ = 'Asia/Tokyo';
      const east = await renderChart(equityCurveSpec(inputs.equity), { format: 'svg' });
      expect(west).toBe(east);
      expect(east).toContain('2024-03-02');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('equityCurveSpec({ points: [] }) throws REPORT_BAD_INPUT', () => {
    expect(() => equityCurveSpec({ ...inputs.equity, points: [] })).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
  });

  it('equityCurveSpec(input) without levels or markers draws no level rule', async () => {
    const svg = await renderChart(equityCurveSpec({ ...inputs.equity, levels: null, markers: [], points: inputs.equity.points.map((p) => ({ ...p, halted: false })) }), { format: 'svg' });
    expect(svg).not.toContain('warn −20%');
    expect(svg).not.toContain('halted: no bets');
  });

  it('thinEquityPoints(points) keeps every point up to EQUITY_MAX_POINTS, else the deepest and last of each day', () => {
    const few = inputs.equity.points;
    expect(thinEquityPoints(few)).toEqual([...few]);
    const many: EquityPoint[] = [];
    for (let i = 0; i < EQUITY_MAX_POINTS + 500; i++) {
      const day = Math.floor(i / 12);
      many.push({ index: i, date: `2024-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`, raceId: `R${i}`, bankrollYen: 100, peakYen: 100, drawdown: i % 12 === 5 ? 0.3 : 0, halted: false });
    }
    const thin = thinEquityPoints(many);
    expect(thin.length).toBeLessThan(many.length / 5);
    expect(thin.filter((p) => p.drawdown === 0.3).length).toBe(Math.ceil((EQUITY_MAX_POINTS + 500 - 5) / 12));
    expect(thin.at(-1)).toEqual(many.at(-1));
  });

  it('monthlyPnlSpec({ rows: [] }) and betTypeRoiSpec({ rows: [] }) throw REPORT_BAD_INPUT', () => {
    expect(() => monthlyPnlSpec({ rows: [], caption: [] })).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
    expect(() => betTypeRoiSpec({ rows: [], caption: [] })).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
  });

  it('monthlyPnlSpec(input) over MONTHLY_LABEL_LIMIT months drops the bar labels and counts the months without bets', async () => {
    const rows = Array.from({ length: MONTHLY_LABEL_LIMIT + 6 }, (_, k) => ({
      ...inputs.monthly.rows[k % 4],
      month: `20${24 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`,
    }));
    const svg = await renderChart(monthlyPnlSpec({ rows, caption: [] }), { format: 'svg' });
    expect(svg).not.toContain('>+¥92,000</text>');
    expect(svg).toContain('; 4 months without bets');
    expect(svg).toContain('2025-06');
  });

  it('calibrationSpec(input) with only empty bins throws REPORT_BAD_INPUT', () => {
    const empty = { name: 'x', logLoss: null, pseudoR2: null, bins: [{ lo: 0, hi: 1, n: 0, meanPredicted: null, observed: null }] };
    expect(() => calibrationSpec({ series: [empty], caption: [] })).toThrow(expect.objectContaining({ code: 'REPORT_BAD_INPUT' }));
  });

  it('wilsonInterval(rate, n) brackets the rate and stays in [0, 1]', () => {
    const w = wilsonInterval(0.5, 100);
    expect(w.lo).toBeCloseTo(0.4038, 3);
    expect(w.hi).toBeCloseTo(0.5962, 3);
    expect(wilsonInterval(0, 10).lo).toBe(0);
    expect(wilsonInterval(1, 10).hi).toBe(1);
    expect(wilsonInterval(0.3, 0)).toEqual({ lo: 0, hi: 1 });
  });

  it('signedYen(yen) signs gains and losses', () => {
    expect(signedYen(45_840)).toBe('+¥45,840');
    expect(signedYen(-201_680)).toBe('−¥201,680');
    expect(signedYen(0)).toBe('¥0');
  });
});
