/**
 * `keiba live run` as one library call: reads the live config, checks that the run may start
 * (paper, or the promoted config), loads credentials for real runs, opens the book, builds the
 * clock, feed, purchaser and alert sinks, and runs the day. Layer: live; not pure (files,
 * SQLite, clock, network for the webhook). Units: integer yen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetToRows, readDataset, type DatasetRows } from '../data/index.ts';
import { Alerts, jsonlSink, storeSink, streamSink, webhookSink, type AlertSink } from './alerts.ts';
import { FaultInjectingPurchaser } from './adapters/fault-injecting-purchaser.ts';
import { PaperPurchaser } from './adapters/paper-purchaser.ts';
import type { Purchaser } from './adapters/purchaser.ts';
import { ReplayFeed } from './adapters/replay-feed.ts';
import { localTimeMs, SimulatedClock } from './clock.ts';
import { accountsWithoutCredentials, loadCredentials, secretValues } from './credentials.ts';
import { LiveError } from './errors.ts';
import { paperBalances, parseLiveConfig, type LiveConfig } from './live-config.ts';
import { checkRunAllowed } from './promoted.ts';
import { runDay, type DaySummary } from './runner.ts';
import { openStore, STATE_FILES } from './store/live-store.ts';

/** Options of {@link runLive}. */
export interface RunLiveOptions {
  readonly configPath: string;
  readonly stateDir: string;
  /** Paper mode (default true). */
  readonly paper: boolean;
  /** Dataset folder to replay (required: live feeds need an adapter). */
  readonly replayDir?: string;
  /** Rows to replay instead of a dataset folder (tests, benchmarks). */
  readonly replayRows?: DatasetRows;
  readonly date?: string;
  readonly clock: 'simulated' | 'system';
  readonly credentialsFile?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Fault injection (drills): share of purchase calls that fail, and its seed. */
  readonly faultRate?: number;
  readonly seed?: string;
  readonly resultDelayMinutes?: number;
  /** Where the stderr sink writes (default process.stderr). */
  readonly writeErr?: (text: string) => void;
}

/** Result of {@link runLive}: the permission note and the day's summary. */
export interface RunLiveResult {
  readonly note: string;
  readonly configHash: string;
  readonly summary: DaySummary;
}

function readConfig(path: string): LiveConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new LiveError('LIVE_BAD_CONFIG', `--config ${path}: cannot read it as JSON (${(e as Error).message})`, { field: 'config', value: path });
  }
  return parseLiveConfig(raw);
}

/**
 * Runs a day of a book (see the header).
 * @throws LiveError LIVE_NOT_PROMOTED (non-paper run of a config not promoted), LIVE_NO_CREDENTIALS,
 *   LIVE_BAD_CREDENTIALS_FILE, LIVE_NO_VENUE_ADAPTER, LIVE_NO_FEED, LIVE_BAD_OPTION, LIVE_BAD_CONFIG;
 *   ThemisError for a bad Themis config
 * @example await runLive({ configPath: 'live.json', stateDir: 'state', paper: true, replayDir: 'ds', date: '2024-01-06', clock: 'simulated', env: process.env })
 */
export async function runLive(o: RunLiveOptions): Promise<RunLiveResult> {
  const config = readConfig(o.configPath);
  const note = checkRunAllowed(o.stateDir, o.paper, config.configHash);
  // A credentials file is checked even in paper mode (it must never be readable by others).
  const creds = o.credentialsFile !== undefined || !o.paper ? loadCredentials(config.accounts.map((a) => a.id), o.env, o.credentialsFile) : new Map();
  if (!o.paper) {
    const missing = accountsWithoutCredentials(creds);
    if (missing.length > 0) {
      throw new LiveError('LIVE_NO_CREDENTIALS', `no credentials for account(s) ${missing.join(', ')}: set KEIBA_LIVE_<ACCOUNT>_<FIELD> or pass --credentials FILE (mode 600)`, { field: 'accounts', value: missing });
    }
    throw new LiveError('LIVE_NO_VENUE_ADAPTER', 'no venue purchaser is available in this build: implement the Purchaser interface (docs/live-adapters.md) or run with --paper');
  }
  if (o.replayDir === undefined && o.replayRows === undefined) {
    throw new LiveError('LIVE_NO_FEED', 'no live odds feed adapter is configured: replay a dataset with --replay DATASET --date YYYY-MM-DD', { field: 'replay' });
  }
  if (o.clock !== 'simulated') throw new LiveError('LIVE_BAD_OPTION', 'a replay runs on the simulated clock (--clock simulated)', { field: 'clock', value: o.clock });
  const rows = o.replayRows ?? datasetToRows(await readDataset(o.replayDir as string));
  const date = o.date;
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new LiveError('LIVE_BAD_OPTION', `--date must be YYYY-MM-DD, got ${String(date)}`, { field: 'date', value: date });
  const posts = rows.races.filter((r) => r.date === date && r.postTime !== null).map((r) => localTimeMs(r.postTime as string));
  if (posts.length === 0) throw new LiveError('LIVE_BAD_OPTION', `the dataset has no race with a post time on ${date}`, { field: 'date', value: date });

  const store = openStore(o.stateDir);
  try {
    // The simulated day starts before the first decision, or where an interrupted run left off.
    const dayStart = Math.min(...posts) - config.decisionSecondsBeforePost * 1000 - 15 * 60_000;
    // (Operator controls carry the wall-clock time, so only records within the simulated day count.)
    const dayEnd = Math.max(...posts) + config.resultsGiveUpMinutes * 60_000;
    const start = store.latestAuditAtMsWithin(dayStart, dayEnd) ?? dayStart;
    const clock = new SimulatedClock(start);
    const feed = new ReplayFeed(rows, clock, { resultDelayMinutes: o.resultDelayMinutes ?? 10 });
    const paper = new PaperPurchaser({ path: join(o.stateDir, STATE_FILES.paperVenue), accounts: paperBalances(config), results: feed });
    const purchaser: Purchaser =
      o.faultRate !== undefined && o.faultRate > 0 ? new FaultInjectingPurchaser(paper, clock, { seed: o.seed ?? date, failureRate: o.faultRate, slowMs: 2 * config.purchaseTimeoutMs }) : paper;
    const sinks: AlertSink[] = [streamSink(o.writeErr), jsonlSink(store.alertsPath), storeSink(store, clock)];
    if (config.webhookUrl !== null) sinks.push(webhookSink(config.webhookUrl));
    const alerts = new Alerts(sinks, clock, secretValues(creds));
    try {
      const summary = await runDay({ store, config, feed, purchaser, clock, alerts, date, paper: o.paper, seed: o.seed ?? date });
      return { note, configHash: config.configHash, summary };
    } finally {
      await alerts.flush();
      paper.close();
    }
  } finally {
    store.close();
  }
}
