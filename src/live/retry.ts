/**
 * Timeouts and exponential backoff with jitter for calls to feeds and purchasers. Layer: live;
 * reads the injected clock only. Units: milliseconds.
 */
import type { Clock } from './clock.ts';

/** Outcome of a call bounded by a timeout. */
export type Bounded<T> = { ok: true; value: T } | { ok: false; timedOut: true } | { ok: false; timedOut: false; error: unknown };

/**
 * Waits for `call` at most `ms` milliseconds of `clock` time; never throws.
 * @example await withTimeout(clock, feed.odds('R1'), 5000) // { ok: true, value: ... } or { ok: false, timedOut: true }
 */
export async function withTimeout<T>(clock: Clock, call: Promise<T> | (() => Promise<T>), ms: number): Promise<Bounded<T>> {
  const timer = clock.timer(ms);
  let p: Promise<T>;
  try {
    p = typeof call === 'function' ? call() : call;
  } catch (error) {
    timer.cancel();
    return { ok: false, timedOut: false, error };
  }
  const guarded = p.then(
    (value): Bounded<T> => ({ ok: true, value }),
    (error: unknown): Bounded<T> => ({ ok: false, timedOut: false, error }),
  );
  const out = await Promise.race([guarded, timer.done.then((): Bounded<T> => ({ ok: false, timedOut: true }))]);
  timer.cancel();
  return out;
}

/** Backoff settings. */
export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  readonly baseMs: number;
  /** Largest delay, ms. */
  readonly maxMs: number;
}

/**
 * Delay before retry number `retry` (1, 2, ...): min(max, base * 2^(retry-1)) scaled by a jitter
 * factor in [0.5, 1) from `u` in [0, 1) ("equal jitter").
 * @example backoffMs(3, { baseMs: 500, maxMs: 8000 }, 0) // 1000
 */
export function backoffMs(retry: number, policy: BackoffPolicy, u: number): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(cap * (0.5 + u / 2));
}

/** A short text of an error for records and alerts (no stack). */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${(e as { code?: unknown }).code ?? e.name}: ${e.message}`;
  return String(e);
}
