/**
 * The canary state machine: a newly promoted config decides every k-th race beside the
 * previous one for its first N races, then takes over if its drawdown stayed within the limit,
 * or is aborted as soon as it does not. Layer: live (promote); pure (the runner observes, this
 * decides; history.ts records the outcome). Units: race counts, drawdown as a ratio.
 */
import type { CanaryPlan } from './promotion-policy.ts';

/** Which config decides a race while a canary runs. */
export type CanaryRole = 'canary' | 'incumbent';

/** What the runner has seen of the canary so far. */
export interface CanaryObservation {
  /** Races the canary has decided (and that are settled). */
  readonly racesObserved: number;
  /** Maximum drawdown of the canary's own stakes so far, ratio in [0, 1]. */
  readonly maxDrawdown: number;
}

/** The decision after an observation. */
export interface CanaryDecision {
  readonly action: 'continue' | 'takeover' | 'abort';
  /** In words, with the measured value and the limit. */
  readonly reason: string;
}

/**
 * Which config decides the race at 1-based position `raceOrdinal` of the book since the canary
 * started: races k, 2k, 3k, ... go to the canary.
 * @throws RangeError for an ordinal that is not an integer >= 1
 * @example canaryRole(4, { everyKthRace: 4, races: 48, maxDrawdown: 0.1 }) // 'canary'
 */
export function canaryRole(raceOrdinal: number, plan: CanaryPlan): CanaryRole {
  if (!Number.isSafeInteger(raceOrdinal) || raceOrdinal < 1) throw new RangeError(`canaryRole: race ordinal ${raceOrdinal} is not an integer >= 1`);
  return raceOrdinal % plan.everyKthRace === 0 ? 'canary' : 'incumbent';
}

/**
 * Decides the canary's fate: abort as soon as its drawdown exceeds the limit; take over once it
 * has decided `plan.races` races within it; otherwise continue.
 * @throws RangeError for a negative race count or a drawdown outside [0, 1]
 * @example decideCanary({ everyKthRace: 4, races: 10, maxDrawdown: 0.1 }, { racesObserved: 10, maxDrawdown: 0.04 }).action // 'takeover'
 * @example decideCanary({ everyKthRace: 4, races: 10, maxDrawdown: 0.1 }, { racesObserved: 3, maxDrawdown: 0.12 }).action // 'abort'
 */
export function decideCanary(plan: CanaryPlan, obs: CanaryObservation): CanaryDecision {
  if (!Number.isSafeInteger(obs.racesObserved) || obs.racesObserved < 0) throw new RangeError(`decideCanary: racesObserved ${obs.racesObserved} is not an integer >= 0`);
  if (!(obs.maxDrawdown >= 0 && obs.maxDrawdown <= 1)) throw new RangeError(`decideCanary: maxDrawdown ${obs.maxDrawdown} is not in [0, 1]`);
  const dd = `${(obs.maxDrawdown * 100).toFixed(1)}%`;
  const lim = `${(plan.maxDrawdown * 100).toFixed(1)}%`;
  if (obs.maxDrawdown > plan.maxDrawdown) return { action: 'abort', reason: `canary drawdown ${dd} exceeded the limit ${lim} after ${obs.racesObserved} races` };
  if (obs.racesObserved >= plan.races) return { action: 'takeover', reason: `canary decided ${obs.racesObserved} races (needed ${plan.races}) with drawdown ${dd} within the limit ${lim}` };
  return { action: 'continue', reason: `canary decided ${obs.racesObserved} of ${plan.races} races, drawdown ${dd} within the limit ${lim}` };
}
