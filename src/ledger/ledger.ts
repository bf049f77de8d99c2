/**
 * The bankroll ledger: an append-only list of money entries (deposits, withdrawals, stakes,
 * refunds, payouts) whose exact integer sum is the bankroll. Layer: ledger; pure in-memory state
 * (the live store persists `snapshot()` and rebuilds with `Ledger.fromEntries`, the backtester
 * keeps it in memory). Units: integer currency units (yen); amounts are signed: deposits,
 * refunds and payouts positive, withdrawals and stakes negative.
 *
 * Rules, checked on every append and on every rebuild:
 * - amounts are safe integers with the sign of their kind, never 0 except a payout: a losing
 *   ticket is closed by a payout entry of 0, so every stake is settled by exactly one entry and a
 *   rebuilt ledger knows which tickets are still open;
 * - a stake needs a race and a ticket, is a multiple of 100, at most the current bankroll, and
 *   is written once per (race, ticket);
 * - a refund or payout needs an earlier stake of the same (race, ticket), settles it once, and a
 *   refund returns exactly that stake;
 * - a withdrawal is at most the current bankroll;
 * so the bankroll, the running sum of the entries, never goes negative.
 */
import { LedgerError, type LedgerErrorContext } from './errors.ts';
import type { SettledRace } from './settle.ts';
import { addYen, assertStakeYen, assertYen } from './yen.ts';

/** Kinds of entries. */
export type EntryKind = 'deposit' | 'withdrawal' | 'stake' | 'refund' | 'payout';

export const ENTRY_KINDS: readonly EntryKind[] = ['deposit', 'withdrawal', 'stake', 'refund', 'payout'];

/** One ledger entry. `seq` counts from 1; `at` is a caller-supplied timestamp (ISO text). */
export interface LedgerEntry {
  readonly seq: number;
  readonly kind: EntryKind;
  readonly amountYen: number;
  readonly raceId: string | null;
  readonly ticketId?: string;
  readonly at?: string;
}

/** An entry to append (the ledger assigns `seq`). */
export type NewEntry = Omit<LedgerEntry, 'seq'>;

/** What the live store and the backtester persist: the entries and their sum. */
export interface LedgerSnapshot {
  readonly entries: LedgerEntry[];
  readonly bankrollYen: number;
}

const SIGN: Readonly<Record<EntryKind, 1 | -1>> = { deposit: 1, withdrawal: -1, stake: -1, refund: 1, payout: 1 };

/**
 * An append-only in-memory ledger.
 * @example
 * const l = new Ledger();
 * l.deposit(10_000);
 * l.stake('R1', 'win:3', 300);
 * l.payout('R1', 'win:3', 1_290);
 * l.bankrollYen() // 10990
 */
export class Ledger {
  private readonly list: LedgerEntry[] = [];
  private total = 0;
  /** Stake of each open (race, ticket); settled ones move to `settled`. */
  private readonly open = new Map<string, number>();
  private readonly settled = new Set<string>();

  /**
   * Rebuilds a ledger from stored entries, checking every rule again (seq must run 1, 2, ...).
   * @throws LedgerError LEDGER_BAD_ENTRY, LEDGER_BAD_AMOUNT, LEDGER_INSUFFICIENT_BANKROLL ...
   * @example Ledger.fromEntries(old.entries()).bankrollYen() === old.bankrollYen() // true
   */
  static fromEntries(entries: readonly LedgerEntry[]): Ledger {
    const l = new Ledger();
    entries.forEach((e, i) => {
      if (e.seq !== i + 1) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger.fromEntries: entry ${i + 1} has seq ${String(e.seq)}`, { field: 'seq', value: e.seq });
      }
      const { seq: _seq, ...rest } = e;
      l.append(rest);
    });
    return l;
  }

  /**
   * Rebuilds a ledger from a snapshot and checks its stored bankroll against the entries' sum.
   * @throws LedgerError LEDGER_BAD_SNAPSHOT when they differ, and as fromEntries
   */
  static fromSnapshot(s: LedgerSnapshot): Ledger {
    const l = Ledger.fromEntries(s.entries);
    if (l.bankrollYen() !== s.bankrollYen) {
      throw new LedgerError(
        'LEDGER_BAD_SNAPSHOT',
        `Ledger.fromSnapshot: entries sum to ${l.bankrollYen()} but the snapshot says ${String(s.bankrollYen)}`,
        { field: 'bankrollYen', value: s.bankrollYen },
      );
    }
    return l;
  }

  /** The bankroll: the exact sum of every entry. */
  bankrollYen(): number {
    return this.total;
  }

  /** The entries so far, in order (a new array of frozen entries: the ledger cannot be changed through it). */
  entries(): LedgerEntry[] {
    return [...this.list];
  }

  /** Entries and bankroll, for persistence. */
  snapshot(): LedgerSnapshot {
    return { entries: this.entries(), bankrollYen: this.total };
  }

  /** Stakes written and not yet settled, as `raceId\tticketId` keys with their stakes. */
  openStakes(): Map<string, number> {
    return new Map(this.open);
  }

  /**
   * Appends one entry after checking the rules of the header.
   * @returns the entry as stored (with its seq), frozen
   * @throws LedgerError LEDGER_BAD_ENTRY (kind, sign, missing race or ticket, settling twice or
   *   without a stake, refund not equal to the stake), LEDGER_BAD_AMOUNT, LEDGER_BAD_STAKE,
   *   LEDGER_INSUFFICIENT_BANKROLL, LEDGER_OVERFLOW
   */
  append(input: NewEntry): LedgerEntry {
    const seq = this.list.length + 1;
    const kind = input.kind;
    if (!ENTRY_KINDS.includes(kind)) {
      throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: entry ${seq} has unknown kind '${String(kind)}'`, { field: 'kind', value: kind });
    }
    const raceId = input.raceId ?? null;
    const ctx: LedgerErrorContext = {};
    if (raceId !== null) ctx.raceId = raceId;
    if (input.ticketId !== undefined) ctx.ticketId = input.ticketId;
    const amount = assertYen(input.amountYen, 'amountYen', ctx);
    const zeroOk = kind === 'payout' && amount === 0;
    if (!zeroOk && (amount === 0 || Math.sign(amount) !== SIGN[kind])) {
      const want = kind === 'payout' ? 'zero or positive' : SIGN[kind] > 0 ? 'positive' : 'negative';
      throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: a ${kind} entry must be ${want}, got ${amount}`, {
        ...ctx,
        field: 'amountYen',
        value: amount,
      });
    }
    const next = addYen(this.total, amount, ctx);
    let key: string | undefined;
    if (kind === 'stake' || kind === 'refund' || kind === 'payout') {
      if (raceId === null || typeof input.ticketId !== 'string' || input.ticketId === '') {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: a ${kind} entry needs a raceId and a ticketId`, { ...ctx, field: 'ticketId', value: input.ticketId });
      }
      key = `${raceId}\t${input.ticketId}`;
    }
    if (kind === 'stake' && key !== undefined) {
      assertStakeYen(-amount, ctx);
      if (this.open.has(key) || this.settled.has(key)) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: race ${raceId}: ticket ${input.ticketId} is already staked`, ctx);
      }
    }
    if ((kind === 'refund' || kind === 'payout') && key !== undefined) {
      const staked = this.open.get(key);
      if (staked === undefined) {
        throw new LedgerError(
          'LEDGER_BAD_ENTRY',
          `Ledger: race ${raceId}: ${kind} for ticket ${input.ticketId} without an open stake${this.settled.has(key) ? ' (already settled)' : ''}`,
          ctx,
        );
      }
      if (kind === 'refund' && amount !== staked) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: race ${raceId}: refund ${amount} of ticket ${input.ticketId} differs from its stake ${staked}`, {
          ...ctx,
          field: 'amountYen',
          value: amount,
        });
      }
    }
    if (next < 0) {
      throw new LedgerError(
        'LEDGER_INSUFFICIENT_BANKROLL',
        `Ledger: a ${kind} of ${-amount} exceeds the bankroll of ${this.total}`,
        { ...ctx, field: 'amountYen', value: amount },
      );
    }
    const stored: { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] } = { seq, kind, amountYen: amount === 0 ? 0 : amount, raceId }; // never -0
    if (input.ticketId !== undefined) stored.ticketId = input.ticketId;
    if (input.at !== undefined) stored.at = input.at;
    const entry: LedgerEntry = Object.freeze(stored);
    this.list.push(entry);
    this.total = next;
    if (key !== undefined) {
      if (kind === 'stake') this.open.set(key, -amount);
      else {
        this.open.delete(key);
        this.settled.add(key);
      }
    }
    return entry;
  }

  /** Adds money to the bankroll. @throws LedgerError LEDGER_BAD_ENTRY unless amountYen > 0 */
  deposit(amountYen: number, at?: string): LedgerEntry {
    return this.append({ kind: 'deposit', amountYen, raceId: null, ...(at === undefined ? {} : { at }) });
  }

  /** Takes money out. @throws LedgerError LEDGER_INSUFFICIENT_BANKROLL above the bankroll */
  withdraw(amountYen: number, at?: string): LedgerEntry {
    return this.append({ kind: 'withdrawal', amountYen: -amountYen, raceId: null, ...(at === undefined ? {} : { at }) });
  }

  /**
   * Records a stake (given positive, stored negative).
   * @throws LedgerError LEDGER_BAD_STAKE, LEDGER_INSUFFICIENT_BANKROLL, LEDGER_BAD_ENTRY
   * @example ledger.stake('R1', 'win:3', 300).amountYen // -300
   */
  stake(raceId: string, ticketId: string, stakeYen: number, at?: string): LedgerEntry {
    assertStakeYen(stakeYen, { raceId, ticketId });
    return this.append({ kind: 'stake', amountYen: -stakeYen, raceId, ticketId, ...(at === undefined ? {} : { at }) });
  }

  /** Records a refund of a ticket's stake. @throws LedgerError LEDGER_BAD_ENTRY */
  refund(raceId: string, ticketId: string, amountYen: number, at?: string): LedgerEntry {
    return this.append({ kind: 'refund', amountYen, raceId, ticketId, ...(at === undefined ? {} : { at }) });
  }

  /** Records a payout of a ticket (0 closes a losing ticket). @throws LedgerError LEDGER_BAD_ENTRY */
  payout(raceId: string, ticketId: string, amountYen: number, at?: string): LedgerEntry {
    return this.append({ kind: 'payout', amountYen, raceId, ticketId, ...(at === undefined ? {} : { at }) });
  }

  /**
   * Writes the refunds and payouts of a settled race (stakes must already be written): one entry
   * per bet, a payout of 0 for a losing ticket.
   * @returns the entries written
   * @throws LedgerError LEDGER_BAD_ENTRY for a bet without an open stake or with a different stake
   */
  recordSettlement(race: SettledRace, at?: string): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (const b of race.bets) {
      const key = `${b.raceId}\t${b.ticketId}`;
      const staked = this.open.get(key);
      if (staked !== b.stakeYen) {
        throw new LedgerError(
          'LEDGER_BAD_ENTRY',
          `Ledger.recordSettlement: race ${b.raceId}: ticket ${b.ticketId} has ${staked === undefined ? 'no open stake' : `an open stake of ${staked}`}, the settlement says ${b.stakeYen}`,
          { raceId: b.raceId, ticketId: b.ticketId },
        );
      }
    }
    for (const b of race.bets) {
      if (b.kind === 'refund') out.push(this.refund(b.raceId, b.ticketId, b.payoutYen, at));
      else out.push(this.payout(b.raceId, b.ticketId, b.payoutYen, at));
    }
    return out;
  }
}
