/**
 * One race of the backtest replay (run-backtest.ts holds the rules, the setup and the summary):
 * the drawdown state, the race's pricing, Themis's decision (or a baseline's) on the ledger's
 * bankroll and the day's account, settlement, the ledger entries and the result rows. A
 * RaceReplay holds the state of one replay; its methods are called race after race.
 * Layer: sim (imports strategies, themis, ledger, data). Units: integer currency units, decimal
 * odds. Pure apart from the replay's own state; randomness (the random baseline) is seeded by the
 * strategy's seed and the race id.
 *
 * Speed: the per-race work lives in methods of one class, not in closures made per replay: the
 * compiled code then calls the same functions from one replay to the next (a closure made per
 * replay would not match the one the optimised code was compiled against and would deoptimise
 * it, and recompiling the whole replay loop costs a tenth of a short replay).
 */
import seedrandom from 'seedrandom';
import type { Dataset } from '../../data/index.ts';
import { RaceLedger, drawdownState, isLedgerError, settleKeyColumns, settleRace, settleWinColumns, WIN_KIND, type PlaceTerms, type SettledRace } from '../../ledger/index.ts';
import { baselineDecision, marketProbabilities, raceInputFor, type CalibrationAccumulator, type ExoticOffer, type Strategy } from '../../strategies/index.ts';
import { betTypeOfId, decide, sizeColumns, type ThemisConfig } from '../../themis/index.ts';
import type { BetColumns, RaceColumns, RaceStatus } from './backtest-types.ts';
import type { CandidateLog } from './candidate-table.ts';
import { winShares, type OddsSource } from './decision-market.ts';
import { exoticOffer } from './exotic-offer.ts';
import type { WindowPricer } from './race-pricing.ts';
import type { RejectionLog } from './rejection-log.ts';
import { noRandom, raceRows, UNSETTLEABLE, WIN_RESULT, winRunners, winTicketId, type ReplayBuffers } from './replay-setup.ts';
import { ensureRow } from './result-columns.ts';
import type { StageOneFeed } from './stage-one-feed.ts';
import { raceConfig } from './synthetic-stage-one.ts';
import { decideWin, type WinDecisionBuffers, WIN_REASONS } from './win-decision.ts';

/** A decision's bought tickets, as decide and baselineDecision give them. */
type Bought = readonly { id: string; p: number; odds: number; fraction: number; stakeYen: number }[];

/** A drawdown event of the replay: the race where it happened and the drawdown then. */
export interface DrawdownEvent {
  raceId: string;
  date: string;
  drawdown: number;
}

/** What the replay of every race needs from the setup (built once per replay by runBacktest). */
export interface ReplaySetup {
  readonly ds: Dataset;
  readonly strategy: Strategy;
  readonly config: ThemisConfig;
  readonly terms: PlaceTerms;
  readonly exoticOdds: 'none' | 'synthetic-public';
  readonly keepRejections: boolean;
  readonly winOnly: boolean;
  readonly isMarket: boolean;
  readonly winRate: number;
  readonly pools: Uint16Array;
  readonly wantMask: number;
  readonly buf: ReplayBuffers;
  readonly wd: WinDecisionBuffers;
  readonly ledger: RaceLedger;
  readonly feed: StageOneFeed;
  readonly rejectionLog: RejectionLog;
  readonly candidates: CandidateLog;
  readonly used: CalibrationAccumulator;
  readonly market: CalibrationAccumulator;
  readonly bets: BetColumns;
  readonly raceCols: RaceColumns;
  /** Races the replay will replay (the result columns' expected rows). */
  readonly races: number;
}

/**
 * An empty array of numbers that holds them as doubles from the start: one that starts with
 * small integers turns to doubles at its first fraction or large amount, which throws away the
 * compiled code of the replay made for the former kind at every replay.
 */
function doubles(): number[] {
  const a = [0.5];
  a.length = 0;
  return a;
}

/** The state of one replay, advanced race by race by `race`. */
export class RaceReplay {
  /** Rows written to the bets and races columns. */
  nBets = 0;
  nRaces = 0;
  halt: DrawdownEvent | null = null;
  warn: DrawdownEvent | null = null;
  /**
   * The drawdown's peak (ledger/drawdown.ts trackEntry): the deposit sets it; after a race its
   * stakes (negative) then its settlements (zero or positive) leave the bankroll's highest
   * partial sum at the race's end, so the peak is the larger of itself and that bankroll.
   */
  private peakYen: number;
  private day = '';
  private stakedToday = 0;
  private pointsToday = 0;
  /** The detail of the last race `settle` found unsettleable. */
  private unsettleable: string | null = null;
  // Buffers reused race after race.
  /** Settlement kinds and money back of the race's tickets (grown to the largest race's count). */
  private kinds: Uint8Array;
  private back: Float64Array;
  private readonly stakeIds: string[] = [];
  private readonly settledIds: string[] = [];
  private readonly stakes: number[] = doubles();
  private readonly refunds: boolean[] = [];
  private readonly paid: number[] = doubles();
  private readonly results: string[] = [];
  private readonly probs: number[] = doubles();
  private readonly oddsOf: number[] = doubles();
  private readonly fractions: number[] = doubles();
  /** The canonical keys of the race's bought tickets when its decision gave them (keyed), for settleKeyColumns. */
  private readonly stakeKeys: number[] = [];
  private keyed = false;

  /**
   * @param s - the replay's setup
   * @param startYen - the bankroll deposited (the drawdown's first peak)
   */
  constructor(
    private readonly s: ReplaySetup,
    startYen: number,
  ) {
    this.peakYen = startYen;
    this.kinds = new Uint8Array(s.buf.size);
    this.back = new Float64Array(s.buf.size);
  }

  /**
   * Replays race r, number `seq` of the replay, in the test window [raceStart, raceEnd) whose
   * first race has number `firstSeq`, priced by the window's pricer.
   * @throws StrategyError, ThemisError, LedgerError (other than an unsettleable race), SimError from the feed
   */
  race(r: number, seq: number, firstSeq: number, raceStart: number, raceEnd: number, pricer: WindowPricer): void {
    const { ds, strategy, config, feed, ledger } = this.s;
    const races = ds.races;
    const raceId = races.raceId[r];
    const date = races.date[r];
    if (date !== this.day) {
      this.day = date;
      this.stakedToday = 0;
      this.pointsToday = 0;
    }
    if (this.halt === null && strategy.drawdown !== null) {
      const st = drawdownState(this.peakYen, ledger.bankrollYen(), strategy.drawdown);
      if (st.state === 'warn' && this.warn === null) this.warn = { raceId, date, drawdown: st.drawdown };
      if (st.state === 'halt') this.halt = { raceId, date, drawdown: st.drawdown };
    }
    if (this.halt !== null) feed.stop();
    feed.submitAhead(seq, firstSeq, raceStart, raceEnd, pricer);
    const priced = feed.priced(seq) ?? pricer.price(r);
    const m = priced.m;
    const n = m.rows.length;
    if (!('p' in priced)) {
      this.pushRace(r, priced.status, m.source, n, 0, 0, 0, priced.detail);
      return;
    }
    const p = priced.p;
    const buf = this.s.buf;
    const y = winShares(ds, m.rows, buf.yOf[n]);
    this.s.used.add(p, y);
    this.s.candidates.add(r, m.runners, m.odds, p);
    this.s.market.add(this.s.isMarket ? p : marketProbabilities(m.odds, this.s.winRate, buf.qOf[n]), y);
    // After a halt the probabilities are still scored (calibration covers every race priced), nothing is bought.
    if (this.halt !== null) {
      this.pushRace(r, 'halted', m.source, n, 0, 0, 0, null);
      return;
    }

    // The decision: the tickets bought (ids, stakes, p, odds, fractions) and every other one rejected.
    const bankroll = ledger.bankrollYen();
    this.stakeIds.length = 0;
    this.stakes.length = 0;
    this.probs.length = 0;
    this.oddsOf.length = 0;
    this.fractions.length = 0;
    this.keyed = false;
    const src = strategy.source;
    const { winOnly, keepRejections, rejectionLog, pools, terms } = this.s;
    const wd = this.s.wd;
    if (src.kind !== 'baseline' && winOnly && decideWin(m.runners, p, m.odds, bankroll, config, this.stakedToday, this.pointsToday, wd)) {
      for (let i = 0; i < n; i++) {
        const id = winTicketId(m.runners[i]);
        if (wd.reason[i] !== 0) {
          if (keepRejections) rejectionLog.addWin(r, m.runners[i], id, WIN_REASONS[wd.reason[i] - 1]);
          continue;
        }
        this.pushBet(id, wd.stake[i], p[i], m.odds[i], wd.fraction[i]);
      }
    } else if (src.kind !== 'baseline' && !winOnly && this.s.exoticOdds === 'synthetic-public') {
      // Thousands of synthetic combinations a race: stage 1 (allocateColumns) from the feed, sized here.
      const account = { stakedTodayYen: this.stakedToday, pointsUsedToday: this.pointsToday };
      const cfg = raceConfig(config, (pools[r] & 1) === 0);
      const stage = feed.allocation(seq, r, m, p);
      const d = sizeColumns(stage, bankroll, cfg, account);
      if (keepRejections) rejectionLog.addCodes(r, d.keys, d.reason, stage.count);
      this.pushBets(d.bets);
      this.keyBets(d.keys, d.reason, stage.rows);
    } else {
      const account = { stakedTodayYen: this.stakedToday, pointsUsedToday: this.pointsToday };
      const win = { runners: m.runners, p, odds: m.odds };
      let d: { bets: Bought; rejected: readonly { id: string; reason: string }[] };
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
      this.pushBets(d.bets);
    }
    const count = this.stakeIds.length;
    if (count === 0) {
      this.pushRace(r, 'no_bet', m.source, n, 0, 0, 0, null);
      return;
    }
    if (!this.settle(r, count)) {
      this.pushRace(r, 'unsettleable', m.source, n, 0, 0, 0, this.unsettleable);
      return;
    }
    ledger.race(raceId, races.postTime[r] ?? date, this.stakeIds, this.settledIds, this.stakes, this.refunds, this.paid, count);
    if (ledger.bankrollYen() > this.peakYen) this.peakYen = ledger.bankrollYen();
    const stake = this.bookBets(raceId, date, m.source, count);
    let ret = 0;
    for (let k = 0; k < count; k++) ret += this.paid[k];
    this.stakedToday += stake;
    this.pointsToday += count;
    this.pushRace(r, 'bet', m.source, n, count, stake, ret, null);
  }

  /**
   * Settles the race's `count` tickets into settledIds, refunds, paid and results: win tickets
   * straight from the columns, else (or when that declines) settleRace. False when the race is
   * unsettleable (its detail in `unsettleable`).
   */
  private settle(r: number, count: number): boolean {
    const { ds, terms } = this.s;
    const u = ds.runners;
    if (this.kinds.length < count) {
      this.kinds = new Uint8Array(2 * count);
      this.back = new Float64Array(2 * count);
    }
    const { stakeIds, stakes, settledIds, refunds, paid, results, kinds, back } = this;
    settledIds.length = 0;
    refunds.length = 0;
    paid.length = 0;
    results.length = 0;
    const fieldSize = ds.races.fieldSize[r];
    if (this.s.winOnly && settleWinColumns(u, u.raceOffsets[r], u.raceOffsets[r + 1], ds.payouts, ds.payouts.raceOffsets[r], ds.payouts.raceOffsets[r + 1], fieldSize, terms, winRunners(stakeIds, this.s.buf.tickets), stakes, count, kinds, back)) {
      this.settledFromKinds(count);
      return true;
    }
    const rows = raceRows(ds, r, this.s.wantMask);
    if (this.keyed && settleKeyColumns({ ...rows, fieldSizeAtSales: fieldSize }, terms, this.stakeKeys, stakes, count, kinds, back)) {
      this.settledFromKinds(count);
      return true;
    }
    let settled: SettledRace;
    try {
      settled = settleRace(
        stakeIds.map((id, k) => ({ ticketId: id, stakeYen: stakes[k] })),
        { ...rows, fieldSizeAtSales: fieldSize },
        terms,
      );
    } catch (e) {
      if (isLedgerError(e) && UNSETTLEABLE.has(e.code)) {
        this.unsettleable = `${e.code}: ${e.message}`;
        return false;
      }
      throw e;
    }
    for (const b of settled.bets) {
      settledIds.push(b.ticketId);
      refunds.push(b.kind === 'refund');
      paid.push(b.payoutYen);
      results.push(b.kind);
    }
    return true;
  }

  /** The race's settlement from the kind codes and money back of a columnar settlement (ids as staked: canonical). */
  private settledFromKinds(count: number): void {
    const { stakeIds, settledIds, refunds, paid, results, kinds, back } = this;
    for (let k = 0; k < count; k++) {
      settledIds.push(stakeIds[k]);
      refunds.push(kinds[k] === WIN_KIND.refund);
      paid.push(back[k]);
      results.push(WIN_RESULT[kinds[k]]);
    }
  }

  /** Writes the race's `count` settled tickets to the bets columns; returns their total stake. */
  private bookBets(raceId: string, date: string, source: OddsSource, count: number): number {
    const bets = this.s.bets;
    let stake = 0;
    for (let k = 0; k < count; k++) {
      const ticketId = this.settledIds[k];
      stake += this.stakes[k];
      const i = this.nBets++;
      // Full: room for all the replay's races at twice the tickets per race so far (a growth copies
      // every column into fresh memory, so it should happen once; the excess is cut at the end).
      if (i >= bets.raceId.length) ensureRow(bets, i, Math.ceil(((i + count) / (this.nRaces + 1)) * this.s.races * 2));
      bets.raceId[i] = raceId;
      bets.date[i] = date;
      bets.ticketId[i] = ticketId;
      bets.betType[i] = betTypeOfId(ticketId) ?? ticketId.slice(0, ticketId.indexOf(':'));
      bets.p[i] = this.probs[k];
      bets.odds[i] = this.oddsOf[k];
      bets.oddsSource[i] = source;
      bets.fraction[i] = this.fractions[k];
      bets.stakeYen[i] = this.stakes[k];
      bets.result[i] = this.results[k];
      bets.returnYen[i] = this.paid[k];
    }
    return stake;
  }

  /**
   * The keys of a columnar decision's bets: its candidates (`rows`, ascending) whose reason is
   * still 0 (bought), in ticket order as its bets are. Keyed only when they are as many as the bets.
   */
  private keyBets(keys: Int32Array, reason: Uint8Array, rows: Int32Array): void {
    const out = this.stakeKeys;
    out.length = 0;
    for (let j = 0; j < rows.length; j++) if (reason[rows[j]] === 0) out.push(keys[rows[j]]);
    this.keyed = out.length === this.stakeIds.length;
  }

  /** Appends one bought ticket to the race's. */
  private pushBet(id: string, stakeYen: number, p: number, odds: number, fraction: number): void {
    this.stakeIds.push(id);
    this.stakes.push(stakeYen);
    this.probs.push(p);
    this.oddsOf.push(odds);
    this.fractions.push(fraction);
  }

  /** Appends the bets of a decision to the race's bought tickets. */
  private pushBets(bets: Bought): void {
    for (const b of bets) this.pushBet(b.id, b.stakeYen, b.p, b.odds, b.fraction);
  }

  /** Writes race r's row of the races columns. */
  private pushRace(r: number, status: RaceStatus, source: OddsSource | null, candidates: number, tickets: number, stake: number, ret: number, detail: string | null): void {
    const { ds, raceCols } = this.s;
    const i = this.nRaces++;
    if (i >= raceCols.raceId.length) ensureRow(raceCols, i);
    raceCols.raceId[i] = ds.races.raceId[r];
    raceCols.date[i] = ds.races.date[r];
    raceCols.status[i] = status;
    raceCols.oddsSource[i] = source;
    raceCols.candidates[i] = candidates;
    raceCols.tickets[i] = tickets;
    raceCols.stakeYen[i] = stake;
    raceCols.returnYen[i] = ret;
    raceCols.bankrollYen[i] = this.s.ledger.bankrollYen();
    raceCols.detail[i] = detail;
  }
}
