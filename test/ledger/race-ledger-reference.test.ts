/**
 * Property test of RaceLedger against the implementation it replaced (kept below verbatim as the
 * reference: one ticket column for every entry, grown by copying, and a scan of the race's ids
 * for a ticket staked twice): on random sequences of deposits and races (repeated races and
 * tickets, bad stakes, refunds, payouts and amounts, settlements of other tickets, overflow,
 * counts below the arrays' length, timestamps or none), both accept or refuse each call alike
 * (errors of the same class, code, message and context), and after every call hold the same
 * bankroll, length and entries (deep-equal, same keys in the same order, frozen).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/ledger/errors.ts';
import type { EntryKind, LedgerEntry } from '../../src/ledger/ledger.ts';
import { RaceLedger } from '../../src/ledger/race-ledger.ts';
import { addYen, assertStakeYen, assertYen, STAKE_UNIT_YEN } from '../../src/ledger/yen.ts';
import { describeError, outcome, type Outcome } from '../reference-outcome.ts';

// ---- The reference: RaceLedger as it was, verbatim. ----

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
class ReferenceRaceLedger {
  private total = 0;
  /** Entries written; the columns below have room for more (doubled when full). */
  private n = 0;
  private kind: Uint8Array;
  private amount: Float64Array;
  /** Index into raceIds / ats of each entry (-1: a deposit without race). */
  private raceOf: Int32Array;
  private ticket: (string | undefined)[] = new Array(1024);
  private readonly raceIds: string[] = [];
  private readonly ats: (string | undefined)[] = [];
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

  /** Makes room for `more` entries. */
  private reserve(more: number): void {
    const need = this.n + more;
    if (need > this.ticket.length) {
      const ticket: (string | undefined)[] = new Array(Math.max(need, 2 * this.ticket.length));
      for (let i = 0; i < this.n; i++) ticket[i] = this.ticket[i];
      this.ticket = ticket;
    }
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

  private put(kind: number, amount: number, raceOf: number, ticket: string | undefined): void {
    const i = this.n++;
    this.kind[i] = kind;
    this.amount[i] = amount;
    this.raceOf[i] = raceOf;
    this.ticket[i] = ticket;
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
    this.put(DEPOSIT, amount, -1, undefined);
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
    for (let k = 0; k < count; k++) {
      const s = stakes[k];
      if (!(Number.isSafeInteger(s) && s > 0 && s % STAKE_UNIT_YEN === 0)) assertStakeYen(s, { raceId, ticketId: stakeIds[k] }); // throws
      if (seen || stakeIds.indexOf(stakeIds[k]) < k) {
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
    this.raceIds.push(raceId);
    this.ats.push(at);
    this.racesSeen.add(raceId);
    this.reserve(2 * count);
    for (let k = 0; k < count; k++) this.put(STAKE, -stakes[k], ref, stakeIds[k]);
    for (let k = 0; k < count; k++) this.put(refund[k] ? REFUND : PAYOUT, back[k], ref, settledIds[k]);
    this.total = bank;
  }

  /**
   * The entries, in order, as the Ledger class stores them (frozen objects, seq from 1).
   * Cost O(entries).
   */
  entries(): LedgerEntry[] {
    const n = this.n;
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

// ---- The property. ----

function describeOutcome(o: Outcome<void>): unknown {
  return o.ok ? 'ok' : describeError(o.error);
}

interface RaceOp {
  op: 'race';
  raceId: string;
  at: string | undefined;
  stakeIds: string[];
  settledIds: string[];
  stakes: number[];
  refund: boolean[];
  back: number[];
  count: number;
}
interface DepositOp {
  op: 'deposit';
  amount: number;
  at: string | undefined;
}

const IDS = ['win:1', 'win:2', 'quinella:1-2', 'place:3', 'trifecta:3-1-2'];
const stakeArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 30 }).map((u) => u * 100) },
  { weight: 1, arbitrary: fc.constantFrom(0, -100, 150, 1.5, Number.NaN, 2 ** 53, 10 ** 9) },
);
const atArb = fc.option(fc.constantFrom('2024-01-06T10:00', '2024-01-06T11:00'), { nil: undefined });

const ticketArb = fc.record({
  id: fc.constantFrom(...IDS),
  other: fc.option(fc.constantFrom(...IDS), { freq: 10, nil: undefined }),
  stake: stakeArb,
  refund: fc.boolean(),
  back: fc.oneof(
    { weight: 3, arbitrary: fc.constant('stake' as const) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 50 }).map((u) => u * 10) },
    { weight: 1, arbitrary: fc.constantFrom(-100, 0.5, Number.NaN, 2 ** 53 - 1, 2 ** 53, -0) },
  ),
});

const raceOpArb = fc
  .record({ race: fc.integer({ min: 0, max: 6 }), at: atArb, tickets: fc.array(ticketArb, { maxLength: 6 }), short: fc.nat({ max: 2 }) })
  .map(({ race, at, tickets, short }): RaceOp => ({
    op: 'race',
    raceId: `R${race}`,
    at,
    stakeIds: tickets.map((t) => t.id),
    settledIds: tickets.map((t) => t.other ?? t.id),
    stakes: tickets.map((t) => t.stake),
    refund: tickets.map((t) => t.refund),
    back: tickets.map((t) => (t.back === 'stake' ? t.stake : t.back)),
    count: Math.max(0, tickets.length - short),
  }));

const depositOpArb = fc
  .record({ amount: fc.oneof(fc.integer({ min: 1, max: 100 }).map((x) => x * 1_000), fc.constantFrom(0, -5, 1.5, 2 ** 53 - 1)), at: atArb })
  .map(({ amount, at }): DepositOp => ({ op: 'deposit', amount, at }));

function apply(l: RaceLedger | ReferenceRaceLedger, op: RaceOp | DepositOp): Outcome<void> {
  return outcome(() => (op.op === 'deposit' ? l.deposit(op.amount, op.at) : l.race(op.raceId, op.at, op.stakeIds, op.settledIds, op.stakes, op.refund, op.back, op.count)));
}

function sameState(a: RaceLedger, b: ReferenceRaceLedger): void {
  expect(a.bankrollYen()).toBe(b.bankrollYen());
  expect(a.length).toBe(b.length);
  const ea = a.entries();
  const eb = b.entries();
  expect(ea).toEqual(eb);
  expect(ea.map((e) => Object.keys(e))).toEqual(eb.map((e) => Object.keys(e)));
  expect(ea.every((e) => Object.isFrozen(e))).toBe(true);
  expect(ea.map((e) => Object.is(e.amountYen, -0))).toEqual(eb.map((e) => Object.is(e.amountYen, -0)));
}

describe('RaceLedger against the previous implementation', () => {
  it('accepts and refuses the same calls with equal errors, and holds the same entries (random sequences)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).map((x) => x * 1_000),
        fc.array(fc.oneof({ weight: 6, arbitrary: raceOpArb }, { weight: 1, arbitrary: depositOpArb }), { maxLength: 25 }),
        (start, ops) => {
          const a = new RaceLedger(16);
          const b = new ReferenceRaceLedger(16);
          a.deposit(start, '2024-01-06T09:00');
          b.deposit(start, '2024-01-06T09:00');
          for (const op of ops) {
            const oa = apply(a, op);
            const ob = apply(b, op);
            expect(describeOutcome(oa)).toEqual(describeOutcome(ob));
            if (!oa.ok) expect(oa.error).toBeInstanceOf(LedgerError);
            sameState(a, b);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a ticket staked twice in a race after many distinct tickets were staked (the memory of ids emptied)', () => {
    const a = new RaceLedger();
    const b = new ReferenceRaceLedger();
    a.deposit(10 ** 12);
    b.deposit(10 ** 12);
    // 70 races of 1,000 distinct ids each: more ids than RaceLedger remembers between races.
    for (let r = 0; r < 70; r++) {
      const ids = Array.from({ length: 1_000 }, (_, k) => `trifecta:${r}-${k}`);
      const stakes = ids.map(() => 100);
      const flags = ids.map(() => false);
      const back = ids.map(() => 0);
      a.race(`R${r}`, undefined, ids, ids, stakes, flags, back, ids.length);
      b.race(`R${r}`, undefined, ids, ids, stakes, flags, back, ids.length);
    }
    const ids = ['trifecta:0-1', 'trifecta:69-5', 'trifecta:0-1'];
    const args = [ids, ids, [100, 100, 100], [false, false, false], [0, 0, 0], 3] as const;
    const oa = outcome(() => a.race('R70', undefined, ...args));
    const ob = outcome(() => b.race('R70', undefined, ...args));
    expect(oa.ok).toBe(false);
    expect(describeOutcome(oa)).toEqual(describeOutcome(ob));
    expect(oa.ok ? undefined : (oa.error as LedgerError).code).toBe('LEDGER_BAD_ENTRY');
    a.race('R70', undefined, ids.slice(0, 2), ids.slice(0, 2), [100, 100], [false, false], [0, 0], 2);
    b.race('R70', undefined, ids.slice(0, 2), ids.slice(0, 2), [100, 100], [false, false], [0, 0], 2);
    sameState(a, b);
  });
});
