/**
 * The replay's side of stage 1 of the synthetic-offer decisions: which races go to the worker
 * threads and when, and each race's stage-1 allocation, from a worker or computed in the replay
 * thread (before the workers have loaded, without threads, or when pricing a race ahead threw).
 * Races are submitted ahead in replay order, within the current test window, up to a depth per
 * worker; a race's market and probabilities priced for submission are kept for its turn.
 * Layer: sim. Effects: through the pool (worker threads).
 */
import type { ColumnarAllocation, ColumnarRaceInput, ThemisConfig } from '../../themis/index.ts';
import type { DecisionMarket } from './decision-market.ts';
import type { PricedRace } from './race-pricing.ts';
import { checkThreads } from './replay-setup.ts';
import { StageOnePool } from './stage-one-pool.ts';
import { allocateSyntheticRace, type SyntheticRaceTask } from './synthetic-stage-one.ts';

/** Races submitted ahead of the replay, per worker. */
const AHEAD_PER_THREAD = 12;


/** The task of race r given its market and probabilities (syntheticRaceTask with the replay's context). */
export type TaskOf = (r: number, m: DecisionMarket, p: Float64Array) => SyntheticRaceTask;

/** Stage 1 of one replay, through a pool of workers or not. */
export class StageOneFeed {
  /** Races whose stage 1 came from a worker, and from the replay thread. */
  inWorkers = 0;
  inReplayThread = 0;
  private ahead = 0;
  private blocked = false;
  private readonly prepriced = new Map<number, PricedRace>();
  private lastRace: ColumnarRaceInput | undefined;

  /** Worker threads, or null for stage 1 in the replay thread only. */
  readonly pool: StageOnePool | null;
  private readonly ownPool: boolean;

  /**
   * @param threads - the replay's threads option: with 2 or more and no pool given, the feed starts its own pool
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
    this.pool = !applies ? null : (given ?? (n > 1 ? new StageOnePool(n) : null));
    this.ownPool = given === undefined;
  }

  /**
   * Submits the races from `seq` on of the window whose first race `raceStart` has number
   * `firstSeq` (up to race `raceEnd`, excluded), not yet submitted, up to the pool's depth.
   * `price` prices a race; a race it declines (a status) is skipped, and if it throws no more
   * races are submitted (the race's own turn throws the error).
   */
  submitAhead(seq: number, firstSeq: number, raceStart: number, raceEnd: number, price: (r: number) => PricedRace): void {
    const pool = this.pool;
    if (pool === null || this.blocked) return;
    if (this.ahead < seq) this.ahead = seq;
    const ready = pool.readyWorkers;
    while (pool.inFlight < ready * AHEAD_PER_THREAD && this.ahead < firstSeq + (raceEnd - raceStart)) {
      const r = raceStart + (this.ahead - firstSeq);
      let priced: PricedRace;
      try {
        priced = price(r);
      } catch {
        this.blocked = true;
        return;
      }
      if ('p' in priced) {
        const task = this.taskOf(r, priced.m, priced.p);
        pool.submit(this.ahead, task, this.config); // a worker is ready
        // The task's copies (the market may sit in the replay's buffers, which the next race overwrites).
        this.prepriced.set(this.ahead, { m: { ...priced.m, rows: priced.m.rows.slice(), runners: task.runners, odds: task.odds }, p: task.p });
      }
      this.ahead++;
    }
  }

  /** Stops submitting (after a drawdown halt nothing more is bought). */
  stop(): void {
    this.blocked = true;
  }

  /** The market and probabilities race `seq` was priced with when submitted (once), if it was. */
  priced(seq: number): PricedRace | undefined {
    const x = this.prepriced.get(seq);
    if (x !== undefined) this.prepriced.delete(seq);
    return x;
  }

  /**
   * The stage-1 allocation of race `seq` (race r): the worker's if it was submitted, else
   * computed here.
   * @throws the race's stage-1 error (ThemisError, StrategyError), SimError SIM_WORKER_FAILED
   */
  allocation(seq: number, r: number, m: DecisionMarket, p: Float64Array): ColumnarAllocation {
    if (this.pool !== null && this.pool.has(seq)) {
      this.inWorkers++;
      return this.pool.take(seq);
    }
    this.inReplayThread++;
    const one = allocateSyntheticRace(this.taskOf(r, m, p), this.config, this.lastRace);
    this.lastRace = one.race;
    return one.stage;
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
}
