/**
 * A feed replaying a recorded dataset on a clock: race cards and predictions of a day, the
 * latest odds snapshot published by the clock's time, and the official result a set delay
 * after the post. Layer: live (adapter; imports data row types). Pure apart from reading the
 * clock. Units: decimal odds, local Japan times.
 */
import type { DatasetRows, OddsSnapshotRow, PayoutRow, RaceRow, RunnerRow } from '../../data/index.ts';
import type { RaceResult } from '../../ledger/index.ts';
import { localTimeMs, type Clock } from '../clock.ts';
import { LiveError } from '../errors.ts';
import type { OddsSnapshot, RaceCard, RaceFeed } from './feed.ts';

/** Options of {@link ReplayFeed}. */
export interface ReplayFeedOptions {
  /** Prediction model (table) to read; default the only one, or `model`. */
  readonly model?: string;
  /** Minutes after the post at which results are published; default 10. */
  readonly resultDelayMinutes?: number;
  /** Per-race result delays in minutes (a late result), overriding the default. */
  readonly resultDelayByRace?: ReadonlyMap<string, number>;
}

interface RaceData {
  race: RaceRow;
  runners: RunnerRow[];
  payouts: PayoutRow[];
  odds: OddsSnapshotRow[]; // sorted by at
  probs: Map<number, number>;
}

/**
 * Replays a dataset (rows) on `clock`.
 * @throws LiveError LIVE_BAD_OPTION when the dataset has no predictions (or not the model named)
 * @example const feed = new ReplayFeed(rows, clock); await feed.entries('2024-01-06') // 36 race cards
 */
export class ReplayFeed implements RaceFeed {
  private readonly byRace = new Map<string, RaceData>();
  private readonly clock: Clock;
  private readonly delayMs: number;
  private readonly delayByRace: ReadonlyMap<string, number>;

  constructor(rows: DatasetRows, clock: Clock, options: ReplayFeedOptions = {}) {
    this.clock = clock;
    this.delayMs = (options.resultDelayMinutes ?? 10) * 60_000;
    this.delayByRace = options.resultDelayByRace ?? new Map();
    const models = Object.keys(rows.predictions ?? {});
    const model = options.model ?? (models.length === 1 ? models[0] : 'model');
    const preds = rows.predictions?.[model];
    if (preds === undefined) {
      throw new LiveError('LIVE_BAD_OPTION', `ReplayFeed: the dataset has no predictions of model '${model}' (has: ${models.join(', ') || 'none'})`, { field: 'model', value: model });
    }
    for (const race of rows.races) this.byRace.set(race.raceId, { race, runners: [], payouts: [], odds: [], probs: new Map() });
    for (const r of rows.runners) this.byRace.get(r.raceId)?.runners.push(r);
    for (const p of rows.payouts) this.byRace.get(p.raceId)?.payouts.push(p);
    for (const o of rows.oddsSnapshots ?? []) this.byRace.get(o.raceId)?.odds.push(o);
    for (const p of preds) this.byRace.get(p.raceId)?.probs.set(p.runner, p.p);
    for (const d of this.byRace.values()) d.odds.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  /** Dates holding races with a post time, ascending. */
  dates(): string[] {
    return [...new Set([...this.byRace.values()].filter((d) => d.race.postTime !== null).map((d) => d.race.date))].sort();
  }

  async entries(date: string): Promise<RaceCard[]> {
    const cards: RaceCard[] = [];
    for (const d of this.byRace.values()) {
      if (d.race.date !== date || d.race.postTime === null || d.probs.size === 0) continue;
      cards.push({
        raceId: d.race.raceId,
        date,
        postTime: d.race.postTime,
        runners: d.runners.map((r) => r.runner).sort((a, b) => a - b),
        winProbabilities: new Map(d.probs),
      });
    }
    return cards.sort((a, b) => (a.postTime < b.postTime ? -1 : a.postTime > b.postTime ? 1 : a.raceId < b.raceId ? -1 : 1));
  }

  async odds(raceId: string): Promise<OddsSnapshot | null> {
    const d = this.byRace.get(raceId);
    if (d === undefined) return null;
    const now = this.clock.now();
    let latest: string | undefined;
    for (const o of d.odds) {
      if (localTimeMs(o.at) > now) break;
      latest = o.at;
    }
    if (latest === undefined) return null;
    const odds = new Map<string, number>();
    for (const o of d.odds) if (o.at === latest) odds.set(`${o.betType}:${o.combination}`, o.odds);
    return { at: latest, odds };
  }

  async result(raceId: string): Promise<RaceResult | null> {
    const d = this.byRace.get(raceId);
    if (d === undefined || d.race.postTime === null) return null;
    const delay = this.delayByRace.has(raceId) ? (this.delayByRace.get(raceId) as number) * 60_000 : this.delayMs;
    if (this.clock.now() < localTimeMs(d.race.postTime) + delay) return null;
    return { runners: d.runners, payouts: d.payouts, fieldSizeAtSales: d.race.fieldSize };
  }

  /** The result regardless of the clock (for the paper venue, which settles on official results). */
  officialResult(raceId: string): RaceResult | null {
    const d = this.byRace.get(raceId);
    return d === undefined ? null : { runners: d.runners, payouts: d.payouts, fieldSizeAtSales: d.race.fieldSize };
  }
}
