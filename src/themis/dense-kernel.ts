/**
 * The dense linear algebra kernel of the joint Kelly solver: a matrix workspace plus the
 * Cholesky factorisation and triangular solves of dense-cholesky.ts, run in WebAssembly with
 * 128-bit SIMD (wasm/dense-kernel.wat) where the runtime supports it, else in TypeScript; the
 * WebAssembly kernel also assembles the Schur system of each Newton step (joint-kelly-schur.ts
 * keeps the TypeScript assembly as the reference). Both compute every sum in the same order, so
 * their results are bit-identical (tested).
 * Layer: themis (imports only Themis files). Units: none (plain matrix arithmetic). Holds its
 * workspace in module state (the solver is synchronous and not re-entrant).
 */
import { cholesky, cholSolve, cholSolve2, transposeFactor } from './dense-cholesky.ts';
import type { SchurSystem } from './joint-kelly-schur.ts';
import { WASM_BASE64 } from './wasm/dense-kernel-bytes.ts';

/**
 * A dense kernel. `matrix(n)` hands out the n x n row-major workspace the other calls work on;
 * the view stays valid until the next `matrix` call.
 */
export interface DenseKernel {
  readonly kind: 'wasm' | 'js';
  /** The n x n workspace (contents unspecified). */
  matrix(n: number): Float64Array;
  /** Cholesky of the workspace (see dense-cholesky.ts cholesky), then the factor's transpose copy on success. */
  factor(n: number, diag: Float64Array, ridge: number, maxDiag: number): boolean;
  /** Solves L L' y = rhs with the factor in the workspace. */
  solve(n: number, rhs: Float64Array, y: Float64Array): void;
  /** solve for two right-hand sides at once. */
  solve2(n: number, rhs1: Float64Array, y1: Float64Array, rhs2: Float64Array, y2: Float64Array): void;
  /**
   * The assembly of joint-kelly-schur.ts buildAndFactor in the kernel (absent: TypeScript does
   * it): fills st's Dg, eOff, eCol/eVal, bT and diag, and the workspace with the upper triangle
   * of Z + rho b b' (size st.nTb), exactly as the TypeScript assembly would.
   */
  readonly assembleSchur?: (st: SchurSystem, cashFree: boolean) => { sigma: number; rho: number; maxDiag: number };
}

/** The TypeScript kernel: the workspace is a growing Float64Array. */
function jsKernel(): DenseKernel {
  let buf = new Float64Array(0);
  let Z = buf;
  return {
    kind: 'js',
    matrix(n) {
      if (buf.length < n * n) buf = new Float64Array(Math.max(n * n, 2 * buf.length));
      Z = buf.subarray(0, n * n);
      return Z;
    },
    factor(n, diag, ridge, maxDiag) {
      if (!cholesky(Z, n, diag, ridge, maxDiag)) return false;
      transposeFactor(Z, n);
      return true;
    },
    solve(n, rhs, y) {
      cholSolve(Z, n, rhs, y);
    },
    solve2(n, rhs1, y1, rhs2, y2) {
      cholSolve2(Z, n, rhs1, y1, rhs2, y2);
    },
  };
}

/** The part of the WebAssembly JavaScript API used here (the ES2022 library types lack it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}
const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface KernelExports {
  memory: WasmMemory;
  cholesky(z: number, n: number, diag: number, ridge: number, maxDiag: number): number;
  transposeFactor(z: number, n: number): void;
  cholSolve(z: number, n: number, rhs: number, y: number): void;
  cholSolve2(z: number, n: number, rhs: number, y: number): void;
  assemble(...args: number[]): void;
}

const PAGE = 65_536;

/** The first n entries of `a`: `a` itself when it has exactly n (no view made). */
function head<T extends Float64Array | Int32Array>(a: T, n: number): T {
  return a.length === n ? a : (a.subarray(0, n) as T);
}

/** `bytes` rounded up to a multiple of 16. */
function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}

/**
 * The WebAssembly kernel. Memory: the dense region (Z, n^2 doubles; the diagonal, n; the
 * right-hand sides, 2n, interleaved for solve2; the solutions, 2n) at 0 for `matrix`, or after
 * the Schur system's inputs and outputs for `assembleSchur`.
 */
function wasmKernel(api: WasmApi, bytes: Uint8Array): DenseKernel {
  const instance = new api.Instance(new api.Module(bytes), {});
  const x = instance.exports as unknown as KernelExports;
  const memory = x.memory;
  let f64 = new Float64Array(memory.buffer);
  let i32 = new Int32Array(memory.buffer);
  let Z = new Float64Array(0);
  /** The SchurSystem whose problem arrays are in memory (null after `matrix` overwrote them). */
  let copiedFor: SchurSystem | null = null;
  // Double offsets of the dense region.
  let zOff = 0;
  let dOff = 0;
  let rOff = 0;
  let yOff = 0;
  /** Memory of at least `bytes`, and the dense region of size n from byte `base` (16-aligned). */
  const layout = (base: number, n: number): void => {
    const bytes = base + (n * n + 5 * n) * 8;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    if (f64.buffer !== memory.buffer) {
      f64 = new Float64Array(memory.buffer);
      i32 = new Int32Array(memory.buffer);
    }
    zOff = base / 8;
    dOff = zOff + n * n;
    rOff = dOff + n;
    yOff = rOff + 2 * n;
    if (Z.buffer !== memory.buffer || Z.byteOffset !== base || Z.length !== n * n) Z = f64.subarray(zOff, dOff);
  };
  return {
    kind: 'wasm',
    matrix(n) {
      copiedFor = null;
      layout(0, n);
      return Z;
    },
    factor(n, diag, ridge, maxDiag) {
      for (let a = 0; a < n; a++) f64[dOff + a] = diag[a];
      if (x.cholesky(zOff * 8, n, dOff * 8, ridge, maxDiag) === 0) return false;
      x.transposeFactor(zOff * 8, n);
      return true;
    },
    solve(n, rhs, y) {
      for (let a = 0; a < n; a++) f64[rOff + a] = rhs[a];
      x.cholSolve(zOff * 8, n, rOff * 8, yOff * 8);
      for (let a = 0; a < n; a++) y[a] = f64[yOff + a];
    },
    solve2(n, rhs1, y1, rhs2, y2) {
      for (let a = 0; a < n; a++) {
        f64[rOff + 2 * a] = rhs1[a];
        f64[rOff + 2 * a + 1] = rhs2[a];
      }
      x.cholSolve2(zOff * 8, n, rOff * 8, yOff * 8);
      for (let a = 0; a < n; a++) {
        y1[a] = f64[yOff + 2 * a];
        y2[a] = f64[yOff + 2 * a + 1];
      }
    },
    assembleSchur(st, cashFree) {
      const J = st.odds.length;
      const K = st.K;
      const nnz = st.tOff[J];
      const nS = st.nS;
      const nT = st.nTb;
      let at = 0;
      const take = (bytes: number): number => {
        const o = at;
        at += align16(bytes);
        return o;
      };
      const oOdds = take(8 * J);
      const oTOff = take(4 * (J + 1));
      const oTGr = take(4 * nnz);
      const oGOff = take(4 * (K + 1));
      const oGTk = take(4 * nnz);
      const oPos = take(4 * J);
      const oBlk = take(4 * J);
      const oU = take(8 * K);
      const oW = take(8 * K);
      const oV = take(8 * K);
      const oSidx = take(4 * nS);
      const oTidx = take(4 * nT);
      const oDg = take(8 * nS);
      const oEOff = take(4 * (nS + 1));
      const oAcc = take(8 * nT);
      const oTouched = take(4 * (nT + 1));
      const oTIdx = take(4 * J);
      const oMark = take(nT);
      const oBT = take(8 * nT);
      const oOT = take(8 * nT);
      const oDiag = take(8 * nT);
      const oOut = take(32);
      const oECol = take(4 * nS * nT);
      const oEVal = take(8 * nS * nT);
      const oGtOff = take(4 * (K + 1));
      const oGtList = take(4 * nnz);
      layout(at, nT);
      // The problem's arrays are the same for every step of one solve (one SchurSystem): copied
      // once, at the front of memory, which only `matrix` reuses.
      if (copiedFor !== st) {
        f64.set(head(st.odds, J), oOdds / 8);
        i32.set(head(st.tOff, J + 1), oTOff / 4);
        i32.set(head(st.tGr, nnz), oTGr / 4);
        i32.set(head(st.gOff, K + 1), oGOff / 4);
        i32.set(head(st.gTk, nnz), oGTk / 4);
        copiedFor = st;
      }
      i32.set(head(st.pos, J), oPos / 4);
      i32.set(head(st.blk, J), oBlk / 4);
      f64.set(head(st.u, K), oU / 8);
      f64.set(head(st.W, K), oW / 8);
      for (let i = 0; i < nS; i++) i32[oSidx / 4 + i] = st.Sidx[i];
      for (let i = 0; i < nT; i++) i32[oTidx / 4 + i] = st.Tidx[i];
      x.assemble(K, nS, nT, cashFree ? 1 : 0, oOdds, oTOff, oTGr, oGOff, oGTk, oPos, oBlk, oU, oW, oV, oSidx, oTidx, oDg, oEOff, oECol, oEVal, oAcc, oTouched, oMark, oBT, oOT, oDiag, zOff * 8, oOut, J, oTIdx, oGtOff, oGtList);
      const ne = i32[oOut / 4 + 6];
      if (st.eCol.length < ne) {
        st.eCol = new Int32Array(Math.max(ne, 2 * st.eCol.length));
        st.eVal = new Float64Array(st.eCol.length);
      }
      // Back: D, E, b and the diagonal (v stays in the kernel: only the assembly reads it). The
      // short ones element by element, E in bulk.
      for (let i = 0; i < nS; i++) st.Dg[i] = f64[oDg / 8 + i];
      for (let i = 0; i <= nS; i++) st.eOff[i] = i32[oEOff / 4 + i];
      st.eCol.set(i32.subarray(oECol / 4, oECol / 4 + ne));
      st.eVal.set(f64.subarray(oEVal / 8, oEVal / 8 + ne));
      for (let i = 0; i < nT; i++) st.bT[i] = f64[oBT / 8 + i];
      for (let i = 0; i < nT; i++) st.diag[i] = f64[oDiag / 8 + i];
      return { sigma: f64[oOut / 8], rho: f64[oOut / 8 + 1], maxDiag: f64[oOut / 8 + 2] };
    },
  };
}

/** The compiled kernel module's bytes. */
export function denseKernelBytes(): Uint8Array {
  return Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
}

let active: DenseKernel | undefined;

/** The kernel the solver uses (created on first use: WebAssembly where supported). */
export function activeDenseKernel(): DenseKernel {
  active ??= createDenseKernel();
  return active;
}

/**
 * Makes `kernel` the one the solver uses and returns the previous one (tests compare the two
 * kernels through the whole solver).
 */
export function setDenseKernel(kernel: DenseKernel): DenseKernel {
  const previous = activeDenseKernel();
  active = kernel;
  return previous;
}

/**
 * A new kernel: WebAssembly when the runtime validates the SIMD module (Node 20, Deno and
 * current browsers do), else TypeScript; `kind` forces one.
 * @example createDenseKernel('js').kind // 'js'
 */
export function createDenseKernel(kind?: 'wasm' | 'js'): DenseKernel {
  if (kind === 'js') return jsKernel();
  const bytes = denseKernelBytes();
  if (wasmApi !== undefined && (kind === 'wasm' || wasmApi.validate(bytes))) return wasmKernel(wasmApi, bytes);
  if (kind === 'wasm') throw new Error('createDenseKernel: this runtime has no WebAssembly');
  return jsKernel();
}
