/**
 * The replay's side of stage 1 of the synthetic-offer decisions: which races go to the worker
 * threads and when, and each race's stage-1 allocation, from a worker or computed in the replay
 * thread. Races are submitted ahead in replay order, within the current test window, up to a
 * depth per worker; a race's market and probabilities priced for submission are kept for its
 * turn. While the race it needs is still in a worker, the replay thread does not just wait: it
 * computes the next race not yet submitted itself (work stealing), so with one worker both
 * cores compute; the last few races of a window are left to it. Without a pool (1 thread), or
 * before the workers have loaded, every race is computed in the replay thread in turn.
 * Layer: sim. Effects: through the pool (worker threads).
 */
import type { ColumnarAllocation, ColumnarRaceInput, ThemisConfig } from '../../themis/index.ts';
import type { DecisionMarket } from './decision-market.ts';
import type { PricedRace, RacePricer } from './race-pricing.ts';
import { checkThreads } from './replay-setup.ts';
import { StageOnePool } from './stage-one-pool.ts';
import { allocateSyntheticRace, type SyntheticRaceTask } from './synthetic-stage-one.ts';

/** Races submitted ahead of the replay, per worker. */
const AHEAD_PER_THREAD = 12;
/**
 * The last races of a window are never submitted: the replay thread computes them while the
 * workers finish the ones queued before them, so that neither waits for the other at the end
 * (with all of them submitted, the replay thread waited for a worker's whole queue).
 */
const LEFT_TO_REPLAY = 8;

/** The task of race r given its market and probabilities (syntheticRaceTask with the replay's context). */
export type TaskOf = (r: number, m: DecisionMarket, p: Float64Array) => SyntheticRaceTask;

/** The test window being replayed: its races, their numbers in the replay and how to price them. */
interface Window {
  readonly firstSeq: number;
  readonly raceStart: number;
  readonly raceEnd: number;
  readonly pricer: RacePricer;
}

/** Stage 1 of one replay, through a pool of workers or not. */
export class StageOneFeed {
  /** Races whose stage 1 came from a worker, and from the replay thread. */
  inWorkers = 0;
  inReplayThread = 0;
  /** Worker threads, or null for stage 1 in the replay thread only. */
  readonly pool: StageOnePool | null;
  private readonly ownPool: boolean;
  /** The next race (number in the replay) neither submitted nor computed ahead. */
  private ahead = 0;
  private blocked = false;
  private window: Window | null = null;
  private readonly prepriced = new Map<number, PricedRace>();
  /** Races computed ahead by the replay thread: the allocation or the error it threw. */
  private readonly stolen = new Map<number, { stage: ColumnarAllocation } | { error: unknown }>();
  private lastRace: ColumnarRaceInput | undefined;

  /**
   * @param threads - the replay's threads option: with N >= 2 and no pool given, the feed starts
   *   its own pool of N - 1 workers (the replay thread computes too)
   * @param given - a pool of the caller's (used whatever `threads`)
   * @param applies - false when the replay has no synthetic-offer decisions (then no pool is used)
   * @param config - the strategy's Themis config
   * @param taskOf - the task of a race
   * @throws SimError SIM_BAD_OPTION when threads is not an integer from 1 to 64
   */
  constructor(
    threads: number,
    given: StageOnePool | undefined,
    applies: boolean,
    private readonly config: ThemisConfig,
    private readonly taskOf: TaskOf,
  ) {
    const n = checkThreads(threads);
    this.pool = !applies ? null : (given ?? (n > 1 ? new StageOnePool(n - 1) : null));
    this.ownPool = given === undefined;
  }

  /**
   * Enters race `seq` of the window whose first race `raceStart` has number `firstSeq` (up to
   * race `raceEnd`, excluded), and submits the races from `seq` on not yet submitted, up to the
   * pool's depth. `pricer` prices a race; a race it declines (a status) is skipped, and if it
   * throws nothing more is submitted or computed ahead (the race's own turn throws the error).
   */
  submitAhead(seq: number, firstSeq: number, raceStart: number, raceEnd: number, pricer: RacePricer): void {
    const pool = this.pool;
    if (pool === null) return;
    if (this.window === null || this.window.firstSeq !== firstSeq) this.window = { firstSeq, raceStart, raceEnd, pricer };
    if (this.ahead < seq) this.ahead = seq;
    const ready = pool.readyWorkers;
    const last = firstSeq + (raceEnd - raceStart) - LEFT_TO_REPLAY;
    while (!this.blocked && pool.inFlight < ready * AHEAD_PER_THREAD && this.ahead < last) {
      const priced = this.priceAhead();
      if (priced !== undefined) pool.submit(this.ahead, priced.task, this.config); // a worker is ready
      this.ahead++;
    }
  }

  /** Stops submitting and computing ahead (after a drawdown halt nothing more is bought). */
  stop(): void {
    this.blocked = true;
  }

  /** The market and probabilities race `seq` was priced with ahead of its turn (once), if it was. */
  priced(seq: number): PricedRace | undefined {
    const x = this.prepriced.get(seq);
    if (x !== undefined) this.prepriced.delete(seq);
    return x;
  }

  /**
   * The stage-1 allocation of race `seq` (race r): computed ahead here, or the worker's (while
   * it is not in, the next race not yet submitted is computed here), or computed now.
   * @throws the race's stage-1 error (ThemisError, StrategyError), SimError SIM_WORKER_FAILED
   */
  allocation(seq: number, r: number, m: DecisionMarket, p: Float64Array): ColumnarAllocation {
    const mine = this.stolen.get(seq);
    if (mine !== undefined) {
      this.stolen.delete(seq);
      this.inReplayThread++;
      if ('error' in mine) throw mine.error;
      return mine.stage;
    }
    if (this.pool !== null && this.pool.has(seq)) {
      while (!this.pool.isDone(seq) && this.computeAhead());
      this.inWorkers++;
      return this.pool.take(seq);
    }
    this.inReplayThread++;
    return this.compute(this.taskOf(r, m, p));
  }

  /**
   * Ends the replay: a pool of the caller's is left empty for its next replay, and a failure to
   * empty it is thrown only when the replay itself succeeded; a pool of the feed's own is stopped.
   */
  finish(replayed: boolean): void {
    if (this.pool === null) return;
    if (this.ownPool) {
      this.pool.close();
      return;
    }
    try {
      this.pool.discard();
    } catch (e) {
      if (replayed) throw e;
    }
  }

  /** Prices race `ahead` of the window and keeps its market and probabilities; undefined for a race not decided (or when pricing threw: then blocked). */
  private priceAhead(): { task: SyntheticRaceTask } | undefined {
    const w = this.window!;
    const r = w.raceStart + (this.ahead - w.firstSeq);
    let priced: PricedRace;
    try {
      priced = w.pricer.price(r);
    } catch {
      this.blocked = true;
      return undefined;
    }
    if (!('p' in priced)) return undefined;
    const task = this.taskOf(r, priced.m, priced.p);
    // The task's copies (the market may sit in the replay's buffers, which the next race overwrites).
    this.prepriced.set(this.ahead, { m: { ...priced.m, rows: priced.m.rows.slice(), runners: task.runners, odds: task.odds }, p: task.p });
    return { task };
  }

  /** Computes the next race not yet submitted here; false when there is none (or pricing threw). */
  private computeAhead(): boolean {
    const w = this.window;
    if (w === null || this.blocked || this.ahead >= w.firstSeq + (w.raceEnd - w.raceStart)) return false;
    const seq = this.ahead;
    const priced = this.priceAhead();
    if (this.blocked) return false;
    this.ahead++;
    if (priced !== undefined) {
      try {
        this.stolen.set(seq, { stage: this.compute(priced.task) });
      } catch (e) {
        this.stolen.set(seq, { error: e });
      }
    }
    return true;
  }

  /** Stage 1 in this thread, reusing the previous race's work arrays. */
  private compute(task: SyntheticRaceTask): ColumnarAllocation {
    const reuse = this.lastRace;
    this.lastRace = undefined; // not reused after a stage 1 that threw
    const one = allocateSyntheticRace(task, this.config, reuse);
    this.lastRace = one.race;
    return one.stage;
  }
}
