/**
 * Messages between the backtest replay and its stage-1 worker threads (stage-one-pool.ts,
 * stage-one-worker.ts), and the transport of errors: an error thrown in a worker is rebuilt in
 * the replay's thread with its class, code, field, value and message, and thrown when the replay
 * reaches its race, as if the decision had run there. Layer: sim (imports strategies and themis).
 */
import type { MessagePort } from 'node:worker_threads';
import { StrategyError } from '../../strategies/errors.ts';
import { ThemisError } from '../../themis/errors.ts';
import { BET_TYPES, type BetType } from '../../themis/tickets.ts';
import type { CandidateAllocation, ColumnarAllocation, PoolSizes, ThemisConfig } from '../../themis/index.ts';
import type { SyntheticRaceTask } from './synthetic-stage-one.ts';

/** What a worker gets at start-up (workerData). */
export interface StageOneInit {
  /** The worker's end of its channel: tasks in, results out. */
  readonly port: MessagePort;
  /** Int32 counter the worker increments (and notifies) after each result posted. */
  readonly signal: SharedArrayBuffer;
}

/**
 * A task: race `seq` of the replay's order, packed (packTask), decided with the config last
 * posted to the worker; `config` (the strategy's Themis config) comes with the first task of a
 * config, not with every race (a config costs about what the race itself costs to post).
 */
export interface StageOneTask {
  readonly seq: number;
  readonly race: PackedTask;
  readonly config?: ThemisConfig;
}

/**
 * A SyntheticRaceTask as posted: its arrays in one transferred buffer (posting three typed
 * arrays, a Map and an array of strings costs several times more than one buffer).
 */
export interface PackedTask {
  /** Number of runners. */
  readonly n: number;
  /** Number of (saddle number, bracket) pairs, in the Map's order. */
  readonly brackets: number;
  /** Number of exotic bet types offered. */
  readonly offered: number;
  readonly withoutWin: boolean;
  readonly placesPaid: 2 | 3;
  /**
   * Float64 p then odds (n each), then Int32 runners (n), the bracket pairs (saddle number,
   * bracket) and the offered bet types' indices in BET_TYPES, in their order.
   */
  readonly buffer: ArrayBuffer;
}

/**
 * Packs a race task for posting (its arrays copied into one buffer); `transfer` receives that
 * buffer.
 */
export function packTask(task: SyntheticRaceTask, transfer: ArrayBuffer[]): PackedTask {
  const n = task.runners.length;
  const nb = task.brackets.size;
  const no = task.offered.length;
  const buffer = new ArrayBuffer(16 * n + 4 * (n + 2 * nb + no));
  new Float64Array(buffer, 0, n).set(task.p.subarray(0, n));
  new Float64Array(buffer, 8 * n, n).set(task.odds.subarray(0, n));
  const ints = new Int32Array(buffer, 16 * n, n + 2 * nb + no);
  ints.set(task.runners.subarray(0, n));
  let at = n;
  for (const [runner, bracket] of task.brackets) {
    ints[at++] = runner;
    ints[at++] = bracket;
  }
  for (const t of task.offered) ints[at++] = BET_TYPES.indexOf(t);
  transfer.push(buffer);
  return { n, brackets: nb, offered: no, withoutWin: task.withoutWin, placesPaid: task.placesPaid, buffer };
}

/** The race task a packed task stands for (equal to the one packed; p, odds and runners are views of the buffer). */
export function unpackTask(x: PackedTask): SyntheticRaceTask {
  const { n, buffer } = x;
  const ints = new Int32Array(buffer, 16 * n, n + 2 * x.brackets + x.offered);
  const brackets = new Map<number, number>();
  let at = n;
  for (let b = 0; b < x.brackets; b++, at += 2) brackets.set(ints[at], ints[at + 1]);
  const offered: BetType[] = [];
  for (let o = 0; o < x.offered; o++) offered.push(BET_TYPES[ints[at++]]);
  return {
    runners: ints.subarray(0, n),
    p: new Float64Array(buffer, 0, n),
    odds: new Float64Array(buffer, 8 * n, n),
    withoutWin: x.withoutWin,
    placesPaid: x.placesPaid,
    brackets,
    offered,
  };
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
 * A stage-1 allocation as posted: every array in one buffer, transferred (one transfer costs
 * about what ten cost each); the stage is already in codes (ColumnarAllocation), so packing is a
 * copy and the receiving thread sizes the views of the buffer as they are.
 */
export interface PackedStage {
  /** Number of input tickets. */
  readonly count: number;
  /** Number of candidates. */
  readonly candidates: number;
  /**
   * Float64 p, odds, fraction, uncapped (candidates each), then Int32 keys (count) and rows
   * (candidates), then bytes: reason (count), then per candidate its bet type, reason and cap
   * codes (CandidateAllocation's betTypes, reason and capped).
   */
  readonly buffer: ArrayBuffer;
  /** The pool sizes, or null when no candidate has any. */
  readonly pools: readonly (PoolSizes | undefined)[] | null;
  readonly growth: number;
  readonly method: CandidateAllocation['method'];
}

/** The views of a packed stage's buffer (see PackedStage.buffer). */
function views(buffer: ArrayBuffer, count: number, k: number) {
  let at = 0;
  const f64 = (): Float64Array => {
    const v = new Float64Array(buffer, at, k);
    at += 8 * k;
    return v;
  };
  const p = f64();
  const odds = f64();
  const fraction = f64();
  const uncapped = f64();
  const keys = new Int32Array(buffer, at, count);
  at += 4 * count;
  const rows = new Int32Array(buffer, at, k);
  at += 4 * k;
  const reason = new Uint8Array(buffer, at, count);
  at += count;
  const betTypes = new Uint8Array(buffer, at, k);
  const candidateReason = new Uint8Array(buffer, at + k, k);
  const capped = new Uint8Array(buffer, at + 2 * k, k);
  return { p, odds, fraction, uncapped, keys, rows, reason, betTypes, candidateReason, capped };
}

/** Bytes of a packed stage's buffer. */
function packedBytes(count: number, k: number): number {
  return 32 * k + 4 * count + 4 * k + count + 3 * k;
}

/**
 * Packs a stage-1 allocation for posting (its arrays copied into one buffer); `transfer`
 * receives that buffer.
 */
export function packStage(stage: ColumnarAllocation, transfer: ArrayBuffer[]): PackedStage {
  const a = stage.allocation;
  const k = a.count;
  const buffer = new ArrayBuffer(packedBytes(stage.count, k));
  const v = views(buffer, stage.count, k);
  v.p.set(a.p.subarray(0, k));
  v.odds.set(a.odds.subarray(0, k));
  v.fraction.set(a.fraction.subarray(0, k));
  v.uncapped.set(a.uncapped.subarray(0, k));
  v.keys.set(stage.keys.subarray(0, stage.count));
  v.rows.set(stage.rows.subarray(0, k));
  v.reason.set(stage.reason.subarray(0, stage.count));
  v.betTypes.set(a.betTypes.subarray(0, k));
  v.candidateReason.set(a.reason.subarray(0, k));
  v.capped.set(a.capped.subarray(0, k));
  transfer.push(buffer);
  return { count: stage.count, candidates: k, buffer, pools: a.pools, growth: a.growth, method: a.method };
}

/**
 * The stage-1 allocation a packed stage stands for (equal to the one packed): views of the
 * buffer, but for the input tickets' reason codes, copied (the replay's rejection log keeps
 * them, and the rest of the buffer is then let go with the stage).
 */
export function unpackStage(x: PackedStage): ColumnarAllocation {
  const k = x.candidates;
  const v = views(x.buffer, x.count, k);
  const allocation: CandidateAllocation = {
    count: k,
    betTypes: v.betTypes,
    p: v.p,
    odds: v.odds,
    fraction: v.fraction,
    uncapped: v.uncapped,
    reason: v.candidateReason,
    capped: v.capped,
    pools: x.pools,
    growth: x.growth,
    method: x.method,
  };
  return { count: x.count, keys: v.keys, reason: v.reason.slice(), rows: v.rows, allocation };
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
