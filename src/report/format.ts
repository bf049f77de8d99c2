/**
 * Number formats shared by the charts and the HTML report, so a value reads the same in both.
 * Layer: report. Pure.
 */

/** Trims trailing zeros of a fixed-point string: '1.500' -> '1.5', '2.000' -> '2'. */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * A probability as a percentage with enough digits to tell small values apart: one decimal
 * from 1%, two significant digits below, '0%' for zero and '<0.01%' below that.
 * @example formatProbability(0.003) // '0.3%'
 * @example formatProbability(0.1234) // '12.3%'
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p === 0) return '0%';
  const pct = p * 100;
  if (pct >= 1) return `${trimZeros(pct.toFixed(1))}%`;
  if (pct < 0.01) return '<0.01%';
  return `${trimZeros(pct.toPrecision(2))}%`;
}

/**
 * A plain number with at most `digits` decimals, trailing zeros dropped (never 0.1000000001).
 * @example formatNumber(0.1 + 0.2) // '0.3'
 */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return 'n/a';
  const s = trimZeros(x.toFixed(digits));
  return s === '-0' ? '0' : s;
}

/**
 * A number with `digits` significant digits (whole numbers in full with separators from
 * 10^digits), in exponent form only when very small or very large.
 * @example formatSignificant(0.000123456) // '0.000123'
 * @example formatSignificant(1817.05) // '1,817'
 */
export function formatSignificant(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-5 || a >= 1e9) return x.toExponential(digits - 1);
  if (a >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  return trimZeros(x.toPrecision(digits));
}

/**
 * The short label of a config used in legends, panel headers and the table.
 * @example configLabel(0.25, 1.05) // 's = 0.25, t = 1.05'
 */
export function configLabel(safetyFactor: number, evThreshold: number): string {
  return `s = ${formatNumber(safetyFactor)}, t = ${formatNumber(evThreshold)}`;
}

/** Integer yen with thousands separators: 1000000 -> '¥1,000,000'. */
export function formatYen(yen: number): string {
  return `¥${Math.round(yen).toLocaleString('en-US')}`;
}

/**
 * A probability given as a bound or setting, as a percentage with up to 3 significant digits
 * however small (no '<0.01%' shortening: the value was chosen, not estimated).
 * @example formatPercent(0.00001) // '0.001%'
 * @example formatPercent(0.01) // '1%'
 */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p === 0) return '0%';
  return `${trimZeros((p * 100).toPrecision(3))}%`;
}
