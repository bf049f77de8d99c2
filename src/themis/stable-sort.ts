/**
 * Stable sort of indices by a key, largest key first, on typed arrays: the order that
 * `Array.prototype.sort` gives with the comparator `(x, y) => key[y] - key[x]` (stable, so equal
 * keys keep their order), without a comparator call per comparison or any allocation. The
 * joint Kelly solver orders the tickets it adds to its free set this way, and sizing hands out
 * the units left over by a stake cap to the largest remainders. Layer: themis (imports
 * nothing). Pure (sorts `idx` in place; `tmp` is work space).
 */

/** Length of the runs sorted by insertion before the merges. */
const RUN = 16;

/**
 * Sorts idx[0..n) by key[idx[i]], largest first, stably. Keys must be finite or infinite, not NaN.
 * @param idx - the indices to sort (in place)
 * @param n - how many
 * @param key - the key of each index
 * @param tmp - work space of at least n entries
 * @example const idx = Int32Array.of(0, 1, 2); sortByKeyDescending(idx, 3, Float64Array.of(1, 3, 3), new Int32Array(3)); idx // [1, 2, 0]
 */
export function sortByKeyDescending(idx: Int32Array, n: number, key: Float64Array, tmp: Int32Array): void {
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = idx[i];
      const kv = key[v];
      let j = i - 1;
      while (j >= lo && key[idx[j]] < kv) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = v;
    }
  }
  let src = idx;
  let dst = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let o = lo;
      // The right run's element goes first only when its key is strictly larger: stable.
      while (a < mid && b < hi) dst[o++] = key[src[b]] > key[src[a]] ? src[b++] : src[a++];
      while (a < mid) dst[o++] = src[a++];
      while (b < hi) dst[o++] = src[b++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== idx) idx.set(src.subarray(0, n));
}
