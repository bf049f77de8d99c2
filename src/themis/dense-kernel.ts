/**
 * The dense linear algebra kernel of the joint Kelly solver: a matrix workspace plus the
 * Cholesky factorisation and triangular solves of dense-cholesky.ts, run in WebAssembly with
 * 128-bit SIMD (wasm/dense-kernel.wat) where the runtime supports it, else in TypeScript. Both
 * compute every sum in the same order, so their results are bit-identical (tested).
 * Layer: themis (imports only Themis files). Units: none (plain matrix arithmetic). Holds its
 * workspace in module state (the solver is synchronous and not re-entrant).
 */
import { cholesky, cholSolve, cholSolve2, transposeFactor } from './dense-cholesky.ts';
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
}

const PAGE = 65_536;

/**
 * The WebAssembly kernel. Memory layout for a matrix of size n: Z (n^2 doubles) at 0, then the
 * diagonal (n), the right-hand sides (2n, interleaved for solve2) and the solutions (2n).
 */
function wasmKernel(api: WasmApi, bytes: Uint8Array): DenseKernel {
  const instance = new api.Instance(new api.Module(bytes), {});
  const x = instance.exports as unknown as KernelExports;
  const memory = x.memory;
  let f64 = new Float64Array(memory.buffer);
  let size = -1;
  let Z = new Float64Array(0);
  // Double offsets of the regions after Z.
  let dOff = 0;
  let rOff = 0;
  let yOff = 0;
  return {
    kind: 'wasm',
    matrix(n) {
      const doubles = n * n + 5 * n;
      if (doubles * 8 > memory.buffer.byteLength) memory.grow(Math.ceil((doubles * 8 - memory.buffer.byteLength) / PAGE));
      if (f64.buffer !== memory.buffer) f64 = new Float64Array(memory.buffer);
      if (n !== size || Z.buffer !== memory.buffer) {
        size = n;
        Z = f64.subarray(0, n * n);
        dOff = n * n;
        rOff = dOff + n;
        yOff = rOff + 2 * n;
      }
      return Z;
    },
    factor(n, diag, ridge, maxDiag) {
      f64.set(diag.subarray(0, n), dOff);
      if (x.cholesky(0, n, dOff * 8, ridge, maxDiag) === 0) return false;
      x.transposeFactor(0, n);
      return true;
    },
    solve(n, rhs, y) {
      f64.set(rhs.subarray(0, n), rOff);
      x.cholSolve(0, n, rOff * 8, yOff * 8);
      for (let a = 0; a < n; a++) y[a] = f64[yOff + a];
    },
    solve2(n, rhs1, y1, rhs2, y2) {
      for (let a = 0; a < n; a++) {
        f64[rOff + 2 * a] = rhs1[a];
        f64[rOff + 2 * a + 1] = rhs2[a];
      }
      x.cholSolve2(0, n, rOff * 8, yOff * 8);
      for (let a = 0; a < n; a++) {
        y1[a] = f64[yOff + 2 * a];
        y2[a] = f64[yOff + 2 * a + 1];
      }
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
