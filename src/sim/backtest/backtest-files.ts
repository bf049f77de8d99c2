/**
 * The output folder of a backtest: `bets.arrow` (every ticket bought), `rejections.arrow`
 * (every candidate not bought, with its reason code), `races.arrow` (one row per race: status,
 * odds source, stake, return, bankroll after), `ledger.arrow` (every ledger entry with the
 * running bankroll), `summary.json` and `candidates.arrow` (every win candidate priced, with its
 * real settlement: candidate-table.ts). Deterministic in the result; written to a temporary
 * folder and renamed. Layer: sim (encoding; the write is the file-system edge).
 * Units: integer currency units in Int64 columns; text columns dictionary-encoded.
 */
import { Dictionary, Int32, makeVector, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { writeFolderAtomic } from '../montecarlo/atomic-write.ts';
import { CANDIDATES_FILE, candidateTableBytes } from './candidate-table.ts';
import type { BacktestResult } from './run-backtest.ts';
import { formatBacktestSummary } from './summary.ts';

function money(values: readonly number[]): Vector {
  const a = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) a[i] = BigInt(values[i]);
  return makeVector(a);
}

/**
 * Text columns are dictionary-encoded (Int32 codes in order of first appearance): ids and codes
 * repeat, and Arrow builds them about twenty times faster than plain Utf8 columns. Each gets an
 * explicit dictionary id (Arrow's default id is a process-wide counter, which would make a second
 * run in the same process write different bytes).
 */
function textColumns(): (values: readonly (string | null)[]) => Vector {
  let id = 0;
  return (values) => vectorFromArray(values as (string | null)[], new Dictionary(new Utf8(), new Int32(), id++));
}
const f64 = (values: readonly number[]): Vector => makeVector(Float64Array.from(values));
const i32 = (values: readonly number[]): Vector => makeVector(Int32Array.from(values));

/**
 * The files of a backtest's output folder, name -> content.
 * Columns: bets: race_id, date, ticket_id, bet_type, p, odds (at decision), odds_source,
 * fraction, stake_yen, result (win/lose/refund), return_yen (payout or refund; 0 for a loss);
 * rejections: race_id, ticket_id, reason; races: race_id, date, status, odds_source, candidates,
 * tickets, stake_yen, return_yen, bankroll_yen (after the race), detail; ledger: seq, kind,
 * amount_yen, race_id, ticket_id, at, bankroll_yen (after the entry).
 * @throws nothing
 * @example Object.keys(backtestFiles(result)) // ['bets.arrow', 'rejections.arrow', 'races.arrow', 'ledger.arrow', 'summary.json', 'candidates.arrow']
 */
export function backtestFiles(result: BacktestResult): Record<string, string | Uint8Array> {
  const utf8 = textColumns();
  const b = result.bets;
  const bets = new Table({
    race_id: utf8(b.raceId),
    date: utf8(b.date),
    ticket_id: utf8(b.ticketId),
    bet_type: utf8(b.betType),
    p: f64(b.p),
    odds: f64(b.odds),
    odds_source: utf8(b.oddsSource),
    fraction: f64(b.fraction),
    stake_yen: money(b.stakeYen),
    result: utf8(b.result),
    return_yen: money(b.returnYen),
  });
  const j = result.rejections;
  const rejections = new Table({ race_id: utf8(j.raceId), ticket_id: utf8(j.ticketId), reason: utf8(j.reason) });
  const r = result.races;
  const races = new Table({
    race_id: utf8(r.raceId),
    date: utf8(r.date),
    status: utf8(r.status),
    odds_source: utf8(r.oddsSource),
    candidates: i32(r.candidates),
    tickets: i32(r.tickets),
    stake_yen: money(r.stakeYen),
    return_yen: money(r.returnYen),
    bankroll_yen: money(r.bankrollYen),
    detail: utf8(r.detail),
  });
  const e = result.ledger;
  let running = 0;
  const bankroll = e.map((x) => (running += x.amountYen));
  const ledger = new Table({
    seq: i32(e.map((x) => x.seq)),
    kind: utf8(e.map((x) => x.kind)),
    amount_yen: money(e.map((x) => x.amountYen)),
    race_id: utf8(e.map((x) => x.raceId)),
    ticket_id: utf8(e.map((x) => x.ticketId ?? null)),
    at: utf8(e.map((x) => x.at ?? null)),
    bankroll_yen: money(bankroll),
  });
  return {
    'bets.arrow': tableToIPC(bets, 'file'),
    'rejections.arrow': tableToIPC(rejections, 'file'),
    'races.arrow': tableToIPC(races, 'file'),
    'ledger.arrow': tableToIPC(ledger, 'file'),
    'summary.json': formatBacktestSummary(result.summary),
    [CANDIDATES_FILE]: candidateTableBytes(result.candidates.columns()),
  };
}

/**
 * Writes the output folder of a backtest atomically (temporary folder, then rename).
 * @throws SimError SIM_OUT_EXISTS (a non-empty folder without overwrite), SIM_WRITE_FAILED
 * @example writeBacktestFolder('results/bt-1a2b', result, false)
 */
export function writeBacktestFolder(dir: string, result: BacktestResult, overwrite: boolean): void {
  writeFolderAtomic(dir, backtestFiles(result), overwrite);
}
