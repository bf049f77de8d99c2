/**
 * The backtest replay: races in post-time order; for each, the candidates and odds seen at
 * decision time, the strategy's probabilities, Themis's decision (or a baseline's) on the
 * ledger's bankroll and the day's account state, then settlement on the official result and
 * recorded payouts (src/ledger settleRace) and the ledger entries. The drawdown halt of
 * src/ledger/drawdown.ts stops betting for the rest of the run, as it would live (the races after
 * it are still priced, so the calibration covers every race the strategy could price).
 * Layer: sim (imports strategies, themis, ledger, data). Units: integer currency units (yen;
 * HK$ for HKJC data), decimal odds. Pure: no I/O, no clock; randomness (the random baseline) is
 * seeded by the strategy's seed and the race id.
 *
 * Speed: a win-only race is decided by decideWin (win-decision.ts) and settled by
 * settleWinColumns (ledger/settle-win.ts) on typed arrays and reused buffers, and the tickets of
 * a columnar decision are settled by their keys (settleKeyColumns, ledger/settle-keys.ts); each
 * gives exactly what decide and settleRace give and declines every case it does not reproduce,
 * which then goes through them. Every race's stakes and settlements go to a RaceLedger (ledger/race-ledger.ts:
 * the Ledger class's rules and entries, kept in columns), and the result columns are written by
 * index into pre-sized arrays (result-columns.ts).
 *
 * Modules: each race's replay in race-replay.ts (this file sets the replay up, runs its races
 * and summarises it), types in backtest-types.ts, setup checks, buffers and win-ticket helpers in
 * replay-setup.ts, the exotic offer in exotic-offer.ts, rejections as codes in rejection-log.ts.
 * With synthetic public odds the offer is built as ticket columns; stage 1 of its decision
 * (allocateColumns: no bankroll) comes from stage-one-feed.ts (worker threads with the threads
 * option), stage 2 (sizeColumns) runs here: the bets and reasons of decide on the same tickets.
 *
 * Data rules, recorded in the summary:
 * - A race whose recorded payouts hold no pool of a bet type the strategy uses is not offered
 *   that bet type (`pool_not_recorded` when none is left): the source did not record the pool
 *   (HKJC lists one win dividend of a dead heat for first, so the importer drops that pool).
 * - A race whose recorded payouts contradict its result for a ticket bought (a disqualification
 *   after the dividends, LEDGER_UNEXPECTED_PAYOUT) is `unsettleable`: its bets are dropped
 *   before any money moves, and the race is listed.
 */
import { BET_TYPE_CODE, type Dataset } from '../../data/index.ts';
import { RaceLedger, type LedgerEntry } from '../../ledger/index.ts';
import { createCalibration, type Strategy } from '../../strategies/index.ts';
import { SimError } from '../errors.ts';
import type { BacktestOptions, BacktestResult, BetColumns, RaceColumns, RejectionColumns } from './backtest-types.ts';
import { createCandidateLog } from './candidate-table.ts';
import { decisionOdds, decisionTime } from './decision-market.ts';
import { syntheticRaceTask } from './exotic-offer.ts';
import { StageOneFeed } from './stage-one-feed.ts';
import { WindowPricer, type PricingContext } from './race-pricing.ts';
import { RaceReplay } from './race-replay.ts';
import { RejectionLog } from './rejection-log.ts';
import { windowCoefficients, type WindowFit } from './fit-blend.ts';
import { checkBankroll, checkSupported, recordedPools, replayBuffers, termsOf } from './replay-setup.ts';
import { backtestSchedule } from './schedule.ts';
import { summarizeBacktest } from './summary.ts';
import { sizedColumns, trimColumns } from './result-columns.ts';
import { winDecisionBuffers } from './win-decision.ts';

export type { BacktestOptions, BacktestResult, BetColumns, RaceColumns, RaceStatus, RejectionColumns } from './backtest-types.ts';

/**
 * Replays a dataset through a strategy (see the header for the rules).
 * Cost O(races x candidates) plus Themis and settlement per race; win-only replays run at tens of
 * thousands of races a second (the first replay on a dataset also turns its win snapshots into
 * numbers, kept with the dataset).
 * @param ds - the dataset (read with readDataset)
 * @param strategy - a parsed strategy
 * @param options - bankroll, date range, walk-forward, progress
 * @returns the summary, the bets, the rejected candidates, the per-race table and the ledger
 * @throws SimError SIM_BAD_OPTION (range, bankroll, walk-forward on a strategy without a fit);
 *   StrategyError STRATEGY_UNSUPPORTED (model or exotic odds missing), STRATEGY_FIT_FAILED;
 *   LedgerError for a settlement failure other than the unsettleable-race cases
 * @example const r = runBacktest(await readDataset('datasets/syn'), parseStrategy(raw), { bankrollYen: 1_000_000 }); r.summary.roi
 */
export function runBacktest(ds: Dataset, strategy: Strategy, options: BacktestOptions = {}): BacktestResult {
  const startYen = checkBankroll(options.bankrollYen ?? 1_000_000);
  const exoticOdds = options.exoticOdds ?? 'none';
  const keepRejections = options.keepRejections ?? true;
  const exoticTypes = checkSupported(ds, strategy, exoticOdds);
  const src = strategy.source;
  const config = strategy.themis;
  const winRate = config.payoutRates.win;
  const terms = termsOf(ds);
  const races = ds.races;
  const u = ds.runners;

  // Which odds: the snapshot seen at decision time when the dataset has snapshots, unless the source asks for final odds.
  const wantsFinal = (src.kind === 'market' || src.kind === 'blend') && src.odds === 'final';
  const useSnapshots = !wantsFinal && ds.oddsSnapshots !== undefined;
  const modelName = src.kind === 'predictions' || src.kind === 'blend' ? src.model : src.kind === 'baseline' ? src.model : null;
  const model = modelName === null ? null : ds.predictions(modelName);

  const wf = options.walkForward ?? null;
  if (wf !== null && !(src.kind === 'blend' && src.trainDays !== null)) {
    throw new SimError('SIM_BAD_OPTION', 'walk-forward refits a blend source with trainDays; this strategy fits nothing', { field: 'walk-forward' });
  }
  const trainDays = src.kind === 'blend' && src.trainDays !== null ? (wf?.trainDays ?? src.trainDays) : null;
  const windows = backtestSchedule(races.date, options.from, options.to, trainDays, wf?.testDays ?? null);
  const total = windows.reduce((a, w) => a + w.raceEnd - w.raceStart, 0);

  // Decision times and odds of the races replayed (of every race when a blend is fitted on earlier ones).
  const priceFrom = trainDays === null ? windows[0].raceStart : 0;
  const priceTo = trainDays === null ? windows[windows.length - 1].raceEnd : races.length;
  const cutoffs: (string | null)[] = new Array(races.length).fill(null);
  if (useSnapshots) for (let r = priceFrom; r < priceTo; r++) cutoffs[r] = decisionTime(races.postTime[r], strategy.decisionOffsetMinutes);
  const pre = decisionOdds(ds, cutoffs, priceFrom, priceTo);

  const pools = recordedPools(ds, priceFrom, priceTo);
  const wantMask = strategy.betTypes.reduce((m, t) => m | (1 << BET_TYPE_CODE[t]), 0);

  const ledger = new RaceLedger(1 + 4 * total);
  const firstRace = windows[0].raceStart;
  ledger.deposit(startYen, races.postTime[firstRace] ?? races.date[firstRace]);
  // Result columns written by index (result-columns.ts): one row per race replayed; bets and
  // rejections sized for the races' runner rows (a win-only race has no more tickets), doubled if need be.
  let runnerRows = 0;
  for (const w of windows) runnerRows += u.raceOffsets[w.raceEnd] - u.raceOffsets[w.raceStart];
  const bets: BetColumns = sizedColumns({ raceId: [], date: [], ticketId: [], betType: [], p: [], odds: [], oddsSource: [], fraction: [], stakeYen: [], result: [], returnYen: [] }, total + (total >> 1));
  const raceCols: RaceColumns = sizedColumns({ raceId: [], date: [], status: [], oddsSource: [], candidates: [], tickets: [], stakeYen: [], returnYen: [], bankrollYen: [], detail: [] }, total);
  const rejectionLog = new RejectionLog(keepRejections ? runnerRows : 0);
  const candidates = createCandidateLog(ds, terms, runnerRows);
  const used = createCalibration();
  const market = createCalibration();
  const fits: WindowFit[] = [];

  const winOnly = strategy.betTypes.length === 1 && strategy.betTypes[0] === 'win';
  const buf = replayBuffers(ds);
  const pricing: PricingContext = { ds, source: src, pre, cutoffs, exoticTypes, pools, wantMask, poolNotRecorded: strategy.betTypes.join(','), model, modelName, winRate, buf };

  // Stage 1 of the synthetic-offer decisions (bankroll-independent) in worker threads, ahead of
  // the races in order; each race is then sized, settled and booked here as without threads.
  const stageOneApplies = src.kind !== 'baseline' && !winOnly && exoticOdds === 'synthetic-public';
  const feed = new StageOneFeed(options.threads ?? 1, options.stageOnePool, stageOneApplies, config, (r, m, p) => syntheticRaceTask(ds, r, m, p, strategy.betTypes, pools[r], terms));
  const replay = new RaceReplay(
    {
      ds,
      strategy,
      config,
      terms,
      exoticOdds,
      keepRejections,
      winOnly,
      isMarket: src.kind === 'market' || (src.kind === 'baseline' && src.model === null),
      winRate,
      pools,
      wantMask,
      buf,
      wd: winDecisionBuffers(buf.size),
      ledger,
      feed,
      rejectionLog,
      candidates,
      used,
      market,
      bets,
      raceCols,
      races: total,
    },
    startYen,
  );
  let replayed = false;
  let done = 0;
  try {
    for (const w of windows) {
      const pricer = new WindowPricer(pricing, windowCoefficients(src, ds, model, pre, winRate, w, fits));
      const firstSeq = done;
      for (let r = w.raceStart; r < w.raceEnd; r++) {
        const seq = done++;
        if (options.onProgress !== undefined && (done % 1000 === 0 || done === total)) options.onProgress(done, total);
        replay.race(r, seq, firstSeq, w.raceStart, w.raceEnd, pricer);
      }
    }
    replayed = true;
  } finally {
    feed.finish(replayed);
  }
  const { halt, warn } = replay;
  trimColumns(bets, replay.nBets);
  const rejections: RejectionColumns = rejectionLog.columns(races.raceId);
  trimColumns(raceCols, replay.nRaces);
  const summary = summarizeBacktest({
    ds,
    strategy,
    startYen,
    finalYen: ledger.bankrollYen(),
    ledgerAmounts: ledger.amountsYen(),
    bets,
    races: raceCols,
    calibration: used.summary(),
    marketCalibration: market.summary(),
    fits,
    halt,
    warn,
    windows,
    walkForward: wf,
    useSnapshots,
    exoticOdds,
    terms: terms.name,
    codeVersion: options.codeVersion ?? 'unknown',
    range: { from: windows[0].testFrom, to: windows[windows.length - 1].testTo },
  });
  // The ledger's entry objects are built when first read (the output files read them; a caller
  // that keeps only the summary never pays for them).
  let entries: readonly LedgerEntry[] | undefined;
  const stageOne = { workers: feed.pool?.threads ?? 0, inWorkers: feed.inWorkers, inReplayThread: feed.inReplayThread };
  return {
    summary,
    bets,
    rejections,
    races: raceCols,
    get ledger(): readonly LedgerEntry[] {
      entries ??= ledger.entries();
      return entries;
    },
    candidates,
    stageOne,
  };
}
