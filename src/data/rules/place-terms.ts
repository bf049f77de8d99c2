/**
 * Jurisdiction rules as data: which pools are sold for a field size, when a sold pool is
 * refunded for lack of starters, and how many places the place pool pays. Layer: data (imports
 * data rows and the ticket-id format of themis only; the ledger re-exports it); pure. Units:
 * runner counts.
 *
 * Two field counts matter (see `fieldCounts`):
 * - `atSales`: runners declared when sales opened, scratches included (the runners table keeps
 *   scratched and excluded runners as rows; RaceRow.fieldSize holds the same number).
 * - `starters`: runners that started (status ran, dnf or disqualified).
 *
 * JRA (betting-math.md section 5): terms are fixed at the start of sales; later scratches change
 * neither availability nor place terms. Place pays the top 3 with >= 8 declared, the top 2 with
 * 5-7, and is not sold with <= 4. Wide pays any 2 of the top 3 (sold with >= 4). Quinella and
 * exacta need >= 3, trio and trifecta >= 4, win >= 2. Bracket quinella is sold only when some
 * bracket holds two or more declared runners (otherwise it would duplicate quinella); JRA puts a
 * second horse in a bracket from 9 runners on, so without bracket numbers we use ">= 9".
 * The dead-heat rules and the wide term agree with every pool of the 3,694 JRA races of
 * 2024-01 to 2025-01 in the shared netkeiba payouts data (test/ledger/jra.test.ts); that data
 * holds no field sizes, so the field-size terms themselves are from betting-math.md only.
 *
 * HKJC: the shared HKJC results and dividends 2016-2023 (test/ledger/hkjc.test.ts) show the
 * terms follow the actual starters, not the declared field: ten races declared with 7 or more runners
 * whose veterinary withdrawals left 5 or 6 starters had their quinella place (our `wide`) pool
 * refunded, and the one race left with 4 starters had its trio pool refunded while its tierce
 * (trifecta) paid. So HKJC terms use `starters`: place pays 1st-3rd with >= 7 starters and
 * 1st-2nd with 4-6 (HKJC's published terms; the data lists only the first dividend row of a
 * pool, so it cannot show the 2nd and 3rd place dividends), no place betting below 4; quinella
 * place pays any two of the first three and needs >= 7 starters; trio needs >= 5 starters;
 * tierce >= 4. HKJC has no bracket quinella. A pool sold and then short of starters is refunded.
 */
import type { RunnerRow } from '../rows.ts';
import { BET_TYPES, type BetType } from '../../themis/tickets.ts';
import { RulesError } from './errors.ts';

/** Which field count decides availability and place terms. */
export type FieldBasis = 'atSales' | 'starters';

/**
 * Availability of one pool: not sold when the field at sales is below `minAtSales`; refunded
 * when, once sold, the starters fall below `minStarters` (0: never refunded for that reason).
 */
export interface PoolRule {
  readonly minAtSales: number;
  readonly minStarters: number;
}

/** One line of the place table: with at least `minField` runners, `places` places are paid. */
export interface PlaceStep {
  readonly minField: number;
  readonly places: number;
}

/** The betting terms of a jurisdiction. */
export interface PlaceTerms {
  readonly name: string;
  /** Field count deciding the number of places paid (availability always uses its own rule). */
  readonly placeBasis: FieldBasis;
  /** Place table, `minField` descending; a field below the last step has no place pool. */
  readonly places: readonly PlaceStep[];
  /** Wide (quinella place) pays any two of the first `widePlaces` finishers. */
  readonly widePlaces: number;
  /** Pool rules; null = the bet type is not offered at all. */
  readonly pools: Readonly<Record<BetType, PoolRule | null>>;
  /** Bracket quinella is sold only when some bracket holds >= 2 declared runners (JRA). */
  readonly bracketQuinellaNeedsSharedBracket: boolean;
}

/** JRA terms (betting-math.md section 5). */
export const JRA_TERMS: PlaceTerms = {
  name: 'JRA',
  placeBasis: 'atSales',
  places: [
    { minField: 8, places: 3 },
    { minField: 5, places: 2 },
  ],
  widePlaces: 3,
  pools: {
    win: { minAtSales: 2, minStarters: 0 },
    place: { minAtSales: 5, minStarters: 0 },
    bracket_quinella: { minAtSales: 9, minStarters: 0 },
    quinella: { minAtSales: 3, minStarters: 0 },
    wide: { minAtSales: 4, minStarters: 0 },
    exacta: { minAtSales: 3, minStarters: 0 },
    trio: { minAtSales: 4, minStarters: 0 },
    trifecta: { minAtSales: 4, minStarters: 0 },
  },
  bracketQuinellaNeedsSharedBracket: true,
};

/** HKJC terms (published terms, checked against the shared HKJC data; see the header). */
export const HKJC_TERMS: PlaceTerms = {
  name: 'HKJC',
  placeBasis: 'starters',
  places: [
    { minField: 7, places: 3 },
    { minField: 4, places: 2 },
  ],
  widePlaces: 3,
  pools: {
    win: { minAtSales: 2, minStarters: 2 },
    place: { minAtSales: 4, minStarters: 4 },
    bracket_quinella: null,
    quinella: { minAtSales: 3, minStarters: 3 },
    wide: { minAtSales: 7, minStarters: 7 },
    exacta: { minAtSales: 3, minStarters: 3 },
    trio: { minAtSales: 5, minStarters: 5 },
    trifecta: { minAtSales: 4, minStarters: 4 },
  },
  bracketQuinellaNeedsSharedBracket: false,
};

/** Terms by lower-case name, for options and dataset sources. */
export const TERMS_BY_NAME: Readonly<Record<string, PlaceTerms>> = { jra: JRA_TERMS, hkjc: HKJC_TERMS };

/**
 * Terms of a jurisdiction by name (case-insensitive: 'jra', 'hkjc').
 * @throws RulesError LEDGER_BAD_TERMS for an unknown name
 * @example termsByName('HKJC').name // 'HKJC'
 */
export function termsByName(name: string): PlaceTerms {
  const t = TERMS_BY_NAME[name.toLowerCase()];
  if (t === undefined) {
    throw new RulesError('LEDGER_BAD_TERMS', `termsByName: unknown terms '${name}' (have: ${Object.keys(TERMS_BY_NAME).join(', ')})`, {
      field: 'terms',
      value: name,
    });
  }
  return t;
}

/** The field counts of a race. */
export interface FieldCounts {
  /** Runners declared at the start of sales (scratched and excluded included). */
  readonly atSales: number;
  /** Runners that started (ran, dnf, disqualified). */
  readonly starters: number;
}

/**
 * True when the runner was withdrawn (refunded): scratched or excluded.
 * @example isWithdrawn({ status: 'excluded' }) // true
 */
export function isWithdrawn(r: Pick<RunnerRow, 'status'>): boolean {
  return r.status === 'scratched' || r.status === 'excluded';
}

/**
 * Field counts of one race's runners. `fieldSizeAtSales` (RaceRow.fieldSize) overrides the
 * count of runner rows when given, for data that drops runners scratched before sales.
 * @example fieldCounts(runners) // { atSales: 14, starters: 13 } with one scratch
 */
export function fieldCounts(runners: readonly Pick<RunnerRow, 'status'>[], fieldSizeAtSales?: number): FieldCounts {
  const starters = runners.filter((r) => !isWithdrawn(r)).length;
  return { atSales: Math.max(fieldSizeAtSales ?? runners.length, runners.length), starters };
}

/**
 * Number of places the place pool pays (0: no place pool) for a field.
 * @example placesPaid(JRA_TERMS, { atSales: 7, starters: 6 }) // 2
 * @example placesPaid(HKJC_TERMS, { atSales: 7, starters: 6 }) // 2
 */
export function placesPaid(terms: PlaceTerms, counts: FieldCounts): number {
  const n = terms.placeBasis === 'atSales' ? counts.atSales : counts.starters;
  for (const step of terms.places) if (n >= step.minField) return step.places;
  return 0;
}

/** Whether a pool runs: sold and paid, refunded as a whole, or never sold. */
export type PoolAvailability = 'sold' | 'refunded' | 'not-sold';

/**
 * Availability of a bet type's pool for a race. For bracket quinella under JRA terms the pool
 * is sold when some bracket holds two or more declared runners (when bracket numbers are
 * known), else when the declared field reaches `minAtSales`.
 * @example poolAvailability(HKJC_TERMS, 'wide', { atSales: 7, starters: 6 }) // 'refunded'
 * @example poolAvailability(JRA_TERMS, 'place', { atSales: 4, starters: 4 }) // 'not-sold'
 */
export function poolAvailability(
  terms: PlaceTerms,
  betType: BetType,
  counts: FieldCounts,
  runners: readonly Pick<RunnerRow, 'bracket'>[] = [],
): PoolAvailability {
  const rule = terms.pools[betType];
  if (rule === null) return 'not-sold';
  if (betType === 'bracket_quinella' && terms.bracketQuinellaNeedsSharedBracket) {
    const brackets = runners.map((r) => r.bracket).filter((b): b is number => b !== null);
    if (brackets.length === runners.length && brackets.length > 0) {
      if (new Set(brackets).size === brackets.length) return 'not-sold';
    } else if (counts.atSales < rule.minAtSales) return 'not-sold';
  } else if (counts.atSales < rule.minAtSales) return 'not-sold';
  if (counts.starters < rule.minStarters) return 'refunded';
  return 'sold';
}

/**
 * Checks that terms are usable (place steps descending and positive, pool rules non-negative).
 * @throws RulesError LEDGER_BAD_TERMS naming the faulty field
 * @example validateTerms(JRA_TERMS) // JRA_TERMS
 */
export function validateTerms(terms: PlaceTerms): PlaceTerms {
  const bad = (field: string, value: unknown): never => {
    throw new RulesError('LEDGER_BAD_TERMS', `terms ${terms.name}: ${field} = ${JSON.stringify(value)} is not usable`, {
      field,
      value,
    });
  };
  let last = Infinity;
  for (const s of terms.places) {
    if (!Number.isInteger(s.minField) || s.minField >= last || s.minField < 1) bad('places.minField', s.minField);
    if (!Number.isInteger(s.places) || s.places < 1) bad('places.places', s.places);
    last = s.minField;
  }
  if (!Number.isInteger(terms.widePlaces) || terms.widePlaces < 2) bad('widePlaces', terms.widePlaces);
  for (const bt of BET_TYPES) {
    const r = terms.pools[bt];
    if (r === undefined) bad(`pools.${bt}`, r);
    if (r !== null && (!Number.isInteger(r.minAtSales) || !Number.isInteger(r.minStarters) || r.minAtSales < 0 || r.minStarters < 0)) {
      bad(`pools.${bt}`, r);
    }
  }
  return terms;
}
