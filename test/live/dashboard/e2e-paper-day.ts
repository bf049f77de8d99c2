/**
 * Fixture of the dashboard's end-to-end test: a paper book replaying the synthetic race day
 * with the real runner (runDay, paper purchaser with injected faults, store alerts), on a
 * simulated clock that stops at a gate before a chosen race's decision and goes on only when
 * the test opens the gate. While it waits the runner is mid-day (run started, not finished),
 * so the page shows a live book and an operator's halt lands between two races.
 */
import { join } from 'node:path';
import { FaultInjectingPurchaser, localTimeMs, openStore, paperBalances, parseLiveConfig, type Clock, type DaySummary, type LiveConfig, type LiveStore, type SimulatedClock, type Timer } from '../../../src/live/index.ts';
import { DAY, startReplayDay, syntheticRows, tempDir } from '../helpers.ts';

/**
 * A clock over a SimulatedClock that holds every timer due at or after `gateAtMs` until
 * {@link GatedClock.open} is called. The simulated world stops just before the gate; a held
 * timer then starts with the time it had left, in the order it was asked for.
 */
export class GatedClock implements Clock {
  private opened = false;
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  /** Timers held at the gate (cancelled ones included). */
  held = 0;

  constructor(
    readonly inner: SimulatedClock,
    readonly gateAtMs: number,
  ) {}

  now(): number {
    return this.inner.now();
  }

  timer(ms: number): Timer {
    const at = this.inner.now() + Math.max(0, ms);
    if (this.opened || at < this.gateAtMs) return this.inner.timer(ms);
    this.held++;
    let cancelled = false;
    let started: Timer | undefined;
    const done = this.gate.then(() => {
      if (cancelled) return new Promise<void>(() => undefined);
      started = this.inner.timer(at - this.inner.now());
      return started.done;
    });
    return {
      done,
      cancel: () => {
        cancelled = true;
        started?.cancel();
      },
    };
  }

  /** True when the simulated world has stopped at the gate (nothing left to run before it). */
  atGate(): boolean {
    return this.held > 0 && this.inner.pending() === 0;
  }

  /** Lets the day go on past the gate. */
  open(): void {
    this.opened = true;
    this.release();
  }
}

/**
 * The paper book of the test: two accounts (the first with a small point limit, so the second
 * takes over), win tickets only, half the purchase calls failing and two calls per ticket at
 * most (about a quarter of the tickets fail, each with an alert).
 */
export const E2E_CONFIG: Record<string, unknown> = {
  themis: { betTypes: ['win'] },
  bankrollYen: 1_000_000,
  maxPurchaseAttempts: 2,
  accounts: [
    { id: 'main', pointLimitPerDay: 8 },
    { id: 'spare', pointLimitPerDay: 60 },
  ],
};

/** A replayed paper day stopped at a gate. */
export interface GatedPaperDay {
  readonly stateDir: string;
  readonly store: LiveStore;
  readonly config: LiveConfig;
  readonly clock: GatedClock;
  /** Races (id, post time) decided at or after the gate, i.e. after the test opens it. */
  readonly afterGate: readonly { raceId: string; postTime: string }[];
  /** The running day; resolves when the runner finishes it (after the gate is opened). */
  readonly done: Promise<DaySummary>;
  /** Resolves when the runner waits at the gate (fails after `timeoutMs` of wall time). */
  untilGate(timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Starts replaying {@link DAY} into a new book, stopping before the decision of the race at
 * position `gateRace` (by post time, 0-based).
 */
export function startGatedPaperDay(gateRace: number): GatedPaperDay {
  const rows = syntheticRows();
  const stateDir = join(tempDir('keiba-dash-e2e-'), 'state');
  const store = openStore(stateDir);
  const config = parseLiveConfig(E2E_CONFIG);
  const races = rows.races
    .filter((r) => r.date === DAY && r.postTime !== null)
    .map((r) => ({ raceId: r.raceId, postTime: r.postTime as string }))
    .sort((a, b) => localTimeMs(a.postTime) - localTimeMs(b.postTime));
  const decideAt = (postTime: string): number => localTimeMs(postTime) - config.decisionSecondsBeforePost * 1000;
  const gateAtMs = decideAt(races[gateRace].postTime) - 60_000;
  const day = startReplayDay(store, config, {
    rows,
    clock: (simulated) => new GatedClock(simulated, gateAtMs),
    accounts: paperBalances(config),
    wrap: (paper, c) => new FaultInjectingPurchaser(paper, c, { seed: 'dashboard-e2e', failureRate: 0.5, slowMs: 10_000 }),
  });
  const clock = day.clock as GatedClock;
  const done = day.done.finally(async () => {
    await day.alerts.flush();
    day.paper.close();
  });
  const untilGate = async (timeoutMs = 60_000): Promise<void> => {
    const t0 = Date.now();
    let settled = 0;
    // Stopped = at the gate on a few consecutive checks (continuations drain between them).
    while (settled < 3) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`the replayed day did not reach the gate within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
      settled = clock.atGate() ? settled + 1 : 0;
    }
  };
  return {
    stateDir,
    store,
    config,
    clock,
    afterGate: races.filter((r) => decideAt(r.postTime) >= gateAtMs),
    done,
    untilGate,
    close: () => store.close(),
  };
}
