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
 * settleWinColumns (ledger/settle-win.ts) on typed arrays and reused buffers; each gives exactly
 * what decide and settleRace give and declines every case it does not reproduce, which then goes
 * through them. Every race's stakes and settlements go to a RaceLedger (ledger/race-ledger.ts:
 * the Ledger class's rules and entries, kept in columns), and the result columns are written by
 * index into pre-sized arrays (result-columns.ts).
 *
 * Modules: types in backtest-types.ts, setup checks, buffers and win-ticket helpers in
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
import seedrandom from 'seedrandom';
import { BET_TYPE_CODE, type Dataset } from '../../data/index.ts';
import { RaceLedger, drawdownState, isLedgerError, settleRace, settleWinColumns, WIN_KIND, type LedgerEntry, type SettledRace } from '../../ledger/index.ts';
import {
  baselineDecision,
  createCalibration,
  marketProbabilities,
  raceInputFor,
  type ExoticOffer,
  type Strategy,
} from '../../strategies/index.ts';
import { betTypeOfId, decide, sizeColumns } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import type { BacktestOptions, BacktestResult, BetColumns, RaceColumns, RaceStatus, RejectionColumns } from './backtest-types.ts';
import { createCandidateLog } from './candidate-table.ts';
import { decisionOdds, decisionTime, winShares, type OddsSource } from './decision-market.ts';
import { exoticOffer, syntheticRaceTask } from './exotic-offer.ts';
import { raceConfig } from './synthetic-stage-one.ts';
import { StageOneFeed } from './stage-one-feed.ts';
import { priceRace, type PricingContext } from './race-pricing.ts';
import { RejectionLog } from './rejection-log.ts';
import { windowCoefficients, type WindowFit } from './fit-blend.ts';
import {
  checkBankroll,
  checkSupported,
  noRandom,
  raceRows,
  recordedPools,
  replayBuffers,
  termsOf,
  UNSETTLEABLE,
  WIN_RESULT,
  winRunners,
  winTicketId,
} from './replay-setup.ts';
import { backtestSchedule } from './schedule.ts';
import { summarizeBacktest } from './summary.ts';
import { ensureRow, sizedColumns, trimColumns } from './result-columns.ts';
import { decideWin, winDecisionBuffers, WIN_REASONS } from './win-decision.ts';

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

  const pools = recordedPools(ds);
  const wantMask = strategy.betTypes.reduce((m, t) => m | (1 << BET_TYPE_CODE[t]), 0);

  const ledger = new RaceLedger(1 + 4 * total);
  const firstRace = windows[0].raceStart;
  ledger.deposit(startYen, races.postTime[firstRace] ?? races.date[firstRace]);
  // Drawdown tracker (ledger/drawdown.ts trackEntry): the deposit sets the peak; after a race
  // its stakes (negative) then its settlements (zero or positive) leave the bankroll's highest
  // partial sum at the race's end, so the peak is the larger of itself and that bankroll.
  let peakYen = startYen;

  // Result columns written by index (result-columns.ts): one row per race replayed; bets and
  // rejections sized for the races' runner rows (a win-only race has no more tickets), doubled if need be.
  let runnerRows = 0;
  for (const w of windows) runnerRows += u.raceOffsets[w.raceEnd] - u.raceOffsets[w.raceStart];
  const bets: BetColumns = sizedColumns({ raceId: [], date: [], ticketId: [], betType: [], p: [], odds: [], oddsSource: [], fraction: [], stakeYen: [], result: [], returnYen: [] }, total + (total >> 1));
  const rejectionLog = new RejectionLog(keepRejections ? runnerRows : 0);
  const raceCols: RaceColumns = sizedColumns({ raceId: [], date: [], status: [], oddsSource: [], candidates: [], tickets: [], stakeYen: [], returnYen: [], bankrollYen: [], detail: [] }, total);
  let nBets = 0;
  let nRaces = 0;
  const candidates = createCandidateLog(ds, terms, runnerRows);
  const used = createCalibration();
  const market = createCalibration();
  const fits: WindowFit[] = [];
  let halt: { raceId: string; date: string; drawdown: number } | null = null;
  let warn: { raceId: string; date: string; drawdown: number } | null = null;
  let day = '';
  let stakedToday = 0;
  let pointsToday = 0;
  let done = 0;

  // Buffers reused race after race (views of each length, so that a race allocates nothing).
  const winOnly = strategy.betTypes.length === 1 && strategy.betTypes[0] === 'win';
  const isMarket = src.kind === 'market' || (src.kind === 'baseline' && src.model === null);
  const poolNotRecorded = strategy.betTypes.join(',');
  const buf = replayBuffers(ds);
  const wd = winDecisionBuffers(buf.size);
  const kinds = new Uint8Array(buf.size);
  const back = new Float64Array(buf.size);
  const stakeIds: string[] = [];
  const settledIds: string[] = [];
  const stakes: number[] = [];
  const refunds: boolean[] = [];
  const paid: number[] = [];
  const results: string[] = [];
  const probs: number[] = [];
  const oddsOf: number[] = [];
  const fractions: number[] = [];
  /** Appends the bets of a decision to the race's bought tickets. */
  const pushBets = (bets: readonly { id: string; p: number; odds: number; fraction: number; stakeYen: number }[]): void => {
    for (const b of bets) {
      stakeIds.push(b.id);
      stakes.push(b.stakeYen);
      probs.push(b.p);
      oddsOf.push(b.odds);
      fractions.push(b.fraction);
    }
  };

  const pushRace = (r: number, status: RaceStatus, source: OddsSource | null, candidates: number, tickets: number, stake: number, ret: number, detail: string | null): void => {
    const i = nRaces++;
    if (i >= raceCols.raceId.length) ensureRow(raceCols, i);
    raceCols.raceId[i] = races.raceId[r];
    raceCols.date[i] = races.date[r];
    raceCols.status[i] = status;
    raceCols.oddsSource[i] = source;
    raceCols.candidates[i] = candidates;
    raceCols.tickets[i] = tickets;
    raceCols.stakeYen[i] = stake;
    raceCols.returnYen[i] = ret;
    raceCols.bankrollYen[i] = ledger.bankrollYen();
    raceCols.detail[i] = detail;
  };

  const pricing: PricingContext = { ds, source: src, pre, cutoffs, exoticTypes, pools, wantMask, poolNotRecorded, model, modelName, winRate, buf };

  // Stage 1 of the synthetic-offer decisions (bankroll-independent) in worker threads, ahead of
  // the races in order; each race is then sized, settled and booked here as without threads.
  const stageOneApplies = src.kind !== 'baseline' && !winOnly && exoticOdds === 'synthetic-public';
  const feed = new StageOneFeed(options.threads ?? 1, options.stageOnePool, stageOneApplies, config, (r, m, p) => syntheticRaceTask(ds, r, m, p, strategy.betTypes, pools[r], terms));
  let replayed = false;

  try {
    for (const w of windows) {
      const coefficients = windowCoefficients(src, ds, model, pre, winRate, w, fits);
      const firstSeq = done;
      for (let r = w.raceStart; r < w.raceEnd; r++) {
        const seq = done++;
        if (options.onProgress !== undefined && (done % 1000 === 0 || done === total)) options.onProgress(done, total);
        const raceId = races.raceId[r];
        const date = races.date[r];
        if (date !== day) {
          day = date;
          stakedToday = 0;
          pointsToday = 0;
        }
        if (halt === null && strategy.drawdown !== null) {
          const st = drawdownState(peakYen, ledger.bankrollYen(), strategy.drawdown);
          if (st.state === 'warn' && warn === null) warn = { raceId, date, drawdown: st.drawdown };
          if (st.state === 'halt') halt = { raceId, date, drawdown: st.drawdown };
        }
        if (halt !== null) feed.stop();
        feed.submitAhead(seq, firstSeq, w.raceStart, w.raceEnd, (x) => priceRace(pricing, x, coefficients));
        const priced = feed.priced(seq) ?? priceRace(pricing, r, coefficients);
        const m = priced.m;
        const n = m.rows.length;
        if (!('p' in priced)) {
          pushRace(r, priced.status, m.source, n, 0, 0, 0, priced.detail);
          continue;
        }
        const p = priced.p;
        const y = winShares(ds, m.rows, buf.yOf[n]);
        used.add(p, y);
        candidates.add(r, m.runners, m.odds, p);
        market.add(isMarket ? p : marketProbabilities(m.odds, winRate, buf.qOf[n]), y);
        // After a halt the probabilities are still scored (calibration covers every race priced), nothing is bought.
        if (halt !== null) {
          pushRace(r, 'halted', m.source, n, 0, 0, 0, null);
          continue;
        }

        // The decision: the tickets bought (ids, stakes, p, odds, fractions) and every other one rejected.
        const bankroll = ledger.bankrollYen();
        stakeIds.length = 0;
        stakes.length = 0;
        probs.length = 0;
        oddsOf.length = 0;
        fractions.length = 0;
        if (src.kind !== 'baseline' && winOnly && decideWin(m.runners, p, m.odds, bankroll, config, stakedToday, pointsToday, wd)) {
          for (let i = 0; i < n; i++) {
            const id = winTicketId(m.runners[i]);
            if (wd.reason[i] !== 0) {
              if (keepRejections) rejectionLog.addWin(r, m.runners[i], id, WIN_REASONS[wd.reason[i] - 1]);
              continue;
            }
            stakeIds.push(id);
            stakes.push(wd.stake[i]);
            probs.push(p[i]);
            oddsOf.push(m.odds[i]);
            fractions.push(wd.fraction[i]);
          }
        } else if (src.kind !== 'baseline' && !winOnly && exoticOdds === 'synthetic-public') {
          // Thousands of synthetic combinations a race: stage 1 (allocateColumns) from the feed, sized here.
          const account = { stakedTodayYen: stakedToday, pointsUsedToday: pointsToday };
          const cfg = raceConfig(config, (pools[r] & 1) === 0);
          const stage = feed.allocation(seq, r, m, p);
          const d = sizeColumns(stage, bankroll, cfg, account);
          if (keepRejections) rejectionLog.addCodes(r, d.keys, d.reason, stage.count);
          pushBets(d.bets);
        } else {
          const account = { stakedTodayYen: stakedToday, pointsUsedToday: pointsToday };
          const win = { runners: m.runners, p, odds: m.odds };
          let d: { bets: readonly { id: string; p: number; odds: number; fraction: number; stakeYen: number }[]; rejected: readonly { id: string; reason: string }[] };
          if (src.kind === 'baseline') {
            const random = src.rule === 'random' ? seedrandom(`${src.seed}:${raceId}`) : noRandom;
            d = baselineDecision(src.rule, win, src.stakeYen, bankroll, config, account, random);
          } else {
            let exotic: ExoticOffer | undefined;
            const cfg = raceConfig(config, (pools[r] & 1) === 0 && !winOnly);
            if (!winOnly) exotic = exoticOffer(ds, r, m, strategy.betTypes, pools[r], terms);
            d = decide(raceInputFor(win, cfg, exotic), bankroll, cfg, account);
          }
          if (keepRejections) for (const x of d.rejected) rejectionLog.addId(r, x.id, x.reason);
          pushBets(d.bets);
        }
        const count = stakeIds.length;
        if (count === 0) {
          pushRace(r, 'no_bet', m.source, n, 0, 0, 0, null);
          continue;
        }

        // Settlement: win tickets straight from the columns, else (or when that declines) settleRace.
        settledIds.length = 0;
        refunds.length = 0;
        paid.length = 0;
        results.length = 0;
        if (winOnly && settleWinColumns(u, u.raceOffsets[r], u.raceOffsets[r + 1], ds.payouts, ds.payouts.raceOffsets[r], ds.payouts.raceOffsets[r + 1], races.fieldSize[r], terms, winRunners(stakeIds, buf.tickets), stakes, count, kinds, back)) {
          for (let k = 0; k < count; k++) {
            settledIds.push(stakeIds[k]);
            refunds.push(kinds[k] === WIN_KIND.refund);
            paid.push(back[k]);
            results.push(WIN_RESULT[kinds[k]]);
          }
        } else {
          const rows = raceRows(ds, r, wantMask);
          let settled: SettledRace;
          try {
            settled = settleRace(
              stakeIds.map((id, k) => ({ ticketId: id, stakeYen: stakes[k] })),
              { ...rows, fieldSizeAtSales: races.fieldSize[r] },
              terms,
            );
          } catch (e) {
            if (isLedgerError(e) && UNSETTLEABLE.has(e.code)) {
              pushRace(r, 'unsettleable', m.source, n, 0, 0, 0, `${e.code}: ${e.message}`);
              continue;
            }
            throw e;
          }
          for (const s of settled.bets) {
            settledIds.push(s.ticketId);
            refunds.push(s.kind === 'refund');
            paid.push(s.payoutYen);
            results.push(s.kind);
          }
        }
        const at = races.postTime[r] ?? date;
        ledger.race(raceId, at, stakeIds, settledIds, stakes, refunds, paid, count);
        if (ledger.bankrollYen() > peakYen) peakYen = ledger.bankrollYen();
        let stake = 0;
        let ret = 0;
        for (let k = 0; k < count; k++) {
          const ticketId = settledIds[k];
          stake += stakes[k];
          const i = nBets++;
          if (i >= bets.raceId.length) ensureRow(bets, i);
          bets.raceId[i] = raceId;
          bets.date[i] = date;
          bets.ticketId[i] = ticketId;
          bets.betType[i] = betTypeOfId(ticketId) ?? ticketId.slice(0, ticketId.indexOf(':'));
          bets.p[i] = probs[k];
          bets.odds[i] = oddsOf[k];
          bets.oddsSource[i] = m.source;
          bets.fraction[i] = fractions[k];
          bets.stakeYen[i] = stakes[k];
          bets.result[i] = results[k];
          bets.returnYen[i] = paid[k];
          ret += paid[k];
        }
        stakedToday += stake;
        pointsToday += count;
        pushRace(r, 'bet', m.source, n, count, stake, ret, null);
      }
    }
    replayed = true;
  } finally {
    feed.finish(replayed);
  }
  trimColumns(bets, nBets);
  const rejections: RejectionColumns = rejectionLog.columns(races.raceId);
  trimColumns(raceCols, nRaces);
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
