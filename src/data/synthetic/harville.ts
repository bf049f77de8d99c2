/**
 * Harville finishing-order probabilities (betting-math.md 3.4) of single combinations from win
 * probabilities: P(i, j, k) = p_i * p_j / (1 - p_i) * p_k / (1 - p_i - p_j). Used for the
 * public's stakes on the combinations of each pool. Layer: data; pure.
 * Indices are 0-based into `p`; entries of withdrawn runners must be 0.
 */

/**
 * P(i 1st, j 2nd).
 * @example harvilleExacta([0.4, 0.3, 0.2, 0.1], 0, 1) // 0.2
 */
export function harvilleExacta(p: ArrayLike<number>, i: number, j: number): number {
  return (p[i] * p[j]) / (1 - p[i]);
}

/**
 * P(i 1st, j 2nd, k 3rd).
 * @example harvilleTrifecta([0.4, 0.3, 0.2, 0.1], 0, 1, 2) // 0.1333...
 */
export function harvilleTrifecta(p: ArrayLike<number>, i: number, j: number, k: number): number {
  return ((p[i] * p[j]) / (1 - p[i])) * (p[k] / (1 - p[i] - p[j]));
}

/**
 * P(i and j are the first two, in either order).
 * @example harvilleQuinella([0.4, 0.3, 0.2, 0.1], 0, 1) // 0.371428...
 */
export function harvilleQuinella(p: ArrayLike<number>, i: number, j: number): number {
  return harvilleExacta(p, i, j) + harvilleExacta(p, j, i);
}

/**
 * P(i, j, k are the first three, in any order).
 * @example harvilleTrio([0.4, 0.3, 0.2, 0.1], 0, 1, 2) // 0.551190...
 */
export function harvilleTrio(p: ArrayLike<number>, i: number, j: number, k: number): number {
  return (
    harvilleTrifecta(p, i, j, k) +
    harvilleTrifecta(p, i, k, j) +
    harvilleTrifecta(p, j, i, k) +
    harvilleTrifecta(p, j, k, i) +
    harvilleTrifecta(p, k, i, j) +
    harvilleTrifecta(p, k, j, i)
  );
}

/**
 * P(i finishes in the first `places` (1, 2 or 3)). Cost O(n^2) for places = 3.
 * @example harvilleTopK([0.4, 0.3, 0.2, 0.1], 0, 3) // 0.922222...
 */
export function harvilleTopK(p: ArrayLike<number>, i: number, places: number): number {
  const n = p.length;
  let total = p[i];
  if (places < 2 || p[i] === 0) return places < 1 ? 0 : total;
  for (let a = 0; a < n; a++) {
    if (a === i || p[a] === 0) continue;
    total += harvilleExacta(p, a, i);
    if (places < 3) continue;
    for (let b = 0; b < n; b++) {
      if (b === i || b === a || p[b] === 0) continue;
      total += harvilleTrifecta(p, a, b, i);
    }
  }
  return total;
}

/**
 * P(i and j both finish in the first three). Cost O(n).
 * @example harvilleWide([0.4, 0.3, 0.2, 0.1], 0, 1) // 0.792460...
 */
export function harvilleWide(p: ArrayLike<number>, i: number, j: number): number {
  let total = harvilleQuinella(p, i, j);
  for (let k = 0; k < p.length; k++) {
    if (k === i || k === j || p[k] === 0) continue;
    total +=
      harvilleTrifecta(p, i, k, j) +
      harvilleTrifecta(p, j, k, i) +
      harvilleTrifecta(p, k, i, j) +
      harvilleTrifecta(p, k, j, i);
  }
  return total;
}
