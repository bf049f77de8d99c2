/**
 * Reads a race pool file in the MC1 format (CSV, header exactly
 * `race_id,runner,p_true,p_model,odds`, one runner per line, races contiguous).
 * Layer: sim (file reading at the edge; parsing is pure). Units: probabilities, decimal odds.
 */
import { readFileSync } from 'node:fs';
import { SimError } from '../errors.ts';
import { POOL_SUM_TOLERANCE, type RacePool } from './race-pool.ts';

/** The exact header of an MC1 pool file. */
export const MC1_HEADER = 'race_id,runner,p_true,p_model,odds';

/**
 * Parses the text of an MC1 pool. Races must be contiguous; saddle numbers 1..99 not repeated
 * in a race; probabilities in [0, 1] summing to 1 within 1e-5 per race; odds >= 1.
 * Cost O(lines).
 * @param text - the file content
 * @param file - the file name used in messages
 * @returns the pool
 * @throws SimError SIM_BAD_POOL naming the file, line, race and field
 * @example parseMc1Pool('race_id,runner,p_true,p_model,odds\nR1,1,1,1,1.5\n', 'x.csv').raceIds // ['R1']
 */
export function parseMc1Pool(text: string, file: string): RacePool {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').replace(/\r$/, '').replace(/^\uFEFF/, '');
  if (header !== MC1_HEADER) {
    throw new SimError('SIM_BAD_POOL', `header is '${header}', expected '${MC1_HEADER}'`, { file, line: 1, field: 'header', value: header });
  }
  const m = lines.length - 1;
  if (m === 0) throw new SimError('SIM_BAD_POOL', 'the pool has no runners', { file, line: 2 });
  const runner = new Int32Array(m);
  const pTrue = new Float64Array(m);
  const pModel = new Float64Array(m);
  const odds = new Float64Array(m);
  const raceIds: string[] = [];
  const offsets: number[] = [0];
  const finished = new Set<string>();
  const firstLine: number[] = [];
  let current: string | undefined;
  let seen = new Set<number>();
  const num = (s: string, line: number, race: string, field: string): number => {
    const v = s.trim() === '' ? Number.NaN : Number(s);
    if (!Number.isFinite(v)) throw new SimError('SIM_BAD_POOL', `'${s}' is not a number`, { file, line, race, field, value: s });
    return v;
  };
  for (let i = 0; i < m; i++) {
    const line = i + 2;
    const cells = lines[i + 1].replace(/\r$/, '').split(',');
    if (cells.length !== 5) throw new SimError('SIM_BAD_POOL', `${cells.length} columns, expected 5`, { file, line });
    const race = cells[0];
    if (race === '') throw new SimError('SIM_BAD_POOL', 'empty race id', { file, line, field: 'race_id' });
    if (race !== current) {
      if (current !== undefined) {
        finished.add(current);
        offsets.push(i);
      }
      if (finished.has(race)) throw new SimError('SIM_BAD_POOL', 'the race appears again after other races (races must be contiguous)', { file, line, race, field: 'race_id' });
      current = race;
      raceIds.push(race);
      firstLine.push(line);
      seen = new Set<number>();
    }
    const r = num(cells[1], line, race, 'runner');
    if (!Number.isInteger(r) || r < 1 || r > 99) throw new SimError('SIM_BAD_POOL', `${cells[1]} is not a saddle number 1..99`, { file, line, race, field: 'runner', value: cells[1] });
    if (seen.has(r)) throw new SimError('SIM_BAD_POOL', `duplicate runner ${r}`, { file, line, race, field: 'runner', value: r });
    seen.add(r);
    runner[i] = r;
    const pt = num(cells[2], line, race, 'p_true');
    const pm = num(cells[3], line, race, 'p_model');
    for (const [field, v] of [['p_true', pt], ['p_model', pm]] as const) {
      if (v < 0 || v > 1) throw new SimError('SIM_BAD_POOL', `${v} is not a probability in [0, 1]`, { file, line, race, field, value: v });
    }
    const o = num(cells[4], line, race, 'odds');
    if (o < 1) throw new SimError('SIM_BAD_POOL', `${o} is not decimal odds >= 1`, { file, line, race, field: 'odds', value: o });
    pTrue[i] = pt;
    pModel[i] = pm;
    odds[i] = o;
  }
  offsets.push(m);
  const raceOffsets = Int32Array.from(offsets);
  for (let k = 0; k < raceIds.length; k++) {
    for (const [field, arr] of [['p_true', pTrue], ['p_model', pModel]] as const) {
      let s = 0;
      for (let i = raceOffsets[k]; i < raceOffsets[k + 1]; i++) s += arr[i];
      if (Math.abs(s - 1) > POOL_SUM_TOLERANCE) {
        throw new SimError('SIM_BAD_POOL', `probabilities sum to ${s}, not 1 (tolerance 1e-5; race starts on this line)`, {
          file,
          line: firstLine[k],
          race: raceIds[k],
          field,
          value: s,
        });
      }
    }
  }
  return { raceIds, raceOffsets, runner, pTrue, pModel, odds };
}

/**
 * Reads and parses an MC1 pool file.
 * @throws SimError SIM_MISSING_SOURCE when the file cannot be read, SIM_BAD_POOL when it is malformed
 * @example readMc1Pool('../shared/bench/mc1-pool.csv').raceIds.length // 3456
 */
export function readMc1Pool(file: string): { pool: RacePool; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new SimError('SIM_MISSING_SOURCE', `cannot read the pool file (${(e as Error).message})`, { file });
  }
  return { pool: parseMc1Pool(bytes.toString('utf8'), file), bytes };
}
