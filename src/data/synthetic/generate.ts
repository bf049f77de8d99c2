/**
 * The synthetic JRA dataset generator: calendar, fields, hidden strengths and results, the
 * betting public and its pools, payouts, win-odds snapshots, a model's predictions and the
 * truth, composed race by race. Layer: data; pure and deterministic: the same options give
 * identical rows (each race draws from its own stream seeded by (seed, race id), so a race
 * does not depend on the races before it). Units: integer yen per 100, decimal odds.
 */
import type { BetType } from '../../themis/tickets.ts';
import { JRA_PAYOUT_RATES, singleWinnerPayoutPer100 } from '../parimutuel.ts';
import type { DatasetRows, OddsSnapshotRow, PayoutRow, PredictionRow, RaceRow, RunnerRow, TruthRow } from '../rows.ts';
import { DataError } from '../errors.ts';
import { addYears, raceCalendar, type RaceSlot } from './calendar.ts';
import { resolveSyntheticConfig, type SyntheticConfig } from './config.ts';
import { drawField } from './field.ts';
import { winOddsSnapshots } from './odds-snapshots.ts';
import { drawPoolTotals, settlePools, winStakes, type PoolSummary } from './pools.ts';
import { modelWinProbs } from './predictions.ts';
import { publicWinProbs } from './public-betting.ts';
import { drawOutcome } from './race-outcome.ts';
import { createRng, streamSeed } from './rng.ts';
import { availableBetTypes, placesPaid, winningCombinations, type Finisher } from './winning-combinations.ts';

/** Source name recorded in every race row of a synthetic dataset. */
export const SYNTHETIC_SOURCE = 'synthetic';

/** Name of the model whose predictions the generator writes. */
export const SYNTHETIC_MODEL = 'model';

/** Default first day of a synthetic dataset. */
export const DEFAULT_START_DATE = '2024-01-01';

/** Options of {@link generateDataset}: span, seed and any parameter of {@link SyntheticConfig}. */
export interface GenerateOptions extends Partial<SyntheticConfig> {
  /** Length of the dataset in years (> 0; a fraction adds days). */
  years: number;
  /** Seed: the same seed and options give identical rows. */
  seed: string | number;
  /** First day, `YYYY-MM-DD` (default 2024-01-01). */
  startDate?: string;
  /** Write odds snapshots (default true). */
  oddsSnapshots?: boolean;
}

/** The rows of one race. */
export interface RaceRows {
  race: RaceRow;
  runners: RunnerRow[];
  payouts: PayoutRow[];
  oddsSnapshots: OddsSnapshotRow[];
  predictions: PredictionRow[];
  truth: TruthRow[];
  /** Money of each pool (not written to the dataset; for checks and the ledger's tests). */
  pools: Partial<Record<BetType, PoolSummary>>;
}

/**
 * Generates every table of one race of the calendar.
 * Cost O(n^2) in the field size (place and wide shares), plus the snapshots.
 * @example generateRace(raceCalendar('2024-01-06', '2024-01-07')[0], 42, resolveSyntheticConfig()).runners.length // the field size
 */
export function generateRace(slot: RaceSlot, seed: string | number, config: SyntheticConfig, withSnapshots = true): RaceRows {
  const rng = createRng(streamSeed(seed, slot.raceId));
  const modelRng = rng.fork();
  const field = drawField(rng);
  const outcome = drawOutcome(rng, field, config);
  const { starters, pTrue } = outcome;
  const q = publicWinProbs(pTrue, starters, rng, config);

  const available = availableBetTypes(field.fieldSize);
  const totals = drawPoolTotals(rng, slot.raceNo, slot.venue, available, config);
  const wStakes = winStakes(totals.win as number, q, starters);
  let winTotal = 0;
  for (const i of starters) winTotal += wStakes[i];
  totals.win = winTotal;

  const placeCount = placesPaid(field.fieldSize);
  const finishers: Finisher[] = outcome.order.map((i) => ({
    runner: i + 1,
    finishPos: outcome.finishPos[i] as number,
    bracket: field.brackets[i],
  }));
  const winners = winningCombinations(finishers, placeCount);
  const { payouts, pools } = settlePools(
    { raceId: slot.raceId, totals, winStakesYen: wStakes, q, brackets: field.brackets, placeCount, winners },
    rng,
    config,
  );
  const oddsSnapshots = withSnapshots ? winOddsSnapshots(slot.raceId, slot.postTime, winTotal, q, starters, rng) : [];

  // Popularity: rank by win stakes, descending (ties by saddle number).
  const byStake = [...starters].sort((a, b) => wStakes[b] - wStakes[a] || a - b);
  const popularity = new Int32Array(field.fieldSize);
  byStake.forEach((i, k) => {
    popularity[i] = k + 1;
  });

  const runners: RunnerRow[] = [];
  for (let i = 0; i < field.fieldSize; i++) {
    const started = outcome.status[i] === 'ran' || outcome.status[i] === 'dnf';
    runners.push({
      raceId: slot.raceId,
      runner: i + 1,
      bracket: field.brackets[i],
      status: outcome.status[i],
      finishPos: outcome.finishPos[i],
      winOddsFinal: started ? (singleWinnerPayoutPer100(JRA_PAYOUT_RATES.win, winTotal, wStakes[i]) as number) / 100 : null,
      popularity: started ? popularity[i] : null,
    });
  }

  const pModel = modelWinProbs(outcome.strengths, starters, modelRng, config);
  const predictions: PredictionRow[] = starters.map((i) => ({ raceId: slot.raceId, runner: i + 1, p: pModel[i] }));
  const truth: TruthRow[] = starters.map((i) => ({ raceId: slot.raceId, runner: i + 1, pTrue: pTrue[i] }));

  const race: RaceRow = {
    raceId: slot.raceId,
    date: slot.date,
    postTime: slot.postTime,
    venue: slot.venue,
    raceNo: slot.raceNo,
    surface: field.surface,
    distanceM: field.distanceM,
    fieldSize: field.fieldSize,
    source: SYNTHETIC_SOURCE,
  };
  return { race, runners, payouts, oddsSnapshots, predictions, truth, pools };
}

/**
 * Generates a synthetic JRA-like dataset of `years` years from `startDate`: races, runners,
 * payouts of all eight pools, win-odds snapshots, the predictions of one model
 * (`predictions.model`) and the hidden true win probabilities (`truth`). Predictions and truth
 * cover the starters of each race (withdrawn runners excluded) and sum to 1 per race.
 * Race ids read `SYN-<date>-<VENUE>-<race no>` (e.g. `SYN-2024-01-06-NAKAYAMA-01`).
 * `winOddsFinal` is the per-100 payout the runner would get if it won alone, / 100 (0.1
 * steps; a heavy favourite's 元返し shows as 1.0 and a Plus10 payout as 1.1); `popularity`
 * ranks the win stakes. Withdrawn runners have no position, odds or popularity.
 * Pure and deterministic. A year holds about 3,450 races and takes about a second.
 * @throws DataError DATA_BAD_OPTION for a bad seed, span, start date or parameter
 * @example generateDataset({ years: 1, seed: 42 }).races.length // about 3,450
 */
export function generateDataset(options: GenerateOptions): DatasetRows {
  if (options === null || typeof options !== 'object') {
    throw new DataError('DATA_BAD_OPTION', 'generateDataset: expected an options object', { field: 'options', value: options });
  }
  const { years, seed, startDate = DEFAULT_START_DATE, oddsSnapshots = true, ...overrides } = options;
  if (!((typeof seed === 'string' && seed.length > 0) || (typeof seed === 'number' && Number.isFinite(seed)))) {
    throw new DataError('DATA_BAD_OPTION', 'seed must be a non-empty text or a finite number', { field: 'seed', value: seed });
  }
  const config = resolveSyntheticConfig(overrides);
  const slots = raceCalendar(startDate, addYears(startDate, years));
  const out: Required<DatasetRows> = {
    races: [],
    runners: [],
    payouts: [],
    oddsSnapshots: [],
    predictions: { [SYNTHETIC_MODEL]: [] },
    truth: [],
  };
  const preds = out.predictions[SYNTHETIC_MODEL];
  for (const slot of slots) {
    const r = generateRace(slot, seed, config, oddsSnapshots);
    out.races.push(r.race);
    for (const x of r.runners) out.runners.push(x);
    for (const x of r.payouts) out.payouts.push(x);
    for (const x of r.oddsSnapshots) out.oddsSnapshots.push(x);
    for (const x of r.predictions) preds.push(x);
    for (const x of r.truth) out.truth.push(x);
  }
  if (!oddsSnapshots) delete (out as DatasetRows).oddsSnapshots;
  return out;
}
