/**
 * The dashboard's GET views, built from a (read-only) store and the promotion status: status,
 * races, orders, alerts, charts, the runner's liveness and the change marks of the update
 * events. Layer: live/dashboard; pure given the store reads and `nowMs` (no writes, no clock).
 * Units: integer yen; drawdown ratios; times ISO UTC.
 */
import { DEFAULT_DRAWDOWN_LEVELS, type DrawdownLevels } from '../../ledger/index.ts';
import { isoOf, localTimeMs } from '../clock.ts';
import type { PromotionStatus } from '../promote/promote-config.ts';
import { liveStatus } from '../status.ts';
import type { DayPlan, LiveStore, OrderRow, SettledOrder } from '../store/live-store.ts';
import type {
  AccountToday,
  AlertsResponse,
  AlertView,
  ChartsResponse,
  EventsUpdate,
  OrdersResponse,
  OrderView,
  PromotedConfigView,
  RacesResponse,
  RaceStage,
  RaceView,
  RunnerLiveness,
  StatusResponse,
} from './api-types.ts';
import { chartsOf } from './charts.ts';

/** The promotion status, or the message of the error that kept it from being read. */
export type PromotionRead =
  | {
      readonly ok: true;
      readonly status: PromotionStatus;
      /** A promoted.json written without history (adopted at the next rollback), else null. */
      readonly unrecorded: { readonly since: string; readonly previous: readonly { readonly configHash: string; readonly since: string }[] } | null;
    }
  | { readonly ok: false; readonly message: string };

function levelsOf(plan: DayPlan | undefined): DrawdownLevels {
  return plan?.drawdown ?? DEFAULT_DRAWDOWN_LEVELS;
}

/** The runner's liveness (see RunnerLiveness in api-types.ts). */
export function runnerLiveness(store: LiveStore, nowMs: number, staleAfterSeconds: number): RunnerLiveness {
  const last = store.lastAuditOf(['run_started', 'run_finished']);
  const started = last.get('run_started');
  const finished = last.get('run_finished');
  const open = started !== undefined && (finished === undefined || finished.seq < started.seq);
  const acts = [store.lastAuditAtMs(), store.lastAlertAtMs()].filter((x): x is number => x !== undefined);
  const lastMs = acts.length === 0 ? undefined : Math.max(...acts);
  const staleSeconds = lastMs === undefined ? null : Math.max(0, Math.floor((nowMs - lastMs) / 1000));
  const lastRunDate = started !== undefined && typeof started.data.date === 'string' ? started.data.date : null;
  // Quiet is expected while the next race's decision time has not come.
  const plan = lastRunDate === null ? undefined : store.dayPlan(lastRunDate);
  let quietUntilMs: number | undefined;
  if (plan !== undefined) {
    const decided = new Set(store.decisionsOn(plan.date).map((d) => d.raceId));
    const next = plan.races.filter((r) => !decided.has(r.raceId)).map((r) => safeLocalMs(r.postTime) - plan.decisionSecondsBeforePost * 1000);
    if (next.length > 0) quietUntilMs = Math.min(...next);
  }
  const quiet = quietUntilMs !== undefined && Number.isFinite(quietUntilMs) && nowMs < quietUntilMs;
  const stale = lastMs === undefined || (open && staleSeconds !== null && staleSeconds > staleAfterSeconds && !quiet);
  return {
    running: open && !stale,
    lastActivityAt: lastMs === undefined ? null : isoOf(lastMs),
    staleSeconds,
    stale,
    staleAfterSeconds,
    lastRunDate,
  };
}

function safeLocalMs(local: string): number {
  try {
    return localTimeMs(local);
  } catch {
    return Number.NaN;
  }
}

function promotedView(p: PromotionRead): PromotedConfigView {
  if (!p.ok) return { configHash: null, since: null, canary: null, previous: [], canRollBack: false, last: null, error: p.message };
  const s = p.status;
  const previous = (s.current === null && p.unrecorded !== null ? p.unrecorded.previous : s.previous).map((x) => ({ configHash: x.configHash, since: x.since }));
  return {
    configHash: s.current?.configHash ?? s.unrecordedPromoted ?? null,
    since: s.current?.since ?? p.unrecorded?.since ?? null,
    canary: s.canary === null ? null : { configHash: s.canary.configHash, since: s.canary.since, everyKthRace: s.canary.everyKthRace, races: s.canary.races, maxDrawdown: s.canary.maxDrawdown },
    previous,
    canRollBack: s.canary !== null || previous.length > 0,
    last: s.last,
  };
}

/** The day the views report: the last planned day, else the day of the last order. */
function reportedDay(store: LiveStore): { date: string | null; plan: DayPlan | undefined } {
  const plan = store.dayPlan();
  if (plan !== undefined) return { date: plan.date, plan };
  const s = liveStatus(store);
  return { date: s.date, plan: undefined };
}

/** `GET /api/status`. */
export function statusView(store: LiveStore, promotion: PromotionRead, nowMs: number, staleAfterSeconds: number): StatusResponse {
  const { date, plan } = reportedDay(store);
  const levels = levelsOf(plan);
  const s = liveStatus(store, date ?? undefined, levels);
  const used = new Map(s.today.accounts.map((a) => [a.account, a]));
  const ids = [...(plan?.accounts.map((a) => a.id) ?? []), ...s.today.accounts.map((a) => a.account).filter((id) => !(plan?.accounts ?? []).some((a) => a.id === id))];
  const accounts: AccountToday[] = ids.map((id) => ({
    account: id,
    stakeYen: used.get(id)?.stakeYen ?? 0,
    points: used.get(id)?.points ?? 0,
    pointLimit: plan?.accounts.find((a) => a.id === id)?.pointLimitPerDay ?? null,
    balanceYen: plan?.balancesYen[id] ?? null,
  }));
  const acks = store.alertAcks();
  return {
    now: isoOf(nowMs),
    bankrollYen: s.bankrollYen,
    peakYen: s.peakYen,
    drawdown: s.drawdown,
    drawdownState: s.drawdownState,
    levels: { warn: levels.warn, halt: levels.halt },
    halt: { ...s.halt },
    date,
    today: { stakeYen: s.today.stakeYen, points: s.today.points, maxStakeYen: plan?.maxStakeYen ?? null, accounts },
    ordersInFlight: s.ordersInFlight.length,
    unsettledTickets: s.unsettledTickets,
    unacknowledgedAlerts: store.alerts().filter((a) => !acks.has(a.id)).length,
    promoted: promotedView(promotion),
    runner: runnerLiveness(store, nowMs, staleAfterSeconds),
  };
}

function stageOf(decision: { outcome: 'decided' | 'skipped' } | undefined, orders: readonly OrderRow[], settled: ReadonlyMap<string, SettledOrder>): RaceStage {
  if (decision === undefined) return 'waiting';
  if (decision.outcome === 'skipped') return 'skipped';
  if (orders.length === 0) return 'no_bet';
  if (orders.some((o) => o.status === 'pending' || o.status === 'unconfirmed')) return 'deciding';
  if (orders.some((o) => o.status === 'bought' && !settled.has(o.key))) return 'purchased';
  return 'settled';
}

/** `GET /api/races`. */
export function racesView(store: LiveStore): RacesResponse {
  const { date, plan } = reportedDay(store);
  const pendingSkips = store.pendingSkips();
  if (date === null) return { date: null, races: [], next: [], pendingSkips };
  const decisions = new Map(store.decisionsOn(date).map((d) => [d.raceId, d]));
  const cards = new Map<string, string>();
  for (const r of plan?.date === date ? plan.races : []) cards.set(r.raceId, r.postTime);
  for (const d of decisions.values()) if (!cards.has(d.raceId)) cards.set(d.raceId, d.postTime);
  const settled = new Map(store.settlements().map((x) => [x.key, x]));
  const orders = store.allOrders().filter((o) => o.date === date);
  const skipNamed = new Set(pendingSkips.map((p) => p.raceId).filter((x): x is string => x !== null));
  const races: RaceView[] = [...cards.entries()]
    .map(([raceId, postTime]) => {
      const d = decisions.get(raceId);
      const os = orders.filter((o) => o.raceId === raceId);
      const bought = os.filter((o) => o.status === 'bought');
      return {
        raceId,
        date,
        postTime,
        stage: stageOf(d, os, settled),
        reason: d?.outcome === 'skipped' ? d.reason : null,
        configHash: d?.configHash ?? null,
        tickets: os.length,
        stakeYen: bought.reduce((s, o) => s + o.stakeYen, 0),
        returnedYen: bought.reduce((s, o) => s + (settled.get(o.key)?.payoutYen ?? 0), 0),
        skipRequested: skipNamed.has(raceId),
      };
    })
    .sort((a, b) => (a.postTime < b.postTime ? -1 : a.postTime > b.postTime ? 1 : a.raceId < b.raceId ? -1 : 1));
  return { date, races, next: races.filter((r) => r.stage === 'waiting').map((r) => r.raceId), pendingSkips };
}

function orderView(o: OrderRow, settled: ReadonlyMap<string, SettledOrder>): OrderView {
  const s = settled.get(o.key);
  return {
    key: o.key,
    raceId: o.raceId,
    ticketId: o.ticketId,
    postTime: o.postTime,
    stakeYen: o.stakeYen,
    odds: o.odds,
    account: o.account,
    status: o.status,
    attempts: o.attempts,
    reason: o.reason,
    purchaseRef: o.purchaseRef,
    settlement: s === undefined ? null : { kind: s.kind, payoutYen: s.payoutYen },
  };
}

const newestFirst = (a: OrderRow, b: OrderRow): number => (a.postTime !== b.postTime ? (a.postTime < b.postTime ? 1 : -1) : a.key < b.key ? -1 : 1);

/** `GET /api/orders` (`limit` bounds failed and recentlyPurchased). */
export function ordersView(store: LiveStore, limit: number): OrdersResponse {
  const settled = new Map(store.settlements().map((x) => [x.key, x]));
  const all = store.allOrders();
  return {
    inFlight: store.ordersInFlight().map((o) => orderView(o, settled)),
    failed: all.filter((o) => o.status === 'failed').sort(newestFirst).slice(0, limit).map((o) => orderView(o, settled)),
    recentlyPurchased: all.filter((o) => o.status === 'bought').sort(newestFirst).slice(0, limit).map((o) => orderView(o, settled)),
  };
}

/** `GET /api/alerts`: newest first. */
export function alertsView(store: LiveStore, limit: number): AlertsResponse {
  const acks = store.alertAcks();
  const all = store.alerts();
  const alerts: AlertView[] = all
    .slice()
    .reverse()
    .slice(0, limit)
    .map((a) => {
      const k = acks.get(a.id);
      return { id: a.id, at: a.at, level: a.level, code: a.code, message: a.message, acknowledged: k !== undefined, ackedBy: k?.actor ?? null, ackedAt: k?.at ?? null, ackReason: k?.reason ?? null };
    });
  return { alerts, total: all.length, unacknowledged: all.filter((a) => !acks.has(a.id)).length };
}

/** `GET /api/charts`. */
export function chartsView(store: LiveStore): ChartsResponse {
  const { plan } = reportedDay(store);
  return chartsOf(store.ledgerEntries(), levelsOf(plan), ['Live book: bankroll after each settled race and cash flow']);
}

/** The change marks the update events compare (store parts plus the promotion history's size and time). */
export type ChangeMarks = ReturnType<LiveStore['changeMarks']> & { readonly promotion: string };

/** Opaque version text of change marks. */
export function versionOf(m: ChangeMarks): string {
  return [m.audit, m.alerts, m.acks, m.plans, m.controls, m.orders, m.promotion].join('|');
}

/** The views that may have changed between two marks (empty when none did). */
export function changedViews(a: ChangeMarks, b: ChangeMarks): EventsUpdate['changed'] {
  const out = new Set<EventsUpdate['changed'][number]>();
  if (a.audit !== b.audit || a.orders !== b.orders || a.controls !== b.controls || a.plans !== b.plans) for (const v of ['status', 'races', 'orders', 'charts'] as const) out.add(v);
  if (a.alerts !== b.alerts || a.acks !== b.acks) {
    out.add('alerts');
    out.add('status');
  }
  if (a.promotion !== b.promotion) out.add('status');
  return [...out];
}
