/**
 * Helpers of the live runner tests: a small synthetic dataset (three race days), temporary
 * state folders, a hand-made feed for exact scenarios, and an in-process day runner.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetRows, PayoutRow, RunnerRow } from '../../src/data/index.ts';
import { generateDataset } from '../../src/data/synthetic/index.ts';
import type { RaceResult } from '../../src/ledger/index.ts';
import {
  Alerts,
  localTimeMs,
  PaperPurchaser,
  parseLiveConfig,
  ReplayFeed,
  runDay,
  SimulatedClock,
  storeSink,
  type Clock,
  type DaySummary,
  type LiveConfig,
  type LiveStore,
  type OddsSnapshot,
  type Purchaser,
  type RaceCard,
  type RaceFeed,
} from '../../src/live/index.ts';

/** The first replayed day of {@link syntheticRows}. */
export const DAY = '2024-01-06';

let cached: DatasetRows | undefined;

/** Three synthetic JRA race days from 2024-01-06 (seed 7), generated once per test file. */
export function syntheticRows(): DatasetRows {
  cached ??= generateDataset({ years: 0.02, seed: 7, startDate: DAY });
  return cached;
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'keiba-live-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a live config file and returns its path. */
export function writeConfig(dir: string, raw: Record<string, unknown>, name = 'live.json'): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(raw));
  return p;
}

/** Start of a simulated day: 20 minutes before the first decision. */
export function dayStartMs(rows: DatasetRows, date: string): number {
  const posts = rows.races.filter((r) => r.date === date && r.postTime !== null).map((r) => localTimeMs(r.postTime as string));
  return Math.min(...posts) - 20 * 60_000;
}

/** Options of {@link startReplayDay} and {@link replayDay}. */
export interface ReplayDayOptions {
  rows?: DatasetRows;
  date?: string;
  wrap?: (p: PaperPurchaser, clock: Clock) => Purchaser;
  resultDelayByRace?: Map<string, number>;
  venuePath?: string;
  /** The runner's clock over the simulated one that starts the day (default: the simulated clock itself). */
  clock?: (simulated: SimulatedClock) => Clock;
  /** Paper accounts (default: each of the config's accounts with its paper balance, else the whole bankroll). */
  accounts?: { id: string; balanceYen: number }[];
}

/** A replayed day started in process: `done` resolves with the runner's summary. */
export interface StartedReplayDay {
  readonly done: Promise<DaySummary>;
  readonly clock: Clock;
  readonly alerts: Alerts;
  readonly paper: PaperPurchaser;
  readonly purchaser: Purchaser;
}

/** Starts one replayed day in process with a paper purchaser (optionally wrapped) without waiting for it. */
export function startReplayDay(store: LiveStore, config: LiveConfig, options: ReplayDayOptions = {}): StartedReplayDay {
  const rows = options.rows ?? syntheticRows();
  const date = options.date ?? DAY;
  const simulated = new SimulatedClock(dayStartMs(rows, date));
  const clock = options.clock === undefined ? simulated : options.clock(simulated);
  const feed = new ReplayFeed(rows, clock, options.resultDelayByRace === undefined ? {} : { resultDelayByRace: options.resultDelayByRace });
  const accounts = options.accounts ?? config.accounts.map((a) => ({ id: a.id, balanceYen: a.paperBalanceYen ?? config.bankrollYen }));
  const paper = new PaperPurchaser({ path: options.venuePath, accounts, results: feed });
  const purchaser = options.wrap === undefined ? paper : options.wrap(paper, clock);
  const alerts = new Alerts([storeSink(store, clock)], clock);
  const done = runDay({ store, config, feed, purchaser, clock, alerts, date, paper: true });
  return { done, clock, alerts, paper, purchaser };
}

/** Runs one replayed day in process with a paper purchaser (optionally wrapped). */
export async function replayDay(
  store: LiveStore,
  rawConfig: Record<string, unknown>,
  options: ReplayDayOptions = {},
): Promise<{ summary: DaySummary; alerts: Alerts; paper: PaperPurchaser; purchaser: Purchaser }> {
  const { done, alerts, paper, purchaser } = startReplayDay(store, parseLiveConfig(rawConfig), options);
  return { summary: await done, alerts, paper, purchaser };
}

/** A race of {@link ScriptedFeed}: fixed probabilities and odds, a fixed winner. */
export interface ScriptedRace {
  readonly raceId: string;
  readonly postTime: string;
  readonly probs: readonly number[]; // runner i+1
  readonly odds: readonly number[];
  readonly winner: number;
  /** Minutes before the post at which the only odds snapshot is published (default 5). */
  readonly oddsMinutesBefore?: number;
}

/** A hand-made feed: one odds snapshot per race, the result 10 minutes after the post. */
export class ScriptedFeed implements RaceFeed {
  constructor(
    private readonly races: readonly ScriptedRace[],
    private readonly clock: Clock,
  ) {}

  async entries(date: string): Promise<RaceCard[]> {
    return this.races
      .filter((r) => r.postTime.startsWith(date))
      .map((r) => ({ raceId: r.raceId, date, postTime: r.postTime, runners: r.probs.map((_, i) => i + 1), winProbabilities: new Map(r.probs.map((p, i) => [i + 1, p])) }));
  }

  async odds(raceId: string): Promise<OddsSnapshot | null> {
    const r = this.races.find((x) => x.raceId === raceId);
    if (r === undefined) return null;
    const atMs = localTimeMs(r.postTime) - (r.oddsMinutesBefore ?? 5) * 60_000;
    if (this.clock.now() < atMs) return null;
    const at = new Date(atMs + 9 * 3600_000).toISOString().slice(0, 19);
    return { at, odds: new Map(r.odds.map((o, i) => [`win:${i + 1}`, o])) };
  }

  async result(raceId: string): Promise<RaceResult | null> {
    const r = this.races.find((x) => x.raceId === raceId);
    if (r === undefined || this.clock.now() < localTimeMs(r.postTime) + 10 * 60_000) return null;
    return scriptedResult(r);
  }
}

/** Runners and the win payout of a scripted race (the winner first, the others in saddle order). */
export function scriptedResult(r: ScriptedRace): RaceResult {
  const n = r.probs.length;
  let pos = 2;
  const runners: RunnerRow[] = r.probs.map((_, i) => ({
    raceId: r.raceId,
    runner: i + 1,
    bracket: null,
    status: 'ran',
    finishPos: i + 1 === r.winner ? 1 : pos++,
    winOddsFinal: r.odds[i],
    popularity: null,
  }));
  const payouts: PayoutRow[] = [{ raceId: r.raceId, betType: 'win', combination: String(r.winner), payoutPer100: Math.round(r.odds[r.winner - 1] * 100) }];
  return { runners, payouts, fieldSizeAtSales: n };
}

/** Parses a live config (shorthand). */
export function liveConfig(raw: Record<string, unknown>): LiveConfig {
  return parseLiveConfig(raw);
}
