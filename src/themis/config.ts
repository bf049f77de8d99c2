/**
 * The Themis configuration: a validated schema with conservative defaults, its parser and its
 * hash. Layer: themis (imports nothing from the project; node:crypto for the hash only).
 * Units: fractions of the bankroll, integer yen, decimal odds. Pure.
 */
import { createHash } from 'node:crypto';
import { ThemisError } from './errors.ts';
import { JRA_PAYOUT_RATES } from './payout-rates.ts';
import { BET_TYPES, isBetType, type BetType } from './tickets.ts';

/** How finishing orders are derived from win probabilities for mixed-bet-type races. */
export interface FinishOrderConfig {
  /** `harville` (successive renormalisation) or `discounted` (Benter / Lo-Bacon-Shone, sigma ~ p^gamma, tau ~ p^delta). */
  readonly model: 'harville' | 'discounted';
  /** Exponent for the second place of the discounted model, in (0, 2]; default 0.81 (HK 1986-93 fit). */
  readonly gamma: number;
  /** Exponent for the third place of the discounted model, in (0, 2]; default 0.65 (HK 1986-93 fit). */
  readonly delta: number;
}

/** A fully defaulted, validated Themis configuration (build it with {@link parseConfig}). */
export interface ThemisConfig {
  /** Fraction of the Kelly allocation actually held, in (0, 1]; default 0.25 (quarter Kelly). */
  readonly safetyFactor: number;
  /** A ticket is a candidate only when `p * odds > evThreshold`; finite, >= 0; default 1.05. */
  readonly evThreshold: number;
  /** Bet types Themis may buy, a non-empty subset in canonical (JRA) order; default all eight. */
  readonly betTypes: readonly BetType[];
  /** Largest fraction of the bankroll on one ticket, in (0, 1], or null for no cap; default 0.05. */
  readonly maxFractionPerTicket: number | null;
  /** Largest fraction of the bankroll on one race, in (0, 1], or null for no cap; default 0.1. */
  readonly maxFractionPerRace: number | null;
  /** Largest total stake on one race in yen, integer >= 0, or null for no cap; default null. */
  readonly maxStakePerRaceYen: number | null;
  /** Largest total stake on one day in yen (with the account's stake so far), integer >= 0, or null; default null. */
  readonly maxStakePerDayYen: number | null;
  /** Below this bankroll (integer yen >= 0) nothing is bought (bankroll_stop); default 10,000. */
  readonly minBankrollYen: number;
  /** Daily ticket (point) limit, integer >= 0, or null for none; default 9,000 (JRA phone voting). */
  readonly pointLimitPerDay: number | null;
  /** Finishing-order model used to price mixed-bet-type races from win probabilities. */
  readonly finishOrder: FinishOrderConfig;
  /** When true, win tickets carrying pool sizes are capped by the Kelly stake with own-stake impact; default false. */
  readonly poolImpact: boolean;
  /** Payout ratio (1 - takeout) per bet type, each in (0, 1]; defaults are JRA's since 2014. */
  readonly payoutRates: Readonly<Record<BetType, number>>;
}

export { JRA_PAYOUT_RATES };

/** The conservative defaults every missing field takes. */
export const DEFAULT_CONFIG: ThemisConfig = Object.freeze({
  safetyFactor: 0.25,
  evThreshold: 1.05,
  betTypes: Object.freeze([...BET_TYPES]),
  maxFractionPerTicket: 0.05,
  maxFractionPerRace: 0.1,
  maxStakePerRaceYen: null,
  maxStakePerDayYen: null,
  minBankrollYen: 10_000,
  pointLimitPerDay: 9_000,
  finishOrder: Object.freeze({ model: 'harville' as const, gamma: 0.81, delta: 0.65 }),
  poolImpact: false,
  payoutRates: JRA_PAYOUT_RATES,
});

/** Result form of {@link safeParseConfig}. */
export type ConfigResult = { ok: true; config: ThemisConfig } | { ok: false; error: ThemisError };

const TOP_KEYS = Object.keys(DEFAULT_CONFIG) as (keyof ThemisConfig)[];
const FINISH_KEYS = ['model', 'gamma', 'delta'] as const;

function bad(field: string, value: unknown, expected: string): ThemisError {
  return new ThemisError('THEMIS_BAD_CONFIG', field, value, `config.${field}: ${show(value)} is not valid (expected ${expected})`);
}

function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fraction(raw: Record<string, unknown>, key: string, dflt: number, lowOpen: boolean, prefix = ''): number {
  const v = key in raw ? raw[key] : dflt;
  const range = lowOpen ? 'a number in (0, 1]' : 'a number in [0, 1]';
  if (typeof v !== 'number' || !Number.isFinite(v) || v > 1 || (lowOpen ? v <= 0 : v < 0)) throw bad(prefix + key, v, range);
  return v;
}

function nullableFraction(raw: Record<string, unknown>, key: string, dflt: number | null): number | null {
  const v = key in raw ? raw[key] : dflt;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1) throw bad(key, v, 'a number in (0, 1] or null');
  return v;
}

function nullableCount(raw: Record<string, unknown>, key: string, dflt: number | null, what: string): number | null {
  const v = key in raw ? raw[key] : dflt;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(key, v, `${what}, an integer >= 0, or null`);
  return v;
}

/**
 * Validates a raw configuration (parsed JSON, a partial object) and fills the defaults.
 * `betTypes` is returned in canonical order without duplicates; `payoutRates` and
 * `finishOrder` may be given partially. `null` disables a cap where the field allows it.
 * @param raw - an object with any subset of the {@link ThemisConfig} fields (or undefined)
 * @returns the fully defaulted configuration
 * @throws ThemisError THEMIS_BAD_CONFIG naming the field (`field`), its value and the expected range,
 *   for an unknown field or an out-of-range value
 * @example parseConfig({ safetyFactor: 0.5 }).evThreshold // 1.05
 * @example parseConfig({ safetyFactor: 2 }) // throws: config.safetyFactor: 2 is not valid (expected a number in (0, 1])
 */
export function parseConfig(raw: unknown): ThemisConfig {
  if (raw === undefined || raw === null) raw = {};
  if (!isRecord(raw)) throw bad('(root)', raw, 'an object');
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as string[]).includes(key)) {
      throw new ThemisError('THEMIS_BAD_CONFIG', key, raw[key], `config.${key}: unknown field (known: ${TOP_KEYS.join(', ')})`);
    }
  }
  const d = DEFAULT_CONFIG;
  const safetyFactor = fraction(raw, 'safetyFactor', d.safetyFactor, true);
  const ev = 'evThreshold' in raw ? raw.evThreshold : d.evThreshold;
  if (typeof ev !== 'number' || !Number.isFinite(ev) || ev < 0) throw bad('evThreshold', ev, 'a finite number >= 0');

  const bt = 'betTypes' in raw ? raw.betTypes : d.betTypes;
  if (!Array.isArray(bt) || bt.length === 0) throw bad('betTypes', bt, `a non-empty array of ${BET_TYPES.join(', ')}`);
  bt.forEach((t, i) => {
    if (typeof t !== 'string' || !isBetType(t)) throw bad(`betTypes[${i}]`, t, `one of ${BET_TYPES.join(', ')}`);
  });
  const betTypes = BET_TYPES.filter((t) => (bt as string[]).includes(t));

  const minB = 'minBankrollYen' in raw ? raw.minBankrollYen : d.minBankrollYen;
  const minBankrollYen = minB === null ? 0 : minB;
  if (typeof minBankrollYen !== 'number' || !Number.isSafeInteger(minBankrollYen) || minBankrollYen < 0) {
    throw bad('minBankrollYen', minB, 'yen, an integer >= 0 (null means 0)');
  }

  const fo = 'finishOrder' in raw ? raw.finishOrder : {};
  if (!isRecord(fo)) throw bad('finishOrder', fo, 'an object { model, gamma, delta }');
  for (const key of Object.keys(fo)) {
    if (!(FINISH_KEYS as readonly string[]).includes(key)) {
      throw new ThemisError('THEMIS_BAD_CONFIG', `finishOrder.${key}`, fo[key], `config.finishOrder.${key}: unknown field (known: ${FINISH_KEYS.join(', ')})`);
    }
  }
  const model = 'model' in fo ? fo.model : d.finishOrder.model;
  if (model !== 'harville' && model !== 'discounted') throw bad('finishOrder.model', model, "'harville' or 'discounted'");
  const exponent = (key: 'gamma' | 'delta'): number => {
    const v = key in fo ? fo[key] : d.finishOrder[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 2) throw bad(`finishOrder.${key}`, v, 'a number in (0, 2]');
    return v;
  };
  const finishOrder: FinishOrderConfig = { model, gamma: exponent('gamma'), delta: exponent('delta') };

  const pi = 'poolImpact' in raw ? raw.poolImpact : d.poolImpact;
  if (typeof pi !== 'boolean') throw bad('poolImpact', pi, 'true or false');

  const pr = 'payoutRates' in raw ? raw.payoutRates : {};
  if (!isRecord(pr)) throw bad('payoutRates', pr, 'an object of bet type -> rate in (0, 1]');
  for (const key of Object.keys(pr)) {
    if (!isBetType(key)) {
      throw new ThemisError('THEMIS_BAD_CONFIG', `payoutRates.${key}`, pr[key], `config.payoutRates.${key}: unknown bet type (known: ${BET_TYPES.join(', ')})`);
    }
  }
  const payoutRates = {} as Record<BetType, number>;
  for (const t of BET_TYPES) payoutRates[t] = fraction(pr, t, d.payoutRates[t], true, 'payoutRates.');

  return {
    safetyFactor,
    evThreshold: ev,
    betTypes,
    maxFractionPerTicket: nullableFraction(raw, 'maxFractionPerTicket', d.maxFractionPerTicket),
    maxFractionPerRace: nullableFraction(raw, 'maxFractionPerRace', d.maxFractionPerRace),
    maxStakePerRaceYen: nullableCount(raw, 'maxStakePerRaceYen', d.maxStakePerRaceYen, 'yen'),
    maxStakePerDayYen: nullableCount(raw, 'maxStakePerDayYen', d.maxStakePerDayYen, 'yen'),
    minBankrollYen,
    pointLimitPerDay: nullableCount(raw, 'pointLimitPerDay', d.pointLimitPerDay, 'tickets'),
    finishOrder,
    poolImpact: pi,
    payoutRates,
  };
}

/**
 * Result form of {@link parseConfig}: never throws for a bad configuration.
 * @throws nothing for bad input (only for a bug)
 * @example safeParseConfig({ bogus: 1 }) // { ok: false, error: ThemisError { code: 'THEMIS_BAD_CONFIG', field: 'bogus' } }
 */
export function safeParseConfig(raw: unknown): ConfigResult {
  try {
    return { ok: true, config: parseConfig(raw) };
  } catch (e) {
    if (e instanceof ThemisError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * JSON with object keys sorted at every level (arrays keep their order): the canonical text
 * that {@link configHash} hashes. Like JSON.stringify, object keys whose value is undefined (or
 * a function) are left out, undefined in an array prints as null, and `toJSON` is honoured.
 * @throws nothing for plain data (a cyclic object overflows the stack)
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (isRecord(value) && typeof value.toJSON === 'function') return canonicalJson((value.toJSON as () => unknown)());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined && typeof value[k] !== 'function')
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The identity of a configuration: sha256 hex of its canonical JSON (defaults filled, keys
 * sorted, bet types in canonical order), so two spellings of the same configuration hash the same.
 * @param config - a parsed configuration, or a raw one (it is parsed first)
 * @throws ThemisError THEMIS_BAD_CONFIG when a raw configuration is invalid
 * @example configHash(parseConfig({})) === configHash({ evThreshold: 1.05 }) // true
 */
export function configHash(config: ThemisConfig | unknown): string {
  const full = parseConfig(config);
  return createHash('sha256').update(canonicalJson(full)).digest('hex');
}
