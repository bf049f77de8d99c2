/**
 * The strategy file: where win probabilities come from, the Themis configuration, the bet types
 * it may use and when it decides. Validated like Themis configs (unknown fields and bad values
 * are refused, naming the field) and identified by a hash of its canonical form.
 * Layer: strategies (imports themis). Units: minutes, integer yen, probabilities. Pure (the
 * hash uses node:crypto; reading the file is the caller's job).
 *
 * Shape (JSON):
 * ```
 * { "name": "market-win", "description": "...",
 *   "source": { "kind": "market", "odds": "snapshot" },
 *   "betTypes": ["win"], "decisionOffsetMinutes": 5,
 *   "themis": { "safetyFactor": 0.25, "evThreshold": 1.05 },
 *   "drawdown": { "warn": 0.2, "halt": 0.3 } }
 * ```
 * Sources: `predictions` {model}; `market` {odds, takeout: 'normalise'} (R/o normalised over
 * the field); `blend` {model, odds, and either trainDays (alpha and beta fitted by conditional
 * logit on the races before the test window) or alpha and beta given}; `baseline` {rule:
 * favourite_flat | random | flat_above_threshold, stakeYen, seed, model (flat_above_threshold
 * only)}. `odds: 'snapshot'` means the odds seen at decision time (a snapshot when the dataset has
 * one, else the final odds); `odds: 'final'` makes the strategy decide on the final odds.
 */
import { createHash } from 'node:crypto';
import { BET_TYPES, canonicalJson, isBetType, parseConfig, ThemisError, type BetType, type ThemisConfig } from '../themis/index.ts';
import { StrategyError } from './errors.ts';

/** Which odds a market-based source reads: those seen at decision time, or the final ones. */
export type OddsChoice = 'snapshot' | 'final';

/** The baseline rules, each a flat stake per race or ticket. */
export const BASELINE_RULES = ['favourite_flat', 'random', 'flat_above_threshold'] as const;
export type BaselineRule = (typeof BASELINE_RULES)[number];

/** A model's predictions file, renormalised over the runners left. */
export interface PredictionsSource {
  readonly kind: 'predictions';
  readonly model: string;
}

/** Market-implied probabilities: R/o normalised over the field (betting-math.md 7.1). */
export interface MarketSource {
  readonly kind: 'market';
  readonly odds: OddsChoice;
  readonly takeout: 'normalise';
}

/** Benter's combined model c ∝ exp(alpha ln f + beta ln pi) (betting-math.md 7.1). */
export interface BlendSource {
  readonly kind: 'blend';
  readonly model: string;
  readonly odds: OddsChoice;
  /** Days of races before each test window the fit uses; null when alpha and beta are given. */
  readonly trainDays: number | null;
  readonly alpha: number | null;
  readonly beta: number | null;
}

/** A comparison rule: flat stakes, no Kelly sizing. */
export interface BaselineSource {
  readonly kind: 'baseline';
  readonly rule: BaselineRule;
  /** Stake per ticket, a positive multiple of 100. */
  readonly stakeYen: number;
  /** Seed of the `random` rule (one runner drawn per race from a stream keyed by seed and race id). */
  readonly seed: string;
  /** Model of `flat_above_threshold` (p from the model, bet when p * odds > evThreshold); else null. */
  readonly model: string | null;
}

export type ProbabilitySource = PredictionsSource | MarketSource | BlendSource | BaselineSource;

/** Drawdown levels at which the replay warns and stops betting (as ratios of the peak). */
export interface StrategyDrawdown {
  readonly warn: number;
  readonly halt: number;
}

/** A validated strategy (build it with {@link parseStrategy}). */
export interface Strategy {
  readonly name: string;
  readonly description: string | null;
  readonly source: ProbabilitySource;
  /** Bet types the strategy may buy, canonical order; Themis's `betTypes` is set to this list. */
  readonly betTypes: readonly BetType[];
  /** Minutes before the post at which the decision is taken (odds snapshot time); default 5. */
  readonly decisionOffsetMinutes: number;
  readonly themis: ThemisConfig;
  /** Drawdown levels; null disables the halt (research only; live always halts). Default warn 0.2, halt 0.3. */
  readonly drawdown: StrategyDrawdown | null;
}

const TOP_KEYS = ['name', 'description', 'source', 'betTypes', 'decisionOffsetMinutes', 'themis', 'drawdown'];
const SOURCE_KEYS: Readonly<Record<ProbabilitySource['kind'], readonly string[]>> = {
  predictions: ['kind', 'model'],
  market: ['kind', 'odds', 'takeout'],
  blend: ['kind', 'model', 'odds', 'trainDays', 'alpha', 'beta'],
  baseline: ['kind', 'rule', 'stakeYen', 'seed', 'model'],
};
const MODEL_RE = /^[A-Za-z0-9_.-]{1,64}$/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function bad(field: string, value: unknown, expected: string): StrategyError {
  return new StrategyError('STRATEGY_BAD_FILE', field, value, `strategy.${field}: ${show(value)} is not valid (expected ${expected})`);
}

function unknownKeys(raw: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const k of Object.keys(raw)) {
    if (!known.includes(k)) {
      throw new StrategyError('STRATEGY_BAD_FILE', prefix + k, raw[k], `strategy.${prefix}${k}: unknown field (known: ${known.join(', ')})`);
    }
  }
}

function modelName(raw: Record<string, unknown>, field: string): string {
  const m = raw.model;
  if (typeof m !== 'string' || !MODEL_RE.test(m)) throw bad(field, m, 'a model name (letters, digits, _ . -)');
  return m;
}

function oddsChoice(raw: Record<string, unknown>, field: string): OddsChoice {
  const o = 'odds' in raw ? raw.odds : 'snapshot';
  if (o !== 'snapshot' && o !== 'final') throw bad(field, o, "'snapshot' (odds at decision time) or 'final'");
  return o;
}

function finiteOrNull(raw: Record<string, unknown>, key: string, field: string): number | null {
  if (!(key in raw) || raw[key] === null) return null;
  const v = raw[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 100) throw bad(field, v, 'a finite number in [-100, 100]');
  return v;
}

function parseSource(raw: unknown): ProbabilitySource {
  if (!isRecord(raw)) throw bad('source', raw, "an object with a kind: 'predictions', 'market', 'blend' or 'baseline'");
  const kind = raw.kind;
  if (kind !== 'predictions' && kind !== 'market' && kind !== 'blend' && kind !== 'baseline') {
    throw bad('source.kind', kind, "'predictions', 'market', 'blend' or 'baseline'");
  }
  unknownKeys(raw, SOURCE_KEYS[kind], 'source.');
  switch (kind) {
    case 'predictions':
      return { kind, model: modelName(raw, 'source.model') };
    case 'market': {
      const t = 'takeout' in raw ? raw.takeout : 'normalise';
      if (t !== 'normalise') throw bad('source.takeout', t, "'normalise' (R/o normalised over the field)");
      return { kind, odds: oddsChoice(raw, 'source.odds'), takeout: 'normalise' };
    }
    case 'blend': {
      const model = modelName(raw, 'source.model');
      const odds = oddsChoice(raw, 'source.odds');
      const alpha = finiteOrNull(raw, 'alpha', 'source.alpha');
      const beta = finiteOrNull(raw, 'beta', 'source.beta');
      const td = 'trainDays' in raw ? raw.trainDays : null;
      if (td !== null && (typeof td !== 'number' || !Number.isInteger(td) || td < 1 || td > 36_500)) {
        throw bad('source.trainDays', td, 'an integer number of days in [1, 36500]');
      }
      const given = alpha !== null || beta !== null;
      if (given && (alpha === null || beta === null)) throw bad(alpha === null ? 'source.alpha' : 'source.beta', null, 'both alpha and beta, or neither (fitted)');
      if (given && td !== null) throw bad('source.trainDays', td, 'no trainDays when alpha and beta are given');
      if (!given && td === null) throw bad('source.trainDays', null, 'trainDays (fit alpha and beta) or alpha and beta');
      return { kind, model, odds, trainDays: td as number | null, alpha, beta };
    }
    case 'baseline': {
      const rule = raw.rule;
      if (typeof rule !== 'string' || !(BASELINE_RULES as readonly string[]).includes(rule)) throw bad('source.rule', rule, BASELINE_RULES.join(', '));
      const st = 'stakeYen' in raw ? raw.stakeYen : 100;
      if (typeof st !== 'number' || !Number.isSafeInteger(st) || st <= 0 || st % 100 !== 0) throw bad('source.stakeYen', st, 'a positive multiple of 100');
      const seed = 'seed' in raw ? raw.seed : '1';
      if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isSafeInteger(seed))) throw bad('source.seed', seed, 'a string or an integer');
      let model: string | null = null;
      if (rule === 'flat_above_threshold') model = modelName(raw, 'source.model');
      else if ('model' in raw) throw bad('source.model', raw.model, `no model for rule ${rule}`);
      return { kind, rule: rule as BaselineRule, stakeYen: st, seed: String(seed), model };
    }
  }
}

/**
 * Validates a raw strategy (parsed JSON) and fills the defaults. The Themis part is validated by
 * Themis's parseConfig, its errors renamed `themis.<field>`; Themis's betTypes is the strategy's.
 * @param raw - the parsed JSON of a strategy file
 * @returns the strategy, defaults filled
 * @throws StrategyError STRATEGY_BAD_FILE naming the field (`field`, e.g. `source.kind`,
 *   `themis.safetyFactor`), its value and what was expected
 * @example parseStrategy({ name: 'm', source: { kind: 'market' }, betTypes: ['win'] }).decisionOffsetMinutes // 5
 * @example parseStrategy({ name: 'm', source: { kind: 'magic' }, betTypes: ['win'] }) // throws: strategy.source.kind: "magic" is not valid ...
 */
export function parseStrategy(raw: unknown): Strategy {
  if (!isRecord(raw)) throw bad('(root)', raw, 'a JSON object');
  unknownKeys(raw, TOP_KEYS, '');
  const name = raw.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw bad('name', name, 'a non-empty string');
  const description = 'description' in raw ? raw.description : null;
  if (description !== null && typeof description !== 'string') throw bad('description', description, 'a string');
  const source = parseSource(raw.source);

  const bt = raw.betTypes;
  if (!Array.isArray(bt) || bt.length === 0) throw bad('betTypes', bt, `a non-empty array of ${BET_TYPES.join(', ')}`);
  bt.forEach((t, i) => {
    if (typeof t !== 'string' || !isBetType(t)) throw bad(`betTypes[${i}]`, t, `one of ${BET_TYPES.join(', ')}`);
  });
  const betTypes = BET_TYPES.filter((t) => (bt as string[]).includes(t));
  if (source.kind === 'baseline' && (betTypes.length !== 1 || betTypes[0] !== 'win')) throw bad('betTypes', bt, '["win"] for a baseline');

  const off = 'decisionOffsetMinutes' in raw ? raw.decisionOffsetMinutes : 5;
  if (typeof off !== 'number' || !Number.isInteger(off) || off < 0 || off > 24 * 60) throw bad('decisionOffsetMinutes', off, 'an integer number of minutes in [0, 1440]');

  const th = 'themis' in raw ? raw.themis : {};
  if (!isRecord(th)) throw bad('themis', th, 'an object of Themis config fields');
  if ('betTypes' in th) throw bad('themis.betTypes', th.betTypes, 'no betTypes inside themis (the strategy-level betTypes applies)');
  let themis: ThemisConfig;
  try {
    themis = parseConfig({ ...th, betTypes });
  } catch (e) {
    if (!(e instanceof ThemisError)) throw e;
    const message = e.message.startsWith('config.') ? `strategy.themis.${e.message.slice('config.'.length)}` : `strategy.themis.${e.field}: ${e.message}`;
    throw new StrategyError('STRATEGY_BAD_FILE', `themis.${e.field}`, e.value, message);
  }

  let drawdown: StrategyDrawdown | null = { warn: 0.2, halt: 0.3 };
  if ('drawdown' in raw) {
    const d = raw.drawdown;
    if (d === null) drawdown = null;
    else {
      if (!isRecord(d)) throw bad('drawdown', d, 'an object { warn, halt } or null');
      unknownKeys(d, ['warn', 'halt'], 'drawdown.');
      const warn = 'warn' in d ? d.warn : 0.2;
      const halt = 'halt' in d ? d.halt : 0.3;
      if (typeof halt !== 'number' || !(halt > 0 && halt <= 1)) throw bad('drawdown.halt', halt, 'a ratio in (0, 1]');
      if (typeof warn !== 'number' || !(warn > 0 && warn < halt)) throw bad('drawdown.warn', warn, `a ratio in (0, halt = ${halt})`);
      drawdown = { warn, halt };
    }
  }
  return { name, description: description as string | null, source, betTypes, decisionOffsetMinutes: off, themis, drawdown };
}

/** Result form of {@link safeParseStrategy}. */
export type StrategyResult = { ok: true; strategy: Strategy } | { ok: false; error: StrategyError };

/**
 * Result form of {@link parseStrategy}: never throws for a bad strategy.
 * @throws nothing for bad input
 * @example safeParseStrategy({}).ok // false
 */
export function safeParseStrategy(raw: unknown): StrategyResult {
  try {
    return { ok: true, strategy: parseStrategy(raw) };
  } catch (e) {
    if (e instanceof StrategyError) return { ok: false, error: e };
    throw e;
  }
}

/**
 * Parses the text of a strategy file (JSON) and validates it.
 * @param text - the file's content
 * @param file - the file name, for messages
 * @throws StrategyError STRATEGY_BAD_FILE (not JSON: field `(file)`; or as parseStrategy)
 * @example parseStrategyJson('{"name":"m","source":{"kind":"market"},"betTypes":["win"]}', 'm.json').name // 'm'
 */
export function parseStrategyJson(text: string, file: string): Strategy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StrategyError('STRATEGY_BAD_FILE', '(file)', file, `${file}: not JSON (${(e as Error).message})`);
  }
  try {
    return parseStrategy(raw);
  } catch (e) {
    if (e instanceof StrategyError) throw new StrategyError(e.code, e.field, e.value, `${file}: ${e.message}`);
    throw e;
  }
}

/**
 * The identity of a strategy: sha256 hex of the canonical JSON of the parsed strategy (defaults
 * filled, keys sorted), so two spellings of the same strategy hash the same.
 * @throws StrategyError STRATEGY_BAD_FILE when a raw strategy is invalid
 * @example strategyHash(parseStrategy(raw)) === strategyHash(raw) // true
 */
export function strategyHash(strategy: Strategy | unknown): string {
  const s = isParsed(strategy) ? strategy : parseStrategy(strategy);
  return createHash('sha256').update(canonicalJson(s)).digest('hex');
}

function isParsed(x: unknown): x is Strategy {
  // A raw strategy may not carry themis.betTypes (parseStrategy refuses it); a parsed one always does.
  return isRecord(x) && isRecord(x.themis) && Array.isArray(x.themis.betTypes);
}
