/**
 * Semantic validation of a dataset in memory: probabilities sum to 1 per race, odds >= 1,
 * finishing positions consistent with statuses (1..n, ties allowed), payout combinations made of
 * the race's runners (or brackets), payouts positive integers, field sizes plausible.
 * A race with no runner rows and field_size 0 (unknown) is a payouts-only race, as sources that
 * publish payouts alone give (netkeiba-payouts): it is counted, not reported, and its payout
 * combinations are not checked against runners it does not list.
 * Layer: data; pure. Problems are data (a list), not exceptions.
 */
import { BET_TYPES, parseCombination } from '../themis/tickets.ts';
import { isIsoDate } from './io/check-rows.ts';
import { STATUS_CODE, type Dataset } from './io/dataset-view.ts';

/** Tolerance on the sum of a race's probabilities. */
export const PROBABILITY_SUM_TOLERANCE = 1e-6;

/** The check a problem comes from. */
export type ValidationCheck = 'schema' | 'probabilities' | 'odds' | 'finish' | 'payouts';

/** One problem: which table, race and field, and what is wrong. */
export interface ValidationProblem {
  check: ValidationCheck;
  table: string;
  race: string | null;
  field: string;
  row: number | null; // row index in the table (canonical order), when one row is at fault
  message: string;
}

/** The outcome of validateDataset. */
export interface ValidationReport {
  ok: boolean;
  problems: ValidationProblem[];
  checked: { races: number; runners: number; payouts: number; oddsSnapshots: number; models: string[]; truth: boolean };
  /** Races with no runner rows and field_size 0: payouts only, not checkable against runners. */
  payoutsOnlyRaces: number;
}

/**
 * True when race `r` is payouts-only: no runner rows and field_size 0 (unknown).
 * @example isPayoutsOnlyRace(ds, 0) // true for a race of a netkeiba-payouts import
 */
export function isPayoutsOnlyRace(ds: Pick<Dataset, 'races' | 'runners'>, r: number): boolean {
  return ds.runners.raceOffsets[r + 1] === ds.runners.raceOffsets[r] && ds.races.fieldSize[r] === 0;
}

/**
 * Validates a dataset read by readDataset (whose schema is already checked).
 * Cost O(rows).
 * @returns every problem found (empty and ok when the dataset is sound).
 * @example validateDataset(await readDataset('datasets/demo')).ok // true
 */
export function validateDataset(ds: Dataset): ValidationReport {
  const problems: ValidationProblem[] = [];
  const add = (check: ValidationCheck, table: string, race: number | null, field: string, row: number | null, message: string): void => {
    problems.push({ check, table, race: race === null ? null : ds.races.raceId[race], field, row, message });
  };
  const { races, runners, payouts } = ds;
  const ro = runners.raceOffsets;
  let payoutsOnlyRaces = 0;

  for (let r = 0; r < races.length; r++) {
    if (!isIsoDate(races.date[r])) add('schema', 'races', r, 'date', r, `date '${races.date[r]}' is not YYYY-MM-DD`);
    const n = ro[r + 1] - ro[r];
    if (isPayoutsOnlyRace(ds, r)) payoutsOnlyRaces++;
    else if (n === 0) add('schema', 'races', r, 'race_id', r, 'race has no runners');
    if (races.fieldSize[r] < n) add('schema', 'races', r, 'field_size', r, `field_size ${races.fieldSize[r]} is smaller than the ${n} runners listed`);
    if (races.raceNo[r] < 1) add('schema', 'races', r, 'race_no', r, `race_no ${races.raceNo[r]} is not positive`);
  }

  // runners: numbers, odds, finishing positions
  for (let r = 0; r < races.length; r++) {
    const placed: number[] = [];
    for (let i = ro[r]; i < ro[r + 1]; i++) {
      const s = runners.status[i];
      const pos = runners.finishPos[i];
      if (runners.runner[i] < 1 || runners.runner[i] > 99) add('schema', 'runners', r, 'runner', i, `runner ${runners.runner[i]} is not 1..99`);
      if (runners.bracket[i] < 0 || runners.bracket[i] > 8) add('schema', 'runners', r, 'bracket', i, `bracket ${runners.bracket[i]} is not 1..8`);
      const odds = runners.winOdds[i];
      if (!Number.isNaN(odds) && !(odds >= 1)) add('odds', 'runners', r, 'win_odds_final', i, `runner ${runners.runner[i]}: win odds ${odds} below 1`);
      if (s === STATUS_CODE.ran && pos === 0) add('finish', 'runners', r, 'finish_pos', i, `runner ${runners.runner[i]} ran but has no finish position`);
      if ((s === STATUS_CODE.scratched || s === STATUS_CODE.excluded || s === STATUS_CODE.dnf) && pos !== 0) {
        const label = ['ran', 'scratched', 'excluded', 'dnf', 'disqualified'][s];
        add('finish', 'runners', r, 'finish_pos', i, `runner ${runners.runner[i]} is ${label} but has finish position ${pos}`);
      }
      if (pos < 0) add('finish', 'runners', r, 'finish_pos', i, `runner ${runners.runner[i]}: finish position ${pos} is not positive`);
      if (pos > 0 && (s === STATUS_CODE.ran || s === STATUS_CODE.disqualified)) placed.push(pos);
    }
    placed.sort((a, b) => a - b);
    for (let k = 0; k < placed.length; k++) {
      const ok = placed[k] === k + 1 || (k > 0 && placed[k] === placed[k - 1]);
      if (!ok) {
        add('finish', 'runners', r, 'finish_pos', null, `finish positions ${placed.join(',')} are not 1..${placed.length} with ties`);
        break;
      }
    }
  }

  // payouts
  for (let r = 0; r < races.length; r++) {
    const payoutsOnly = isPayoutsOnlyRace(ds, r);
    let numbers: Set<number> | undefined;
    let brackets: Set<number> | undefined;
    for (let i = payouts.raceOffsets[r]; i < payouts.raceOffsets[r + 1]; i++) {
      const amount = payouts.payoutPer100[i];
      const bt = BET_TYPES[payouts.betType[i]];
      const combo = payouts.combination[i];
      if (!Number.isInteger(amount) || amount <= 0) add('payouts', 'payouts', r, 'payout_per_100', i, `${bt} ${combo}: payout ${amount} is not a positive integer`);
      let legs: number[];
      try {
        legs = parseCombination(bt, combo);
      } catch (e) {
        add('payouts', 'payouts', r, 'combination', i, (e as Error).message);
        continue;
      }
      if (payoutsOnly) continue;
      if (bt === 'bracket_quinella') {
        if (!brackets) {
          brackets = new Set();
          for (let j = ro[r]; j < ro[r + 1]; j++) if (runners.bracket[j] > 0) brackets.add(runners.bracket[j]);
        }
        if (brackets.size === 0) add('payouts', 'payouts', r, 'combination', i, `bracket_quinella ${combo}: the race's runners have no brackets`);
        else {
          const missing = legs.filter((b) => !brackets!.has(b));
          if (missing.length > 0) add('payouts', 'payouts', r, 'combination', i, `bracket_quinella ${combo}: bracket ${missing.join(',')} has no runner`);
        }
      } else {
        if (!numbers) {
          numbers = new Set();
          for (let j = ro[r]; j < ro[r + 1]; j++) numbers.add(runners.runner[j]);
        }
        const missing = legs.filter((n) => !numbers!.has(n));
        if (missing.length > 0) add('payouts', 'payouts', r, 'combination', i, `${bt} ${combo}: runner ${missing.join(',')} is not in the race`);
      }
    }
  }

  // odds snapshots
  const os = ds.oddsSnapshots;
  if (os) {
    for (let i = 0; i < os.length; i++) {
      if (!(os.odds[i] >= 1)) add('odds', 'odds_snapshots', os.raceIndex[i], 'odds', i, `${BET_TYPES[os.betType[i]]} ${os.combination[i]} at ${os.at[i]}: odds ${os.odds[i]} below 1`);
    }
  }

  // probabilities
  const checkProbs = (table: string, field: string, p: Float64Array): void => {
    for (let r = 0; r < races.length; r++) {
      let sum = 0;
      let any = false;
      let bad = false;
      for (let i = ro[r]; i < ro[r + 1]; i++) {
        const v = p[i];
        if (Number.isNaN(v)) continue;
        any = true;
        if (!(v >= 0 && v <= 1)) {
          add('probabilities', table, r, field, null, `runner ${runners.runner[i]}: probability ${v} is not in [0, 1]`);
          bad = true;
        }
        sum += v;
      }
      if (any && !bad && Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
        add('probabilities', table, r, field, null, `probabilities sum to ${sum}, not 1 (tolerance ${PROBABILITY_SUM_TOLERANCE})`);
      }
    }
  };
  for (const m of ds.models) checkProbs(`predictions/${m}`, 'p', ds.predictions(m));
  const truth = ds.truth();
  if (truth) checkProbs('truth', 'p_true', truth);

  return {
    ok: problems.length === 0,
    problems,
    checked: { races: races.length, runners: runners.length, payouts: payouts.length, oddsSnapshots: os?.length ?? 0, models: [...ds.models], truth: truth !== undefined },
    payoutsOnlyRaces,
  };
}
