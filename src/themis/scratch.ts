/**
 * Reusable scratch arrays for the hot numeric loops of Themis (the joint Kelly solver and its
 * outcome compression): one growable typed array per numbered slot, handed out as a view of the
 * requested length so that repeated calls allocate no large buffers (less garbage collection).
 * Layer: themis (imports nothing). The contents of a view are whatever the previous user left
 * unless it is asked for zeroed or filled. A module owning a Scratch must not let two live
 * computations share it (the solvers are synchronous and not re-entrant, so one per module is
 * enough).
 */

/** Growable typed-array slots (Float64, Int32, Uint8). */
export class Scratch {
  private readonly f64s: Float64Array[] = [];
  private readonly i32s: Int32Array[] = [];
  private readonly u8s: Uint8Array[] = [];

  /** A Float64Array view of length n in `slot` (contents unspecified). */
  f64(slot: number, n: number): Float64Array {
    let a = this.f64s[slot];
    if (a === undefined || a.length < n) {
      a = new Float64Array(Math.max(n, 2 * (a?.length ?? 0), 16));
      this.f64s[slot] = a;
    }
    return a.subarray(0, n);
  }

  /** An Int32Array view of length n in `slot` (contents unspecified). */
  i32(slot: number, n: number): Int32Array {
    let a = this.i32s[slot];
    if (a === undefined || a.length < n) {
      a = new Int32Array(Math.max(n, 2 * (a?.length ?? 0), 16));
      this.i32s[slot] = a;
    }
    return a.subarray(0, n);
  }

  /** A Uint8Array view of length n in `slot` (contents unspecified). */
  u8(slot: number, n: number): Uint8Array {
    let a = this.u8s[slot];
    if (a === undefined || a.length < n) {
      a = new Uint8Array(Math.max(n, 2 * (a?.length ?? 0), 16));
      this.u8s[slot] = a;
    }
    return a.subarray(0, n);
  }
}
