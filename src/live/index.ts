/**
 * The public door of the live layer (runner, adapters, store, audit): explicit named
 * re-exports, one a line, grouped. Layer: live (imports strategies, themis, ledger, data; never sim).
 */

// errors
export type { LiveErrorCode } from './errors.ts';
export { LiveError, isLiveError } from './errors.ts';

// clock and retries
export type { Clock, Timer } from './clock.ts';
export { SimulatedClock, systemClock, sleep, sleepUntil, localTimeMs, localDateOf, isoOf, JST_OFFSET_MINUTES } from './clock.ts';
export type { Bounded, BackoffPolicy } from './retry.ts';
export { withTimeout, backoffMs, errorText } from './retry.ts';
export { uniformFor } from './random.ts';

// config, promotion, credentials
export type { LiveConfig, AccountConfig } from './live-config.ts';
export { parseLiveConfig, paperBalances } from './live-config.ts';
export type { PromotedRecord, PromotedEntry } from './promoted.ts';
export { readPromoted, writePromoted, checkRunAllowed } from './promoted.ts';
export type { Credentials } from './credentials.ts';
export { loadCredentials, secretValues, accountsWithoutCredentials } from './credentials.ts';

// adapters
export type { RaceCard, OddsSnapshot, RaceFeed } from './adapters/feed.ts';
export type { PurchaseRequest, PurchaseAck, Purchaser, RejectionReason } from './adapters/purchaser.ts';
export { PurchaseRejectedError } from './adapters/purchaser.ts';
export type { ReplayFeedOptions } from './adapters/replay-feed.ts';
export { ReplayFeed } from './adapters/replay-feed.ts';
export type { PaperPurchaserOptions } from './adapters/paper-purchaser.ts';
export { PaperPurchaser } from './adapters/paper-purchaser.ts';
export type { FaultKind, FaultOptions, FaultCounts } from './adapters/fault-injecting-purchaser.ts';
export { FaultInjectingPurchaser, InjectedFaultError } from './adapters/fault-injecting-purchaser.ts';

// alerts
export type { Alert, AlertLevel, AlertSink } from './alerts.ts';
export { Alerts, streamSink, jsonlSink, storeSink, webhookSink, maskSecrets } from './alerts.ts';

// store and audit
export type { OrderStatus, OrderRow, NewOrder, DecisionToStore, DecisionRow, SettledOrder, StoredAck, HaltState, AccountDay, AlertRow, AlertAck, DayPlan, StoreWriter } from './store/live-store.ts';
export { openStore, LiveStore, STATE_FILES } from './store/live-store.ts';
export type { AuditKind, AuditRecord, AuditLineCheck } from './audit/audit-record.ts';
export { auditHash, makeAuditRecord, formatAuditLine, checkAuditLine, GENESIS_HASH } from './audit/audit-record.ts';
export { appendAuditRecords, readAuditLines, readAuditRecords, lastAuditSeq } from './audit/audit-file.ts';
export type { AuditProblem, AuditReport } from './audit/verify-audit.ts';
export { verifyAudit } from './audit/verify-audit.ts';

// runner
export { AccountBook, type AccountSlot } from './accounts.ts';
export type { PurchaseContext, OrderOutcome } from './purchase-order.ts';
export { purchaseOrder, reconcileOrder } from './purchase-order.ts';
export type { ResultsWorkerContext, ResultsWorkerSummary } from './results-worker.ts';
export { ResultsWorker } from './results-worker.ts';
export { checkDrawdown } from './drawdown-guard.ts';
export type { CanaryTag, DecidingConfig } from './canary-run.ts';
export { CanaryRun, CANARY_ACTOR, canaryDrawdown } from './canary-run.ts';
export type { RunDayOptions, DaySummary } from './runner.ts';
export { runDay, decisionIdOf, orderKey, dayMaxStakeYen } from './runner.ts';
export type { RunLiveOptions, RunLiveResult } from './run-live.ts';
export { runLive } from './run-live.ts';
export type { ActionSource, OperatorActionKind, OperatorActionInput, OperatorActionOutcome, OperatorActionErrorCode } from './operator-actions.ts';
export { haltBook, resumeBook, skipRace, rollbackConfig, ackAlert, OperatorActionError, OPERATOR_ACTIONS } from './operator-actions.ts';
export type { LiveStatus } from './status.ts';
export { liveStatus } from './status.ts';
