/**
 * Messages between the backtest replay and its stage-1 worker threads (stage-one-pool.ts,
 * stage-one-worker.ts), and the transport of errors: an error thrown in a worker is rebuilt in
 * the replay's thread with its class, code, field, value and message, and thrown when the replay
 * reaches its race, as if the decision had run there. Layer: sim (imports strategies and themis).
 */
import type { MessagePort } from 'node:worker_threads';
import { StrategyError } from '../../strategies/errors.ts';
import { ThemisError } from '../../themis/errors.ts';
import type { ColumnarAllocation, ThemisConfig } from '../../themis/index.ts';
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
  | { readonly seq: number; readonly stage: ColumnarAllocation }
  | { readonly seq: number; readonly error: PostedError }
  | { readonly seq: -1; readonly fatal: string };

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
