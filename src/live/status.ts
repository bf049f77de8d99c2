/**
 * `live status`: the state of a book at a glance. Layer: live; reads the store only.
 * Units: integer yen; drawdown as a ratio.
 */
import { trackedState, type DrawdownLevels, DEFAULT_DRAWDOWN_LEVELS } from '../ledger/index.ts';
import type { AccountDay, AlertRow, HaltState, LiveStore } from './store/live-store.ts';

/** The status of a book. */
export interface LiveStatus {
  readonly bankrollYen: number;
  readonly peakYen: number;
  readonly drawdown: number;
  readonly drawdownState: 'ok' | 'warn' | 'halt';
  readonly halt: HaltState;
  /** The day reported (the given date, or that of the last order or decision). */
  readonly date: string | null;
  readonly today: { readonly stakeYen: number; readonly points: number; readonly accounts: readonly AccountDay[] };
  readonly ordersInFlight: readonly { key: string; raceId: string; ticketId: string; stakeYen: number; account: string; status: string }[];
  readonly unsettledTickets: number;
  readonly lastAlert: AlertRow | null;
}

/**
 * Reads the status of a book.
 * @example liveStatus(store).bankrollYen // 1000000 for a new paper book
 */
export function liveStatus(store: LiveStore, date?: string, levels: DrawdownLevels = DEFAULT_DRAWDOWN_LEVELS): LiveStatus {
  const t = store.tracker();
  const dd = trackedState(t, levels);
  const orders = store.allOrders();
  const day = date ?? (orders.length === 0 ? null : orders.map((o) => o.date).sort()[orders.length - 1]);
  const accounts = day === null ? [] : store.accountDay(day);
  return {
    bankrollYen: t.bankrollYen,
    peakYen: t.peakYen,
    drawdown: dd.drawdown,
    drawdownState: dd.state,
    halt: store.haltState(),
    date: day,
    today: { stakeYen: accounts.reduce((s, a) => s + a.stakeYen, 0), points: accounts.reduce((s, a) => s + a.points, 0), accounts },
    ordersInFlight: store.ordersInFlight().map((o) => ({ key: o.key, raceId: o.raceId, ticketId: o.ticketId, stakeYen: o.stakeYen, account: o.account, status: o.status })),
    unsettledTickets: store.unsettledOrders().length,
    lastAlert: store.lastAlert() ?? null,
  };
}
