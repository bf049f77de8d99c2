/**
 * The result of a synthetic race: hidden true strengths, late withdrawals (refunded), the
 * finishing order drawn by Plackett-Luce on the true win probabilities, rare dead heats and
 * rare non-finishers. Layer: data; pure (randomness arrives as an Rng).
 */
import type { RunnerStatus } from '../rows.ts';
import type { SyntheticConfig } from './config.ts';
import type { FieldSpec } from './field.ts';
import type { Rng } from './rng.ts';

/** What happened in a race; arrays are indexed by runner - 1 over the declared field. */
export interface RaceOutcome {
  status: RunnerStatus[];
  /** Official position (tied runners share it; the next position is skipped); null if none. */
  finishPos: (number | null)[];
  /** 0-based indices of the runners that started (not scratched or excluded), ascending. */
  starters: number[];
  /** Finishers' 0-based indices in finishing order (tied runners in drawn order). */
  order: number[];
  /** Hidden log-strength of every declared runner. */
  strengths: Float64Array;
  /** True win probability of every starter (softmax of strengths over starters), 0 otherwise. */
  pTrue: Float64Array;
  /** Position of the dead heat (1, 2 or 3), 0 when there is none. */
  deadHeatAt: number;
}

/**
 * Softmax of `logits` over the indices `idx` into `out` (other entries untouched).
 * @example softmaxOver(new Float64Array([0, 0]), [0, 1], new Float64Array(2)) // [0.5, 0.5]
 */
export function softmaxOver(logits: ArrayLike<number>, idx: readonly number[], out: Float64Array): Float64Array {
  let max = -Infinity;
  for (const i of idx) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (const i of idx) {
    const e = Math.exp(logits[i] - max);
    out[i] = e;
    sum += e;
  }
  for (const i of idx) out[i] /= sum;
  return out;
}

/**
 * Draws a race outcome for a declared field. Strengths ~ N(0, strengthSd^2); with probability
 * `scratchRate` one runner (two in a tenth of those) is withdrawn after sales start; the
 * finishing order is Plackett-Luce on the starters' true win probabilities (Gumbel-max trick);
 * with probability `dnfRate` (`jumpDnfRate` over jumps) one starter does not finish; with
 * probability `deadHeatRate` two runners dead-heat for 1st, 2nd or 3rd.
 * Cost O(n log n) for n runners.
 * @example drawOutcome(createRng('x'), drawField(createRng('y')), DEFAULT_SYNTHETIC_CONFIG).order.length // starters minus non-finishers
 */
export function drawOutcome(rng: Rng, field: FieldSpec, config: SyntheticConfig): RaceOutcome {
  const n = field.fieldSize;
  const strengths = new Float64Array(n);
  for (let i = 0; i < n; i++) strengths[i] = config.strengthSd * rng.normal();

  const status: RunnerStatus[] = new Array<RunnerStatus>(n).fill('ran');
  if (rng.next() < config.scratchRate) {
    const count = rng.next() < 0.1 ? 2 : 1;
    for (let c = 0; c < count; c++) {
      const i = rng.int(n);
      status[i] = rng.next() < config.excludedShare ? 'excluded' : 'scratched';
    }
  }
  const starters: number[] = [];
  for (let i = 0; i < n; i++) if (status[i] === 'ran') starters.push(i);
  const pTrue = softmaxOver(strengths, starters, new Float64Array(n));

  // Plackett-Luce: sort by log-strength plus standard Gumbel noise, descending.
  const keys = new Float64Array(n);
  for (const i of starters) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    keys[i] = strengths[i] - Math.log(-Math.log(u));
  }
  let order = [...starters].sort((a, b) => keys[b] - keys[a] || a - b);

  const dnfRate = field.surface === 'jump' ? config.jumpDnfRate : config.dnfRate;
  if (order.length > 3 && rng.next() < dnfRate) {
    const i = order[rng.int(order.length)];
    status[i] = 'dnf';
    order = order.filter((j) => j !== i);
  }

  const finishPos: (number | null)[] = new Array<number | null>(n).fill(null);
  order.forEach((i, k) => {
    finishPos[i] = k + 1;
  });
  let deadHeatAt = 0;
  if (order.length > 3 && rng.next() < config.deadHeatRate) {
    deadHeatAt = [1, 2, 3][rng.pick([0.35, 0.25, 0.4])];
    finishPos[order[deadHeatAt]] = deadHeatAt;
  }
  return { status, finishPos, starters, order, strengths, pTrue, deadHeatAt };
}
