/**
 * The `hkjc` importer: Hong Kong Jockey Club results and dividends (a folder of year folders
 * holding `results_YYYY-MM-DD.csv` and `dividends_YYYY-MM-DD.csv` per meeting) to dataset rows.
 * Layer: data; reads files (everything else is pure parsing in hkjc-*.ts).
 * Units: payouts in HK$ per HK$100 staked (the files' per-HK$10 dividends x 10, exact); odds
 * decimal, stake included.
 *
 * Decisions (each counted in report.notes):
 * - Races are the races of the results files; races with dividends but no results (abandoned
 *   meetings, voided races: refunds) are not emitted.
 * - Runners: `runner` = saddle number, `bracket` null (HKJC has none), `popularity` null (the
 *   files hold no popularity rank, and odds of 10 and more are whole numbers, so a rank derived
 *   from them would tie often). Withdrawn runners listed without a saddle number are not
 *   emitted and not counted in fieldSize (they never had a number in the betting).
 * - fieldSize = numbered runners of the race, withdrawn ones included.
 * - Pools kept: win (獨贏), quinella (連贏), exacta (二重彩, forecast), trio (單T), trifecta
 *   (三重彩, tierce). The files keep ONE row per pool and race, so pools that pay several
 *   combinations are incomplete there: place (位置, 2-3 winners) and wide (位置Q, 3 pairs) are
 *   never complete and are dropped; in dead heats the win / quinella / exacta / trio / trifecta
 *   pools that pay several combinations are dropped for that race. A kept pool's combination
 *   must be the one the placings imply, else it is dropped and named in the notes, except in a
 *   race with a disqualified runner: there the dividends were declared before the
 *   disqualification and stand as paid (kept, named in the notes).
 * - Not imported: first 4, quartet and composite-win pools (not our bet types), multi-race pools
 *   (double, treble, double trio, triple trio `三T`, six up) and jockey / trainer challenges.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { DatasetRows, PayoutRow, RunnerRow } from '../rows.ts';
import { BET_TYPES, formatCombination, type BetType } from '../../themis/tickets.ts';
import { readUtf8Text } from './delimited-text.ts';
import { newHkjcDividends, parseHkjcDividends, type HkjcDividendsAccumulator } from './hkjc-dividends.ts';
import { HKJC_SOURCE, newHkjcResults, parseHkjcResults, type HkjcResultsAccumulator } from './hkjc-results.ts';
import { winningCombinations, type PlacingPool } from './hkjc-winning-combinations.ts';
import { Refusals } from './refusals.ts';
import type { ImportOptions, ImportResult, Importer } from './types.ts';

const FILE_RE = /^(results|dividends)_(\d{4}-\d{2}-\d{2})\.csv$/;
const PLACING_POOLS: ReadonlySet<BetType> = new Set<BetType>(['win', 'quinella', 'exacta', 'trio', 'trifecta']);

interface SourceFile {
  path: string;
  rel: string; // relative to the imported root, '/'-separated
  kind: 'results' | 'dividends';
  date: string;
}

/**
 * Imports the HKJC results and dividends under `root` (meeting files directly in it or in its
 * year folders).
 * @param root the data folder, e.g. `datasets/hkjc/data`.
 * @throws DataError DATA_MISSING_FILE when the folder or its results files are missing;
 *   DATA_SCHEMA for a file lacking a column; DATA_BAD_ROW / DATA_INTEGRITY naming file, line and
 *   field for a bad row (unless options.skipBadRows, which lists it in report.refused instead).
 * @example
 * const { rows, report } = await importHkjc('datasets/hkjc/data', { skipBadRows: false });
 * rows.races[0].raceId // 'HK-2016-01-01-ST-01'
 * rows.payouts[0] // { raceId: 'HK-2016-01-01-ST-01', betType: 'win', combination: '12', payoutPer100: 645 }
 */
export async function importHkjc(root: string, options: ImportOptions): Promise<ImportResult> {
  const files = await listHkjcFiles(root);
  const refusals = new Refusals(options.skipBadRows);
  const texts = await readAll(files);
  const results = newHkjcResults();
  const dividends = newHkjcDividends();
  files.forEach((f, i) => {
    if (f.kind === 'results') parseHkjcResults(texts[i], f.rel, f.date, results, refusals);
    else parseHkjcDividends(texts[i], f.rel, f.date, dividends, refusals);
  });
  const { rows, notes, deadHeats, scratches } = assembleHkjc(results, dividends);
  return {
    rows,
    report: {
      source: HKJC_SOURCE,
      files: files.length,
      races: rows.races.length,
      runners: rows.runners.length,
      scratches,
      deadHeats,
      duplicatesDropped: results.duplicatesDropped + dividends.duplicatesDropped,
      refused: refusals.rows,
      notes,
    },
    meta: {
      source: HKJC_SOURCE,
      currency: 'HKD',
      payoutUnit: 'per 100 HKD (converted from the per-10-HKD dividends: x 10, exact)',
      description: 'Hong Kong Jockey Club results and dividends (Sha Tin, Happy Valley)',
    },
  };
}

/** The `hkjc` importer of the registry. */
export const hkjcImporter: Importer = {
  name: 'hkjc',
  describe: 'HKJC results_YYYY-MM-DD.csv + dividends_YYYY-MM-DD.csv per meeting (folder of year folders); payouts per 100 HKD',
  run: importHkjc,
};

/** Reads the files' texts, a few at a time (a folder holds over a thousand files). */
async function readAll(files: readonly SourceFile[]): Promise<string[]> {
  const texts: string[] = new Array<string>(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      texts[i] = await readUtf8Text(files[i].path, files[i].rel);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));
  return texts;
}

async function listHkjcFiles(root: string): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const scan = async (dir: string, prefix: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new DataError('DATA_MISSING_FILE', `cannot read the HKJC data folder (${(e as Error).message})`, {
        file: prefix === '' ? root : prefix,
      });
    }
    for (const ent of entries) {
      if (ent.isDirectory() && depth === 0 && /^\d{4}$/.test(ent.name)) {
        await scan(join(dir, ent.name), `${ent.name}/`, 1);
        continue;
      }
      const m = FILE_RE.exec(ent.name);
      if (m && ent.isFile()) {
        out.push({ path: join(dir, ent.name), rel: prefix + ent.name, kind: m[1] as 'results' | 'dividends', date: m[2] });
      }
    }
  };
  await scan(root, '', 0);
  if (!out.some((f) => f.kind === 'results')) {
    throw new DataError('DATA_MISSING_FILE', 'no results_YYYY-MM-DD.csv files in the folder or its year folders', {
      file: root,
    });
  }
  out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return out;
}

interface Assembled {
  rows: DatasetRows;
  notes: string[];
  deadHeats: number;
  scratches: number;
}

/** Joins results and dividends into dataset rows and the notes of what was handled. */
function assembleHkjc(results: HkjcResultsAccumulator, dividends: HkjcDividendsAccumulator): Assembled {
  const raceIds = [...results.races.keys()].sort();
  const rows: DatasetRows = { races: [], runners: [], payouts: [] };
  let scratches = 0;
  let deadHeats = 0;
  let tiesBelowThird = 0;
  let unnumbered = 0;
  let noDistance = 0;
  let noDividends = 0;
  let placeWideDropped = 0;
  let exactaRaces = 0;
  const incomplete: string[] = [];
  const inconsistent: string[] = [];
  const paidBeforeDisqualification: string[] = [];
  const refunded: string[] = [];
  const noWinner: string[] = [];

  for (const raceId of raceIds) {
    const r = results.races.get(raceId)!;
    rows.races.push(r.race);
    const runners = r.runners.sort((a, b) => a.runner - b.runner);
    rows.runners.push(...runners);
    for (const x of runners) if (x.status === 'scratched') scratches++;
    unnumbered += r.unnumberedWithdrawn;
    if (r.race.distanceM === null) noDistance++;
    const finishers = runners.filter((x): x is RunnerRow & { finishPos: number } => x.status === 'ran' && x.finishPos !== null);
    const posCount = new Map<number, number>();
    for (const f of finishers) posCount.set(f.finishPos, (posCount.get(f.finishPos) ?? 0) + 1);
    let tieTop3 = false;
    let tieLower = false;
    for (const [pos, n] of posCount) {
      if (n > 1 && pos <= 3) tieTop3 = true;
      else if (n > 1) tieLower = true;
    }
    const hasDisqualified = runners.some((x) => x.status === 'disqualified');
    if (tieTop3) deadHeats++;
    else if (tieLower) tiesBelowThird++;

    const div = dividends.races.get(raceId);
    if (div === undefined) {
      noDividends++;
      continue;
    }
    if (div.pools.has('exacta')) exactaRaces++;
    for (const betType of BET_TYPES) {
      const entries = div.pools.get(betType);
      if (entries === undefined) continue;
      if (!PLACING_POOLS.has(betType)) {
        placeWideDropped += entries.length;
        continue;
      }
      if (entries.some((e) => e.dividend.kind === 'refund')) {
        refunded.push(`${raceId} ${betType}`);
        continue;
      }
      if (entries.some((e) => e.dividend.kind === 'no-winner')) {
        noWinner.push(`${raceId} ${betType}`);
        continue;
      }
      const expected = winningCombinations(betType as PlacingPool, finishers);
      const got = new Map<string, number>();
      for (const e of entries) {
        if (e.dividend.kind === 'amount') got.set(formatCombination(betType, e.numbers), e.dividend.per100);
      }
      const allExpected = [...got.keys()].every((k) => expected.has(k));
      if (!allExpected) {
        const what = `${raceId} ${betType} ${[...got.keys()].join(' ')} (placings imply ${[...expected].join(' ') || 'none'})`;
        // A runner disqualified after the dividends were declared: the dividends stand as paid.
        if (!hasDisqualified) {
          inconsistent.push(what);
          continue;
        }
        paidBeforeDisqualification.push(what);
      } else if (got.size < expected.size) {
        incomplete.push(`${raceId} ${betType}`);
        continue;
      }
      for (const [combination, payoutPer100] of [...got].sort()) {
        rows.payouts.push({ raceId, betType, combination, payoutPer100 } satisfies PayoutRow);
      }
    }
  }

  const dividendOnly = [...dividends.races.values()].filter((d) => !results.races.has(d.raceId));
  const dividendOnlyDates = [...new Set(dividendOnly.map((d) => d.date))].sort();
  const notes: string[] = [
    `exact duplicate rows dropped: ${results.duplicatesDropped} in results files, ${dividends.duplicatesDropped} in dividends files`,
    `${unnumbered} withdrawn runners are listed without a saddle number: not emitted as runner rows and not counted in fieldSize`,
    `place (位置) and wide (位置Q) pools not imported: the files keep only the first of their 2-3 winning combinations per race (${placeWideDropped} rows dropped)`,
    `${incomplete.length} dead-heat pools dropped because the files list only one of their several winning combinations: ${incomplete.join(', ') || 'none'}`,
    `${inconsistent.length} pools dropped because their combination disagrees with the placings: ${inconsistent.join('; ') || 'none'}`,
    `${paidBeforeDisqualification.length} pools kept as paid although a runner was disqualified after the dividends were declared (the placings no longer imply them): ${paidBeforeDisqualification.join('; ') || 'none'}`,
    `${refunded.length} refunded pools (退款) of races with results: no payout rows: ${refunded.join(', ') || 'none'}`,
    `${noWinner.length} pools without a winning ticket (未能勝出) of races with results: ${noWinner.join(', ') || 'none'}`,
    `${dividendOnly.length} races have dividends but no results (abandoned meetings or voided races; refunds): not emitted; dates ${dividendOnlyDates.join(', ') || 'none'}`,
    `${noDividends} races have results but no dividends: emitted without payouts`,
    `not imported: ${dividends.droppedOtherSingleRace} rows of first 4 / quartet / composite-win pools, ${dividends.droppedMultiRace} rows of multi-race pools (double, treble, double trio, triple trio, six up), ${dividends.droppedChallenge} rows of jockey / trainer challenges`,
    `exacta (二重彩, forecast) was sold in ${exactaRaces} of ${raceIds.length} races`,
    `${noDistance} races have no distance in the files (distanceM null)`,
    `deadHeats counts races with a tie at 1st-3rd (the positions our pools pay); ${tiesBelowThird} more races have ties below 3rd only`,
    'postTime is null (the files hold no post times); popularity is null (no rank in the files); bracket is null (HKJC has no brackets)',
    'statuses: WV, WV-A, WX, WX-A, WXNR -> scratched (refunded, odds ---); PU, UR, FE, DNF, TNP -> dnf (odds kept, bets lost); DISQ -> disqualified',
  ];
  return { rows, notes, deadHeats, scratches };
}
