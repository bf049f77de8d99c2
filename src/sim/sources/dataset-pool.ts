/**
 * A race pool from a dataset and one of its prediction models: win markets of every race, with
 * scratched runners (or runners without final win odds) removed and probabilities renormalised
 * over the runners left. p_true is the dataset's truth table when it has one (synthetic data);
 * otherwise it is derived from the model by a model-error setting, so the bettor's illusion of
 * edge can be studied: p_true ∝ p_model^(1/k) · exp(noise · z), z standard normal drawn per
 * runner from a seeded stream. Layer: sim (imports data). Units: probabilities, decimal odds.
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { canonicalJson } from '../../themis/index.ts';
import { readDataset, STATUS_CODE, type Dataset } from '../../data/index.ts';
import { SimError } from '../errors.ts';
import { checkRacePool, type RacePool } from './race-pool.ts';

/** How p_true is derived from p_model when the dataset has no truth table. */
export interface ModelError {
  /** k > 0: p_true ∝ p_model^(1/k); k > 1 means the model is overconfident (sharper than the truth). Default 1. */
  readonly overconfidence: number;
  /** Standard deviation of a log-scale noise per runner (>= 0); default 0. */
  readonly noise: number;
  /** Seed of the noise stream. */
  readonly noiseSeed: string;
}

/** A dataset pool with its provenance. */
export interface DatasetPool {
  readonly pool: RacePool;
  readonly model: string;
  /** sha256 of the dataset's table hashes, the model and the model-error setting. */
  readonly hash: string;
  /** How p_true was obtained, in words. */
  readonly truth: string;
}

/**
 * Builds the pool of a dataset already read.
 * @param ds - the dataset
 * @param model - prediction model name (default: the only model; required when there are several)
 * @param error - the model-error setting, used only without a truth table
 * @throws SimError SIM_BAD_SOURCE for a missing or unknown model, SIM_BAD_POOL for a race whose
 *   probabilities cannot be used (naming the race)
 * @example datasetPool(await readDataset('datasets/synthetic-jra-1y'), undefined, { overconfidence: 1, noise: 0, noiseSeed: '1' }).pool.raceIds.length
 */
export function datasetPool(ds: Dataset, model: string | undefined, error: ModelError): DatasetPool {
  const where = ds.dir;
  if (model === undefined) {
    if (ds.models.length !== 1) {
      throw new SimError('SIM_BAD_SOURCE', `name a prediction model (dataset:DIR:MODEL); the dataset has ${ds.models.length === 0 ? 'none' : ds.models.join(', ')}`, { file: where, field: 'model' });
    }
    model = ds.models[0];
  }
  if (!ds.models.includes(model)) {
    throw new SimError('SIM_BAD_SOURCE', `unknown prediction model '${model}' (the dataset has ${ds.models.join(', ') || 'none'})`, { file: where, field: 'model', value: model });
  }
  if (!(error.overconfidence > 0 && Number.isFinite(error.overconfidence))) {
    throw new SimError('SIM_BAD_OPTION', `overconfidence ${error.overconfidence} is not a number > 0`, { field: 'overconfidence', value: error.overconfidence });
  }
  if (!(error.noise >= 0 && Number.isFinite(error.noise))) {
    throw new SimError('SIM_BAD_OPTION', `noise ${error.noise} is not a number >= 0`, { field: 'noise', value: error.noise });
  }
  const pm = ds.predictions(model);
  const truthCol = ds.truth();
  const rv = ds.runners;
  const races = ds.races;
  const raceIds: string[] = [];
  const offsets: number[] = [0];
  const runner: number[] = [];
  const pTrue: number[] = [];
  const pModel: number[] = [];
  const odds: number[] = [];
  const dayIndex: number[] = [];
  let day = -1;
  let lastDate = '';
  for (let r = 0; r < races.length; r++) {
    const id = races.raceId[r];
    const rows: number[] = [];
    for (let i = rv.raceOffsets[r]; i < rv.raceOffsets[r + 1]; i++) {
      const st = rv.status[i];
      if (st === STATUS_CODE.scratched || st === STATUS_CODE.excluded) continue;
      if (!(rv.winOdds[i] >= 1)) continue; // no final odds: not a market runner
      rows.push(i);
    }
    if (rows.length === 0) continue;
    let sm = 0;
    for (const i of rows) {
      const v = pm[i];
      if (!(v >= 0 && v <= 1)) throw new SimError('SIM_BAD_POOL', `model ${model} gives ${v} for runner ${rv.runner[i]}`, { file: where, race: id, field: 'p_model', value: v });
      sm += v;
    }
    if (!(sm > 0)) throw new SimError('SIM_BAD_POOL', `model ${model} gives the runners left probability 0`, { file: where, race: id, field: 'p_model', value: sm });
    const pmRace = rows.map((i) => pm[i] / sm);
    let ptRace: number[];
    if (truthCol !== undefined) {
      let st = 0;
      for (const i of rows) st += truthCol[i] >= 0 ? truthCol[i] : Number.NaN;
      if (!(st > 0)) throw new SimError('SIM_BAD_POOL', 'the truth table gives the runners left no probability', { file: where, race: id, field: 'p_true', value: st });
      ptRace = rows.map((i) => truthCol[i] / st);
    } else {
      const rng = error.noise > 0 ? seedrandom(`${error.noiseSeed}:${id}`) : undefined;
      const w = pmRace.map((p) => {
        let x = Math.pow(p, 1 / error.overconfidence);
        if (rng !== undefined) x *= Math.exp(error.noise * normal(rng));
        return x;
      });
      const sw = w.reduce((a, b) => a + b, 0);
      ptRace = w.map((x) => x / sw);
    }
    raceIds.push(id);
    rows.forEach((i, j) => {
      runner.push(rv.runner[i]);
      pModel.push(pmRace[j]);
      pTrue.push(ptRace[j]);
      odds.push(rv.winOdds[i]);
    });
    offsets.push(runner.length);
    if (races.date[r] !== lastDate) {
      lastDate = races.date[r];
      day++;
    }
    dayIndex.push(day);
  }
  const pool: RacePool = {
    raceIds,
    raceOffsets: Int32Array.from(offsets),
    runner: Int32Array.from(runner),
    pTrue: Float64Array.from(pTrue),
    pModel: Float64Array.from(pModel),
    odds: Float64Array.from(odds),
    dayIndex: Int32Array.from(dayIndex),
  };
  checkRacePool(pool, where);
  const truth =
    truthCol !== undefined
      ? 'truth table'
      : `p_model^(1/${error.overconfidence})` + (error.noise > 0 ? ` x exp(${error.noise} z), noise seed ${error.noiseSeed}` : '');
  const hash = createHash('sha256')
    .update(canonicalJson({ tables: ds.manifest.tables, model, prediction: ds.manifest.predictions[model], truth: truthCol !== undefined ? 'table' : error }))
    .digest('hex');
  return { pool, model, hash, truth };
}

/**
 * Reads a dataset folder and builds its pool.
 * @throws SimError SIM_MISSING_SOURCE when the folder has no dataset; data errors pass through
 * @example await readDatasetPool('datasets/synthetic-jra-1y', 'model_a', { overconfidence: 1.2, noise: 0, noiseSeed: '1' })
 */
export async function readDatasetPool(dir: string, model: string | undefined, error: ModelError): Promise<DatasetPool> {
  const ds = await readDataset(dir);
  return datasetPool(ds, model, error);
}

function normal(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
