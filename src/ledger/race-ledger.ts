/**
 * The ledger of a replay, kept as parallel columns: a deposit, then for each race its stakes and
 * at once their settlements (refund or payout, one per stake), with the rules of the Ledger
 * class (ledger.ts) checked on every entry: amounts are safe integers with the sign of their kind,
 * a stake is a positive multiple of 100 and at most the bankroll, a (race, ticket) is staked once
 * and settled once by the entry written with it, a refund returns exactly the stake. The entries
 * come out as the Ledger's (same fields, seq, order and frozen objects), built once at the end
 * instead of one object, map key and set entry per entry on the way. A race's ticket ids are kept
 * once (its stakes and settlements name the same tickets, in the same order), in one array per
 * race. Layer: ledger; in-memory state. Units: integer currency units (yen), signed as in ledger.ts.
 */
import { LedgerError } from './errors.ts';
import type { EntryKind, LedgerEntry } from './ledger.ts';
import { addYen, assertStakeYen, assertYen, STAKE_UNIT_YEN } from './yen.ts';

/** Kind codes of the columns (index in KINDS). */
const KINDS: readonly EntryKind[] = ['deposit', 'withdrawal', 'stake', 'refund', 'payout'];
const DEPOSIT = 0;
const STAKE = 2;
const REFUND = 3;
const PAYOUT = 4;
const NO_IDS: string[] = [];

/**
 * An append-only replay ledger.
 * @example
 * const l = new RaceLedger();
 * l.deposit(10_000);
 * l.race('R1', '2024-01-06T10:00', ['win:3'], ['win:3'], [300], [false], [1_290], 1);
 * l.bankrollYen() // 10990
 */
export class RaceLedger {
  private total = 0;
  /** Entries written; the columns below have room for more (doubled when full). */
  private n = 0;
  private kind: Uint8Array;
  private amount: Float64Array;
  /** Index into raceIds / ats / tickets of each entry (-1: a deposit without race). */
  private raceOf: Int32Array;
  private readonly raceIds: string[] = [];
  private readonly ats: (string | undefined)[] = [];
  /** Ticket ids of each race, in order: those of its stakes, and of its settlements after them. */
  private readonly tickets: string[][] = [];
  private readonly depositAt: (string | undefined)[] = [];
  private readonly racesSeen = new Set<string>();

  /**
   * An empty ledger.
   * @param capacityHint - entries to make room for at once (typed columns: pages never written
   *   cost nothing); more are made as needed
   */
  constructor(capacityHint = 1024) {
    const cap = Math.max(16, Math.min(capacityHint, 1 << 26));
    this.kind = new Uint8Array(cap);
    this.amount = new Float64Array(cap);
    this.raceOf = new Int32Array(cap);
  }

  /** The bankroll: the exact sum of every entry. */
  bankrollYen(): number {
    return this.total;
  }

  /** Number of entries written. */
  get length(): number {
    return this.n;
  }

  /** The amount of every entry, in order (a copy; signed as the entries' amountYen). */
  amountsYen(): Float64Array {
    return this.amount.slice(0, this.n);
  }

  /** Makes room for `more` entries. */
  private reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.kind.length) return;
    const cap = Math.max(need, 2 * this.kind.length);
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    this.kind = kind;
    const amount = new Float64Array(cap);
    amount.set(this.amount);
    this.amount = amount;
    const raceOf = new Int32Array(cap);
    raceOf.set(this.raceOf);
    this.raceOf = raceOf;
  }

  private put(kind: number, amount: number, raceOf: number): void {
    const i = this.n++;
    this.kind[i] = kind;
    this.amount[i] = amount;
    this.raceOf[i] = raceOf;
  }

  /**
   * Adds money to the bankroll.
   * @throws LedgerError LEDGER_BAD_AMOUNT, LEDGER_BAD_ENTRY unless amountYen > 0, LEDGER_OVERFLOW
   */
  deposit(amountYen: number, at?: string): void {
    const amount = assertYen(amountYen, 'amountYen');
    if (!(amount > 0)) throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: a deposit entry must be positive, got ${amount}`, { field: 'amountYen', value: amount });
    this.total = addYen(this.total, amount);
    this.reserve(1);
    this.put(DEPOSIT, amount, -1);
    this.depositAt.push(at);
  }

  /**
   * Writes the stakes of one race (each at most the bankroll left), then one settlement per
   * stake in the same order: a refund of exactly the stake when `refund[k]`, else a payout
   * (0 for a losing ticket).
   * @param raceId - the race (staked once per replay)
   * @param at - timestamp of every entry
   * @param stakeIds - ticket id of each stake (as bought)
   * @param settledIds - ticket id of each settlement (canonical, as settled); must equal stakeIds
   * @param stakes - stakes, positive multiples of 100
   * @param refund - per ticket, true for a refund
   * @param back - money returned per ticket (the stake for a refund)
   * @param count - tickets
   * @throws LedgerError LEDGER_BAD_STAKE, LEDGER_INSUFFICIENT_BANKROLL, LEDGER_BAD_ENTRY (a race or
   *   ticket staked twice, a settlement of another ticket, a refund other than the stake, a
   *   negative payout), LEDGER_BAD_AMOUNT, LEDGER_OVERFLOW; nothing is written when one is thrown
   */
  race(
    raceId: string,
    at: string | undefined,
    stakeIds: readonly string[],
    settledIds: readonly string[],
    stakes: ArrayLike<number>,
    refund: ArrayLike<boolean>,
    back: ArrayLike<number>,
    count: number,
  ): void {
    let bank = this.total;
    const seen = this.racesSeen.has(raceId);
    const again = firstRepeat(stakeIds, count);
    for (let k = 0; k < count; k++) {
      const s = stakes[k];
      if (!(Number.isSafeInteger(s) && s > 0 && s % STAKE_UNIT_YEN === 0)) assertStakeYen(s, { raceId, ticketId: stakeIds[k] }); // throws
      if (seen || k === again) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: race ${raceId}: ticket ${stakeIds[k]} is already staked`, { raceId, ticketId: stakeIds[k] });
      }
      if (bank - s < 0) {
        throw new LedgerError('LEDGER_INSUFFICIENT_BANKROLL', `Ledger: a stake of ${s} exceeds the bankroll of ${bank}`, { raceId, ticketId: stakeIds[k], field: 'amountYen', value: -s });
      }
      bank -= s;
    }
    for (let k = 0; k < count; k++) {
      if (settledIds[k] !== stakeIds[k]) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger.recordSettlement: race ${raceId}: ticket ${settledIds[k]} has no open stake, the settlement says ${stakes[k]}`, {
          raceId,
          ticketId: settledIds[k],
        });
      }
      const v = back[k];
      if (!Number.isSafeInteger(v)) assertYen(v, 'amountYen', { raceId, ticketId: stakeIds[k] }); // throws
      if (refund[k] ? v !== stakes[k] : v < 0) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: race ${raceId}: ${refund[k] ? `refund ${v} of ticket ${stakeIds[k]} differs from its stake ${stakes[k]}` : `a payout entry must be zero or positive, got ${v}`}`, {
          raceId,
          ticketId: stakeIds[k],
          field: 'amountYen',
          value: v,
        });
      }
      if (!Number.isSafeInteger(bank + v)) addYen(bank, v, { raceId, ticketId: stakeIds[k] }); // throws
      bank += v;
    }
    const ref = this.raceIds.length;
    const ids: string[] = new Array<string>(count);
    for (let k = 0; k < count; k++) ids[k] = stakeIds[k]; // === settledIds[k], checked above
    this.raceIds.push(raceId);
    this.ats.push(at);
    this.tickets.push(ids);
    this.racesSeen.add(raceId);
    this.reserve(2 * count);
    for (let k = 0; k < count; k++) this.put(STAKE, -stakes[k], ref);
    for (let k = 0; k < count; k++) this.put(refund[k] ? REFUND : PAYOUT, back[k], ref);
    this.total = bank;
  }

  /**
   * The entries, in order, as the Ledger class stores them (frozen objects, seq from 1).
   * Cost O(entries).
   */
  entries(): LedgerEntry[] {
    const n = this.n;
    const out: LedgerEntry[] = new Array<LedgerEntry>(n);
    let deposits = 0;
    // The race of the entries being read, where its entries start and its ticket ids.
    let race = -1;
    let first = 0;
    let ids: string[] = NO_IDS;
    for (let i = 0; i < n; i++) {
      const ref = this.raceOf[i];
      const amount = this.amount[i];
      const stored: { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] } = { seq: i + 1, kind: KINDS[this.kind[i]], amountYen: amount === 0 ? 0 : amount, raceId: ref < 0 ? null : this.raceIds[ref] };
      let at: string | undefined;
      if (ref < 0) at = this.depositAt[deposits++];
      else {
        if (ref !== race) {
          race = ref;
          first = i;
          ids = this.tickets[ref];
        }
        let k = i - first;
        if (k >= ids.length) k -= ids.length; // a settlement: the ticket of the k-th stake
        const ticketId = ids[k];
        if (ticketId !== undefined) stored.ticketId = ticketId;
        at = this.ats[ref];
      }
      if (at !== undefined) stored.at = at;
      out[i] = Object.freeze(stored);
    }
    return out;
  }
}

/**
 * The first position of `ids[0..count)` holding an id seen before it, or -1: a scan for up to a
 * few dozen ids (cheaper than hashing them: a race of the eight bet types has about forty), a set
 * for more.
 */
function firstRepeat(ids: readonly string[], count: number): number {
  if (count <= 64) {
    for (let k = 1; k < count; k++) if (ids.indexOf(ids[k]) < k) return k;
    return -1;
  }
  const set = new Set<string>();
  for (let k = 0; k < count; k++) {
    if (set.has(ids[k])) return k;
    set.add(ids[k]);
  }
  return -1;
}
