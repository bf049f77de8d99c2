/**
 * The ledger of a replay, kept as parallel columns: a deposit, then for each race its stakes and
 * at once their settlements (refund or payout, one per stake), with the rules of the Ledger
 * class (ledger.ts) checked on every entry: amounts are safe integers with the sign of their kind,
 * a stake is a positive multiple of 100 and at most the bankroll, a (race, ticket) is staked once
 * and settled once by the entry written with it, a refund returns exactly the stake. The entries
 * come out as the Ledger's (same fields, seq, order and frozen objects), built once at the end
 * instead of one object, map key and set entry per entry on the way. Layer: ledger; in-memory
 * state. Units: integer currency units (yen), signed as in ledger.ts.
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
  private readonly kind: number[] = [];
  private readonly amount: number[] = [];
  /** Index into raceIds / ats of each entry (-1: a deposit without race). */
  private readonly raceOf: number[] = [];
  private readonly ticket: (string | undefined)[] = [];
  private readonly raceIds: string[] = [];
  private readonly ats: (string | undefined)[] = [];
  private readonly depositAt: (string | undefined)[] = [];
  private readonly racesSeen = new Set<string>();

  /** The bankroll: the exact sum of every entry. */
  bankrollYen(): number {
    return this.total;
  }

  /** Number of entries written. */
  get length(): number {
    return this.kind.length;
  }

  /**
   * Adds money to the bankroll.
   * @throws LedgerError LEDGER_BAD_AMOUNT, LEDGER_BAD_ENTRY unless amountYen > 0, LEDGER_OVERFLOW
   */
  deposit(amountYen: number, at?: string): void {
    const amount = assertYen(amountYen, 'amountYen');
    if (!(amount > 0)) throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: a deposit entry must be positive, got ${amount}`, { field: 'amountYen', value: amount });
    this.total = addYen(this.total, amount);
    this.kind.push(DEPOSIT);
    this.amount.push(amount);
    this.raceOf.push(-1);
    this.ticket.push(undefined);
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
    const ctx = (k: number) => ({ raceId, ticketId: stakeIds[k] });
    let bank = this.total;
    const seen = this.racesSeen.has(raceId);
    for (let k = 0; k < count; k++) {
      const s = stakes[k];
      if (!(Number.isSafeInteger(s) && s > 0 && s % STAKE_UNIT_YEN === 0)) assertStakeYen(s, ctx(k)); // throws
      if (seen || stakeIds.indexOf(stakeIds[k]) < k) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: race ${raceId}: ticket ${stakeIds[k]} is already staked`, ctx(k));
      }
      if (bank - s < 0) {
        throw new LedgerError('LEDGER_INSUFFICIENT_BANKROLL', `Ledger: a stake of ${s} exceeds the bankroll of ${bank}`, { ...ctx(k), field: 'amountYen', value: -s });
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
      if (!Number.isSafeInteger(v)) assertYen(v, 'amountYen', ctx(k)); // throws
      if (refund[k] ? v !== stakes[k] : v < 0) {
        throw new LedgerError('LEDGER_BAD_ENTRY', `Ledger: race ${raceId}: ${refund[k] ? `refund ${v} of ticket ${stakeIds[k]} differs from its stake ${stakes[k]}` : `a payout entry must be zero or positive, got ${v}`}`, {
          ...ctx(k),
          field: 'amountYen',
          value: v,
        });
      }
      if (!Number.isSafeInteger(bank + v)) addYen(bank, v, ctx(k)); // throws
      bank += v;
    }
    const ref = this.raceIds.length;
    this.raceIds.push(raceId);
    this.ats.push(at);
    this.racesSeen.add(raceId);
    for (let k = 0; k < count; k++) {
      this.kind.push(STAKE);
      this.amount.push(-stakes[k]);
      this.raceOf.push(ref);
      this.ticket.push(stakeIds[k]);
    }
    for (let k = 0; k < count; k++) {
      this.kind.push(refund[k] ? REFUND : PAYOUT);
      this.amount.push(back[k]);
      this.raceOf.push(ref);
      this.ticket.push(settledIds[k]);
    }
    this.total = bank;
  }

  /**
   * The entries, in order, as the Ledger class stores them (frozen objects, seq from 1).
   * Cost O(entries).
   */
  entries(): LedgerEntry[] {
    const n = this.kind.length;
    const out: LedgerEntry[] = new Array(n);
    let deposits = 0;
    for (let i = 0; i < n; i++) {
      const ref = this.raceOf[i];
      const amount = this.amount[i];
      const stored: { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] } = { seq: i + 1, kind: KINDS[this.kind[i]], amountYen: amount === 0 ? 0 : amount, raceId: ref < 0 ? null : this.raceIds[ref] };
      const ticketId = this.ticket[i];
      if (ticketId !== undefined) stored.ticketId = ticketId;
      const at = ref < 0 ? this.depositAt[deposits++] : this.ats[ref];
      if (at !== undefined) stored.at = at;
      out[i] = Object.freeze(stored);
    }
    return out;
  }
}
