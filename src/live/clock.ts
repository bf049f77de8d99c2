/**
 * Clocks of the live runner: the system clock for real runs and a simulated clock that replays a
 * race day in milliseconds of wall time, deterministically. Layer: live. Units: milliseconds
 * since the Unix epoch; race times are local Japan time (`YYYY-MM-DDTHH:MM`, UTC+9).
 * Not pure: the system clock reads the time and sets timers.
 *
 * The simulated clock keeps a queue of sleepers ordered by (wake time, order of the call). It
 * advances only when every runnable continuation has run (one `setImmediate` turn after the last
 * wake-up: promise chains drain before it), then wakes the earliest sleeper. So two async loops
 * (the race loop and the results worker) interleave in one order only, whatever the machine's speed.
 * Code running on it must not wait on real I/O between sleeps (the store and the audit log are synchronous).
 */

/** A cancellable timer. */
export interface Timer {
  /** Resolves when the time has come (never, once cancelled). */
  readonly done: Promise<void>;
  /** Cancels the timer (the clock no longer waits for it). */
  cancel(): void;
}

/** What the runner knows about time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A timer firing after `ms` milliseconds (0 or less: at the next turn). */
  timer(ms: number): Timer;
}

/** Sleeps `ms` milliseconds on `clock`. @example await sleep(clock, 1000) */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return clock.timer(ms).done;
}

/** Sleeps until the epoch time `atMs` (returns at once when it has passed). */
export function sleepUntil(clock: Clock, atMs: number): Promise<void> {
  return clock.timer(atMs - clock.now()).done;
}

/** The real clock. @example systemClock.now() // Date.now() */
export const systemClock: Clock = {
  now: () => Date.now(),
  timer(ms: number): Timer {
    let handle: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve) => {
      handle = setTimeout(resolve, Math.max(0, ms));
    });
    return {
      done,
      cancel() {
        if (handle !== undefined) clearTimeout(handle);
      },
    };
  },
};

interface Sleeper {
  readonly at: number;
  readonly order: number;
  readonly resolve: () => void;
  cancelled: boolean;
}

/**
 * A simulated clock starting at `startMs` (see the header for its scheduling rule).
 * @example
 * const c = new SimulatedClock(Date.parse('2024-01-06T09:00:00+09:00'));
 * await sleep(c, 60_000); c.now() - start // 60000, at once
 */
export class SimulatedClock implements Clock {
  private nowMs: number;
  private readonly queue: Sleeper[] = [];
  private order = 0;
  private scheduled = false;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  timer(ms: number): Timer {
    const at = this.nowMs + Math.max(0, ms);
    let sleeper: Sleeper | undefined;
    const done = new Promise<void>((resolve) => {
      sleeper = { at, order: this.order++, resolve, cancelled: false };
    });
    const s = sleeper as Sleeper;
    this.insert(s);
    this.schedule();
    return {
      done,
      cancel: () => {
        s.cancelled = true;
      },
    };
  }

  /** Number of timers still waiting (cancelled ones excluded). */
  pending(): number {
    return this.queue.filter((s) => !s.cancelled).length;
  }

  private insert(s: Sleeper): void {
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].at > s.at || (this.queue[i - 1].at === s.at && this.queue[i - 1].order > s.order))) i--;
    this.queue.splice(i, 0, s);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.advance());
  }

  private advance(): void {
    this.scheduled = false;
    let next = this.queue.shift();
    while (next !== undefined && next.cancelled) next = this.queue.shift();
    if (next === undefined) return;
    if (next.at > this.nowMs) this.nowMs = next.at;
    next.resolve();
    if (this.queue.length > 0) this.schedule();
  }
}

/** Offset of Japan local time from UTC, in minutes (JRA race times are local). */
export const JST_OFFSET_MINUTES = 540;

/**
 * Epoch milliseconds of a local Japan time `YYYY-MM-DDTHH:MM[:SS]`.
 * @example localTimeMs('2024-01-06T09:50') === Date.parse('2024-01-06T00:50:00Z') // true
 */
export function localTimeMs(local: string): number {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  const ms = Date.parse(`${withSeconds}+09:00`);
  if (!Number.isFinite(ms)) throw new RangeError(`localTimeMs: '${local}' is not a local time YYYY-MM-DDTHH:MM[:SS]`);
  return ms;
}

/**
 * Local Japan date `YYYY-MM-DD` of an epoch time.
 * @example localDateOf(Date.parse('2024-01-05T16:00:00Z')) // '2024-01-06'
 */
export function localDateOf(ms: number): string {
  return new Date(ms + JST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** ISO text (UTC, milliseconds) of an epoch time, as the audit log writes it. @example isoOf(0) // '1970-01-01T00:00:00.000Z' */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
