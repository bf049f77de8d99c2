/**
 * Buys one stored order reliably: the idempotency key was stored before the first call; every
 * call has a timeout; retries wait an exponential backoff with seeded jitter; after any call
 * whose outcome is unknown (timeout, error) the purchaser is asked for the key before buying
 * again, so a lost acknowledgement never buys twice; account-level refusals fail over to the
 * next account. The outcome is recorded (bought, failed with its reason, or unconfirmed) and a
 * final failure raises an alert. Layer: live; effects through the injected store, purchaser,
 * clock and alerts. Units: integer yen, milliseconds.
 */
import type { Alerts } from './alerts.ts';
import type { AccountBook } from './accounts.ts';
import { PurchaseRejectedError, type PurchaseAck, type Purchaser } from './adapters/purchaser.ts';
import { sleep, type Clock } from './clock.ts';
import { uniformFor } from './random.ts';
import { backoffMs, errorText, withTimeout, type BackoffPolicy } from './retry.ts';
import type { LiveStore, OrderRow } from './store/live-store.ts';

/** What a purchase needs. */
export interface PurchaseContext {
  readonly store: LiveStore;
  readonly purchaser: Purchaser;
  readonly clock: Clock;
  readonly alerts: Alerts;
  readonly accounts: AccountBook;
  readonly seed: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  /** Lookups after the last purchase call to settle an unknown outcome; default 5. */
  readonly finalLookups?: number;
}

/** Outcome of {@link purchaseOrder}. */
export type OrderOutcome = 'bought' | 'failed' | 'unconfirmed';

function bought(ctx: PurchaseContext, order: OrderRow, ack: PurchaseAck, how: string, attempts?: number): OrderOutcome {
  ctx.store.recordPurchase(ctx.clock.now(), order.key, { account: ack.account, purchaseRef: ack.purchaseRef }, how, attempts);
  return 'bought';
}

function failed(ctx: PurchaseContext, order: OrderRow, reason: string, attempts?: number): OrderOutcome {
  if (ctx.store.recordPurchaseFailed(ctx.clock.now(), order.key, reason, attempts)) {
    ctx.alerts.raise('critical', 'purchase_failed', `race ${order.raceId}: ticket ${order.ticketId} (${order.stakeYen} yen) not bought: ${reason}`, {
      raceId: order.raceId,
      data: { key: order.key },
    });
  }
  return 'failed';
}

/**
 * Buys `order` (see the header) before `deadlineMs` (sales close).
 * @param fromEarlierRun - the order was stored by an earlier run (killed): look the key up first
 * @returns bought, failed (surely not bought) or unconfirmed (a call may have bought it; the
 *   results worker keeps looking the key up)
 * @throws only when the store refuses a change (a bug or a broken audit chain)
 * @example await purchaseOrder(ctx, store.order(key), postMs - 60_000) // 'bought'
 */
export async function purchaseOrder(ctx: PurchaseContext, order: OrderRow, deadlineMs: number, fromEarlierRun = false): Promise<OrderOutcome> {
  const { clock, purchaser } = ctx;
  let account: string | undefined = order.account;
  let attempts = order.attempts;
  // A previous run may have called the purchaser (its first call is not noted): ask before buying.
  let uncertain = fromEarlierRun || order.attempts > 0 || order.status === 'unconfirmed';
  const tried = new Set<string>();
  if (account !== undefined && ctx.accounts.isOut(account)) {
    // The account refused an earlier ticket today: fail over before the first call.
    ctx.accounts.release(account, order.stakeYen);
    tried.add(account);
    account = undefined;
  }
  let lastError = 'no attempt';
  for (let round = 1; ; round++) {
    if (uncertain) {
      const r = await withTimeout<PurchaseAck | null>(clock, () => purchaser.lookup(order.key), ctx.timeoutMs);
      if (r.ok && r.value !== null) return bought(ctx, order, r.value, 'lookup', attempts);
      if (r.ok) uncertain = false;
      else lastError = r.timedOut ? 'lookup timed out' : `lookup failed: ${errorText(r.error)}`;
    }
    if (clock.now() >= deadlineMs || attempts >= ctx.maxAttempts) break;
    if (!uncertain) {
      if (account === undefined) {
        account = ctx.accounts.assign(order.stakeYen, tried);
        if (account === undefined) return failed(ctx, order, `no account can take it (${lastError})`, attempts);
      }
      attempts++;
      // The first call needs no write: its key was stored with the decision. Retries are noted.
      if (attempts > 1 || account !== order.account) ctx.store.recordAttempt(clock.now(), order.key, account, attempts);
      const req = { key: order.key, account, raceId: order.raceId, ticketId: order.ticketId, stakeYen: order.stakeYen, odds: order.odds };
      const r = await withTimeout<PurchaseAck>(clock, () => purchaser.purchase(req), ctx.timeoutMs);
      if (r.ok) return bought(ctx, order, r.value, attempts === 1 ? 'ack' : `ack after ${attempts} calls`, attempts);
      if (!r.timedOut && r.error instanceof PurchaseRejectedError) {
        lastError = `refused: ${r.error.reason}`;
        if (!r.error.accountLevel) return failed(ctx, order, lastError, attempts);
        ctx.alerts.raise('warn', 'account_refused', `account ${account} refused a ticket (${r.error.reason}); failing over`, { raceId: order.raceId });
        ctx.accounts.markOut(account);
        ctx.accounts.release(account, order.stakeYen);
        tried.add(account);
        account = undefined;
        continue;
      }
      lastError = r.timedOut ? 'purchase timed out' : `purchase failed: ${errorText(r.error)}`;
      uncertain = true;
    }
    const wait = Math.min(backoffMs(round, ctx.backoff, uniformFor(ctx.seed, 'backoff', order.key, round)), Math.max(0, deadlineMs - clock.now()));
    await sleep(clock, wait);
  }
  if (!uncertain) return failed(ctx, order, lastError, attempts);
  // The last call's outcome is unknown: look the key up a few more times, never buy again.
  const lookups = ctx.finalLookups ?? 5;
  for (let i = 1; i <= lookups; i++) {
    const r = await withTimeout<PurchaseAck | null>(clock, () => purchaser.lookup(order.key), ctx.timeoutMs);
    if (r.ok && r.value !== null) return bought(ctx, order, r.value, 'lookup after the last call', attempts);
    if (r.ok) return failed(ctx, order, `${lastError}; the venue has no purchase under the key`, attempts);
    await sleep(clock, backoffMs(i, ctx.backoff, uniformFor(ctx.seed, 'final-lookup', order.key, i)));
  }
  if (ctx.store.recordUnconfirmed(clock.now(), order.key, lastError)) {
    ctx.alerts.raise('critical', 'purchase_unconfirmed', `race ${order.raceId}: ticket ${order.ticketId}: purchase not confirmed either way (${lastError}); will keep looking it up`, {
      raceId: order.raceId,
      data: { key: order.key },
    });
  }
  return 'unconfirmed';
}

/**
 * Resolves an order in flight by lookup only (on start, and for unconfirmed orders later):
 * bought when the venue has the key; failed when it has not and sales are closed; otherwise left.
 * @returns the outcome, or 'open' when it stays in flight
 */
export async function reconcileOrder(ctx: Pick<PurchaseContext, 'store' | 'purchaser' | 'clock' | 'alerts' | 'timeoutMs'>, order: OrderRow, salesClosedMs: number): Promise<OrderOutcome | 'open'> {
  const r = await withTimeout<PurchaseAck | null>(ctx.clock, () => ctx.purchaser.lookup(order.key), ctx.timeoutMs);
  if (r.ok && r.value !== null) {
    ctx.store.recordPurchase(ctx.clock.now(), order.key, { account: r.value.account, purchaseRef: r.value.purchaseRef }, 'reconcile');
    return 'bought';
  }
  if (r.ok && ctx.clock.now() >= salesClosedMs) {
    return failed(ctx as PurchaseContext, order, 'not bought before sales closed (the venue has no purchase under the key)');
  }
  return 'open';
}
