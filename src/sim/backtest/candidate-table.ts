/**
 * The candidates of a backtest (`candidates.arrow`): every win candidate of every race the
 * strategy priced (bought or not, also after a drawdown halt), with its probability and its odds
 * at decision time, and how a 100-yen win ticket on it really settled on the recorded result and
 * payouts (win at the recorded dividend, a dead heat included; lose; refund of the stake). A
 * Monte Carlo sweep resamples these races (`--source backtest:RUN`). Layer: sim (imports data,
 * ledger). Units: integer yen per 100 staked, decimal odds. Pure apart from the log it fills.
 */
import { BET_TYPE_CODE, payoutRowAt, runnerRowAt, type Dataset, type PayoutRow, type RunnerRow } from '../../data/index.ts';
import { isLedgerError, settleRace, type PlaceTerms } from '../../ledger/index.ts';
import { Dictionary, Int32, makeVector, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';

/** How a candidate's 100-yen win ticket settled; `unsettleable` when the recorded payouts cannot settle it. */
export type CandidateResult = 'win' | 'lose' | 'refund' | 'unsettleable';

/** One row per candidate (parallel columns), races in replay order, runners in market order. */
export interface CandidateColumns {
  raceId: string[];
  date: string[];
  /** Position of the race in the replay (0-based over the races priced), for ordering. */
  raceSeq: number[];
  runner: number[];
  p: number[];
  /** Win odds at decision time. */
  odds: number[];
  result: CandidateResult[];
  /** Money a 100-yen ticket returned: the dividend, 100 for a refund, 0 for a loss or unsettleable. */
  returnPer100Yen: number[];
}

/**
 * A log the replay adds each priced race to. Adding copies the race's numbers into flat columns
 * (the replay's hot loop pays next to nothing); the settlements are computed once, when the
 * columns are asked for.
 */
export interface CandidateLog {
  /**
   * Adds race r's candidates (copied, so the caller may reuse its arrays).
   * @param r - race index in the dataset
   * @param runners - their saddle numbers
   * @param odds - their win odds at decision time
   * @param p - the strategy's probabilities
   */
  add(r: number, runners: Int32Array, odds: Float64Array, p: ArrayLike<number>): void;
  /** The table, settled on first call (then cached). Cost O(candidates) plus one settleRace per race. */
  columns(): CandidateColumns;
}

const WIN_MASK = 1 << BET_TYPE_CODE.win;

/**
 * A fresh candidate log for a replay of `ds` under `terms`, with room for `rows` candidates
 * (default every runner row of the dataset; doubled if need be).
 * @throws nothing at creation; `columns` rethrows errors other than the ledger's settlement refusals
 * @example const log = createCandidateLog(ds, JRA_TERMS); log.add(r, m.runners, m.odds, p); log.columns().p.length
 */
export function createCandidateLog(ds: Dataset, terms: PlaceTerms, rows = ds.runners.length): CandidateLog {
  // Flat typed columns with one offset per race: adding copies numbers, no object or array per
  // race. Sized for every runner row of the dataset (pages never written cost nothing), doubled
  // if a log outgrows that.
  const raceOf: number[] = [];
  const offsets: number[] = [0];
  const capacity = Math.max(1024, rows);
  let runnerOf = new Int32Array(capacity);
  let oddsOf = new Float64Array(capacity);
  let pOf = new Float64Array(capacity);
  let used = 0;
  let cached: CandidateColumns | undefined;
  const add = (r: number, runners: Int32Array, odds: Float64Array, p: ArrayLike<number>): void => {
    const n = runners.length;
    if (used + n > runnerOf.length) {
      const cap = Math.max(2 * runnerOf.length, used + n);
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      runnerOf = grow(runnerOf, new Int32Array(cap));
      oddsOf = grow(oddsOf, new Float64Array(cap));
      pOf = grow(pOf, new Float64Array(cap));
    }
    for (let i = 0; i < n; i++) {
      runnerOf[used] = runners[i];
      oddsOf[used] = odds[i];
      pOf[used++] = p[i];
    }
    raceOf.push(r);
    offsets.push(used);
    cached = undefined;
  };
  const columns = (): CandidateColumns => {
    if (cached !== undefined) return cached;
    const c: CandidateColumns = { raceId: [], date: [], raceSeq: [], runner: [], p: [], odds: [], result: [], returnPer100Yen: [] };
    raceOf.forEach((r, seq) => {
      const raceId = ds.races.raceId[r];
      const runners = runnerOf.slice(offsets[seq], offsets[seq + 1]);
      const settled = settleCandidates(ds, r, runners, terms);
      for (let i = 0; i < runners.length; i++) {
        c.raceId.push(raceId);
        c.date.push(ds.races.date[r]);
        c.raceSeq.push(seq);
        c.runner.push(runners[i]);
        c.p.push(pOf[offsets[seq] + i]);
        c.odds.push(oddsOf[offsets[seq] + i]);
        c.result.push(settled[i].result);
        c.returnPer100Yen.push(settled[i].returnYen);
      }
    });
    cached = c;
    return c;
  };
  return { add, columns };
}

/** The settlement of a 100-yen win ticket on each runner: all at once, else one by one to mark the ones the payouts cannot settle. */
function settleCandidates(ds: Dataset, r: number, runners: Int32Array, terms: PlaceTerms): { result: CandidateResult; returnYen: number }[] {
  const race = raceResult(ds, r);
  const bets = Array.from(runners, (n) => ({ ticketId: `win:${n}`, stakeYen: 100 }));
  try {
    return settleRace(bets, race, terms).bets.map((b) => ({ result: b.kind, returnYen: b.payoutYen }));
  } catch (e) {
    if (!isLedgerError(e)) throw e;
  }
  return bets.map((b) => {
    try {
      const s = settleRace([b], race, terms).bets[0];
      return { result: s.kind, returnYen: s.payoutYen };
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      return { result: 'unsettleable' as const, returnYen: 0 };
    }
  });
}

function raceResult(ds: Dataset, r: number): { runners: RunnerRow[]; payouts: PayoutRow[]; fieldSizeAtSales: number } {
  const u = ds.runners;
  const raceId = ds.races.raceId[r];
  const runners: RunnerRow[] = [];
  for (let i = u.raceOffsets[r]; i < u.raceOffsets[r + 1]; i++) runners.push(runnerRowAt(u, i, raceId));
  const pv = ds.payouts;
  const payouts: PayoutRow[] = [];
  for (let j = pv.raceOffsets[r]; j < pv.raceOffsets[r + 1]; j++) if ((WIN_MASK & (1 << pv.betType[j])) !== 0) payouts.push(payoutRowAt(pv, j, raceId));
  return { runners, payouts, fieldSizeAtSales: ds.races.fieldSize[r] };
}

/**
 * The bytes of candidates.arrow. Columns: race_id, date (dictionary-encoded text), race_seq,
 * runner (Int32), p, odds (Float64, at decision time), result (text: win, lose, refund,
 * unsettleable), return_per_100_yen (Int64). Deterministic in the columns.
 * @throws nothing
 * @example candidateTableBytes(result.candidates).byteLength > 0
 */
export function candidateTableBytes(c: CandidateColumns): Uint8Array {
  let id = 0; // explicit dictionary ids, as in backtest-files.ts (Arrow's default is a process-wide counter)
  const text = (values: readonly string[]) => vectorFromArray(values as string[], new Dictionary(new Utf8(), new Int32(), id++));
  const money = new BigInt64Array(c.returnPer100Yen.length);
  for (let i = 0; i < money.length; i++) money[i] = BigInt(c.returnPer100Yen[i]);
  const table = new Table({
    race_id: text(c.raceId),
    date: text(c.date),
    race_seq: makeVector(Int32Array.from(c.raceSeq)),
    runner: makeVector(Int32Array.from(c.runner)),
    p: makeVector(Float64Array.from(c.p)),
    odds: makeVector(Float64Array.from(c.odds)),
    result: text(c.result),
    return_per_100_yen: makeVector(money),
  });
  return tableToIPC(table, 'file');
}

/** The file name of the candidates table in a backtest folder. */
export const CANDIDATES_FILE = 'candidates.arrow';
