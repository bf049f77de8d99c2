/**
 * Stage 1 of a Themis decision: which tickets of a race are candidates and what fraction of
 * the bankroll each gets (Kelly, times the safety factor, then the fraction caps). Independent
 * of the bankroll's size. Layer: themis (imports nothing from the project). Units: fractions
 * of the bankroll, decimal odds. Pure.
 */
import type { ThemisConfig } from './config.ts';
import { ThemisError } from './errors.ts';
import { growthExclusive } from './growth.ts';
import { kellyExclusive } from './kelly-exclusive.ts';
import type { Allocation, AllocationMethod, RaceInput } from './race-input.ts';
import type { CapReason, RejectReason } from './reasons.ts';
import type { BetType } from './tickets.ts';
import { checkRace, EXCLUSIVE_BET_TYPES } from './validate.ts';

/**
 * Allocates fractions of the bankroll to the tickets of one race.
 *
 * 1. Tickets of a bet type outside `config.betTypes` are rejected (`bet_type_excluded`); the
 *    others are candidates when `p * odds > config.evThreshold`, else `below_threshold`.
 * 2. When all candidates belong to one mutually exclusive pool (win, bracket_quinella, quinella,
 *    exacta, trio or trifecta), the exact simultaneous Kelly allocation over them
 *    ({@link kellyExclusive}). Otherwise (mixed bet types, place or wide) the growth-optimal
 *    joint allocation over the race's finishing-order distribution (`race.finishOrder`).
 * 3. Every fraction is multiplied by `config.safetyFactor`, clamped to
 *    `config.maxFractionPerTicket` (marked `cap_per_ticket`), and if the race total exceeds
 *    `config.maxFractionPerRace` all are scaled down proportionally (marked `cap_per_race`).
 * 4. `growth` is the expected log growth under the final fractions.
 *
 * A candidate may end with fraction 0 (the Kelly optimum leaves it out); sizing then rejects
 * it as `below_unit`.
 * @param race - the tickets with probabilities and odds (and a finishing-order distribution for mixed races)
 * @param config - a parsed configuration (parseConfig)
 * @returns the allocation, parallel arrays in ticket order
 * @throws ThemisError on invalid input (see checkRace), and THEMIS_BAD_INPUT (field `finishOrder`)
 *   when candidates can win together and the race has no finishing-order distribution
 * @example
 * allocate({ tickets: [{ id: 'win:1', p: 0.35, odds: 3.5 }] }, parseConfig({ safetyFactor: 1, maxFractionPerTicket: null, maxFractionPerRace: null })).fraction
 * // Float64Array [0.09]
 */
export function allocate(race: RaceInput, config: ThemisConfig): Allocation {
  const checked = checkRace(race);
  const { tickets, odds, pools } = checked;
  const n = tickets.length;
  const ids = tickets.map((t) => t.id);
  const betTypes = tickets.map((t) => t.betType);
  const p = checked.p;
  const reason: (RejectReason | null)[] = new Array<RejectReason | null>(n).fill(null);
  const capped: (CapReason | null)[] = new Array<CapReason | null>(n).fill(null);
  const uncapped = new Float64Array(n);
  const fraction = new Float64Array(n);

  let jointTickets: number[] | undefined;
  if (checked.finishOrder !== undefined) {
    // Probabilities come from the distribution (ticket p is ignored), see jointAllocate.
    const probs = jointProbabilities(checked);
    p.set(probs);
  }

  const allowed = new Set<BetType>(config.betTypes);
  const candidates: number[] = [];
  const candidateTypes = new Set<BetType>();
  for (let i = 0; i < n; i++) {
    if (!allowed.has(betTypes[i])) reason[i] = 'bet_type_excluded';
    else if (!(p[i] * odds[i] > config.evThreshold)) reason[i] = 'below_threshold';
    else {
      candidates.push(i);
      candidateTypes.add(betTypes[i]);
    }
  }

  let method: AllocationMethod = 'none';
  if (candidates.length > 0) {
    const [only] = candidateTypes;
    if (candidateTypes.size === 1 && EXCLUSIVE_BET_TYPES.has(only)) {
      method = 'exclusive';
      const cp = new Float64Array(candidates.length);
      const co = new Float64Array(candidates.length);
      for (let j = 0; j < candidates.length; j++) {
        cp[j] = p[candidates[j]];
        co[j] = odds[candidates[j]];
      }
      const f = kellyExclusive(cp, co, config.evThreshold);
      for (let j = 0; j < candidates.length; j++) uncapped[candidates[j]] = f[j] * config.safetyFactor;
    } else {
      method = 'joint';
      jointTickets = candidates;
      const f = jointFractions(checked, candidates);
      for (let j = 0; j < candidates.length; j++) uncapped[candidates[j]] = f[j] * config.safetyFactor;
    }
  }

  // Fraction caps: clamp each ticket, then scale the race down proportionally.
  fraction.set(uncapped);
  const perTicket = config.maxFractionPerTicket;
  let total = 0;
  for (const i of candidates) {
    if (perTicket !== null && fraction[i] > perTicket) {
      fraction[i] = perTicket;
      capped[i] = 'cap_per_ticket';
    }
    total += fraction[i];
  }
  const perRace = config.maxFractionPerRace;
  if (perRace !== null && total > perRace) {
    const scale = perRace / total;
    for (const i of candidates) {
      if (fraction[i] > 0) {
        fraction[i] *= scale;
        capped[i] = 'cap_per_race';
      }
    }
  }

  let growth = 0;
  if (method === 'exclusive') growth = growthExclusive(p, odds, fraction);
  else if (method === 'joint' && jointTickets !== undefined) growth = jointGrowth(checked, jointTickets, fraction);

  return { ids, betTypes, p, odds, fraction, uncapped, reason, capped, pools, growth, method };
}

function missingJoint(): never {
  throw new ThemisError(
    'THEMIS_BAD_INPUT',
    'finishOrder',
    undefined,
    'allocate: candidates that can win together (mixed bet types, place or wide) need the joint allocation over a finishing-order distribution, which is not available',
  );
}

function jointProbabilities(_race: ReturnType<typeof checkRace>): Float64Array {
  return missingJoint();
}

function jointFractions(_race: ReturnType<typeof checkRace>, _candidates: readonly number[]): Float64Array {
  return missingJoint();
}

function jointGrowth(_race: ReturnType<typeof checkRace>, _candidates: readonly number[], _f: Float64Array): number {
  return missingJoint();
}
