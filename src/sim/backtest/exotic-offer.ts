/**
 * The exotic tickets offered in one race of the backtest replay, with the places paid and
 * brackets: the dataset's decision-time snapshots of the combinations still runnable (ticket
 * objects), or (benchmark) synthetic public odds as ticket columns for Themis's columnar form.
 * Layer: sim (imports strategies, themis, ledger, data). Units: decimal odds. Pure: no I/O, no clock.
 */
import { BET_TYPE_CODE, type Dataset } from '../../data/index.ts';
import type { PlaceTerms } from '../../ledger/index.ts';
import type { ExoticOffer } from '../../strategies/index.ts';
import type { BetType } from '../../themis/index.ts';
import type { decisionMarket } from './decision-market.ts';
import type { SyntheticRaceTask } from './synthetic-stage-one.ts';

/** Places paid, brackets and the bet types offered in race r (those with a recorded pool). */
function offerSetup(ds: Dataset, r: number, m: ReturnType<typeof decisionMarket>, betTypes: readonly BetType[], recorded: number, terms: PlaceTerms) {
  const u = ds.runners;
  const brackets = new Map<number, number>();
  for (let i = 0; i < m.rows.length; i++) if (u.bracket[m.rows[i]] > 0) brackets.set(m.runners[i], u.bracket[m.rows[i]]);
  const declared = Math.max(ds.races.fieldSize[r], u.raceOffsets[r + 1] - u.raceOffsets[r]);
  const basis = terms.placeBasis === 'atSales' ? declared : m.rows.length;
  const step = terms.places.find((s) => basis >= s.minField);
  const placesPaid: 2 | 3 = step !== undefined && step.places === 2 ? 2 : 3;
  const offered = betTypes.filter((t) => t !== 'win' && (recorded & (1 << BET_TYPE_CODE[t])) !== 0);
  return { brackets, placesPaid, offered };
}

/**
 * The exotic tickets offered in race r from the dataset's decision-time snapshots (the
 * synthetic public offer of the benchmark goes the columnar way: allocateSyntheticRace).
 */
export function exoticOffer(
  ds: Dataset,
  r: number,
  m: ReturnType<typeof decisionMarket>,
  betTypes: readonly BetType[],
  recorded: number,
  terms: PlaceTerms,
): ExoticOffer {
  const { brackets, placesPaid, offered } = offerSetup(ds, r, m, betTypes, recorded, terms);
  const allowed = new Set<string>(offered);
  const candidates = new Set<number>(Array.from(m.runners));
  const named = (t: { betType: BetType; combination: string }): boolean =>
    t.betType === 'bracket_quinella' || t.combination.split(/[->]/).every((x) => candidates.has(Number(x)));
  // Only combinations of runners still in the race at decision time are offered.
  const tickets = m.exotic.filter((t) => allowed.has(t.betType) && named(t)).map((t) => ({ id: `${t.betType}:${t.combination}`, odds: t.odds }));
  return { tickets, placesPaid, ...(brackets.size > 0 ? { brackets } : {}) };
}

/** The task of race r's decision on the synthetic public offer (copies of the arrays given). */
export function syntheticRaceTask(
  ds: Dataset,
  r: number,
  m: ReturnType<typeof decisionMarket>,
  p: Float64Array,
  betTypes: readonly BetType[],
  recorded: number,
  terms: PlaceTerms,
): SyntheticRaceTask {
  const { brackets, placesPaid, offered } = offerSetup(ds, r, m, betTypes, recorded, terms);
  return { runners: m.runners.slice(), p: p.slice(), odds: m.odds.slice(), withoutWin: (recorded & 1) === 0, placesPaid, brackets, offered };
}
