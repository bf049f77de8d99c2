/**
 * Messages between the backtest replay and its stage-1 worker threads (stage-one-pool.ts,
 * stage-one-worker.ts), and the transport of errors: an error thrown in a worker is rebuilt in
 * the replay's thread with its class, code, field, value and message, and thrown when the replay
 * reaches its race, as if the decision had run there. Layer: sim (imports strategies and themis).
 */
import type { MessagePort } from 'node:worker_threads';
import { StrategyError } from '../../strategies/errors.ts';
import { ThemisError } from '../../themis/errors.ts';
import { REJECT_REASONS, type CapReason, type RejectReason } from '../../themis/reasons.ts';
import { BET_TYPES, type BetType } from '../../themis/tickets.ts';
import { ticketKeyId } from '../../themis/ticket-keys.ts';
import type { Allocation, ColumnarAllocation, PoolSizes, ThemisConfig } from '../../themis/index.ts';
import type { SyntheticRaceTask } from './synthetic-stage-one.ts';

/** What a worker gets at start-up (workerData). */
export interface StageOneInit {
  /** The worker's end of its channel: tasks in, results out. */
  readonly port: MessagePort;
  /** Int32 counter the worker increments (and notifies) after each result posted. */
  readonly signal: SharedArrayBuffer;
}

/** A task: race `seq` of the replay's order, decided with `config` (the strategy's Themis config). */
export interface StageOneTask {
  readonly seq: number;
  readonly task: SyntheticRaceTask;
  readonly config: ThemisConfig;
}

/** An error as posted by a worker. */
export interface PostedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly field?: string;
  readonly value?: unknown;
  readonly stack?: string;
}

/**
 * A worker's message: ready (loaded, once), the stage-1 allocation of race `seq`, the error
 * its decision threw, or fatal when the worker cannot go on.
 */
export type StageOneReply =
  | { readonly seq: -1; readonly ready: true }
  | { readonly seq: number; readonly stage: PackedStage }
  | { readonly seq: number; readonly error: PostedError }
  | { readonly seq: -1; readonly fatal: string };

/**
 * A stage-1 allocation as posted: its arrays of strings and nulls as codes (arrays of a few
 * hundred strings cost tens of microseconds each to post), the typed arrays transferred. The
 * candidates' ids are not posted: each is the id of its ticket key (the receiving thread's
 * memoised strings, which settlement looks up without hashing them anew).
 */
export interface PackedStage {
  readonly count: number;
  readonly keys: Int32Array;
  readonly reason: Uint8Array;
  /** The candidates' rows (their ids are those of their keys: ticketKeyId(keys[rows[j]])). */
  readonly rows: Int32Array;
  /** Index in BET_TYPES. */
  readonly betTypes: Uint8Array;
  readonly p: Float64Array;
  readonly odds: Float64Array;
  readonly fraction: Float64Array;
  readonly uncapped: Float64Array;
  /** 0 for null, else 1 + index in REJECT_REASONS. */
  readonly candidateReason: Uint8Array;
  /** 0 for null, else 1 + index in CAP_REASONS. */
  readonly capped: Uint8Array;
  /** The pool sizes, or null when no candidate has any. */
  readonly pools: readonly (PoolSizes | undefined)[] | null;
  readonly growth: number;
  readonly method: Allocation['method'];
}

const CAP_REASONS: readonly CapReason[] = ['cap_per_ticket', 'cap_per_race', 'cap_per_day'];
const REJECT_CODE = new Map<RejectReason, number>(REJECT_REASONS.map((r, i) => [r, i + 1]));
const CAP_CODE = new Map<CapReason, number>(CAP_REASONS.map((r, i) => [r, i + 1]));
const BET_TYPE_INDEX = new Map<BetType, number>(BET_TYPES.map((t, i) => [t, i]));

/** The typed arrays own their whole buffers: the buffers to transfer with a packed stage (a shared one is copied first). */
function owned<T extends Int32Array | Uint8Array | Float64Array>(a: T, transfer: ArrayBuffer[]): T {
  const b = a.buffer as ArrayBuffer;
  if (a.byteOffset === 0 && a.byteLength === b.byteLength && !transfer.includes(b)) {
    transfer.push(b);
    return a;
  }
  const copy = a.slice() as T;
  transfer.push(copy.buffer as ArrayBuffer);
  return copy;
}

/**
 * Packs a stage-1 allocation for posting; `transfer` receives the buffers to transfer (the
 * stage's typed arrays are unusable afterwards in the posting thread).
 */
export function packStage(stage: ColumnarAllocation, transfer: ArrayBuffer[]): PackedStage {
  const a = stage.allocation;
  const k = a.ids.length;
  const betTypes = new Uint8Array(k);
  const candidateReason = new Uint8Array(k);
  const capped = new Uint8Array(k);
  let anyPool = false;
  for (let j = 0; j < k; j++) {
    betTypes[j] = BET_TYPE_INDEX.get(a.betTypes[j])!;
    const r = a.reason[j];
    candidateReason[j] = r === null ? 0 : REJECT_CODE.get(r)!;
    const c = a.capped[j];
    capped[j] = c === null ? 0 : CAP_CODE.get(c)!;
    if (a.pools[j] !== undefined) anyPool = true;
  }
  const rows = Int32Array.from(stage.rows);
  transfer.push(rows.buffer, betTypes.buffer, candidateReason.buffer, capped.buffer);
  return {
    count: stage.count,
    keys: owned(stage.keys, transfer),
    reason: owned(stage.reason, transfer),
    rows,
    betTypes,
    p: owned(a.p, transfer),
    odds: owned(a.odds, transfer),
    fraction: owned(a.fraction, transfer),
    uncapped: owned(a.uncapped, transfer),
    candidateReason,
    capped,
    pools: anyPool ? a.pools : null,
    growth: a.growth,
    method: a.method,
  };
}

/** The stage-1 allocation a packed stage stands for (equal to the one packed). Plain loops: Array.from with a mapping function is several times slower. */
export function unpackStage(x: PackedStage): ColumnarAllocation {
  const k = x.rows.length;
  const rows = new Array<number>(k);
  const ids = new Array<string>(k);
  const betTypes = new Array<BetType>(k);
  const reason = new Array<RejectReason | null>(k);
  const capped = new Array<CapReason | null>(k);
  for (let j = 0; j < k; j++) {
    rows[j] = x.rows[j];
    ids[j] = ticketKeyId(x.keys[x.rows[j]]);
    betTypes[j] = BET_TYPES[x.betTypes[j]];
    const r = x.candidateReason[j];
    reason[j] = r === 0 ? null : REJECT_REASONS[r - 1];
    const c = x.capped[j];
    capped[j] = c === 0 ? null : CAP_REASONS[c - 1];
  }
  let pools = x.pools;
  if (pools === null) {
    const none = new Array<PoolSizes | undefined>(k);
    for (let j = 0; j < k; j++) none[j] = undefined;
    pools = none;
  }
  const allocation: Allocation = {
    ids,
    betTypes,
    p: x.p,
    odds: x.odds,
    fraction: x.fraction,
    uncapped: x.uncapped,
    reason,
    capped,
    pools,
    growth: x.growth,
    method: x.method,
  };
  return { count: x.count, keys: x.keys, reason: x.reason, rows, allocation };
}

/** An error as plain data (its value dropped to a string when it cannot be posted). */
export function postedError(e: unknown): PostedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const x = e as Error & { code?: unknown; field?: unknown; value?: unknown };
  let value: unknown = x.value;
  try {
    structuredClone(value);
  } catch {
    value = String(value);
  }
  return {
    name: x.name,
    message: x.message,
    ...(typeof x.code === 'string' ? { code: x.code } : {}),
    ...(typeof x.field === 'string' ? { field: x.field } : {}),
    ...('value' in x ? { value } : {}),
    ...(x.stack !== undefined ? { stack: x.stack } : {}),
  };
}

/** The error a posted error stands for: a ThemisError or StrategyError as thrown, else an Error with the same name and message. */
export function rebuiltError(p: PostedError): Error {
  if (p.name === 'ThemisError' && p.code !== undefined) {
    return new ThemisError(p.code as ConstructorParameters<typeof ThemisError>[0], p.field ?? '', p.value, p.message);
  }
  if (p.name === 'StrategyError' && p.code !== undefined) {
    return new StrategyError(p.code as ConstructorParameters<typeof StrategyError>[0], p.field ?? '', p.value, p.message);
  }
  const e = new Error(p.message);
  e.name = p.name;
  return e;
}
