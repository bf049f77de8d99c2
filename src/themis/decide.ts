/**
 * The Themis decision for one race: exactly `size(allocate(race, config), bankrollYen, config, account)`,
 * with a throwing form and a result form. Layer: themis (imports nothing from the project).
 * Units: integer yen, fractions of the bankroll, decimal odds. Pure.
 */
import { allocate } from './allocate.ts';
import type { ThemisConfig } from './config.ts';
import { ThemisError } from './errors.ts';
import type { AccountState, Decision, RaceInput, Rejection } from './race-input.ts';
import { size } from './size.ts';

/** Result form of {@link safeDecide}. */
export type DecideResult =
  | { ok: true; decision: Decision }
  | { ok: false; error: ThemisError; rejected: Rejection[] };

/**
 * Decides which tickets of a race to buy and for how many yen: the composition of
 * {@link allocate} (fractions, bankroll-independent) and {@link size} (integer yen).
 * @param race - tickets with probabilities and odds (and a finishing-order distribution for mixed races)
 * @param bankrollYen - current bankroll, integer yen >= 0
 * @param config - a parsed configuration (parseConfig)
 * @param account - today's account state (stake and points used, the account's point limit)
 * @returns bets with their stakes, every other ticket with a reason, and the expected log growth
 * @throws ThemisError for any invalid input, naming the field (e.g. `tickets[2].p`) and its value
 * @example
 * decide({ tickets: [{ id: 'win:3', p: 0.25, odds: 4.4 }, { id: 'win:1', p: 0.3, odds: 2.2 }] }, 1_000_000, parseConfig({ safetyFactor: 1 }))
 * // { bets: [{ id: 'win:3', p: 0.25, odds: 4.4, fraction: 0.0294117..., stakeYen: 29400 }],
 * //   rejected: [{ id: 'win:1', reason: 'below_threshold' }], growth: 0.00143... }
 */
export function decide(race: RaceInput, bankrollYen: number, config: ThemisConfig, account?: AccountState): Decision {
  return size(allocate(race, config), bankrollYen, config, account);
}

/**
 * Result form of {@link decide}: bad input gives `{ ok: false, error, rejected }` with every
 * ticket of the race rejected as `invalid_input` (ids as given) instead of a throw.
 * @throws only for an internal error that is not a ThemisError (a bug)
 * @example safeDecide({ tickets: [{ id: 'win:1', p: 2, odds: 3 }] }, 100000, parseConfig({}))
 * // { ok: false, error: ThemisError { code: 'THEMIS_BAD_PROBABILITY', field: 'tickets[0].p' }, rejected: [{ id: 'win:1', reason: 'invalid_input' }] }
 */
export function safeDecide(race: RaceInput, bankrollYen: number, config: ThemisConfig, account?: AccountState): DecideResult {
  try {
    return { ok: true, decision: decide(race, bankrollYen, config, account) };
  } catch (e) {
    if (!(e instanceof ThemisError)) throw e;
    return { ok: false, error: e, rejected: rejectAll(race) };
  }
}

function rejectAll(race: unknown): Rejection[] {
  const tickets = typeof race === 'object' && race !== null ? (race as { tickets?: unknown }).tickets : undefined;
  if (!Array.isArray(tickets)) return [];
  return tickets.map((t: unknown, i) => {
    const id = typeof t === 'object' && t !== null ? (t as { id?: unknown }).id : undefined;
    return { id: typeof id === 'string' ? id : `tickets[${i}]`, reason: 'invalid_input' as const };
  });
}
