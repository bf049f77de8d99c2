/**
 * JRA payout rates R (1 - takeout) per bet type, the one definition of them. Layer: themis,
 * pure and shared-format like tickets.ts: it imports only the bet types, and the data layer may
 * import it (the pari-mutuel formula and the synthetic generator use the same rates as the
 * default Themis config). Units: decimals that are whole thousandths (0.775).
 */
import type { BetType } from './tickets.ts';

/**
 * JRA payout rates R (1 - takeout) per bet type, in force since 2014-06-07 (betting-math.md 4.1).
 * @example JRA_PAYOUT_RATES.trifecta // 0.725
 */
export const JRA_PAYOUT_RATES: Readonly<Record<BetType, number>> = Object.freeze({
  win: 0.8,
  place: 0.8,
  bracket_quinella: 0.775,
  quinella: 0.775,
  wide: 0.775,
  exacta: 0.75,
  trio: 0.75,
  trifecta: 0.725,
});
