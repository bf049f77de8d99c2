/**
 * Datasets for the backtest tests: a small synthetic JRA dataset from the generator, and crafted
 * win-only datasets whose winners follow a chosen rule (for the walk-forward leak test, the
 * refund of a runner scratched after the decision and the drawdown halt). Written to temporary
 * folders and read back with readDataset, so the replay sees exactly what the CLI sees.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { readDataset, writeDataset, type Dataset, type DatasetRows, type RunnerRow } from '../../../src/data/index.ts';
import { generateDataset } from '../../../src/data/synthetic/index.ts';

/** A fresh temporary folder. */
export function tempDir(prefix = 'keiba-bt-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes rows as a dataset in a temporary folder and reads it back. */
export async function datasetOf(rows: DatasetRows, source = 'synthetic'): Promise<Dataset> {
  const dir = join(tempDir(), 'ds');
  await writeDataset(dir, rows, { source, currency: 'JPY', payoutUnit: 'per 100 JPY' }, { created: '2024-01-01T00:00:00.000Z' });
  return readDataset(dir);
}

/** A synthetic dataset from the generator, written and read back (with its folder). */
export async function syntheticDataset(years: number, seed: string): Promise<{ ds: Dataset; dir: string }> {
  const dir = join(tempDir(), 'syn');
  await writeDataset(dir, generateDataset({ years, seed }), { source: 'synthetic', currency: 'JPY', payoutUnit: 'per 100 JPY' }, { created: '2024-01-01T00:00:00.000Z' });
  return { ds: await readDataset(dir), dir };
}

/** One crafted race: runners 1..n with market probabilities, model probabilities and the winner's index. */
export interface CraftedRace {
  q: number[];
  model: number[];
  winner: number;
  /** Runner (1-based) scratched after the last snapshot. */
  scratchedLate?: number;
}

function normalise(x: number[]): number[] {
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
}

/** Odds of a market probability (R = 0.8, 0.1 steps, at least 1.1). */
export function oddsOf(q: number): number {
  return Math.max(1.1, Math.floor((0.8 / q) * 10) / 10);
}

/**
 * Win-only dataset: `racesPerDay` races a day for `days` days from 2020-01-01, each race built by
 * `make(day, k, rng)`; final win odds from q, the winner's payout = its odds x 100, win snapshots
 * 10 minutes before the post when `snapshots`.
 */
export function craftedRows(days: number, racesPerDay: number, seed: string, make: (day: number, k: number, rng: () => number) => CraftedRace, snapshots = false): DatasetRows {
  const rng = seedrandom(seed);
  const rows: Required<DatasetRows> = { races: [], runners: [], payouts: [], oddsSnapshots: [], predictions: { model: [] }, truth: [] };
  const start = Date.parse('2020-01-01T00:00:00Z');
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < racesPerDay; k++) {
      const race = make(d, k, rng);
      const raceId = `X-${date}-${String(k + 1).padStart(2, '0')}`;
      const hh = String(10 + k).padStart(2, '0');
      const postTime = `${date}T${hh}:30`;
      const n = race.q.length;
      rows.races.push({ raceId, date, postTime, venue: 'X', raceNo: k + 1, surface: 'turf', distanceM: 1600, fieldSize: n, source: 'synthetic' });
      const odds = race.q.map(oddsOf);
      const order = [...Array(n).keys()].filter((i) => i !== race.winner && i + 1 !== race.scratchedLate);
      for (let i = 0; i < n; i++) {
        const scratched = i + 1 === race.scratchedLate;
        const pos = i === race.winner ? 1 : scratched ? null : order.indexOf(i) + 2;
        const row: RunnerRow = {
          raceId,
          runner: i + 1,
          bracket: null,
          status: scratched ? 'scratched' : 'ran',
          finishPos: pos,
          winOddsFinal: scratched ? null : odds[i],
          popularity: null,
        };
        rows.runners.push(row);
        if (snapshots) rows.oddsSnapshots.push({ raceId, betType: 'win', combination: String(i + 1), at: `${date}T${hh}:20:00`, odds: odds[i] });
      }
      const live = race.model.map((p, i) => (i + 1 === race.scratchedLate ? 0 : p));
      normalise(live).forEach((p, i) => {
        if (i + 1 !== race.scratchedLate) rows.predictions.model.push({ raceId, runner: i + 1, p });
      });
      rows.payouts.push({ raceId, betType: 'win', combination: String(race.winner + 1), payoutPer100: Math.round(odds[race.winner] * 100) });
    }
  }
  if (!snapshots) delete (rows as DatasetRows).oddsSnapshots;
  delete (rows as DatasetRows).truth;
  return rows;
}

/** Draws an index from probabilities. */
export function draw(p: readonly number[], rng: () => number): number {
  let u = rng();
  for (let i = 0; i < p.length; i++) {
    u -= p[i];
    if (u < 0) return i;
  }
  return p.length - 1;
}

/** Random probabilities of n runners (log-normal strengths with the given spread). */
export function randomProbs(n: number, spread: number, rng: () => number): number[] {
  return normalise(Array.from({ length: n }, () => Math.exp(spread * (rng() + rng() + rng() - 1.5) * 2)));
}

export { normalise };
