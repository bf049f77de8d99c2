/**
 * Random races for the winning-combinations property tests (fast-check): fields of 0 to 18 rows
 * in any row order, dead heats at any position (two-, three- and more-way), scratches,
 * exclusions, dnf and disqualified runners, brackets as JRA draws them, missing or odd, saddle
 * numbers that are not ticket numbers (0, 100, 2.5, NaN), a few bad rows (mixed races, a saddle
 * number twice, a finisher without a position), JRA or HKJC terms (or JRA terms paying wide
 * and place on the first four, where the finishing order of wide pairs needs its sort), and a
 * declared field size or none.
 */
import fc from 'fast-check';
import type { RunnerRow, RunnerStatus } from '../../../src/data/rows.ts';
import { HKJC_TERMS, JRA_TERMS, type PlaceTerms } from '../../../src/data/rules/place-terms.ts';
import type { WinningOptions } from '../../../src/data/rules/race-facts.ts';

/** One random race: its rows, terms and options. */
export interface RandomRace {
  readonly runners: RunnerRow[];
  readonly terms: PlaceTerms;
  readonly opts: WinningOptions;
}

const RACE = '2024010101';

/** JRA terms with wide and place on the first four (no jurisdiction's; for the order of wide pairs). */
const WIDE_FOUR_TERMS: PlaceTerms = { ...JRA_TERMS, name: 'JRA-4', widePlaces: 4, places: [{ minField: 8, places: 4 }, ...JRA_TERMS.places.slice(1)] };

/** `arb` in `percent` of the cases, else null. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.tuple(fc.integer({ min: 0, max: 99 }), arb).map(([x, v]) => (x < percent ? v : null));
}

const runnerArb = fc.record({
  status: fc.constantFrom<RunnerStatus>('ran', 'ran', 'ran', 'ran', 'ran', 'ran', 'ran', 'scratched', 'excluded', 'dnf', 'disqualified'),
  /** Ties with the finisher ahead of it (when it finishes) when below the race's tie rate. */
  tie: fc.integer({ min: 0, max: 9 }),
  /** A gap of one position before it (positions need not be official ones). */
  gap: fc.integer({ min: 0, max: 9 }).map((g) => g === 0),
  /** Finishing order and row order keys. */
  order: fc.nat(),
  row: fc.nat(),
  /** A finishPos on a runner that did not run (ignored by the rules). */
  strayPos: sometimes(fc.integer({ min: 1, max: 18 }), 10),
  bracketNoise: fc.integer({ min: 0, max: 19 }),
});

/** JRA brackets of saddle numbers 1..n (8 brackets; the last ones get a second or third runner). */
function jraBracket(saddle: number, n: number): number {
  if (n <= 8) return saddle;
  const base = Math.floor(n / 8);
  const extra = n % 8;
  let first = 1;
  for (let b = 1; b <= 8; b++) {
    const size = base + (b > 8 - extra ? 1 : 0);
    if (saddle < first + size) return b;
    first += size;
  }
  return 8;
}

const ODD_NUMBERS = [0, 100, -3, 2.5, Number.NaN, 120];

export const raceArb: fc.Arbitrary<RandomRace> = fc
  .record({
    specs: fc.integer({ min: 0, max: 18 }).chain((n) => fc.array(runnerArb, { minLength: n, maxLength: n })),
    terms: fc.constantFrom(JRA_TERMS, JRA_TERMS, HKJC_TERMS, HKJC_TERMS, WIDE_FOUR_TERMS),
    atSales: sometimes(fc.integer({ min: 0, max: 20 }), 50),
    brackets: fc.constantFrom('jra', 'jra', 'jra', 'none', 'some-missing', 'random'),
    oddNumber: sometimes(fc.record({ at: fc.nat(), value: fc.constantFrom(...ODD_NUMBERS) }), 6),
    bad: sometimes(fc.record({ kind: fc.constantFrom('mixed', 'twice', 'no-position', 'zero-position', 'fractional-position'), at: fc.nat() }), 8),
    tieRate: fc.constantFrom(0, 0.2, 0.5, 0.9),
  })
  .map(({ specs, terms, atSales, brackets, oddNumber, bad, tieRate }): RandomRace => {
    const n = specs.length;
    const rows: RunnerRow[] = specs.map((s, i) => {
      const saddle = i + 1;
      let bracket: number | null = jraBracket(saddle, n);
      if (brackets === 'none') bracket = null;
      else if (brackets === 'some-missing' && s.bracketNoise < 5) bracket = null;
      else if (brackets === 'random') bracket = (s.bracketNoise % 8) + 1;
      return {
        raceId: RACE,
        runner: saddle,
        bracket,
        status: s.status,
        finishPos: s.status === 'ran' ? 0 : s.strayPos,
        winOddsFinal: null,
        popularity: null,
      };
    });
    // Official positions: finishers in order of their keys; a tie keeps the position ahead.
    const finishers = rows.map((r, i) => ({ r, s: specs[i] })).filter(({ r }) => r.status === 'ran');
    finishers.sort((a, b) => a.s.order - b.s.order || a.r.runner - b.r.runner);
    let pos = 0;
    finishers.forEach(({ r, s }, k) => {
      if (k === 0 || s.tie >= tieRate * 10) pos = Math.max(k + 1, pos + 1) + (s.gap ? 1 : 0);
      r.finishPos = pos;
    });
    if (oddNumber !== null && n > 0) rows[oddNumber.at % n].runner = oddNumber.value;
    if (bad !== null && n > 0) {
      const r = rows[bad.at % n];
      if (bad.kind === 'mixed') r.raceId = '2024010102';
      else if (bad.kind === 'twice') r.runner = rows[(bad.at + 1) % n].runner;
      else if (r.status === 'ran') r.finishPos = bad.kind === 'no-position' ? null : bad.kind === 'zero-position' ? 0 : 1.5;
    }
    const ordered = rows.map((r, i) => ({ r, key: specs[i].row })).sort((a, b) => a.key - b.key).map(({ r }) => r);
    return {
      runners: ordered,
      terms,
      opts: atSales === null ? {} : { fieldSizeAtSales: atSales },
    };
  });
