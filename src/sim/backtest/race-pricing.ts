/**
 * A race of the replay priced for its decision: the candidates and odds seen at decision time
 * and the strategy's win probabilities, or the status of a race that is not decided (fewer than
 * two candidates, no recorded pool of the strategy's bet types, no prediction). Layer: sim
 * (imports strategies, data). Units: decimal odds, probabilities. Pure apart from the replay's
 * reused buffers (a result may sit in them until the next race is priced).
 */
import type { Dataset } from '../../data/index.ts';
import { sourceProbabilities, type Strategy } from '../../strategies/index.ts';
import type { RaceStatus } from './backtest-types.ts';
import { decisionMarket, marketInto, type DecisionMarket, type DecisionOdds } from './decision-market.ts';
import type { windowCoefficients } from './fit-blend.ts';
import { NO_EXOTIC, type ReplayBuffers } from './replay-setup.ts';

/** A race's decision-time market with the strategy's probabilities, or the status of a race not decided. */
export type PricedRace = { m: DecisionMarket; p: Float64Array } | { m: DecisionMarket; status: RaceStatus; detail: string | null };

/** What pricing a race needs from the replay's setup. */
export interface PricingContext {
  readonly ds: Dataset;
  readonly source: Strategy['source'];
  readonly pre: DecisionOdds;
  readonly cutoffs: readonly (string | null)[];
  /** Exotic bet types whose snapshots the decision needs, or null (the market goes into `buf`). */
  readonly exoticTypes: ReadonlySet<number> | null;
  /** Recorded pools of each race (bit = BET_TYPE_CODE) and the strategy's bet types as such a mask. */
  readonly pools: Uint16Array;
  readonly wantMask: number;
  /** The detail of a race with no recorded pool of the strategy's bet types. */
  readonly poolNotRecorded: string;
  /** The strategy's model predictions per runner row, and its name. */
  readonly model: Float64Array | null;
  readonly modelName: string | null;
  readonly winRate: number;
  readonly buf: ReplayBuffers;
}

/** Prices races of the replay (the stage-1 feed prices races ahead of their turn through it). */
export interface RacePricer {
  /** @throws StrategyError from the probability source */
  price(r: number): PricedRace;
}

/**
 * The pricer of one test window: priceRace with the window's blend coefficients. A method of
 * one class rather than a closure per window, so that compiled callers meet the same function
 * from one replay to the next.
 */
export class WindowPricer implements RacePricer {
  constructor(
    private readonly c: PricingContext,
    private readonly coefficients: ReturnType<typeof windowCoefficients>,
  ) {}

  price(r: number): PricedRace {
    return priceRace(this.c, r, this.coefficients);
  }
}

/**
 * Prices race r with the window's blend coefficients.
 * @throws StrategyError from the probability source
 */
export function priceRace(c: PricingContext, r: number, coefficients: ReturnType<typeof windowCoefficients>): PricedRace {
  const { ds, pre, buf, model, source: src } = c;
  // The decision-time market: into the buffers, or (exotic odds wanted) decisionMarket's own arrays.
  let m: DecisionMarket;
  if (c.exoticTypes === null) {
    const k = marketInto(ds, r, pre, buf.rows, buf.runners, buf.odds);
    m = { rows: buf.rowsOf[k], runners: buf.runnersOf[k], odds: buf.oddsOf[k], source: pre.fromSnapshot[r] === 1 ? 'snapshot' : 'final', exotic: NO_EXOTIC };
  } else m = decisionMarket(ds, r, pre, c.cutoffs[r], c.exoticTypes);
  const n = m.rows.length;
  if (n < 2) return { m, status: 'no_candidates', detail: null };
  if ((c.pools[r] & c.wantMask) === 0) return { m, status: 'pool_not_recorded', detail: c.poolNotRecorded };
  let modelP: Float64Array | null = null;
  if (model !== null) {
    modelP = buf.modelOf[n];
    for (let i = 0; i < n; i++) modelP[i] = model[m.rows[i]];
  }
  const p = sourceProbabilities(src, m.odds, modelP, c.winRate, coefficients, src.kind === 'blend' ? undefined : buf.pOf[n]);
  if (p === null) return { m, status: 'no_prediction', detail: c.modelName };
  return { m, p };
}
