/**
 * The results worker: an async loop beside the race loop that fetches official results of
 * races with bought tickets, settles them, resolves unconfirmed purchases by lookup and checks
 * the drawdown after each settlement. A late result delays only its own settlement, never the
 * next race's purchase. Layer: live; effects through the injected store, feed, purchaser, clock
 * and alerts. Units: integer yen, milliseconds; polls at whole multiples of the poll interval
 * plus half of it, so it never wakes at the same instant as a decision (whole minutes).
 */
import type { Alerts } from './alerts.ts';
import type { RaceFeed } from './adapters/feed.ts';
import type { Purchaser } from './adapters/purchaser.ts';
import { localTimeMs, sleepUntil, type Clock } from './clock.ts';
import { checkDrawdown } from './drawdown-guard.ts';
import type { LiveConfig } from './live-config.ts';
import { reconcileOrder } from './purchase-order.ts';
import { errorText, withTimeout } from './retry.ts';
import type { LiveStore } from './store/live-store.ts';
import type { RaceResult } from '../ledger/index.ts';

/** What the worker needs. */
export interface ResultsWorkerContext {
  readonly store: LiveStore;
  readonly feed: RaceFeed;
  readonly purchaser: Purchaser;
  readonly clock: Clock;
  readonly alerts: Alerts;
  readonly config: LiveConfig;
  /** Called after each race settled (the runner reports a running canary's races here). */
  readonly afterSettlement?: (raceId: string) => void;
}

/** Totals of a worker's run. */
export interface ResultsWorkerSummary {
  settledRaces: number;
  settledTickets: number;
  returnedYen: number;
  gaveUp: string[];
}

/**
 * The results worker (see the header). `start()` begins the loop; `finish(giveUpAtMs)` asks it to
 * stop once nothing is open (or at `giveUpAtMs`) and resolves with its totals.
 * @example const w = new ResultsWorker(ctx); w.start(); ...; const totals = await w.finish(lastPostMs + 3 * 3600_000);
 */
export class ResultsWorker {
  private stopAt: number | undefined;
  private loop: Promise<void> | undefined;
  private readonly summary: ResultsWorkerSummary = { settledRaces: 0, settledTickets: 0, returnedYen: 0, gaveUp: [] };
  private failure: unknown;

  constructor(private readonly ctx: ResultsWorkerContext) {}

  start(): void {
    this.loop = this.run().catch((e: unknown) => {
      this.failure = e;
      this.ctx.alerts.raise('critical', 'results_worker_failed', `the results worker stopped: ${errorText(e)}`);
    });
  }

  async finish(giveUpAtMs: number): Promise<ResultsWorkerSummary> {
    this.stopAt = giveUpAtMs;
    await this.loop;
    if (this.failure !== undefined) throw this.failure;
    return this.summary;
  }

  /** Races with bought-unsettled or unconfirmed tickets whose post time has passed. */
  private openRaces(): { raceId: string; postMs: number }[] {
    const now = this.ctx.clock.now();
    const out = new Map<string, number>();
    for (const o of [...this.ctx.store.unsettledOrders(), ...this.ctx.store.ordersInFlight().filter((x) => x.status === 'unconfirmed')]) {
      const post = localTimeMs(o.postTime);
      if (post <= now) out.set(o.raceId, post);
    }
    return [...out.entries()].map(([raceId, postMs]) => ({ raceId, postMs })).sort((a, b) => a.postMs - b.postMs || (a.raceId < b.raceId ? -1 : 1));
  }

  private anythingOpen(): boolean {
    return this.ctx.store.unsettledOrders().length > 0 || this.ctx.store.ordersInFlight().some((o) => o.status === 'unconfirmed');
  }

  private async run(): Promise<void> {
    const { clock, config } = this.ctx;
    const poll = config.resultPollSeconds * 1000;
    for (;;) {
      await this.pass();
      if (this.stopAt !== undefined && !this.anythingOpen()) return;
      if (this.stopAt !== undefined && clock.now() >= this.stopAt) {
        for (const r of this.openRaces()) {
          this.summary.gaveUp.push(r.raceId);
          this.ctx.alerts.raise('critical', 'results_missing', `race ${r.raceId}: no official result by the give-up time; its tickets stay unsettled`, { raceId: r.raceId });
        }
        return;
      }
      const now = clock.now();
      const next = Math.floor((now - poll / 2) / poll) * poll + poll + poll / 2;
      await sleepUntil(clock, next);
    }
  }

  /** One pass: resolve unconfirmed purchases, then settle every race whose result is out. */
  private async pass(): Promise<void> {
    const { store, feed, clock, config } = this.ctx;
    for (const o of store.ordersInFlight().filter((x) => x.status === 'unconfirmed')) {
      await reconcileOrder({ ...this.ctx, timeoutMs: config.purchaseTimeoutMs }, o, localTimeMs(o.postTime) - config.salesCloseSecondsBeforePost * 1000);
    }
    for (const { raceId } of this.openRaces()) {
      if (!store.unsettledOrders().some((o) => o.raceId === raceId)) continue;
      const r = await withTimeout<RaceResult | null>(clock, () => feed.result(raceId), config.feedTimeoutMs);
      if (!r.ok || r.value === null) continue;
      const settled = store.settleRace(clock.now(), raceId, r.value);
      if (settled.length > 0) {
        this.summary.settledRaces++;
        this.summary.settledTickets += settled.length;
        this.summary.returnedYen += settled.reduce((s, x) => s + x.payoutYen, 0);
      }
      checkDrawdown(this.ctx);
      if (settled.length > 0) this.ctx.afterSettlement?.(raceId);
    }
  }
}
