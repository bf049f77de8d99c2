/**
 * The rejected candidates of a replay kept compactly: per rejection the race's index, the
 * ticket's canonical key (Themis ticketKey; a string id only for a ticket without one) and the
 * reason's code, in typed arrays grown by doubling. The text columns (race id, ticket id,
 * reason) are built once, when first read: an eight-bet-type replay rejects thousands of
 * tickets a race. Layer: sim (imports themis). Pure.
 */
import { REJECT_REASONS, ticketKey, ticketKeyId, type RejectReason } from '../../themis/index.ts';
import type { RejectionColumns } from './backtest-types.ts';


/** Rejections appended race after race, read back as RejectionColumns. */
export class RejectionLog {
  private race: Int32Array;
  private key: Int32Array;
  private reason: Uint8Array;
  private readonly ids: string[] = [];
  /** Reason texts by code - 1: Themis's REJECT_REASONS (the codes of decideColumns), then any other met. */
  private readonly reasons: string[] = [...REJECT_REASONS];
  private readonly reasonCode = new Map<string, number>(REJECT_REASONS.map((r, i) => [r, i + 1]));
  private n = 0;

  /** A log with room for `capacity` rejections before it grows. */
  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.race = new Int32Array(c);
    this.key = new Int32Array(c);
    this.reason = new Uint8Array(c);
  }

  /** Rejections so far. */
  get count(): number {
    return this.n;
  }

  private room(extra: number): void {
    const need = this.n + extra;
    if (need <= this.race.length) return;
    const c = Math.max(need, 2 * this.race.length);
    const race = new Int32Array(c);
    race.set(this.race.subarray(0, this.n));
    this.race = race;
    const key = new Int32Array(c);
    key.set(this.key.subarray(0, this.n));
    this.key = key;
    const reason = new Uint8Array(c);
    reason.set(this.reason.subarray(0, this.n));
    this.reason = reason;
  }

  /**
   * Every ticket of a columnar decision with a reason code (0: bought, skipped).
   * @param race - the race's index in the dataset
   * @param keys - canonical ticket keys, per ticket
   * @param reasons - 0 or 1 + index in REJECT_REASONS, per ticket
   * @param count - tickets
   */
  addCodes(race: number, keys: Int32Array, reasons: Uint8Array, count: number): void {
    this.room(count);
    const raceOf = this.race;
    const key = this.key;
    const reason = this.reason;
    let at = this.n;
    for (let i = 0; i < count; i++) {
      const c = reasons[i];
      if (c === 0) continue;
      raceOf[at] = race;
      key[at] = keys[i];
      reason[at] = c;
      at++;
    }
    this.n = at;
  }

  /** One rejection of a win ticket on saddle number `runner`. */
  addWin(race: number, runner: number, id: string, reason: RejectReason): void {
    if (Number.isInteger(runner) && runner >= 1 && runner <= 99) this.addKey(race, ticketKey(0, runner, 0, 0), reason);
    else this.addId(race, id, reason);
  }

  /** One rejection by ticket id. */
  addId(race: number, id: string, reason: string): void {
    this.ids.push(id);
    this.addKey(race, -this.ids.length, reason);
  }

  private addKey(race: number, key: number, reason: string): void {
    let code = this.reasonCode.get(reason);
    if (code === undefined) {
      if (this.reasons.length >= 255) throw new Error(`RejectionLog: more than 255 reasons (${reason})`);
      this.reasons.push(reason);
      code = this.reasons.length;
      this.reasonCode.set(reason, code);
    }
    this.room(1);
    const at = this.n++;
    this.race[at] = race;
    this.key[at] = key;
    this.reason[at] = code;
  }

  /**
   * The columns (race id, ticket id, reason), built on first read of any of them.
   * @param raceIds - race ids of the dataset, by race index
   */
  columns(raceIds: readonly string[]): RejectionColumns {
    let built: RejectionColumns | null = null;
    const build = (): RejectionColumns => {
      if (built !== null) return built;
      const n = this.n;
      const raceId: string[] = new Array(n);
      const ticketId: string[] = new Array(n);
      const reason: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        raceId[i] = raceIds[this.race[i]];
        const k = this.key[i];
        ticketId[i] = k >= 0 ? ticketKeyId(k) : this.ids[-k - 1];
        reason[i] = this.reasons[this.reason[i] - 1];
      }
      built = { raceId, ticketId, reason };
      return built;
    };
    const out = {} as RejectionColumns;
    for (const field of ['raceId', 'ticketId', 'reason'] as const) {
      Object.defineProperty(out, field, {
        enumerable: true,
        get: () => build()[field],
        set: (v: string[]) => {
          build()[field] = v;
        },
      });
    }
    return out;
  }
}
