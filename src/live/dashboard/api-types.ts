/**
 * The JSON contract of the operations dashboard (`keiba live dashboard`): every GET view, every
 * POST action, the error body and the server-sent events. Types only (no runtime code): the
 * server (src/live/dashboard/) and the page (src/live/dashboard/page/) both import it.
 * Stable: later changes only add fields.
 *
 * Conventions:
 * - Money is integer yen (`...Yen`), never a float. Ratios (drawdown) are plain numbers in [0, 1].
 * - Times are ISO 8601 strings in UTC (`2024-01-06T03:40:00.000Z`) unless named `postTime`
 *   (the race's local post time as the feed gives it, `2024-01-06T10:05`).
 * - Every /api/* request (GET too) needs the header `Authorization: Bearer <token>`; without it
 *   the answer is 401 with an {@link ApiError} body and nothing changes.
 * - POST bodies are `Content-Type: application/json`, at most 16 KiB.
 * - Every error answer (4xx, 5xx) has the {@link ApiError} body.
 */

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * Error codes. 401 UNAUTHORIZED; 400 CONFIRMATION_REQUIRED, REASON_REQUIRED, BAD_REQUEST,
 * BAD_JSON; 404 NOT_FOUND, UNKNOWN_ALERT; 409 NOTHING_TO_ROLL_BACK, CONFLICT; 413 BODY_TOO_LARGE;
 * 415 UNSUPPORTED_MEDIA_TYPE; 500 INTERNAL. Other upper-case codes may appear (treat by status).
 */
export type ApiErrorCode =
  | 'UNAUTHORIZED'
  | 'CONFIRMATION_REQUIRED'
  | 'REASON_REQUIRED'
  | 'BAD_REQUEST'
  | 'BAD_JSON'
  | 'NOT_FOUND'
  | 'UNKNOWN_ALERT'
  | 'NOTHING_TO_ROLL_BACK'
  | 'CONFLICT'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL'
  | (string & {});

/** Body of every error answer. */
export interface ApiError {
  readonly error: {
    /** Stable upper-case code (see {@link ApiErrorCode}). */
    readonly code: ApiErrorCode;
    /** One sentence for the operator (safe to show as is; never holds a secret). */
    readonly message: string;
  };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** Whether the runner looks alive, judged from the book's last activity. */
export interface RunnerLiveness {
  /** True when the last `run_started` audit record has no later `run_finished` and the book is not stale. */
  readonly running: boolean;
  /** Time of the book's last activity (last audit record or alert), or null for an empty book. */
  readonly lastActivityAt: string | null;
  /** Seconds since lastActivityAt (integer, >= 0), or null for an empty book. */
  readonly staleSeconds: number | null;
  /** True when staleSeconds is above the server's `--stale-after` (default 120 s) while a run is open, or the book is empty. */
  readonly stale: boolean;
  /** The `--stale-after` threshold in seconds the server uses. */
  readonly staleAfterSeconds: number;
  /** Local date (YYYY-MM-DD) of the last run started, or null. */
  readonly lastRunDate: string | null;
}

// ---------------------------------------------------------------------------------------------
// GET /api/status
// ---------------------------------------------------------------------------------------------

/** Stake and tickets of the day for one account, against its limits. */
export interface AccountToday {
  /** Account id (e.g. `main`). */
  readonly account: string;
  /** Stake of the day on this account (bought, pending and unconfirmed orders), yen. */
  readonly stakeYen: number;
  /** Tickets (points) of the day on this account. */
  readonly points: number;
  /** Daily ticket limit of the account from the runner's config, or null when not known. */
  readonly pointLimit: number | null;
  /** Balance at the venue at the day's deposit check, yen, or null when not known. */
  readonly balanceYen: number | null;
}

/** The promoted config and its canary. */
export interface PromotedConfigView {
  /** sha256 hex of the live (accepted) Themis config, or null when nothing is promoted. */
  readonly configHash: string | null;
  /** Since when it is live, or null. */
  readonly since: string | null;
  /** The running canary, or null when none runs. */
  readonly canary: {
    readonly configHash: string;
    readonly since: string;
    /** The canary decides every k-th race. */
    readonly everyKthRace: number;
    /** Races the canary must run before it can take over. */
    readonly races: number;
    /** Drawdown limit of the canary (ratio). */
    readonly maxDrawdown: number;
  } | null;
  /** Earlier accepted configs, newest first (a rollback returns to the first one). */
  readonly previous: readonly { readonly configHash: string; readonly since: string }[];
  /** Whether `POST /api/rollback` has something to roll back to (a canary runs, or an earlier config exists). */
  readonly canRollBack: boolean;
  /** Last record of the promotion history, or null. */
  readonly last: { readonly seq: number; readonly kind: string; readonly at: string; readonly by: string } | null;
  /** Set when the promotion history cannot be read (the other fields are then empty): show it as an error. */
  readonly error?: string;
}

/** `GET /api/status`: the book at a glance. */
export interface StatusResponse {
  /** Server time of this answer. */
  readonly now: string;
  /** Bankroll: the sum of the ledger, yen. */
  readonly bankrollYen: number;
  /** Highest bankroll so far, yen. */
  readonly peakYen: number;
  /** (peak - bankroll) / peak, ratio in [0, 1]. */
  readonly drawdown: number;
  /** Where the drawdown stands against the levels. */
  readonly drawdownState: 'ok' | 'warn' | 'halt';
  /** Drawdown levels (ratios): warn at `warn`, purchases halt at `halt`. */
  readonly levels: { readonly warn: number; readonly halt: number };
  /** Whether purchases are halted, by whom (source: 'operator', 'dashboard:<who>', 'drawdown', ...), since when, why. */
  readonly halt: { readonly halted: boolean; readonly reason: string | null; readonly source: string | null; readonly since: string | null };
  /** The day reported (local YYYY-MM-DD: the last run's date or the last order's), or null. */
  readonly date: string | null;
  /** Totals of that day. */
  readonly today: {
    /** Stake of the day over all accounts, yen. */
    readonly stakeYen: number;
    /** Tickets of the day over all accounts. */
    readonly points: number;
    /** The day's largest possible stake from the deposit check, yen, or null when not known. */
    readonly maxStakeYen: number | null;
    /** Per account (every configured account when known, else those with orders). */
    readonly accounts: readonly AccountToday[];
  };
  /** Orders whose outcome is not known yet (count). */
  readonly ordersInFlight: number;
  /** Bought tickets not settled yet (count). */
  readonly unsettledTickets: number;
  /** Alerts not acknowledged yet (count). */
  readonly unacknowledgedAlerts: number;
  readonly promoted: PromotedConfigView;
  readonly runner: RunnerLiveness;
}

// ---------------------------------------------------------------------------------------------
// GET /api/races
// ---------------------------------------------------------------------------------------------

/**
 * Stage of a race: `waiting` (on the day's card, not decided yet), `deciding` (decided, orders
 * still in flight), `purchased` (tickets bought, not all settled), `settled` (every bought ticket
 * settled, or decided with every order failed), `skipped` (not decided, see `reason`),
 * `no_bet` (decided with no ticket).
 */
export type RaceStage = 'waiting' | 'deciding' | 'purchased' | 'settled' | 'skipped' | 'no_bet';

/** One race of the day. */
export interface RaceView {
  readonly raceId: string;
  /** Local date YYYY-MM-DD. */
  readonly date: string;
  /** Local post time as the feed gives it (`YYYY-MM-DDTHH:MM`). */
  readonly postTime: string;
  readonly stage: RaceStage;
  /** Why it was skipped (stage `skipped`), else null. */
  readonly reason: string | null;
  /** Config hash that decided it, or null when not decided. */
  readonly configHash: string | null;
  /** Tickets ordered (any status). */
  readonly tickets: number;
  /** Stake of the bought tickets, yen. */
  readonly stakeYen: number;
  /** Payouts and refunds of its settled tickets, yen (0 until settled). */
  readonly returnedYen: number;
  /** True when an operator skip request names this race and is not used yet. */
  readonly skipRequested: boolean;
}

/** `GET /api/races`: the races of the day reported (by post time), and the next ones to come. */
export interface RacesResponse {
  /** The day (local YYYY-MM-DD), or null when the book has none. */
  readonly date: string | null;
  /** Every race of that day, by post time. */
  readonly races: readonly RaceView[];
  /** Ids of races in stage `waiting`, by post time (the next first). */
  readonly next: readonly string[];
  /** Skip requests not used yet: raceId null means "the next race decided". */
  readonly pendingSkips: readonly { readonly id: number; readonly raceId: string | null; readonly reason: string }[];
}

// ---------------------------------------------------------------------------------------------
// GET /api/orders
// ---------------------------------------------------------------------------------------------

/** One order (one ticket of a decision). */
export interface OrderView {
  /** Idempotency key of the order (`race|ticket|config16|decisionId`). */
  readonly key: string;
  readonly raceId: string;
  /** Ticket id, e.g. `win:3`. */
  readonly ticketId: string;
  /** Local post time of the race. */
  readonly postTime: string;
  /** Stake, yen (a multiple of 100). */
  readonly stakeYen: number;
  /** Decimal odds at the decision. */
  readonly odds: number;
  readonly account: string;
  readonly status: 'pending' | 'bought' | 'failed' | 'unconfirmed';
  /** Purchase calls made. */
  readonly attempts: number;
  /** Why it failed or is unconfirmed, else null. */
  readonly reason: string | null;
  /** The venue's purchase reference (bought only), else null. */
  readonly purchaseRef: string | null;
  /** Settlement of a bought ticket, or null while unsettled / not bought. */
  readonly settlement: { readonly kind: 'win' | 'lose' | 'refund'; readonly payoutYen: number } | null;
}

/** `GET /api/orders?limit=N` (limit of recentlyPurchased and failed, default 50, at most 500). */
export interface OrdersResponse {
  /** Orders pending or unconfirmed, by post time. */
  readonly inFlight: readonly OrderView[];
  /** Failed orders, newest post time first, with their reason. */
  readonly failed: readonly OrderView[];
  /** Bought orders, newest post time first. */
  readonly recentlyPurchased: readonly OrderView[];
}

// ---------------------------------------------------------------------------------------------
// GET /api/alerts
// ---------------------------------------------------------------------------------------------

/** One alert. */
export interface AlertView {
  /** Stable id of the alert (an integer, unique within the book). */
  readonly id: number;
  readonly at: string;
  readonly level: 'info' | 'warn' | 'critical' | (string & {});
  /** Stable code: purchase_failed, drawdown_halt, deposit_short, ... */
  readonly code: string;
  /** Message (secrets are masked before an alert is stored). */
  readonly message: string;
  readonly acknowledged: boolean;
  /** Who acknowledged it ('operator', 'dashboard:<who>'), or null. */
  readonly ackedBy: string | null;
  readonly ackedAt: string | null;
  /** The reason given with the acknowledgement, or null. */
  readonly ackReason: string | null;
}

/** `GET /api/alerts?limit=N` (default 100, at most 1000): newest first. */
export interface AlertsResponse {
  readonly alerts: readonly AlertView[];
  /** Alerts in the book (all, not only those returned). */
  readonly total: number;
  /** Alerts not acknowledged (all). */
  readonly unacknowledged: number;
}

// ---------------------------------------------------------------------------------------------
// GET /api/charts
// ---------------------------------------------------------------------------------------------

/** A Vega-Lite spec with its data inlined (`data.values`); render with vega-embed or vega + vega-lite. */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

/** `GET /api/charts`: the same Vega-Lite specs as the backtest reports, over the book's ledger. */
export interface ChartsResponse {
  /** Bankroll after each ledger row (yen) against time. Null when the ledger is empty. */
  readonly bankroll: VegaLiteSpec | null;
  /** Drawdown from the peak (ratio) against time, with the warn/halt levels. Null when the ledger is empty. */
  readonly drawdown: VegaLiteSpec | null;
  /** Ledger rows the charts are built from. */
  readonly points: number;
}

// ---------------------------------------------------------------------------------------------
// GET /api/events (server-sent events, text/event-stream)
// ---------------------------------------------------------------------------------------------

/**
 * Server-sent events (`text/event-stream`, standard `event:` / `data:` lines, data is JSON).
 * Like every /api route it needs the Authorization header, which EventSource cannot send: read
 * it with `fetch('/api/events', { headers })` and a stream reader (split on blank lines). The
 * token is never accepted in the URL. On a dropped stream, reconnect after a few seconds.
 * Events:
 * - `hello`     once on connect, data {@link EventsHello}
 * - `update`    when the book changed (checked about every second), data {@link EventsUpdate}
 * - `heartbeat` every 15 s, data {@link EventsHeartbeat} (also carries the liveness)
 */
export type EventName = 'hello' | 'update' | 'heartbeat';

/** Data of `hello`. */
export interface EventsHello {
  /** Current change marker (see {@link EventsUpdate.version}). */
  readonly version: string;
  readonly runner: RunnerLiveness;
}

/** Data of `update`: refetch the views named in `changed`. */
export interface EventsUpdate {
  /** Opaque change marker: differs whenever the book changed. */
  readonly version: string;
  /** Views whose data may have changed. */
  readonly changed: readonly ('status' | 'races' | 'orders' | 'alerts' | 'charts')[];
  readonly runner: RunnerLiveness;
}

/** Data of `heartbeat`. */
export interface EventsHeartbeat {
  readonly now: string;
  readonly runner: RunnerLiveness;
}

// ---------------------------------------------------------------------------------------------
// POST actions: /api/halt, /api/resume, /api/skip, /api/rollback, /api/ack
// ---------------------------------------------------------------------------------------------

/** Fields every action body carries. */
export interface ActionBase {
  /** Must be exactly `true` (the page's confirm dialog); else 400 CONFIRMATION_REQUIRED. */
  readonly confirm: true;
  /** Who acts (recorded as `dashboard:<who>`); absent, null or blank means 'operator'. 1-64 chars [A-Za-z0-9 ._@-]. */
  readonly who?: string;
  /** Why (recorded in the audit log); required and non-empty (after trimming) except for ack. At most 500 chars. */
  readonly reason: string;
}

/** `POST /api/halt`: halt purchases. */
export type HaltRequest = ActionBase;
/** `POST /api/resume`: resume purchases. */
export type ResumeRequest = ActionBase;
/** `POST /api/skip`: skip a race (raceId), or the next race decided (raceId absent or null). */
export interface SkipRequest extends ActionBase {
  readonly raceId?: string | null;
}
/** `POST /api/rollback`: abort a running canary, else return to the previous accepted config. 409 NOTHING_TO_ROLL_BACK when there is none. */
export type RollbackRequest = ActionBase;
/** `POST /api/ack`: acknowledge an alert. 404 UNKNOWN_ALERT for an unknown id; acknowledging twice is 409 CONFLICT. */
export interface AckRequest extends Omit<ActionBase, 'reason'> {
  /** The alert's id (from {@link AlertView.id}). */
  readonly alertId: number;
  /** Optional for ack (default 'acknowledged'). */
  readonly reason?: string;
}

/** What an action answers (200). */
export interface ActionResponse {
  readonly ok: true;
  readonly action: 'halt' | 'resume' | 'skip' | 'rollback' | 'ack';
  /** Recorded actor, `dashboard:<who>`. */
  readonly actor: string;
  /** When it was recorded. */
  readonly at: string;
  readonly reason: string;
  /** Sequence number of the audit record written (audit.jsonl). */
  readonly auditSeq: number;
  /** One line for the operator, e.g. "halt recorded (audit record 42)". */
  readonly message: string;
  /** Skip: the race named, or null for "the next race". */
  readonly raceId?: string | null;
  /** Ack: the alert acknowledged. */
  readonly alertId?: number;
  /** Rollback: the config live after it, the one left, and whether a canary was aborted. */
  readonly rollback?: { readonly configHash: string; readonly fromConfigHash: string | null; readonly abortedCanary: boolean; readonly historySeq: number };
  /** Halt/resume: the halt state after the action. */
  readonly halt?: { readonly halted: boolean };
}
