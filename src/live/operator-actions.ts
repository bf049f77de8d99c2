/**
 * The operator's actions on a live book, one function each, shared by the CLI (`keiba live
 * halt|resume|skip|ack`, `keiba promote rollback`) and the dashboard's POST /api/* routes, so
 * both take the same code path: halt, resume, skip a race, roll back the promoted config,
 * acknowledge an alert. Each validates its reason, performs the change in the book (or the
 * promotion history) and leaves an audit record saying who, when, why and from where. None of
 * them buys anything. Layer: live; not pure (opens the store, writes files).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isoOf } from './clock.ts';
import { rollbackPromotion } from './promote/promote-config.ts';
import type { PromotionRecord } from './promote/promotion-history.ts';
import { openStore, STATE_FILES } from './store/live-store.ts';

/** Where an action comes from. */
export type ActionSource = 'cli' | 'dashboard';

/** The actions. */
export type OperatorActionKind = 'halt' | 'resume' | 'skip' | 'rollback' | 'ack';

/** Inputs of an action. */
export interface OperatorActionInput {
  /** State folder of the book. */
  readonly stateDir: string;
  /** Why (recorded); required and non-empty, except for ack (default 'acknowledged'). */
  readonly reason: string;
  /** Who acts: 'operator' for the CLI's controls, 'dashboard:<who>' for the dashboard. */
  readonly actor: string;
  readonly source: ActionSource;
  /** skip: the race to skip (null or absent: the next race decided). */
  readonly raceId?: string | null;
  /** ack: the alert's id. */
  readonly alertId?: number;
  /** The time of the action, epoch ms; default now. */
  readonly nowMs?: number;
}

/** What an action did. */
export interface OperatorActionOutcome {
  readonly action: OperatorActionKind;
  readonly actor: string;
  readonly source: ActionSource;
  /** ISO time recorded. */
  readonly at: string;
  readonly reason: string;
  /** Sequence of the audit record written in the book's audit log (null: rollback in a folder without a live book). */
  readonly auditSeq: number | null;
  /** One line for the operator. */
  readonly message: string;
  readonly raceId?: string | null;
  readonly alertId?: number;
  readonly rollback?: { readonly configHash: string; readonly fromConfigHash: string | null; readonly abortedCanary: boolean; readonly historySeq: number };
  readonly halt?: { readonly halted: boolean };
  /** rollback: the record appended to the promotion history. */
  readonly historyRecord?: PromotionRecord;
}

/** Literal codes of refused actions (the CLI exits 2 on them, the dashboard answers 400). */
export type OperatorActionErrorCode = 'ACTION_REASON_REQUIRED' | 'ACTION_BAD_INPUT';

/** A refused action (bad input): nothing was changed. */
export class OperatorActionError extends Error {
  readonly code: OperatorActionErrorCode;
  readonly field: string | undefined;
  constructor(code: OperatorActionErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'OperatorActionError';
    this.code = code;
    this.field = field;
  }
}

function reasonOf(i: OperatorActionInput, fallback?: string): string {
  const r = typeof i.reason === 'string' ? i.reason.trim() : '';
  if (r !== '') return r;
  if (fallback !== undefined) return fallback;
  throw new OperatorActionError('ACTION_REASON_REQUIRED', 'a reason is required (it is recorded in the audit log)', 'reason');
}

function actorOf(i: OperatorActionInput): string {
  const a = typeof i.actor === 'string' ? i.actor.trim() : '';
  if (a === '') throw new OperatorActionError('ACTION_BAD_INPUT', 'an actor is required', 'actor');
  return a;
}

/**
 * Audit fields naming who acted and from where. The CLI's plain 'operator' controls keep their
 * earlier record shape ({reason, source: 'operator'}); any other actor or source is recorded.
 */
function whoFields(actor: string, source: ActionSource): Record<string, unknown> {
  return source === 'cli' && actor === 'operator' ? {} : { source, actor };
}

function control(kind: 'halt' | 'resume' | 'skip', i: OperatorActionInput): OperatorActionOutcome {
  const reason = reasonOf(i);
  const actor = actorOf(i);
  const raceId = kind === 'skip' ? normRace(i.raceId) : null;
  const nowMs = i.nowMs ?? Date.now();
  const store = openStore(i.stateDir);
  try {
    const rec = store.recordControl(nowMs, kind, reason, actor, raceId, whoFields(actor, i.source));
    const halted = store.haltState().halted;
    return {
      action: kind,
      actor,
      source: i.source,
      at: rec.at,
      reason,
      auditSeq: rec.seq,
      message: `${kind} recorded (audit record ${rec.seq})${kind === 'skip' ? `: ${raceId ?? 'the next race'}` : ''}`,
      ...(kind === 'skip' ? { raceId } : { halt: { halted } }),
    };
  } finally {
    store.close();
  }
}

function normRace(raceId: string | null | undefined): string | null {
  if (raceId === undefined || raceId === null) return null;
  if (typeof raceId !== 'string' || raceId.trim() === '' || raceId.length > 200) throw new OperatorActionError('ACTION_BAD_INPUT', 'raceId must be a non-empty string of at most 200 characters', 'raceId');
  return raceId.trim();
}

/**
 * Halts purchases of a book (the runner reads it before each race).
 * @throws OperatorActionError ACTION_REASON_REQUIRED; LiveError LIVE_STORE
 * @example haltBook({ stateDir: 'state', reason: 'feed down', actor: 'operator', source: 'cli' }).auditSeq
 */
export function haltBook(i: OperatorActionInput): OperatorActionOutcome {
  return control('halt', i);
}

/** Resumes purchases of a halted book. @throws OperatorActionError ACTION_REASON_REQUIRED; LiveError LIVE_STORE */
export function resumeBook(i: OperatorActionInput): OperatorActionOutcome {
  return control('resume', i);
}

/** Skips a race (`raceId`), or the next race decided. @throws OperatorActionError ACTION_REASON_REQUIRED, ACTION_BAD_INPUT; LiveError LIVE_STORE */
export function skipRace(i: OperatorActionInput): OperatorActionOutcome {
  return control('skip', i);
}

/**
 * Rolls the promoted config back (aborts a running canary, else returns to the previous
 * accepted config) through promote's history, and records it in the book's audit log when the
 * folder holds a live book.
 * @throws OperatorActionError ACTION_REASON_REQUIRED; PromoteError PROMOTE_NOTHING_TO_ROLL_BACK, PROMOTE_BUSY, PROMOTE_HISTORY_BROKEN
 */
export function rollbackConfig(i: OperatorActionInput): OperatorActionOutcome {
  const reason = reasonOf(i);
  const actor = actorOf(i);
  const nowMs = i.nowMs ?? Date.now();
  const r = rollbackPromotion(i.stateDir, { by: actor, nowMs, reason });
  const rollback = { configHash: r.configHash, fromConfigHash: r.fromConfigHash ?? null, abortedCanary: r.abortedCanary === true, historySeq: r.seq };
  let auditSeq: number | null = null;
  if (existsSync(join(i.stateDir, STATE_FILES.database))) {
    const store = openStore(i.stateDir);
    try {
      auditSeq = store.audit(nowMs, 'config_rollback', { reason, source: i.source, actor, ...rollback }).seq;
    } finally {
      store.close();
    }
  }
  const short = (h: string | null): string => (h === null ? 'none' : h.slice(0, 12));
  const message = rollback.abortedCanary
    ? `aborted canary ${short(rollback.fromConfigHash)}; live config stays ${short(rollback.configHash)} (record ${r.seq})`
    : `rolled back ${short(rollback.fromConfigHash)} -> ${short(rollback.configHash)} (record ${r.seq}); promoted.json updated`;
  return { action: 'rollback', actor, source: i.source, at: isoOf(nowMs), reason, auditSeq, message, rollback, historyRecord: r };
}

/**
 * Acknowledges an alert of the book.
 * @throws OperatorActionError ACTION_BAD_INPUT (no alert id); LiveError LIVE_UNKNOWN_ALERT, LIVE_ALERT_ACKED, LIVE_STORE
 */
export function ackAlert(i: OperatorActionInput): OperatorActionOutcome {
  const reason = reasonOf(i, 'acknowledged');
  const actor = actorOf(i);
  const id = i.alertId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw new OperatorActionError('ACTION_BAD_INPUT', 'alertId must be a positive integer (the id of an alert)', 'alertId');
  const nowMs = i.nowMs ?? Date.now();
  const store = openStore(i.stateDir);
  try {
    const rec = store.ackAlert(nowMs, id, { actor, source: i.source, reason });
    return { action: 'ack', actor, source: i.source, at: rec.at, reason, auditSeq: rec.seq, message: `alert ${id} acknowledged (audit record ${rec.seq})`, alertId: id };
  } finally {
    store.close();
  }
}

/**
 * The action functions by name. The dashboard's routes and the CLI commands look them up here
 * when they run, so both take this one path (a test can wrap an entry and see both call it).
 */
export const OPERATOR_ACTIONS: Record<OperatorActionKind, (i: OperatorActionInput) => OperatorActionOutcome> = {
  halt: haltBook,
  resume: resumeBook,
  skip: skipRace,
  rollback: rollbackConfig,
  ack: ackAlert,
};
