/**
 * The live runner of one race day: reconcile orders in flight, read entries and predictions,
 * check deposits, then for each race at its decision time: controls (skip, halt), drawdown,
 * latest odds (stale flagged, too old skipped), Themis's decision (by the live config, or by a
 * running canary's config on its races: canary-run.ts), orders stored with their idempotency
 * keys, purchases; a results worker settles races beside this loop. The same code
 * replays a recorded day on a simulated clock with the paper purchaser and runs for real with a
 * venue adapter. Layer: live (imports themis, ledger, data types; never sim); effects through
 * the injected store, feed, purchaser, clock and alerts. Units: integer yen, decimal odds, ms.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { safeDecide, type TicketInput } from '../themis/index.ts';
import type { Alerts } from './alerts.ts';
import { AccountBook } from './accounts.ts';
import { CanaryRun } from './canary-run.ts';
import type { OddsSnapshot, RaceCard, RaceFeed } from './adapters/feed.ts';
import type { Purchaser } from './adapters/purchaser.ts';
import { localTimeMs, sleep, sleepUntil, type Clock } from './clock.ts';
import { checkDrawdown } from './drawdown-guard.ts';
import type { LiveConfig } from './live-config.ts';
import { purchaseOrder, reconcileOrder, type OrderOutcome, type PurchaseContext } from './purchase-order.ts';
import { ResultsWorker } from './results-worker.ts';
import { errorText, withTimeout } from './retry.ts';
import type { LiveStore, NewOrder, OrderRow } from './store/live-store.ts';

/** Inputs of {@link runDay}. */
export interface RunDayOptions {
  readonly store: LiveStore;
  readonly config: LiveConfig;
  readonly feed: RaceFeed;
  readonly purchaser: Purchaser;
  readonly clock: Clock;
  readonly alerts: Alerts;
  /** Local date `YYYY-MM-DD` of the race day. */
  readonly date: string;
  readonly paper: boolean;
  /** Seed of the retry jitter; default the date (a replay draws the same jitter). */
  readonly seed?: string;
}

/** What a day did. */
export interface DaySummary {
  readonly date: string;
  readonly races: number;
  readonly decided: number;
  readonly skipped: readonly { raceId: string; reason: string }[];
  readonly tickets: number;
  readonly bought: number;
  readonly failed: number;
  readonly unconfirmed: number;
  readonly stakeYen: number;
  readonly settledRaces: number;
  readonly returnedYen: number;
  readonly bankrollStartYen: number;
  readonly bankrollEndYen: number;
  readonly halted: boolean;
  /** Wall-clock ms from odds in hand to every purchase call answered, per decided race with tickets. */
  readonly purchaseLatencyMs: readonly number[];
}

/** Id of a decision: the same race, config, odds time and bankroll give the same id. */
export function decisionIdOf(raceId: string, configHash: string, oddsAt: string, bankrollYen: number): string {
  return `d-${createHash('sha256').update(`${raceId}\n${configHash}\n${oddsAt}\n${bankrollYen}`).digest('hex').slice(0, 16)}`;
}

/**
 * The idempotency key of a ticket: race, ticket, config hash (16 hex) and decision id.
 * @example orderKey('R1', 'win:3', 'ab…', 'd-0123') // 'R1|win:3|ab…|d-0123'
 */
export function orderKey(raceId: string, ticketId: string, configHash: string, decisionId: string): string {
  return `${raceId}|${ticketId}|${configHash.slice(0, 16)}|${decisionId}`;
}

/**
 * Runs one race day (see the header).
 * @returns the day's totals (the audit log and the store hold the details)
 * @throws LiveError or LedgerError only when the store refuses a change (a bug, a tampered book)
 * @example const summary = await runDay({ store, config, feed, purchaser, clock, alerts, date: '2024-01-06', paper: true });
 */
export async function runDay(o: RunDayOptions): Promise<DaySummary> {
  const { store, config, feed, purchaser, clock, alerts, date } = o;
  const seed = o.seed ?? date;
  store.openBook(clock.now(), { configHash: config.configHash, paper: o.paper, depositYen: config.bankrollYen });
  const bankrollStartYen = store.bankrollYen();
  // A canary running in this book's promotion history decides every k-th race (paper runs too).
  const canary = CanaryRun.open({ store, config, clock, alerts });
  const running = canary.running;
  store.audit(clock.now(), 'run_started', { date, paper: o.paper, configHash: config.configHash, bankrollYen: bankrollStartYen, ...(running === undefined ? {} : { canary: running }) });

  // 1. Orders in flight from an earlier run are resolved before anything new.
  for (const ord of store.ordersInFlight()) {
    const out = await reconcileOrder({ store, purchaser, clock, alerts, timeoutMs: config.purchaseTimeoutMs }, ord, closeMs(config, ord.postTime));
    if (out === 'open' && ord.status === 'pending' && clock.now() >= closeMs(config, ord.postTime)) {
      store.recordUnconfirmed(clock.now(), ord.key, 'in flight at restart; the venue could not be asked');
    }
  }

  // 2. Entries and predictions.
  let cards: RaceCard[] | undefined;
  for (let i = 1; i <= config.feedAttempts && cards === undefined; i++) {
    const r = await withTimeout(clock, () => feed.entries(date), config.feedTimeoutMs);
    if (r.ok) cards = r.value;
    else if (i < config.feedAttempts) await sleep(clock, config.feedTimeoutMs);
  }
  if (cards === undefined) {
    alerts.raise('critical', 'entries_unavailable', `no race cards for ${date} after ${config.feedAttempts} attempts: nothing is bought today`);
    store.audit(clock.now(), 'run_finished', { date, races: 0, reason: 'entries_unavailable' });
    return emptySummary(date, bankrollStartYen, store.bankrollYen());
  }

  // 3. Deposit check against the day's largest possible stake.
  const balances = new Map<string, number>();
  for (const a of config.accounts) {
    const r = await withTimeout(clock, () => purchaser.balanceYen(a.id), config.feedTimeoutMs);
    if (r.ok) balances.set(a.id, r.value);
    else alerts.raise('warn', 'balance_unavailable', `account ${a.id}: balance not available (${r.timedOut ? 'timed out' : errorText(r.error)})`);
  }
  const dayMax = dayMaxStakeYen(config, store.bankrollYen(), cards.length);
  const total = [...balances.values()].reduce((s, x) => s + x, 0);
  const short = balances.size < config.accounts.length || total < dayMax;
  store.audit(clock.now(), 'deposit_check', { date, balances: Object.fromEntries(balances), totalYen: total, dayMaxStakeYen: dayMax, short });
  if (short) alerts.raise('warn', 'deposit_short', `account balances ${total} yen cannot cover the day's maximum stake ${dayMax} yen`);
  store.recordDayPlan(clock.now(), {
    date,
    races: cards.map((c) => ({ raceId: c.raceId, postTime: c.postTime })),
    accounts: config.accounts.map((a) => ({ id: a.id, pointLimitPerDay: a.pointLimitPerDay })),
    balancesYen: Object.fromEntries(balances),
    maxStakeYen: dayMax,
    drawdown: { warn: config.drawdown.warn, halt: config.drawdown.halt },
    decisionSecondsBeforePost: config.decisionSecondsBeforePost,
  });

  const pointsUsed = new Map(store.accountDay(date).map((a) => [a.account, a.points]));
  const accounts = new AccountBook(config.accounts, pointsUsed, balances);
  const ctx: PurchaseContext = {
    store,
    purchaser,
    clock,
    alerts,
    accounts,
    seed,
    timeoutMs: config.purchaseTimeoutMs,
    maxAttempts: config.maxPurchaseAttempts,
    backoff: { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs },
  };

  // 4. The results worker runs beside the race loop.
  // Canary races settled before this run (a restart) are reported first.
  canary.observe();
  const worker = new ResultsWorker({ store, feed, purchaser, clock, alerts, config, afterSettlement: () => canary.observe() });
  worker.start();
  const skipped: { raceId: string; reason: string }[] = [];
  const outcomes: OrderOutcome[] = [];
  const latency: number[] = [];
  let decided = 0;
  let stakeYen = 0;
  let workerDone = false;
  const lastPost = Math.max(...cards.map((c) => localTimeMs(c.postTime)), clock.now());
  try {
    for (const card of cards) {
      const res = await raceStep(o, ctx, canary, card);
      if (res.kind === 'skipped') skipped.push({ raceId: card.raceId, reason: res.reason });
      if (res.kind === 'decided') {
        decided++;
        outcomes.push(...res.outcomes);
        stakeYen += res.stakeYen;
        if (res.latencyMs !== undefined) latency.push(res.latencyMs);
      }
    }
    const w = await worker.finish(lastPost + config.resultsGiveUpMinutes * 60_000);
    workerDone = true;
    canary.observe();
    const summary: DaySummary = {
      date,
      races: cards.length,
      decided,
      skipped,
      tickets: outcomes.length,
      bought: outcomes.filter((x) => x === 'bought').length,
      failed: outcomes.filter((x) => x === 'failed').length,
      unconfirmed: outcomes.filter((x) => x === 'unconfirmed').length,
      stakeYen,
      settledRaces: w.settledRaces,
      returnedYen: w.returnedYen,
      bankrollStartYen,
      bankrollEndYen: store.bankrollYen(),
      halted: store.haltState().halted,
      purchaseLatencyMs: latency,
    };
    const { purchaseLatencyMs: _l, ...audited } = summary;
    store.audit(clock.now(), 'run_finished', { ...audited });
    return summary;
  } finally {
    if (!workerDone) await worker.finish(clock.now()).catch(() => undefined);
  }
}

type RaceStepResult =
  | { kind: 'skipped'; reason: string }
  | { kind: 'resumed' }
  | { kind: 'decided'; outcomes: OrderOutcome[]; stakeYen: number; latencyMs?: number };

function closeMs(config: LiveConfig, postTime: string): number {
  return localTimeMs(postTime) - config.salesCloseSecondsBeforePost * 1000;
}

async function raceStep(o: RunDayOptions, ctx: PurchaseContext, canary: CanaryRun, card: RaceCard): Promise<RaceStepResult> {
  const { store, config, feed, clock, alerts } = o;
  const postMs = localTimeMs(card.postTime);
  const decideAt = postMs - config.decisionSecondsBeforePost * 1000;
  const closeAt = closeMs(config, card.postTime);
  const base = { raceId: card.raceId, date: card.date, postTime: card.postTime, configHash: canary.liveHash };
  const skip = (reason: string, detail: Record<string, unknown> = {}, skipRequestId?: number): RaceStepResult => {
    store.recordSkip(clock.now(), { ...base, decisionId: `s-${card.raceId}`, reason, detail, ...(skipRequestId === undefined ? {} : { skipRequestId }) });
    return { kind: 'skipped', reason };
  };

  const existing = store.decisionOf(card.raceId);
  if (existing !== undefined) {
    if (existing.outcome === 'decided') {
      const pending = store.ordersOf(card.raceId).filter((x) => x.status === 'pending');
      await Promise.all(pending.map((x) => purchaseOrder(ctx, x, closeAt, true)));
    }
    return { kind: 'resumed' };
  }
  if (clock.now() >= closeAt) return skip('missed: the run reached the race after sales closed');
  if (clock.now() < decideAt) await sleepUntil(clock, decideAt);

  // Controls: the operator's skip and halt, the drawdown, the bankroll stop.
  const request = store.pendingSkips().find((s) => s.raceId === null || s.raceId === card.raceId);
  if (request !== undefined) return skip(`operator skip: ${request.reason}`, {}, request.id);
  const halt = store.haltState();
  if (halt.halted) return skip(`halted (${halt.source}): ${halt.reason}`);
  const dd = checkDrawdown({ store, clock, alerts, config });
  if (dd.halted) return skip(`halted: drawdown ${(dd.state.drawdown * 100).toFixed(1)}%`);
  const bankrollYen = store.bankrollYen();
  if (bankrollYen <= 0 || bankrollYen < config.themis.minBankrollYen) {
    const why = `bankroll ${bankrollYen} yen is below the minimum ${config.themis.minBankrollYen} yen`;
    store.recordControl(clock.now(), 'halt', why, 'bankroll_stop');
    alerts.raise('critical', 'bankroll_stop', `${why}: purchases halted; deposit and run keiba live resume`);
    return skip(`halted (bankroll_stop): ${why}`);
  }
  // Fresh balances (payouts credited since the last race); a failed call keeps the last known one.
  for (const a of config.accounts) {
    const r = await withTimeout(clock, () => o.purchaser.balanceYen(a.id), config.feedTimeoutMs);
    if (r.ok) ctx.accounts.refreshBalance(a.id, r.value);
  }
  const reserved = store.ordersInFlight().reduce((s, x) => s + x.stakeYen, 0);
  const availableYen = Math.max(0, bankrollYen - reserved);

  // Latest odds.
  let snap: OddsSnapshot | null = null;
  for (let i = 1; i <= config.feedAttempts && snap === null; i++) {
    const r = await withTimeout(clock, () => feed.odds(card.raceId), config.feedTimeoutMs);
    if (r.ok) snap = r.value;
    if (snap === null && i < config.feedAttempts) await sleep(clock, 2000);
    if (clock.now() >= closeAt) break;
  }
  if (snap === null) {
    alerts.raise('warn', 'no_odds', `race ${card.raceId}: no odds before the decision; race skipped`, { raceId: card.raceId });
    return skip('no odds');
  }
  if (clock.now() >= closeAt) return skip('sales closed while reading the odds');
  const t0 = performance.now();
  const ageS = Math.round((clock.now() - localTimeMs(snap.at)) / 1000);
  if (ageS > config.oddsMaxAgeSeconds) {
    alerts.raise('warn', 'stale_odds', `race ${card.raceId}: odds ${ageS} s old (limit ${config.oddsMaxAgeSeconds} s); race skipped`, { raceId: card.raceId });
    return skip('odds too old', { oddsAt: snap.at, oddsAgeSeconds: ageS });
  }
  const stale = ageS > config.oddsStaleAfterSeconds;
  if (stale) alerts.raise('warn', 'stale_odds', `race ${card.raceId}: deciding on odds ${ageS} s old (flagged stale)`, { raceId: card.raceId });

  // Decision.
  const tickets: TicketInput[] = [];
  const noOdds: number[] = [];
  for (const runner of [...card.winProbabilities.keys()].sort((a, b) => a - b)) {
    const odds = snap.odds.get(`win:${runner}`);
    if (odds === undefined || !(odds >= 1)) noOdds.push(runner);
    else tickets.push({ id: `win:${runner}`, p: card.winProbabilities.get(runner) as number, odds });
  }
  const day = store.accountDay(card.date);
  const totals = ctx.accounts.totals();
  const account = { stakedTodayYen: day.reduce((s, a) => s + a.stakeYen, 0), pointsUsedToday: day.reduce((s, a) => s + a.points, 0), pointLimit: totals.pointLimit };
  // The live config, or the canary's on its races (the audit record names which one decided).
  const by = canary.next(bankrollYen);
  const res = safeDecide({ tickets }, availableYen, by.themis, account);
  if (!res.ok) {
    alerts.raise('warn', 'invalid_input', `race ${card.raceId}: Themis refused the inputs (${res.error.message}); race skipped`, { raceId: card.raceId });
    return skip(`invalid input: ${res.error.message}`);
  }
  const decisionId = decisionIdOf(card.raceId, by.configHash, snap.at, availableYen);
  const unassigned: string[] = [];
  const orders: NewOrder[] = res.decision.bets.map((b) => {
    const key = orderKey(card.raceId, b.id, by.configHash, decisionId);
    const acc = ctx.accounts.assign(b.stakeYen);
    if (acc === undefined) unassigned.push(key);
    return { key, ticketId: b.id, stakeYen: b.stakeYen, odds: b.odds, account: acc ?? config.accounts[0].id };
  });
  store.recordDecision(clock.now(), {
    decisionId,
    raceId: card.raceId,
    date: card.date,
    postTime: card.postTime,
    configHash: by.configHash,
    bankrollYen: availableYen,
    oddsAt: snap.at,
    stale,
    orders,
    inputs: {
      ledgerBankrollYen: bankrollYen,
      reservedYen: reserved,
      oddsAgeSeconds: ageS,
      tickets: tickets.map((t) => ({ id: t.id, p: t.p, odds: t.odds })),
      runnersWithoutOdds: noOdds,
      account,
      rejected: res.decision.rejected,
      growth: res.decision.growth,
      paper: o.paper,
      ...(by.canary === undefined ? {} : { canary: by.canary }),
    },
  });
  canary.decided(card.raceId, by);
  canary.observe();
  const stored = orders.map((x) => store.order(x.key) as OrderRow);
  const outcomes = await Promise.all(
    stored.map((x) => {
      if (unassigned.includes(x.key)) {
        store.recordPurchaseFailed(clock.now(), x.key, 'no account can take it (point limits or balances)');
        alerts.raise('critical', 'purchase_failed', `race ${x.raceId}: ticket ${x.ticketId} not bought: no account can take it`, { raceId: x.raceId });
        return Promise.resolve<OrderOutcome>('failed');
      }
      return purchaseOrder(ctx, x, closeAt);
    }),
  );
  const latencyMs = orders.length > 0 ? performance.now() - t0 : undefined;
  return { kind: 'decided', outcomes, stakeYen: orders.reduce((s, x, i) => s + (outcomes[i] === 'bought' ? x.stakeYen : 0), 0), ...(latencyMs === undefined ? {} : { latencyMs }) };
}

/**
 * The most the day could stake: the smaller of the daily cap and races x the per-race cap
 * (the yen cap, or the per-race fraction of the bankroll).
 * @example dayMaxStakeYen(config, 1_000_000, 36) // 3,600,000 with the default 10 % per race
 */
export function dayMaxStakeYen(config: LiveConfig, bankrollYen: number, races: number): number {
  const t = config.themis;
  const byFraction = Math.floor((bankrollYen * (t.maxFractionPerRace ?? 1)) / 100) * 100;
  const perRace = Math.min(t.maxStakePerRaceYen ?? Number.MAX_SAFE_INTEGER, byFraction);
  return Math.min(t.maxStakePerDayYen ?? Number.MAX_SAFE_INTEGER, perRace * races);
}

function emptySummary(date: string, start: number, end: number): DaySummary {
  return {
    date,
    races: 0,
    decided: 0,
    skipped: [],
    tickets: 0,
    bought: 0,
    failed: 0,
    unconfirmed: 0,
    stakeYen: 0,
    settledRaces: 0,
    returnedYen: 0,
    bankrollStartYen: start,
    bankrollEndYen: end,
    halted: false,
    purchaseLatencyMs: [],
  };
}
