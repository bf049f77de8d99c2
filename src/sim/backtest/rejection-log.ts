/**
 * The rejected candidates of a replay kept compactly: a race decided on ticket columns keeps its
 * reason codes as Themis returned them (no copy) and its ticket keys (Themis ticketKey) shared
 * with the earlier races that offered the same tickets in the same order (races of one field
 * size usually do: a race of 6,000 tickets keeps 6 KB of codes, not 30 KB with its keys); single
 * rejections (win-only and object decisions) go to typed arrays of race index, ticket key (a
 * string id only for a ticket without one) and reason code. The text columns
 * (race id, ticket id, reason) are built once, when first read: an eight-bet-type replay
 * rejects thousands of tickets a race. Layer: sim (imports themis). Pure.
 */
import { REJECT_REASONS, ticketKey, ticketKeyId, type RejectReason } from '../../themis/index.ts';
import type { RejectionColumns } from './backtest-types.ts';

/** The rejections of one race decided on columns: tickets with a non-zero reason code. */
interface CodeSegment {
  readonly race: number;
  readonly keys: Int32Array;
  readonly reasons: Uint8Array;
  readonly count: number;
}

/** A run of single rejections: rows start..end - 1 of the typed arrays. */
interface SingleSegment {
  readonly start: number;
  end: number;
}

/** Ticket key arrays kept once: the few recent distinct arrays of each length. */
class KeyTable {
  private readonly byLength = new Map<number, Int32Array[]>();
  /** Arrays kept per length (most recently matched first); older ones are still read, only no longer matched. */
  private static readonly PER_LENGTH = 8;

  /** An array equal to the first `count` keys: one met before, else a copy (then met from now on). */
  intern(keys: Int32Array, count: number): Int32Array {
    let seen = this.byLength.get(count);
    if (seen === undefined) {
      seen = [];
      this.byLength.set(count, seen);
    }
    for (let s = 0; s < seen.length; s++) {
      const a = seen[s];
      let i = 0;
      while (i < count && a[i] === keys[i]) i++;
      if (i < count) continue;
      if (s > 0) {
        seen.copyWithin(1, 0, s);
        seen[0] = a;
      }
      return a;
    }
    const copy = keys.slice(0, count);
    if (seen.length === KeyTable.PER_LENGTH) seen.pop();
    seen.unshift(copy);
    return copy;
  }
}

/** Rejections appended race after race, read back as RejectionColumns. */
export class RejectionLog {
  private race: Int32Array;
  private key: Int32Array;
  private reason: Uint8Array;
  private readonly ids: string[] = [];
  private n = 0;
  private readonly segments: (CodeSegment | SingleSegment)[] = [];
  private last: SingleSegment | null = null;
  /** Reason texts by code - 1: Themis's REJECT_REASONS (the codes of decideColumns), then any other met. */
  private readonly reasons: string[] = [...REJECT_REASONS];
  private readonly reasonCode = new Map<string, number>(REJECT_REASONS.map((r, i) => [r, i + 1]));
  private readonly keyTable = new KeyTable();

  /** A log with room for `capacity` single rejections before it grows. */
  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.race = new Int32Array(c);
    this.key = new Int32Array(c);
    this.reason = new Uint8Array(c);
  }

  private room(): void {
    if (this.n < this.race.length) return;
    const c = 2 * this.race.length;
    const race = new Int32Array(c);
    race.set(this.race);
    this.race = race;
    const key = new Int32Array(c);
    key.set(this.key);
    this.key = key;
    const reason = new Uint8Array(c);
    reason.set(this.reason);
    this.reason = reason;
  }

  /**
   * Every ticket of a columnar decision with a reason code (0: bought, skipped when read). The
   * reason codes are kept as they are (the caller must not change them afterwards); the keys are
   * read now (kept as an equal array met before, else as a copy), so the caller may reuse them.
   * @param race - the race's index in the dataset
   * @param keys - canonical ticket keys, per ticket (at least `count`)
   * @param reasons - 0 or 1 + index in REJECT_REASONS, per ticket
   * @param count - tickets
   */
  addCodes(race: number, keys: Int32Array, reasons: Uint8Array, count: number): void {
    this.segments.push({ race, keys: this.keyTable.intern(keys, count), reasons, count });
    this.last = null;
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
    this.room();
    const at = this.n++;
    this.race[at] = race;
    this.key[at] = key;
    this.reason[at] = code;
    if (this.last === null) {
      this.last = { start: at, end: at + 1 };
      this.segments.push(this.last);
    } else this.last.end = at + 1;
  }

  /**
   * The columns (race id, ticket id, reason), built on first read of any of them.
   * @param raceIds - race ids of the dataset, by race index
   */
  columns(raceIds: readonly string[]): RejectionColumns {
    let built: RejectionColumns | null = null;
    const build = (): RejectionColumns => {
      if (built === null) built = this.build(raceIds);
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

  private build(raceIds: readonly string[]): RejectionColumns {
    let total = 0;
    for (const s of this.segments) {
      if ('keys' in s) {
        for (let i = 0; i < s.count; i++) if (s.reasons[i] !== 0) total++;
      } else total += s.end - s.start;
    }
    const raceId: string[] = new Array(total);
    const ticketId: string[] = new Array(total);
    const reason: string[] = new Array(total);
    let at = 0;
    for (const s of this.segments) {
      if ('keys' in s) {
        const id = raceIds[s.race];
        for (let i = 0; i < s.count; i++) {
          const c = s.reasons[i];
          if (c === 0) continue;
          raceId[at] = id;
          ticketId[at] = ticketKeyId(s.keys[i]);
          reason[at] = this.reasons[c - 1];
          at++;
        }
      } else {
        for (let i = s.start; i < s.end; i++) {
          raceId[at] = raceIds[this.race[i]];
          const k = this.key[i];
          ticketId[at] = k >= 0 ? ticketKeyId(k) : this.ids[-k - 1];
          reason[at] = this.reasons[this.reason[i] - 1];
          at++;
        }
      }
    }
    return { raceId, ticketId, reason };
  }
}
