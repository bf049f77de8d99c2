/**
 * The backtest replay's setup and per-race helpers: option and dataset checks (bankroll, model,
 * exotic odds), place terms, recorded pools, the reused replay buffers, win ticket ids and the
 * rows settlement takes. Layer: sim (imports strategies, themis, ledger, data). Units: integer
 * currency units (yen; HK$ for HKJC data). Pure: no I/O, no clock.
 */
import { BET_TYPE_CODE, payoutRowAt, runnerRowAt, type Dataset, type PayoutRow, type RunnerRow } from '../../data/index.ts';
import { HKJC_TERMS, JRA_TERMS, type PlaceTerms } from '../../ledger/index.ts';
import { StrategyError, type Strategy } from '../../strategies/index.ts';
import { BET_TYPES } from '../../themis/index.ts';
import { SimError } from '../errors.ts';
import type { DecisionMarket } from './decision-market.ts';

/** The random source of the baselines that draw nothing. */
export const noRandom = (): number => 0;

export const UNSETTLEABLE = new Set(['LEDGER_MISSING_PAYOUT', 'LEDGER_UNEXPECTED_PAYOUT', 'LEDGER_CONFLICTING_PAYOUTS', 'LEDGER_POOL_NOT_SOLD']);

export function termsOf(ds: Dataset): PlaceTerms {
  return ds.manifest.source.toLowerCase().startsWith('hkjc') ? HKJC_TERMS : JRA_TERMS;
}

export function checkBankroll(v: number): number {
  if (!Number.isSafeInteger(v) || v <= 0) throw new SimError('SIM_BAD_OPTION', `bankroll ${v} is not a positive integer (yen)`, { field: 'bankroll', value: v });
  return v;
}

/** The threads option: an integer from 1 to 64. */
export function checkThreads(v: number): number {
  if (!Number.isInteger(v) || v < 1 || v > 64) throw new SimError('SIM_BAD_OPTION', `threads ${v} is not an integer from 1 to 64`, { field: 'threads', value: v });
  return v;
}

/** The runner rows of race r and its payout rows of the bet types in `mask` (bit = BET_TYPE_CODE), as settlement takes them. */
export function raceRows(ds: Dataset, r: number, mask: number): { runners: RunnerRow[]; payouts: PayoutRow[] } {
  const u = ds.runners;
  const raceId = ds.races.raceId[r];
  const runners: RunnerRow[] = [];
  for (let i = u.raceOffsets[r]; i < u.raceOffsets[r + 1]; i++) runners.push(runnerRowAt(u, i, raceId));
  const p = ds.payouts;
  const payouts: PayoutRow[] = [];
  for (let j = p.raceOffsets[r]; j < p.raceOffsets[r + 1]; j++) {
    if ((mask & (1 << p.betType[j])) === 0) continue;
    payouts.push(payoutRowAt(p, j, raceId));
  }
  return { runners, payouts };
}

/** Win ticket ids by saddle number (1-99), as raceInputFor builds them. */
export const WIN_IDS: readonly string[] = Array.from({ length: 100 }, (_, n) => `win:${n}`);
export const WIN_NUMBER: ReadonlyMap<string, number> = new Map(WIN_IDS.slice(1).map((id, i) => [id, i + 1]));
/** The exotic snapshots of a race when none are asked for. */
export const NO_EXOTIC: DecisionMarket['exotic'] = Object.freeze([]);
/** Settlement results by WIN_KIND code. */
export const WIN_RESULT: readonly string[] = ['win', 'lose', 'refund'];

export function winTicketId(n: number): string {
  return n >= 1 && n <= 99 ? WIN_IDS[n] : `win:${n}`;
}

/** Saddle numbers of win ticket ids into `out` (-1 for any other id, which settleWinColumns declines). */
export function winRunners(ids: readonly string[], out: Int32Array): Int32Array {
  for (let k = 0; k < ids.length; k++) out[k] = WIN_NUMBER.get(ids[k]) ?? -1;
  return out;
}

/** Buffers of one replay, sized for the largest field, with a view of each length. */
export interface ReplayBuffers {
  readonly size: number;
  readonly rows: Int32Array;
  readonly runners: Int32Array;
  readonly odds: Float64Array;
  readonly tickets: Int32Array;
  readonly rowsOf: readonly Int32Array[];
  readonly runnersOf: readonly Int32Array[];
  readonly oddsOf: readonly Float64Array[];
  readonly modelOf: readonly Float64Array[];
  readonly pOf: readonly Float64Array[];
  readonly qOf: readonly Float64Array[];
  readonly yOf: readonly Float64Array[];
}

export function replayBuffers(ds: Dataset): ReplayBuffers {
  const o = ds.runners.raceOffsets;
  let size = 1;
  for (let r = 0; r < ds.races.length; r++) size = Math.max(size, o[r + 1] - o[r]);
  const views = <T extends Int32Array | Float64Array>(a: T): T[] => Array.from({ length: size + 1 }, (_, k) => a.subarray(0, k) as T);
  const rows = new Int32Array(size);
  const runners = new Int32Array(size);
  const odds = new Float64Array(size);
  return {
    size,
    rows,
    runners,
    odds,
    tickets: new Int32Array(size),
    rowsOf: views(rows),
    runnersOf: views(runners),
    oddsOf: views(odds),
    modelOf: views(new Float64Array(size)),
    pOf: views(new Float64Array(size)),
    qOf: views(new Float64Array(size)),
    yOf: views(new Float64Array(size)),
  };
}

/** Bit mask per race of the bet types with recorded payouts, for races `from` to `to` - 1 (0 for the others). */
export function recordedPools(ds: Dataset, from = 0, to = ds.races.length): Uint16Array {
  const p = ds.payouts;
  const mask = new Uint16Array(ds.races.length);
  for (let j = p.raceOffsets[from]; j < p.raceOffsets[to]; j++) mask[p.raceIndex[j]] |= 1 << p.betType[j];
  return mask;
}

/**
 * Checks that the dataset can give the strategy what it needs, before any race is replayed.
 * @throws StrategyError STRATEGY_UNSUPPORTED naming the model or bet types the dataset lacks
 */
export function checkSupported(ds: Dataset, s: Strategy, exoticOdds: 'none' | 'synthetic-public'): Set<number> | null {
  const src = s.source;
  const model = src.kind === 'predictions' || src.kind === 'blend' ? src.model : src.kind === 'baseline' ? src.model : null;
  if (model !== null && !ds.models.includes(model)) {
    throw new StrategyError('STRATEGY_UNSUPPORTED', 'source.model', model, `the dataset has no predictions of model '${model}' (it has: ${ds.models.join(', ') || 'none'})`);
  }
  const exotic = s.betTypes.filter((t) => t !== 'win');
  if (exotic.length === 0 || exoticOdds === 'synthetic-public') return null;
  const have = new Set<number>();
  const o = ds.oddsSnapshots;
  if (o !== undefined) for (let j = 0; j < o.length; j++) have.add(o.betType[j]);
  const missing = exotic.filter((t) => !have.has(BET_TYPE_CODE[t]));
  if (missing.length > 0) {
    throw new StrategyError(
      'STRATEGY_UNSUPPORTED',
      'betTypes',
      s.betTypes,
      `betTypes ${missing.join(', ')}: the dataset carries no odds of ${missing.join(', ')} combinations at decision time (only ${[...have].map((c) => BET_TYPES[c]).join(', ') || 'final win'} odds), and a backtest cannot price tickets without them: on this dataset a strategy may use win only`,
    );
  }
  return new Set(exotic.map((t) => BET_TYPE_CODE[t]));
}
