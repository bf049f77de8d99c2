/**
 * The summary of a backtest (summary.json): races seen and bet, tickets, stake, return, ROI and
 * hit rate (reported apart), profit, bankroll and ledger sum, maximum drawdown, longest losing
 * streak, mean log growth per race, results by bet type and by month, calibration of the
 * probabilities used (and of the market's, for comparison), fits, provenance hashes and the code
 * version. No timestamps: the same inputs give the same text. Layer: sim (imports data, ledger,
 * strategies, themis). Units: integer yen (the dataset's currency), ratios. Pure.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../../data/index.ts';
import { sumYen } from '../../ledger/index.ts';
import { strategyHash, type CalibrationSummary, type Strategy } from '../../strategies/index.ts';
import { canonicalJson, configHash } from '../../themis/index.ts';
import type { BetColumns, RaceColumns } from './run-backtest.ts';
import type { WindowFit } from './fit-blend.ts';
import type { ScheduleWindow, WalkForwardSpec } from './schedule.ts';

/** Money and hit figures of a group of tickets. */
export interface TicketFigures {
  readonly tickets: number;
  readonly stakeYen: number;
  readonly returnYen: number;
  readonly profitYen: number;
  /** returnYen / stakeYen (null without stake). */
  readonly roi: number | null;
  readonly hits: number;
  readonly refunds: number;
  /** hits / (tickets - refunds) (null without settled tickets). */
  readonly hitRate: number | null;
}

/** One month of a replay. */
export interface MonthFigures extends TicketFigures {
  readonly races: number;
  readonly racesBet: number;
  readonly bankrollEndYen: number;
}

/** A point where the drawdown reached a level. */
export interface DrawdownEvent {
  readonly raceId: string;
  readonly date: string;
  readonly drawdown: number;
}

/** Everything summary.json holds. */
export interface BacktestSummary {
  readonly strategy: { readonly name: string; readonly source: string; readonly betTypes: readonly string[] };
  readonly strategyHash: string;
  readonly configHash: string;
  readonly datasetHash: string;
  readonly codeVersion: string;
  readonly dataset: { readonly source: string; readonly currency: string; readonly payoutUnit: string; readonly races: number; readonly terms: string };
  readonly range: { readonly from: string; readonly to: string };
  readonly oddsAtDecision: { readonly mode: 'snapshot' | 'final'; readonly decisionOffsetMinutes: number | null; readonly racesBySource: Readonly<Record<string, number>>; readonly note: string };
  readonly settlement: string;
  readonly exoticOdds: string | null;
  readonly racesSeen: number;
  readonly racesBet: number;
  readonly racesByStatus: Readonly<Record<string, number>>;
  readonly unsettleableRaces: readonly { raceId: string; detail: string }[];
  readonly totals: TicketFigures;
  readonly bankroll: { readonly startYen: number; readonly finalYen: number; readonly ledgerSumYen: number; readonly ledgerEntries: number };
  readonly profitYen: number;
  readonly maxDrawdown: number;
  readonly maxDrawdownYen: number;
  readonly longestLosingStreak: number;
  readonly meanLogGrowthPerRace: number | null;
  readonly meanLogGrowthPerRaceBet: number | null;
  readonly drawdownLevels: { readonly warn: number; readonly halt: number } | null;
  readonly warn: DrawdownEvent | null;
  readonly halt: DrawdownEvent | null;
  readonly byBetType: Readonly<Record<string, TicketFigures>>;
  readonly byMonth: Readonly<Record<string, MonthFigures>>;
  readonly calibration: { readonly used: CalibrationSummary; readonly market: CalibrationSummary };
  readonly walkForward: WalkForwardSpec | null;
  readonly windows: readonly { testFrom: string; testTo: string; trainFrom: string | null; races: number }[];
  readonly fits: readonly WindowFit[];
}

/** What summarizeBacktest reads. */
export interface SummaryInput {
  readonly ds: Dataset;
  readonly strategy: Strategy;
  readonly startYen: number;
  readonly finalYen: number;
  /** The amount of every ledger entry, in order (integer yen, signed). */
  readonly ledgerAmounts: Float64Array;
  readonly bets: BetColumns;
  readonly races: RaceColumns;
  readonly calibration: CalibrationSummary;
  readonly marketCalibration: CalibrationSummary;
  readonly fits: readonly WindowFit[];
  readonly halt: DrawdownEvent | null;
  readonly warn: DrawdownEvent | null;
  readonly windows: readonly ScheduleWindow[];
  readonly walkForward: WalkForwardSpec | null;
  readonly useSnapshots: boolean;
  readonly exoticOdds: 'none' | 'synthetic-public';
  readonly terms: string;
  readonly codeVersion: string;
  readonly range: { from: string; to: string };
}

/**
 * The identity of a dataset: sha256 of its manifest's table and prediction entries (file,
 * rows, sha256), so re-imports with another `created` time hash the same.
 * @throws nothing
 * @example datasetHash(ds).length // 64
 */
export function datasetHash(ds: Dataset): string {
  return createHash('sha256').update(canonicalJson({ tables: ds.manifest.tables, predictions: ds.manifest.predictions })).digest('hex');
}

class Figures {
  tickets = 0;
  stake = 0;
  ret = 0;
  hits = 0;
  refunds = 0;
  add(stake: number, ret: number, result: string): void {
    this.tickets++;
    this.stake += stake;
    this.ret += ret;
    if (result === 'win') this.hits++;
    if (result === 'refund') this.refunds++;
  }
  done(): TicketFigures {
    const settled = this.tickets - this.refunds;
    return {
      tickets: this.tickets,
      stakeYen: this.stake,
      returnYen: this.ret,
      profitYen: this.ret - this.stake,
      roi: this.stake > 0 ? this.ret / this.stake : null,
      hits: this.hits,
      refunds: this.refunds,
      hitRate: settled > 0 ? this.hits / settled : null,
    };
  }
}


// The summary's passes over the rows are functions of their own: each is compiled on its own
// (a long loop is compiled while it runs), not the whole summary once per loop.

/** A month's figures: its tickets, races, races bet and the bankroll after its last race. */
interface MonthRow {
  f: Figures;
  races: number;
  racesBet: number;
  bankroll: number;
}

/** The months of the races replayed (key YYYY-MM), with their races counted. */
function monthRows(races: RaceColumns): Map<string, MonthRow> {
  const byMonth = new Map<string, MonthRow>();
  // Dates come in runs (the races of a day): the month key and its entry are looked up once per run.
  let lastDate = '';
  let m: MonthRow | undefined;
  for (let i = 0; i < races.raceId.length; i++) {
    if (races.date[i] !== lastDate || m === undefined) {
      lastDate = races.date[i];
      const key = lastDate.slice(0, 7);
      m = byMonth.get(key);
      if (!m) byMonth.set(key, (m = { f: new Figures(), races: 0, racesBet: 0, bankroll: 0 }));
    }
    m.races++;
    if (races.status[i] === 'bet') m.racesBet++;
    m.bankroll = races.bankrollYen[i];
  }
  return byMonth;
}

/** The tickets' figures in total and by bet type; each month's are added to its row of `byMonth`. */
function ticketFigures(bets: BetColumns, byMonth: Map<string, MonthRow>): { totals: Figures; byType: Map<string, Figures> } {
  const totals = new Figures();
  const byType = new Map<string, Figures>();
  // The bets of a race share its date: the month is looked up once per run of dates.
  let lastDate = '';
  let m: MonthRow | undefined;
  for (let k = 0; k < bets.ticketId.length; k++) {
    totals.add(bets.stakeYen[k], bets.returnYen[k], bets.result[k]);
    let t = byType.get(bets.betType[k]);
    if (!t) byType.set(bets.betType[k], (t = new Figures()));
    t.add(bets.stakeYen[k], bets.returnYen[k], bets.result[k]);
    if (bets.date[k] !== lastDate || m === undefined) {
      lastDate = bets.date[k];
      m = byMonth.get(lastDate.slice(0, 7))!;
    }
    m.f.add(bets.stakeYen[k], bets.returnYen[k], bets.result[k]);
  }
  return { totals, byType };
}

/** Races by status and odds source, the unsettleable races, the largest drawdown and the longest losing streak. */
function raceFigures(races: RaceColumns, startYen: number) {
  const byStatus: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  let peak = startYen;
  let maxDd = 0;
  let maxDdYen = 0;
  let streak = 0;
  let longest = 0;
  const unsettleable: { raceId: string; detail: string }[] = [];
  for (let i = 0; i < races.raceId.length; i++) {
    const st = races.status[i];
    byStatus[st] = (byStatus[st] ?? 0) + 1;
    const src = races.oddsSource[i];
    if (src !== null) bySource[src] = (bySource[src] ?? 0) + 1;
    if (st === 'unsettleable') unsettleable.push({ raceId: races.raceId[i], detail: races.detail[i] ?? '' });
    if (st !== 'bet') continue;
    const b = races.bankrollYen[i];
    if (b > peak) peak = b;
    if (peak - b > maxDdYen) maxDdYen = peak - b;
    if (peak > 0 && (peak - b) / peak > maxDd) maxDd = (peak - b) / peak;
    if (races.returnYen[i] < races.stakeYen[i]) {
      streak++;
      if (streak > longest) longest = streak;
    } else streak = 0;
  }
  return { byStatus, bySource, unsettleable, maxDd, maxDdYen, longest };
}

/**
 * Builds the summary of a replay.
 * Cost O(tickets + races + entries).
 * @throws LedgerError if the ledger amounts do not sum exactly (a bug)
 * @example summarizeBacktest(input).totals.roi
 */
export function summarizeBacktest(x: SummaryInput): BacktestSummary {
  const { bets, races, strategy } = x;
  const byMonth = monthRows(races);
  const { totals, byType } = ticketFigures(bets, byMonth);
  const { byStatus, bySource, unsettleable, maxDd, maxDdYen, longest } = raceFigures(races, x.startYen);
  const racesBet = byStatus.bet ?? 0;
  const racesSeen = races.raceId.length;
  const logGrowth = x.finalYen > 0 ? Math.log(x.finalYen / x.startYen) : Number.NEGATIVE_INFINITY;
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const months: Record<string, MonthFigures> = {};
  for (const [k, m] of [...byMonth].sort((a, b) => (a[0] < b[0] ? -1 : 1))) months[k] = { ...m.f.done(), races: m.races, racesBet: m.racesBet, bankrollEndYen: m.bankroll };
  const types: Record<string, TicketFigures> = {};
  for (const [k, t] of byType) types[k] = t.done();
  const ledgerSum = sumYen(x.ledgerAmounts);
  const src = strategy.source;
  return {
    strategy: { name: strategy.name, source: src.kind === 'baseline' ? `baseline:${src.rule}` : src.kind, betTypes: strategy.betTypes },
    strategyHash: strategyHash(strategy),
    configHash: configHash(strategy.themis),
    datasetHash: datasetHash(x.ds),
    codeVersion: x.codeVersion,
    dataset: { source: x.ds.manifest.source, currency: x.ds.manifest.currency, payoutUnit: x.ds.manifest.payoutUnit, races: x.ds.races.length, terms: x.terms },
    range: x.range,
    oddsAtDecision: {
      mode: x.useSnapshots ? 'snapshot' : 'final',
      decisionOffsetMinutes: x.useSnapshots ? strategy.decisionOffsetMinutes : null,
      racesBySource: bySource,
      note: x.useSnapshots
        ? `decisions on the last win-odds snapshot at or before ${strategy.decisionOffsetMinutes} minutes before the post; final odds for races without one`
        : (src.kind === 'market' || src.kind === 'blend') && src.odds === 'final'
          ? 'decisions on the final win odds (the strategy asks for them)'
          : 'decisions on the final win odds: the dataset has no odds snapshots',
    },
    settlement: `official result and recorded payouts (ledger settleRace, ${x.terms} terms); payouts and stakes in integer ${x.ds.manifest.currency}`,
    exoticOdds: x.exoticOdds === 'synthetic-public' ? 'synthetic odds from the public finishing-order distribution: for speed measurement only, profits meaningless' : null,
    racesSeen,
    racesBet,
    racesByStatus: byStatus,
    unsettleableRaces: unsettleable,
    totals: totals.done(),
    bankroll: { startYen: x.startYen, finalYen: x.finalYen, ledgerSumYen: ledgerSum, ledgerEntries: x.ledgerAmounts.length },
    profitYen: x.finalYen - x.startYen,
    maxDrawdown: maxDd,
    maxDrawdownYen: maxDdYen,
    longestLosingStreak: longest,
    meanLogGrowthPerRace: racesSeen > 0 ? finite(logGrowth / racesSeen) : null,
    meanLogGrowthPerRaceBet: racesBet > 0 ? finite(logGrowth / racesBet) : null,
    drawdownLevels: strategy.drawdown,
    warn: x.warn,
    halt: x.halt,
    byBetType: types,
    byMonth: months,
    calibration: { used: x.calibration, market: x.marketCalibration },
    walkForward: x.walkForward,
    windows: x.windows.map((w) => ({ testFrom: w.testFrom, testTo: w.testTo, trainFrom: w.trainFrom, races: w.raceEnd - w.raceStart })),
    fits: x.fits,
  };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/**
 * The text of summary.json: keys sorted at every level, 2-space indent, non-finite numbers as
 * null, final newline; no timestamps, so reruns are byte-identical.
 * @throws nothing
 * @example formatBacktestSummary(summary).endsWith('}\n') // true
 */
export function formatBacktestSummary(summary: BacktestSummary): string {
  return `${JSON.stringify(sortKeys(summary), null, 2)}\n`;
}
