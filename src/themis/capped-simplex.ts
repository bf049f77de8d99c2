/**
 * Projection onto the capped simplex for the joint Kelly Newton solver's projected steps
 * (Michelot's algorithm). Layer: themis (imports nothing). Units: fractions of the bankroll.
 * Pure apart from updating the caller's trial array in place.
 */

/**
 * Euclidean projection of trial (the tickets F[0..nF), cash in trialCash) onto the capped simplex
 * (ticket fractions >= 0, cash >= cashFloor, their sum over the free variables fixed by budget);
 * trial is updated in place. Returns the projected cash, or undefined when nothing is positive
 * (trial then has its negatives set to 0 only).
 */
export function projectCappedSimplex(
  trial: Float64Array,
  F: Int32Array,
  nF: number,
  cashFree: boolean,
  trialCash: number,
  cashFloor: number,
  budget: number,
): number | undefined {
  let cx = cashFree ? trialCash - cashFloor : 0;
  if (cx < 0) cx = 0;
  let s = cx;
  let count = cx > 0 ? 1 : 0;
  for (let a = 0; a < nF; a++) {
    const j = F[a];
    if (trial[j] < 0) trial[j] = 0;
    else if (trial[j] > 0) {
      s += trial[j];
      count++;
    }
  }
  if (s === budget) return cashFloor + cx;
  if (count === 0) return undefined;
  // theta with sum max(0, x - theta) = budget (Michelot: drop values below theta, repeat).
  let theta = (s - budget) / count;
  for (let pass = 0; pass < nF + 2; pass++) {
    let s2 = cx > theta ? cx : 0;
    let c2 = cx > theta ? 1 : 0;
    for (let a = 0; a < nF; a++) {
      const x = trial[F[a]];
      if (x > theta) {
        s2 += x;
        c2++;
      }
    }
    if (c2 === count || c2 === 0) break;
    count = c2;
    theta = (s2 - budget) / c2;
  }
  for (let a = 0; a < nF; a++) {
    const j = F[a];
    trial[j] = Math.max(0, trial[j] - theta);
  }
  cx = cashFree ? Math.max(0, cx - theta) : 0;
  return cashFloor + cx;
}
