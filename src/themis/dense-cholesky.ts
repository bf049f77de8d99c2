/**
 * Dense symmetric positive definite linear algebra of the joint Kelly Newton solver: in-place
 * Cholesky factorisation of a row-major n x n Float64Array, the factor's transpose copy and the
 * triangular solves (one or two right-hand sides): the TypeScript kernel of dense-kernel.ts and
 * the reference its WebAssembly twin (wasm/dense-kernel.wat) reproduces bit for bit.
 * Layer: themis (imports nothing). Units: none (plain matrix arithmetic). Operates in place on
 * the caller's arrays; allocates nothing.
 */

/**
 * In-place Cholesky factorisation of the symmetric n x n matrix in Z (row-major; the upper
 * triangle holds the matrix, its diagonal in `diag`) plus `ridge` on the diagonal: the factor
 * goes to the lower triangle. Returns false when a pivot is not above 1e-13 maxDiag.
 * Rows are computed in pairs, each earlier row of the factor read once for both (the hot loop of
 * the solver); every entry is the same sum in the same order as row by row (dotRest).
 */
export function cholesky(Z: Float64Array, n: number, diag: Float64Array, ridge: number, maxDiag: number): boolean {
  const floor = 1e-13 * maxDiag + 1e-300;
  let a = 0;
  for (; a + 1 < n; a += 2) {
    const ra = a * n;
    const rc = ra + n;
    for (let b = 0; b < a; b++) {
      const rb = b * n;
      let s0 = Z[rb + a];
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = Z[rb + a + 1];
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      let k = 0;
      for (; k + 3 < b; k += 4) {
        const z0 = Z[rb + k];
        const z1 = Z[rb + k + 1];
        const z2 = Z[rb + k + 2];
        const z3 = Z[rb + k + 3];
        s0 -= Z[ra + k] * z0;
        s1 -= Z[ra + k + 1] * z1;
        s2 -= Z[ra + k + 2] * z2;
        s3 -= Z[ra + k + 3] * z3;
        t0 -= Z[rc + k] * z0;
        t1 -= Z[rc + k + 1] * z1;
        t2 -= Z[rc + k + 2] * z2;
        t3 -= Z[rc + k + 3] * z3;
      }
      for (; k < b; k++) {
        const z = Z[rb + k];
        s0 -= Z[ra + k] * z;
        t0 -= Z[rc + k] * z;
      }
      const d = Z[rb + b];
      Z[ra + b] = (s0 + s1 + (s2 + s3)) / d;
      Z[rc + b] = (t0 + t1 + (t2 + t3)) / d;
    }
    // Diagonal of row a, then entry (a + 1, a), then the diagonal of row a + 1.
    const sa = dotRest(Z, ra, ra, a, diag[a] + ridge);
    if (!(sa > floor)) return false;
    const la = Math.sqrt(sa);
    Z[ra + a] = la;
    Z[rc + a] = dotRest(Z, rc, ra, a, Z[ra + a + 1]) / la;
    const sc = dotRest(Z, rc, rc, a + 1, diag[a + 1] + ridge);
    if (!(sc > floor)) return false;
    Z[rc + a + 1] = Math.sqrt(sc);
  }
  if (a < n) {
    const ra = a * n;
    for (let b = 0; b < a; b++) {
      const rb = b * n;
      Z[ra + b] = dotRest(Z, ra, rb, b, Z[rb + a]) / Z[rb + b];
    }
    const s = dotRest(Z, ra, ra, a, diag[a] + ridge);
    if (!(s > floor)) return false;
    Z[ra + a] = Math.sqrt(s);
  }
  return true;
}

/** init - sum_{k < len} Z[r1 + k] Z[r2 + k], in four partial sums by k mod 4 (rest into the first). */
function dotRest(Z: Float64Array, r1: number, r2: number, len: number, init: number): number {
  let s0 = init;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 -= Z[r1 + k] * Z[r2 + k];
    s1 -= Z[r1 + k + 1] * Z[r2 + k + 1];
    s2 -= Z[r1 + k + 2] * Z[r2 + k + 2];
    s3 -= Z[r1 + k + 3] * Z[r2 + k + 3];
  }
  for (; k < len; k++) s0 -= Z[r1 + k] * Z[r2 + k];
  return s0 + s1 + (s2 + s3);
}

/** Copies the Cholesky factor L (lower triangle of Z) to the upper triangle as L' (rows of L' contiguous for cholSolve). */
export function transposeFactor(Z: Float64Array, n: number): void {
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) Z[a * n + b] = Z[b * n + a];
}

/**
 * Solves L L' y = rhs with the Cholesky factor L in the lower triangle of the n x n matrix Z and
 * L' in its upper triangle (transposeFactor).
 */
export function cholSolve(Z: Float64Array, n: number, rhs: Float64Array, y: Float64Array): void {
  for (let a = 0; a < n; a++) {
    const ra = a * n;
    let t = rhs[a];
    for (let k = 0; k < a; k++) t -= Z[ra + k] * y[k];
    y[a] = t / Z[ra + a];
  }
  for (let a = n - 1; a >= 0; a--) {
    const ra = a * n;
    let t = y[a];
    for (let k = a + 1; k < n; k++) t -= Z[ra + k] * y[k];
    y[a] = t / Z[ra + a];
  }
}

/** cholSolve for two right-hand sides at once (each solved exactly as cholSolve would). */
export function cholSolve2(Z: Float64Array, n: number, rhs1: Float64Array, y1: Float64Array, rhs2: Float64Array, y2: Float64Array): void {
  for (let a = 0; a < n; a++) {
    const ra = a * n;
    let t1 = rhs1[a];
    let t2 = rhs2[a];
    for (let k = 0; k < a; k++) {
      const l = Z[ra + k];
      t1 -= l * y1[k];
      t2 -= l * y2[k];
    }
    const d = Z[ra + a];
    y1[a] = t1 / d;
    y2[a] = t2 / d;
  }
  for (let a = n - 1; a >= 0; a--) {
    const ra = a * n;
    let t1 = y1[a];
    let t2 = y2[a];
    for (let k = a + 1; k < n; k++) {
      const u = Z[ra + k];
      t1 -= u * y1[k];
      t2 -= u * y2[k];
    }
    const d = Z[ra + a];
    y1[a] = t1 / d;
    y2[a] = t2 / d;
  }
}
