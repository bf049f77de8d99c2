/**
 * Checks a dataset's recorded payouts against the results: for every race and bet type present
 * in the payouts table, the winning combinations derived from the runners (winningCombinations)
 * must equal the recorded ones. Layer: ledger (imports data types and race rules); pure.
 *
 * A disagreement is either a named anomaly of the source, classified by an explicit rule with
 * its reason, or a failure. The named anomalies:
 * - DISQUALIFIED_AFTER_DIVIDENDS: the race has a disqualified runner and every recorded
 *   combination the placings do not imply names a disqualified runner. The dividends were
 *   declared on the result before the disqualification and stand as paid (HKJC 2017-06-21 Happy
 *   Valley race 3: runner 6 first past the post, later disqualified).
 * A race with no runner rows and a field size of 0 (unknown) is payouts-only (a source that
 * publishes payouts alone, e.g. netkeiba-payouts): it is skipped and counted as not checkable.
 * Everything else that disagrees fails the check: combinations missing or extra, a pool recorded
 * that the terms say was not sold or was refunded, or a race whose runners cannot be read.
 */
import type { PayoutRow, RaceRow, RunnerRow } from '../data/rows.ts';
import { BET_TYPES, type BetType } from '../themis/tickets.ts';
import type { PlaceTerms, PoolAvailability } from '../data/rules/place-terms.ts';
import { isRulesError } from '../data/rules/errors.ts';
import { winningCombinations } from '../data/rules/winning-combinations.ts';
import { isLedgerError } from './errors.ts';

/** Codes of the named source anomalies. */
export type PayoutAnomalyCode = 'DISQUALIFIED_AFTER_DIVIDENDS';

/** How one pool of one race compares. */
export type PoolVerdict = 'agree' | 'anomaly' | 'disagree';

/** The comparison of one pool of one race. */
export interface PoolCheck {
  readonly raceId: string;
  readonly betType: BetType;
  readonly verdict: PoolVerdict;
  /** Derived winners in finishing order (empty when the pool is refunded or not sold). */
  readonly derived: string[];
  /** What the terms and result make of the pool ('error' when the runners cannot be read). */
  readonly derivedPool: PoolAvailability | 'error';
  /** Recorded combinations, sorted as in the table. */
  readonly recorded: string[];
  /** For an anomaly: its code; for a disagreement or anomaly: why, in words. */
  readonly anomaly: PayoutAnomalyCode | null;
  readonly reason: string | null;
}

/** Counts of one bet type. */
export interface BetTypeSummary {
  readonly betType: BetType;
  readonly checked: number;
  readonly agree: number;
  readonly anomaly: number;
  readonly disagree: number;
}

/** The result of a check. */
export interface CheckPayoutsReport {
  readonly terms: string;
  readonly races: number; // races with at least one recorded pool, payouts-only races excepted
  readonly pools: number; // (race, bet type) pairs checked
  readonly payoutsOnlyRaces: number; // races with payouts, no runner rows and field size 0: not checkable
  readonly payoutsOnlyPools: number; // their (race, bet type) pairs, not checked
  readonly summary: BetTypeSummary[]; // bet types with at least one pool, in BET_TYPES order
  readonly findings: PoolCheck[]; // every pool that is not 'agree'
  readonly ok: boolean; // no 'disagree'
}

/** The tables a check reads (races optional: its fieldSize is used when present). */
export interface CheckPayoutsInput {
  readonly races?: readonly RaceRow[];
  readonly runners: readonly RunnerRow[];
  readonly payouts: readonly PayoutRow[];
}

/**
 * Compares derived and recorded winning combinations for every race and bet type present in
 * the payouts table. Cost: O(rows) plus the derivations (a few per race).
 * @param data - runners and payouts (and races, for the declared field size)
 * @param terms - the jurisdiction's terms (JRA_TERMS, HKJC_TERMS)
 * @returns per-bet-type counts and every pool that does not agree
 * @example
 * const r = checkPayouts(rows, HKJC_TERMS);
 * r.ok // true when every pool agrees or is a named anomaly
 */
export function checkPayouts(data: CheckPayoutsInput, terms: PlaceTerms): CheckPayoutsReport {
  const runnersByRace = groupBy(data.runners, (r) => r.raceId);
  const payoutsByRace = groupBy(data.payouts, (p) => p.raceId);
  const fieldSize = new Map((data.races ?? []).map((r) => [r.raceId, r.fieldSize]));
  const counts = new Map<BetType, { checked: number; agree: number; anomaly: number; disagree: number }>();
  const findings: PoolCheck[] = [];
  let pools = 0;
  let payoutsOnlyRaces = 0;
  let payoutsOnlyPools = 0;
  for (const [raceId, rows] of payoutsByRace) {
    const runners = runnersByRace.get(raceId) ?? [];
    const byType = groupBy(rows, (p) => p.betType);
    if (runners.length === 0 && fieldSize.get(raceId) === 0) {
      payoutsOnlyRaces++;
      payoutsOnlyPools += byType.size;
      continue;
    }
    for (const betType of BET_TYPES) {
      const recordedRows = byType.get(betType);
      if (recordedRows === undefined) continue;
      pools++;
      const recorded = recordedRows.map((p) => p.combination);
      const check = checkPool(raceId, betType, runners, recorded, terms, fieldSize.get(raceId));
      const c = counts.get(betType) ?? { checked: 0, agree: 0, anomaly: 0, disagree: 0 };
      c.checked++;
      c[check.verdict]++;
      counts.set(betType, c);
      if (check.verdict !== 'agree') findings.push(check);
    }
  }
  const summary = BET_TYPES.filter((b) => counts.has(b)).map((betType) => ({ betType, ...counts.get(betType)! }));
  return {
    terms: terms.name,
    races: payoutsByRace.size - payoutsOnlyRaces,
    pools,
    payoutsOnlyRaces,
    payoutsOnlyPools,
    summary,
    findings,
    ok: findings.every((f) => f.verdict !== 'disagree'),
  };
}

function checkPool(
  raceId: string,
  betType: BetType,
  runners: readonly RunnerRow[],
  recorded: string[],
  terms: PlaceTerms,
  fieldSizeAtSales: number | undefined,
): PoolCheck {
  const base = { raceId, betType, recorded, anomaly: null };
  if (runners.length === 0) {
    return { ...base, verdict: 'disagree', derived: [], derivedPool: 'error', reason: 'payouts recorded for a race without runners' };
  }
  let wc;
  try {
    wc = winningCombinations(runners, betType, terms, fieldSizeAtSales === undefined ? {} : { fieldSizeAtSales });
  } catch (e) {
    if (!isLedgerError(e) && !isRulesError(e)) throw e;
    return { ...base, verdict: 'disagree', derived: [], derivedPool: 'error', reason: e.message };
  }
  const derived = wc.combinations;
  const common = { ...base, derived, derivedPool: wc.pool };
  if (wc.pool !== 'sold') {
    const why = wc.pool === 'not-sold' ? `terms ${terms.name} sell no ${betType} pool with ${wc.counts.atSales} declared` : `the pool is refunded (${wc.refundReason})`;
    return { ...common, verdict: 'disagree', reason: `payouts recorded but ${why}` };
  }
  const derivedSet = new Set(derived);
  const recordedSet = new Set(recorded);
  const extra = recorded.filter((c) => !derivedSet.has(c));
  const missing = derived.filter((c) => !recordedSet.has(c));
  if (extra.length === 0 && missing.length === 0) return { ...common, verdict: 'agree', reason: null };
  const disqualified = runners.filter((r) => r.status === 'disqualified').map((r) => r.runner);
  if (extra.length > 0 && disqualified.length > 0 && extra.every((c) => namesAny(c, disqualified))) {
    return {
      ...common,
      verdict: 'anomaly',
      anomaly: 'DISQUALIFIED_AFTER_DIVIDENDS',
      reason: `runner ${disqualified.join(', ')} disqualified after the dividends were declared: recorded ${extra.join(' ')} stand${extra.length === 1 ? 's' : ''} as paid`,
    };
  }
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`not recorded: ${missing.join(' ')}`);
  if (extra.length > 0) parts.push(`recorded but not winning: ${extra.join(' ')}`);
  return { ...common, verdict: 'disagree', reason: parts.join('; ') };
}

function namesAny(combination: string, runners: readonly number[]): boolean {
  return combination.split(/[->]/).some((n) => runners.includes(Number(n)));
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list === undefined) m.set(k, [r]);
    else list.push(r);
  }
  return m;
}

/**
 * Formats a report as text: one line per pool that is not 'agree', then a table per bet type.
 * @example formatCheckPayouts(report).split('\n').at(-1) // 'OK: every pool agrees or is a named anomaly'
 */
export function formatCheckPayouts(r: CheckPayoutsReport): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    const tag = f.verdict === 'anomaly' ? `ANOMALY ${f.anomaly}` : 'DISAGREE';
    lines.push(
      `${tag} ${f.raceId} ${f.betType}: derived ${f.derived.join(' ') || `(${f.derivedPool})`}; recorded ${f.recorded.join(' ') || '(none)'}; ${f.reason ?? ''}`,
    );
  }
  if (lines.length > 0) lines.push('');
  lines.push(`terms ${r.terms}: ${r.pools} pools of ${r.races} races checked`);
  if (r.payoutsOnlyRaces > 0) {
    lines.push(`payouts only, not checkable: ${r.payoutsOnlyPools} pools of ${r.payoutsOnlyRaces} races (no runner rows, field size 0)`);
  }
  lines.push(`${'bet type'.padEnd(17)}${'checked'.padStart(8)}${'agree'.padStart(8)}${'anomaly'.padStart(8)}${'disagree'.padStart(9)}`);
  for (const s of r.summary) {
    lines.push(`${s.betType.padEnd(17)}${String(s.checked).padStart(8)}${String(s.agree).padStart(8)}${String(s.anomaly).padStart(8)}${String(s.disagree).padStart(9)}`);
  }
  const bad = r.findings.filter((f) => f.verdict === 'disagree').length;
  lines.push(r.ok ? 'OK: every pool agrees or is a named anomaly' : `FAILED: ${bad} pool(s) disagree`);
  return lines.join('\n');
}
