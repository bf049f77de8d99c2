/**
 * Parser of the `dividend_hkd` cells of the HKJC dividends files. Layer: data; pure.
 * Units: the files give dividends in HK$ per HK$10 unit (with thousands commas and two
 * decimals, e.g. `3,024.00`); a few carry another unit as a suffix (`386,757.60/$1.0` = per HK$1).
 * The result is HK$ per HK$100 staked, computed exactly on the decimal text (no floating point).
 */

/** A parsed dividend cell. */
export type HkjcDividend =
  | { kind: 'amount'; per100: number } // HK$ per HK$100 staked, an integer
  | { kind: 'refund' } // `退款`: the pool was refunded
  | { kind: 'no-winner' } // `未能勝出`: no winning ticket (pool carried over)
  | { kind: 'details' } // `詳情`: "see details" (challenge pools)
  | { kind: 'invalid'; reason: string };

const AMOUNT_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\/\$(\d+)(?:\.(\d+))?)?$/;

/**
 * Parses a dividend cell and converts an amount to HK$ per HK$100 (per-$10 amount x 10, or per-$U
 * amount x 100 / U), exactly.
 * @example parseHkjcDividend('3,024.00') // { kind: 'amount', per100: 30240 }
 * @example parseHkjcDividend('64.50') // { kind: 'amount', per100: 645 }
 * @example parseHkjcDividend('386,757.60/$1.0') // { kind: 'amount', per100: 38675760 }
 * @example parseHkjcDividend('退款') // { kind: 'refund' }
 * @example parseHkjcDividend('12.345') // { kind: 'invalid', reason: '...' } (not whole HK$ per 100)
 */
export function parseHkjcDividend(text: string): HkjcDividend {
  const t = text.trim();
  if (t === '退款') return { kind: 'refund' };
  if (t === '未能勝出') return { kind: 'no-winner' };
  if (t === '詳情') return { kind: 'details' };
  const m = AMOUNT_RE.exec(t);
  if (!m) {
    return { kind: 'invalid', reason: 'not a dividend (expected an amount like 3,024.00, or 退款 / 未能勝出 / 詳情)' };
  }
  const intText = m[1].replaceAll(',', '');
  const frac = m[2] ?? '';
  // amount = a / 10^d ; unit = u / 10^e ; per100 = amount * 100 / unit = a * 100 * 10^e / (u * 10^d)
  const a = Number(intText + frac);
  const d = frac.length;
  const unitInt = m[3] ?? '10';
  const unitFrac = m[4] ?? '';
  const u = Number(unitInt + unitFrac);
  const e = unitFrac.length;
  if (u === 0) return { kind: 'invalid', reason: 'unit of zero dollars' };
  const num = a * 100 * 10 ** e;
  const den = u * 10 ** d;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) return { kind: 'invalid', reason: 'amount too large' };
  if (num % den !== 0) return { kind: 'invalid', reason: 'amount is not a whole number of HK$ per HK$100' };
  return { kind: 'amount', per100: num / den };
}

/**
 * Parses a single-race `combination` cell: saddle numbers separated by commas (`3,6,1`), in
 * finishing order for ordered pools.
 * @returns undefined when the cell is not a list of saddle numbers (e.g. multi-race `5/3`).
 * @example parseHkjcCombination('3,6,1') // [3, 6, 1]
 */
export function parseHkjcCombination(text: string): number[] | undefined {
  const parts = text.split(',');
  const out: number[] = [];
  for (const p of parts) {
    const s = p.trim();
    if (!/^[1-9][0-9]?$/.test(s)) return undefined;
    out.push(Number(s));
  }
  return out;
}
