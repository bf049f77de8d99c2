/**
 * Benchmark of the live runner on a replayed synthetic race day (paper purchaser, simulated
 * clock, a fresh book in a temporary folder each run): (1) wall time from the final odds in hand
 * to every purchase call made for a race (goal: under 100 ms), and to every purchase confirmed
 * and recorded (SQLite commit and audit fsync included); (2) a full replayed day end to end.
 * Options: --seed S (dataset, default 'bench'), --days N (days replayed, default 2),
 * --fraction F (maxFractionPerTicket, default 0.01). The last line is one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDataset } from '../src/data/synthetic/index.ts';
import {
  Alerts,
  localTimeMs,
  openStore,
  PaperPurchaser,
  parseLiveConfig,
  ReplayFeed,
  runDay,
  SimulatedClock,
  storeSink,
  type OddsSnapshot,
  type PurchaseAck,
  type PurchaseRequest,
  type Purchaser,
  type RaceFeed,
} from '../src/live/index.ts';
import { benchOptions, quantileSorted } from './util.ts';

function stats(xs: number[]): { n: number; p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantileSorted(s, 0.5), p95: quantileSorted(s, 0.95), max: s[s.length - 1] ?? Number.NaN };
}

const ms = (x: number): string => `${x.toFixed(1)} ms`;

export async function runBench(args: string[]): Promise<void> {
  const opts = benchOptions(args, {
    seed: { type: 'string', default: 'bench' },
    days: { type: 'string', default: '2' },
    fraction: { type: 'string', default: '0.01' },
  });
  const rows = generateDataset({ years: 0.02, seed: String(opts.seed), startDate: '2024-01-06' });
  const dates = [...new Set(rows.races.map((r) => r.date))].sort().slice(0, Number(opts.days));
  const config = parseLiveConfig({ themis: { betTypes: ['win'], maxFractionPerTicket: Number(opts.fraction) }, bankrollYen: 1_000_000, accounts: [{ id: 'main', paperBalanceYen: 100_000_000 }] });
  const toCalls: number[] = [];
  const toConfirmed: number[] = [];
  const dayTimes: number[] = [];
  let races = 0;
  let tickets = 0;
  for (const date of dates) {
    const dir = mkdtempSync(join(tmpdir(), 'keiba-live-bench-'));
    try {
      const t0 = performance.now();
      const store = openStore(join(dir, 'state'));
      const posts = rows.races.filter((r) => r.date === date).map((r) => localTimeMs(r.postTime as string));
      const clock = new SimulatedClock(Math.min(...posts) - 20 * 60_000);
      const replay = new ReplayFeed(rows, clock);
      // Instruments: when the odds of a race arrive, when its last purchase call is made.
      const oddsAt = new Map<string, number>();
      const lastCall = new Map<string, number>();
      const feed: RaceFeed = {
        entries: (d) => replay.entries(d),
        odds: async (raceId): Promise<OddsSnapshot | null> => {
          const o = await replay.odds(raceId);
          oddsAt.set(raceId, performance.now());
          return o;
        },
        result: (raceId) => replay.result(raceId),
      };
      const paper = new PaperPurchaser({ path: join(dir, 'state', 'paper-venue.sqlite'), accounts: [{ id: 'main', balanceYen: 100_000_000 }], results: replay });
      const purchaser: Purchaser = {
        purchase: (req: PurchaseRequest): Promise<PurchaseAck> => {
          lastCall.set(req.raceId, performance.now());
          return paper.purchase(req);
        },
        lookup: (key) => paper.lookup(key),
        balanceYen: (a) => paper.balanceYen(a),
      };
      const alerts = new Alerts([storeSink(store, clock)], clock);
      const summary = await runDay({ store, config, feed, purchaser, clock, alerts, date, paper: true });
      dayTimes.push(performance.now() - t0);
      for (const [raceId, t] of lastCall) toCalls.push(t - (oddsAt.get(raceId) as number));
      toConfirmed.push(...summary.purchaseLatencyMs);
      races += summary.races;
      tickets += summary.tickets;
      store.close();
      paper.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const calls = stats(toCalls);
  const confirmed = stats(toConfirmed);
  const day = stats(dayTimes);
  process.stdout.write(
    `live: ${dates.length} replayed day(s), ${races} races, ${tickets} tickets (paper, simulated clock, fsync on)\n` +
      `  final odds -> all purchase calls made: p50 ${ms(calls.p50)}, p95 ${ms(calls.p95)}, max ${ms(calls.max)} over ${calls.n} races (goal < 100 ms)\n` +
      `  final odds -> all purchases confirmed and recorded: p50 ${ms(confirmed.p50)}, p95 ${ms(confirmed.p95)}, max ${ms(confirmed.max)}\n` +
      `  full replayed day end to end: median ${(day.p50 / 1000).toFixed(2)} s, max ${(day.max / 1000).toFixed(2)} s\n`,
  );
  process.stdout.write(`${JSON.stringify({ bench: 'live', days: dates.length, races, tickets, oddsToCallsMs: calls, oddsToConfirmedMs: confirmed, dayMs: day })}\n`);
}
