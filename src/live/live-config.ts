/**
 * The live config file: a Themis config plus the runner's settings (accounts, timing, limits,
 * alerts). Layer: live; pure. Units: integer yen, seconds and milliseconds as named.
 * A file without a `themis` key is read as a bare Themis config with default runner settings.
 * Credentials never go in this file (see credentials.ts).
 */
import { configHash, parseConfig, ThemisError, type ThemisConfig } from '../themis/index.ts';
import { DEFAULT_DRAWDOWN_LEVELS, type DrawdownLevels } from '../ledger/index.ts';
import { LiveError } from './errors.ts';

/** One betting account. */
export interface AccountConfig {
  readonly id: string;
  /** Daily ticket (point) limit of the account; default 9,000. */
  readonly pointLimitPerDay: number;
  /** Opening balance of the account at the paper venue; default the bankroll split evenly. */
  readonly paperBalanceYen: number | null;
}

/** A parsed live config. */
export interface LiveConfig {
  readonly themis: ThemisConfig;
  /** sha256 of the Themis config (what promote accepts). */
  readonly configHash: string;
  /** First deposit of a new book, yen; default 1,000,000. */
  readonly bankrollYen: number;
  /** Accounts in failover order; default one account `main`. */
  readonly accounts: readonly AccountConfig[];
  /** The final decision this many seconds before the post; default 180. */
  readonly decisionSecondsBeforePost: number;
  /** No purchase call after this many seconds before the post (sales close); default 60. */
  readonly salesCloseSecondsBeforePost: number;
  /** Odds older than this are flagged stale (decided on, flagged); default 300. */
  readonly oddsStaleAfterSeconds: number;
  /** Odds older than this skip the race; default 900. */
  readonly oddsMaxAgeSeconds: number;
  /** Timeout of a feed call, ms; default 5,000. */
  readonly feedTimeoutMs: number;
  /** Attempts of a feed call before its fallback; default 3. */
  readonly feedAttempts: number;
  /** Timeout of a purchase or lookup call, ms; default 3,000. */
  readonly purchaseTimeoutMs: number;
  /** Purchase calls per ticket at most; default 5. */
  readonly maxPurchaseAttempts: number;
  /** Backoff before the first retry, ms; default 500. */
  readonly backoffBaseMs: number;
  /** Largest backoff, ms; default 8,000. */
  readonly backoffMaxMs: number;
  /** The results worker polls this often, s; default 60. */
  readonly resultPollSeconds: number;
  /** The results worker gives up this many minutes after the day's last post; default 180. */
  readonly resultsGiveUpMinutes: number;
  readonly drawdown: DrawdownLevels;
  /** Webhook URL for alerts, or null. */
  readonly webhookUrl: string | null;
}

const RUNNER_DEFAULTS = {
  bankrollYen: 1_000_000,
  decisionSecondsBeforePost: 180,
  salesCloseSecondsBeforePost: 60,
  oddsStaleAfterSeconds: 300,
  oddsMaxAgeSeconds: 900,
  feedTimeoutMs: 5000,
  feedAttempts: 3,
  purchaseTimeoutMs: 3000,
  maxPurchaseAttempts: 5,
  backoffBaseMs: 500,
  backoffMaxMs: 8000,
  resultPollSeconds: 60,
  resultsGiveUpMinutes: 180,
} as const;

const KNOWN = new Set(['themis', 'accounts', 'drawdown', 'webhookUrl', ...Object.keys(RUNNER_DEFAULTS)]);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function bad(field: string, value: unknown, expected: string): LiveError {
  return new LiveError('LIVE_BAD_CONFIG', `live config: ${field} = ${JSON.stringify(value) ?? String(value)} is not valid (expected ${expected})`, { field, value });
}

function positiveInt(raw: Record<string, unknown>, key: keyof typeof RUNNER_DEFAULTS, min = 1): number {
  const v = key in raw ? raw[key] : RUNNER_DEFAULTS[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw bad(key, v, `an integer >= ${min}`);
  return v;
}

/**
 * Parses a live config (parsed JSON).
 * @throws LiveError LIVE_BAD_CONFIG naming the field; ThemisError THEMIS_BAD_CONFIG for a bad Themis part
 * @example parseLiveConfig({ themis: { safetyFactor: 0.25 } }).decisionSecondsBeforePost // 180
 */
export function parseLiveConfig(raw: unknown): LiveConfig {
  if (!isRecord(raw)) throw bad('(root)', raw, 'a JSON object');
  if (!('themis' in raw)) return parseLiveConfig({ themis: raw });
  for (const k of Object.keys(raw)) if (!KNOWN.has(k)) throw bad(k, raw[k], `a known field (${[...KNOWN].join(', ')})`);
  let themis: ThemisConfig;
  try {
    themis = parseConfig(raw.themis);
  } catch (e) {
    if (e instanceof ThemisError) throw e;
    throw e;
  }
  const bankrollYen = positiveInt(raw, 'bankrollYen', 0);
  const accRaw = raw.accounts ?? [{ id: 'main' }];
  if (!Array.isArray(accRaw) || accRaw.length === 0) throw bad('accounts', accRaw, 'a non-empty array of { id, pointLimitPerDay?, paperBalanceYen? }');
  const ids = new Set<string>();
  const accounts: AccountConfig[] = accRaw.map((a: unknown, i) => {
    if (!isRecord(a)) throw bad(`accounts[${i}]`, a, 'an object');
    for (const k of Object.keys(a)) if (!['id', 'pointLimitPerDay', 'paperBalanceYen'].includes(k)) throw bad(`accounts[${i}].${k}`, a[k], 'id, pointLimitPerDay or paperBalanceYen');
    if (typeof a.id !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(a.id) || ids.has(a.id)) throw bad(`accounts[${i}].id`, a.id, 'a unique name of letters, digits, _ or -');
    ids.add(a.id);
    const lim = a.pointLimitPerDay ?? 9000;
    if (typeof lim !== 'number' || !Number.isSafeInteger(lim) || lim < 0) throw bad(`accounts[${i}].pointLimitPerDay`, lim, 'an integer >= 0');
    const pb = a.paperBalanceYen ?? null;
    if (pb !== null && (typeof pb !== 'number' || !Number.isSafeInteger(pb) || pb < 0)) throw bad(`accounts[${i}].paperBalanceYen`, pb, 'yen, an integer >= 0, or null');
    return { id: a.id, pointLimitPerDay: lim, paperBalanceYen: pb };
  });
  const dd = raw.drawdown ?? DEFAULT_DRAWDOWN_LEVELS;
  if (!isRecord(dd) || typeof dd.warn !== 'number' || typeof dd.halt !== 'number' || !(dd.warn > 0 && dd.warn < dd.halt && dd.halt <= 1)) {
    throw bad('drawdown', dd, '{ warn, halt } with 0 < warn < halt <= 1');
  }
  const webhookUrl = raw.webhookUrl ?? null;
  if (webhookUrl !== null && (typeof webhookUrl !== 'string' || !/^https?:\/\//.test(webhookUrl))) throw bad('webhookUrl', webhookUrl, 'an http(s) URL or null');
  const cfg: LiveConfig = {
    themis,
    configHash: configHash(themis),
    bankrollYen,
    accounts,
    decisionSecondsBeforePost: positiveInt(raw, 'decisionSecondsBeforePost'),
    salesCloseSecondsBeforePost: positiveInt(raw, 'salesCloseSecondsBeforePost', 0),
    oddsStaleAfterSeconds: positiveInt(raw, 'oddsStaleAfterSeconds'),
    oddsMaxAgeSeconds: positiveInt(raw, 'oddsMaxAgeSeconds'),
    feedTimeoutMs: positiveInt(raw, 'feedTimeoutMs'),
    feedAttempts: positiveInt(raw, 'feedAttempts'),
    purchaseTimeoutMs: positiveInt(raw, 'purchaseTimeoutMs'),
    maxPurchaseAttempts: positiveInt(raw, 'maxPurchaseAttempts'),
    backoffBaseMs: positiveInt(raw, 'backoffBaseMs'),
    backoffMaxMs: positiveInt(raw, 'backoffMaxMs'),
    resultPollSeconds: positiveInt(raw, 'resultPollSeconds'),
    resultsGiveUpMinutes: positiveInt(raw, 'resultsGiveUpMinutes'),
    drawdown: { warn: dd.warn, halt: dd.halt },
    webhookUrl: webhookUrl as string | null,
  };
  if (cfg.salesCloseSecondsBeforePost >= cfg.decisionSecondsBeforePost) {
    throw bad('salesCloseSecondsBeforePost', cfg.salesCloseSecondsBeforePost, `fewer seconds than decisionSecondsBeforePost (${cfg.decisionSecondsBeforePost})`);
  }
  if (cfg.oddsStaleAfterSeconds > cfg.oddsMaxAgeSeconds) throw bad('oddsStaleAfterSeconds', cfg.oddsStaleAfterSeconds, `at most oddsMaxAgeSeconds (${cfg.oddsMaxAgeSeconds})`);
  return cfg;
}

/**
 * Opening paper balances: each account's paperBalanceYen, or the bankroll split evenly in
 * 100-yen units over the accounts without one (the remainder to the first).
 * @example paperBalances(parseLiveConfig({ themis: {}, bankrollYen: 1000, accounts: [{ id: 'a' }, { id: 'b' }] })) // [{ id: 'a', balanceYen: 500 }, { id: 'b', balanceYen: 500 }]
 */
export function paperBalances(cfg: LiveConfig): { id: string; balanceYen: number }[] {
  const open = cfg.accounts.filter((a) => a.paperBalanceYen === null);
  const share = open.length === 0 ? 0 : Math.floor(cfg.bankrollYen / open.length / 100) * 100;
  const rest = cfg.bankrollYen - share * open.length;
  return cfg.accounts.map((a) => ({
    id: a.id,
    balanceYen: a.paperBalanceYen ?? share + (a === open[0] ? rest : 0),
  }));
}
