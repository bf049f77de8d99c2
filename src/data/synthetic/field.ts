/**
 * The declared field of a synthetic race: surface, distance, number of runners (8-18, mostly
 * 14-16) and JRA brackets (枠番). Layer: data; pure (randomness arrives as an Rng).
 * Units: metres.
 */
import { DataError } from '../errors.ts';
import type { Rng } from './rng.ts';

/** Surface of a synthetic race. */
export type SyntheticSurface = 'turf' | 'dirt' | 'jump';

/** The declared field of a race (at the start of sales, scratches included). */
export interface FieldSpec {
  surface: SyntheticSurface;
  distanceM: number;
  fieldSize: number;
  /** Bracket of runner i + 1 at index i. */
  brackets: Int8Array;
}

const TURF_M = [1200, 1400, 1600, 1800, 2000, 2200, 2400, 2500, 3000];
const TURF_W = [16, 14, 18, 16, 18, 6, 7, 3, 2];
const DIRT_M = [1000, 1150, 1200, 1400, 1600, 1700, 1800, 1900, 2100];
const DIRT_W = [5, 4, 20, 20, 8, 12, 22, 5, 4];
const JUMP_M = [2750, 2880, 3000, 3110, 3300, 3570, 4250];
const JUMP_W = [4, 5, 4, 2, 4, 3, 1];

/** Flat-race field sizes 8..18 and their weights (JRA: most fields 14-16, full fields common). */
const FLAT_SIZES = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
const FLAT_SIZE_W = [3, 4, 5, 6, 8, 10, 14, 14, 22, 4, 10];
const JUMP_SIZES = [8, 9, 10, 11, 12, 13, 14];
const JUMP_SIZE_W = [3, 3, 3, 3, 3, 3, 4];

/**
 * JRA brackets for a field of `n` runners: with at most 8 runners, runner i is in bracket i;
 * with more, 8 brackets of floor(n / 8) runners and the last n mod 8 brackets one runner more
 * (the outer brackets take two or three horses).
 * @returns bracket of runner i + 1 at index i
 * @throws DataError DATA_BAD_OPTION when n is not an integer in 1..18
 * @example Array.from(bracketsFor(10)) // [1, 2, 3, 4, 5, 6, 7, 7, 8, 8]
 */
export function bracketsFor(n: number): Int8Array {
  if (!Number.isInteger(n) || n < 1 || n > 18) {
    throw new DataError('DATA_BAD_OPTION', 'field size must be an integer from 1 to 18', { field: 'fieldSize', value: n });
  }
  const out = new Int8Array(n);
  if (n <= 8) {
    for (let i = 0; i < n; i++) out[i] = i + 1;
    return out;
  }
  const base = Math.floor(n / 8);
  const extra = n % 8;
  let i = 0;
  for (let b = 1; b <= 8; b++) {
    const size = base + (b > 8 - extra ? 1 : 0);
    for (let k = 0; k < size; k++) out[i++] = b;
  }
  return out;
}

/**
 * Draws the declared field of a race: 3% jump races (8-14 runners), otherwise turf or dirt
 * about evenly with JRA-like distances and field sizes.
 * @example drawField(createRng('x')).fieldSize // an integer in 8..18
 */
export function drawField(rng: Rng): FieldSpec {
  const u = rng.next();
  let surface: SyntheticSurface;
  let distanceM: number;
  let fieldSize: number;
  if (u < 0.03) {
    surface = 'jump';
    distanceM = JUMP_M[rng.pick(JUMP_W)];
    fieldSize = JUMP_SIZES[rng.pick(JUMP_SIZE_W)];
  } else {
    surface = u < 0.5 ? 'turf' : 'dirt';
    distanceM = surface === 'turf' ? TURF_M[rng.pick(TURF_W)] : DIRT_M[rng.pick(DIRT_W)];
    fieldSize = FLAT_SIZES[rng.pick(FLAT_SIZE_W)];
  }
  return { surface, distanceM, fieldSize, brackets: bracketsFor(fieldSize) };
}
