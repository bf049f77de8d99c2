/**
 * The promotion policy: the limits every gate of `keiba promote` checks, with strict defaults,
 * and its parser. Layer: live (promote); pure. Units: ratios (ROI = return / stake, so 1.0 is
 * break-even), probabilities in [0, 1], days, minutes, Themis config units for steps.
 */
import { PromoteError } from './promote-error.ts';

/** The canary plan: how a new config runs beside the previous one before it takes over. */
export interface CanaryPlan {
  /** The canary decides every k-th race of the book (races k, 2k, ...), the previous config the rest; integer >= 2. */
  readonly everyKthRace: number;
  /** The canary takes over after deciding this many races within the drawdown limit; integer >= 1. */
  readonly races: number;
  /** The canary is aborted when its maximum drawdown exceeds this ratio, in (0, 1). */
  readonly maxDrawdown: number;
}

/** A fully defaulted, validated promotion policy (build it with {@link parsePolicy}). */
export interface PromotionPolicy {
  /** Fewest out-of-sample races bet in the backtest; default 500. */
  readonly minRaces: number;
  /** The lower bound of the bootstrap ROI interval must exceed this; default 1.0 (break-even). */
  readonly roiFloor: number;
  /** Two-sided level of the bootstrap interval, in (0, 1); default 0.95 (lower bound = 2.5% quantile). */
  readonly roiConfidence: number;
  /** Bootstrap resamples (by race); default 2,000. */
  readonly bootstrapResamples: number;
  /** Seed of the bootstrap (same evidence, same bound); default 'promote'. */
  readonly bootstrapSeed: string;
  /** The sweep's ruin probability of this config must be at most this; default 0.01. */
  readonly maxRuin: number;
  /** Which ruin figure is compared: the upper Wilson bound (default) or the point estimate. */
  readonly ruinBound: 'upper' | 'point';
  /** The config's safety factor must be at most this; default 0.3. */
  readonly maxSafetyFactor: number;
  /** Evidence older than this many days is refused; default 30. */
  readonly maxEvidenceAgeDays: number;
  /** Largest change per promotion of each numeric parameter (dotted path -> absolute step). */
  readonly steps: Readonly<Record<string, number>>;
  /** Whether a numeric parameter without a step, or a non-numeric one (betTypes...), may change; default false. */
  readonly allowUnlistedChanges: boolean;
  /** No promotion from this many minutes before a race day's first post; default 720. */
  readonly freezeMinutesBeforeFirstPost: number;
  /** ... until this many minutes after its last post; default 60. */
  readonly freezeMinutesAfterLastPost: number;
  /** Refuse when no race-day calendar is given (the freeze gate cannot be checked); default true. */
  readonly requireCalendar: boolean;
  /** The canary plan, or null to let a promoted config take over at once; default null. */
  readonly canary: CanaryPlan | null;
}

/** The strict defaults every missing field takes. */
export const DEFAULT_POLICY: PromotionPolicy = Object.freeze({
  minRaces: 500,
  roiFloor: 1.0,
  roiConfidence: 0.95,
  bootstrapResamples: 2000,
  bootstrapSeed: 'promote',
  maxRuin: 0.01,
  ruinBound: 'upper' as const,
  maxSafetyFactor: 0.3,
  maxEvidenceAgeDays: 30,
  steps: Object.freeze({ safetyFactor: 0.1, evThreshold: 0.05, maxFractionPerTicket: 0.02, maxFractionPerRace: 0.05 }),
  allowUnlistedChanges: false,
  freezeMinutesBeforeFirstPost: 720,
  freezeMinutesAfterLastPost: 60,
  requireCalendar: true,
  canary: null,
});

const KEYS = Object.keys(DEFAULT_POLICY) as (keyof PromotionPolicy)[];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function bad(field: string, value: unknown, expected: string): PromoteError {
  return new PromoteError('PROMOTE_BAD_POLICY', `policy.${field}: ${JSON.stringify(value) ?? String(value)} is not valid (expected ${expected})`, { field, value });
}

function num(raw: Record<string, unknown>, key: keyof PromotionPolicy, ok: (v: number) => boolean, expected: string): number {
  const v = key in raw ? raw[key] : DEFAULT_POLICY[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw bad(key, v, expected);
  return v;
}

function parseCanary(v: unknown): CanaryPlan | null {
  if (v === null) return null;
  if (!isRecord(v)) throw bad('canary', v, 'null or { everyKthRace, races, maxDrawdown }');
  for (const k of Object.keys(v)) if (!['everyKthRace', 'races', 'maxDrawdown'].includes(k)) throw bad(`canary.${k}`, v[k], 'everyKthRace, races or maxDrawdown');
  const k = v.everyKthRace ?? 4;
  const n = v.races ?? 48;
  const d = v.maxDrawdown ?? 0.1;
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 2) throw bad('canary.everyKthRace', k, 'an integer >= 2');
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw bad('canary.races', n, 'an integer >= 1');
  if (typeof d !== 'number' || !(d > 0 && d < 1)) throw bad('canary.maxDrawdown', d, 'a ratio in (0, 1)');
  return { everyKthRace: k, races: n, maxDrawdown: d };
}

/**
 * Validates a raw policy (parsed JSON, any subset of the fields) and fills the strict defaults.
 * `steps` given in the file replace the default steps as a whole.
 * @throws PromoteError PROMOTE_BAD_POLICY naming the field, its value and what is expected
 * @example parsePolicy({ minRaces: 100 }).maxRuin // 0.01
 * @example parsePolicy({ maxRuin: 2 }) // throws: policy.maxRuin: 2 is not valid (expected a probability in [0, 1])
 */
export function parsePolicy(raw: unknown): PromotionPolicy {
  if (raw === undefined || raw === null) raw = {};
  if (!isRecord(raw)) throw bad('(root)', raw, 'an object');
  for (const k of Object.keys(raw)) if (k !== '$comment' && !(KEYS as string[]).includes(k)) throw bad(k, raw[k], `a known field (${KEYS.join(', ')})`);
  const int0 = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;
  const stepsRaw = 'steps' in raw ? raw.steps : DEFAULT_POLICY.steps;
  if (!isRecord(stepsRaw)) throw bad('steps', stepsRaw, 'an object of parameter -> largest step');
  const steps: Record<string, number> = {};
  for (const [k, v] of Object.entries(stepsRaw)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad(`steps.${k}`, v, 'a finite number >= 0');
    steps[k] = v;
  }
  const bool = (key: 'allowUnlistedChanges' | 'requireCalendar'): boolean => {
    const v = key in raw ? (raw as Record<string, unknown>)[key] : DEFAULT_POLICY[key];
    if (typeof v !== 'boolean') throw bad(key, v, 'true or false');
    return v;
  };
  const ruinBound = 'ruinBound' in raw ? raw.ruinBound : DEFAULT_POLICY.ruinBound;
  if (ruinBound !== 'upper' && ruinBound !== 'point') throw bad('ruinBound', ruinBound, "'upper' or 'point'");
  const seed = 'bootstrapSeed' in raw ? raw.bootstrapSeed : DEFAULT_POLICY.bootstrapSeed;
  if (typeof seed !== 'string' || seed === '') throw bad('bootstrapSeed', seed, 'a non-empty string');
  return {
    minRaces: num(raw, 'minRaces', int0, 'an integer >= 0'),
    roiFloor: num(raw, 'roiFloor', (v) => v >= 0, 'a ratio >= 0 (1 is break-even)'),
    roiConfidence: num(raw, 'roiConfidence', (v) => v > 0 && v < 1, 'a level in (0, 1)'),
    bootstrapResamples: num(raw, 'bootstrapResamples', (v) => Number.isSafeInteger(v) && v >= 100 && v <= 1_000_000, 'an integer in [100, 1000000]'),
    bootstrapSeed: seed,
    maxRuin: num(raw, 'maxRuin', (v) => v >= 0 && v <= 1, 'a probability in [0, 1]'),
    ruinBound,
    maxSafetyFactor: num(raw, 'maxSafetyFactor', (v) => v > 0 && v <= 1, 'a number in (0, 1]'),
    maxEvidenceAgeDays: num(raw, 'maxEvidenceAgeDays', (v) => v > 0, 'a number of days > 0'),
    steps,
    allowUnlistedChanges: bool('allowUnlistedChanges'),
    freezeMinutesBeforeFirstPost: num(raw, 'freezeMinutesBeforeFirstPost', int0, 'an integer >= 0'),
    freezeMinutesAfterLastPost: num(raw, 'freezeMinutesAfterLastPost', int0, 'an integer >= 0'),
    requireCalendar: bool('requireCalendar'),
    canary: parseCanary('canary' in raw ? raw.canary : DEFAULT_POLICY.canary),
  };
}
