/** Tests of the shared number formats and the efficient-config selection. */
import { describe, expect, it } from 'vitest';
import { configLabel, efficientIndices, formatNumber, formatPercent, formatProbability, formatSignificant, formatYen } from '../../src/report/index.ts';

describe('formatProbability(p)', () => {
  const cases: [number, string][] = [
    [0, '0%'],
    [0.003, '0.3%'],
    [0.0034, '0.34%'],
    [0.00005, '<0.01%'],
    [0.01, '1%'],
    [0.1234, '12.3%'],
    [0.5, '50%'],
    [1, '100%'],
    [Number.NaN, 'n/a'],
  ];
  for (const [p, text] of cases) it(`formatProbability(${p}) is '${text}'`, () => expect(formatProbability(p)).toBe(text));
});

describe('formatNumber(x, digits) and formatSignificant(x, digits)', () => {
  it('formatNumber(0.1 + 0.2) is 0.3, never 0.30000000000000004', () => expect(formatNumber(0.1 + 0.2)).toBe('0.3'));
  it('formatNumber(1.05) keeps the needed decimals only', () => expect(formatNumber(1.05)).toBe('1.05'));
  it('formatNumber(-0.0001) is 0, not -0', () => expect(formatNumber(-0.0001)).toBe('0'));
  it('formatSignificant(0.000123456) is 0.000123', () => expect(formatSignificant(0.000123456)).toBe('0.000123'));
  it('formatSignificant(11.02) is 11', () => expect(formatSignificant(11.02)).toBe('11'));
  it('formatSignificant(Infinity) is n/a', () => expect(formatSignificant(Infinity)).toBe('n/a'));
  it("configLabel(0.25, 1.05) is 's = 0.25, t = 1.05'", () => expect(configLabel(0.25, 1.05)).toBe('s = 0.25, t = 1.05'));
  it("formatYen(1000000) is '¥1,000,000'", () => expect(formatYen(1_000_000)).toBe('¥1,000,000'));
});

describe('efficientIndices(points)', () => {
  it('efficientIndices([]) is []', () => expect(efficientIndices([])).toEqual([]));
  it('keeps the non-dominated points ordered by ruin', () => {
    const pts = [
      { ruin: 0.2, growth: 2 },
      { ruin: 0, growth: 1 },
      { ruin: 0.1, growth: 0.5 }, // dominated by index 1
      { ruin: 0.05, growth: 1.5 },
    ];
    expect(efficientIndices(pts)).toEqual([1, 3, 0]);
  });
  it('of equal ruin keeps only the higher growth; exact duplicates keep the first', () => {
    expect(efficientIndices([{ ruin: 0.1, growth: 1 }, { ruin: 0.1, growth: 2 }])).toEqual([1]);
    expect(efficientIndices([{ ruin: 0.1, growth: 1 }, { ruin: 0.1, growth: 1 }])).toEqual([0]);
  });
  it('never counts a point with NaN as efficient', () => {
    expect(efficientIndices([{ ruin: Number.NaN, growth: 9 }, { ruin: 0.1, growth: 1 }])).toEqual([1]);
  });
});

describe('formatSignificant(x) of large values', () => {
  it("formatSignificant(1817.05) is '1,817', not 1.82e+3", () => expect(formatSignificant(1817.05)).toBe('1,817'));
  it("formatSignificant(123.4) is '123'", () => expect(formatSignificant(123.4)).toBe('123'));
  it("formatSignificant(2.5e12) is '2.50e+12'", () => expect(formatSignificant(2.5e12)).toBe('2.50e+12'));
});

describe('formatPercent(p)', () => {
  it("formatPercent(0.00001) is '0.001%' (a bound is never shortened)", () => expect(formatPercent(0.00001)).toBe('0.001%'));
  it("formatPercent(0.01) is '1%'", () => expect(formatPercent(0.01)).toBe('1%'));
  it("formatPercent(0.025) is '2.5%'", () => expect(formatPercent(0.025)).toBe('2.5%'));
});
