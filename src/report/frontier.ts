/**
 * The efficient (non-dominated) configs of a sweep: a config is dominated when another has
 * ruin probability no higher and growth no lower, one of them strictly. Layer: report. Pure.
 */

/** A point of the growth-vs-ruin plane. */
export interface RiskReturn {
  readonly ruin: number;
  readonly growth: number;
}

/**
 * Indices of the non-dominated points, ordered by ruin ascending (ties by growth). O(n log n).
 * Points with a non-finite coordinate are never efficient.
 * @example efficientIndices([{ ruin: 0, growth: 1 }, { ruin: 0.1, growth: 0.5 }, { ruin: 0.2, growth: 2 }]) // [0, 2]
 */
export function efficientIndices(points: readonly RiskReturn[]): number[] {
  const order = points
    .map((_, i) => i)
    .filter((i) => Number.isFinite(points[i].ruin) && Number.isFinite(points[i].growth))
    .sort((a, b) => points[a].ruin - points[b].ruin || points[b].growth - points[a].growth || a - b);
  const out: number[] = [];
  let best = -Infinity;
  for (const i of order) {
    // Sorted by ruin then growth descending: a point is efficient when it beats every growth seen so far.
    if (points[i].growth > best) {
      out.push(i);
      best = points[i].growth;
    }
  }
  return out;
}
