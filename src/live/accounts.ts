/**
 * The accounts of a day: which account takes a ticket (failover order), with per-account daily
 * point limits and balances. Layer: live; pure in-memory bookkeeping. Units: integer yen, tickets.
 */
import type { AccountConfig } from './live-config.ts';

/** One account's state for the day. */
export interface AccountSlot {
  readonly id: string;
  readonly pointLimit: number;
  /** Points used today (bought, pending, unconfirmed), reserved as tickets are assigned. */
  pointsUsed: number;
  /** Balance known at the start of the run minus the stakes reserved since, or null when unknown. */
  availableYen: number | null;
  /** Refused by the venue at account level today (locked, limit, balance). */
  out: boolean;
}

/**
 * Accounts in failover order.
 * @example
 * const book = new AccountBook([{ id: 'a', pointLimitPerDay: 1, paperBalanceYen: null }], new Map(), new Map([['a', 500]]));
 * book.assign(300) // 'a'; book.assign(300) // undefined (point limit 1)
 */
export class AccountBook {
  readonly slots: AccountSlot[];

  constructor(accounts: readonly AccountConfig[], pointsUsed: ReadonlyMap<string, number>, balances: ReadonlyMap<string, number>) {
    this.slots = accounts.map((a) => ({
      id: a.id,
      pointLimit: a.pointLimitPerDay,
      pointsUsed: pointsUsed.get(a.id) ?? 0,
      availableYen: balances.has(a.id) ? (balances.get(a.id) as number) : null,
      out: false,
    }));
  }

  /** Total point limit and points used (what Themis sees as one account). */
  totals(): { pointLimit: number; pointsUsed: number } {
    return { pointLimit: this.slots.reduce((s, a) => s + a.pointLimit, 0), pointsUsed: this.slots.reduce((s, a) => s + a.pointsUsed, 0) };
  }

  /** The first account able to take a ticket of `stakeYen` (skipping `except`), reserved; undefined when none can. */
  assign(stakeYen: number, except: ReadonlySet<string> = new Set()): string | undefined {
    for (const a of this.slots) {
      if (a.out || except.has(a.id) || a.pointsUsed >= a.pointLimit) continue;
      if (a.availableYen !== null && a.availableYen < stakeYen) continue;
      a.pointsUsed++;
      if (a.availableYen !== null) a.availableYen -= stakeYen;
      return a.id;
    }
    return undefined;
  }

  /** Gives back a reservation (the ticket was not bought on that account). */
  release(id: string, stakeYen: number): void {
    const a = this.slots.find((s) => s.id === id);
    if (a === undefined) return;
    a.pointsUsed = Math.max(0, a.pointsUsed - 1);
    if (a.availableYen !== null) a.availableYen += stakeYen;
  }

  /** Sets an account's available balance from a fresh venue balance (payouts credited). */
  refreshBalance(id: string, balanceYen: number): void {
    const a = this.slots.find((s) => s.id === id);
    if (a !== undefined) a.availableYen = balanceYen;
  }

  /** True when the account was taken out for the day. */
  isOut(id: string): boolean {
    return this.slots.find((s) => s.id === id)?.out ?? false;
  }

  /** Takes an account out for the day (the venue refused it at account level). */
  markOut(id: string): void {
    const a = this.slots.find((s) => s.id === id);
    if (a !== undefined) a.out = true;
  }
}
