/**
 * Reads evidence folders for `keiba promote`: a backtest run and a Monte Carlo sweep, each a
 * folder with `summary.json`, read by their JSON shape with their own validation (live never
 * imports sim). A backtest's per-race stakes and returns come from `races.arrow` (or, failing
 * that, `bets.arrow` summed by race), for the bootstrap of its ROI. Layer: live (promote); not
 * pure (reads files). Units: integer yen, probabilities in [0, 1], epoch milliseconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';

/** A sweep's row of one config: its hash and ruin probability with the Wilson interval. */
export interface SweepRow {
  readonly configHash: string;
  readonly safetyFactor: number;
  readonly evThreshold: number;
  readonly ruin: { readonly value: number; readonly lo: number; readonly hi: number; readonly count: number; readonly n: number };
}

/** A Monte Carlo sweep as evidence. */
export interface SweepEvidence {
  readonly kind: 'sweep';
  readonly dir: string;
  /** sha256 hex of summary.json's bytes. */
  readonly summarySha256: string;
  /** When it was produced: its `created` field, else the file's modification time. */
  readonly producedMs: number;
  readonly sweepId: string;
  /** sha256 of the race source the sweep ran on (dataset, pool file or parameters). */
  readonly sourceHash: string;
  readonly sourceKind: string;
  readonly paths: number;
  readonly rows: readonly SweepRow[];
}

/** Per-race money of a backtest (races with a stake only), parallel arrays. */
export interface PerRaceReturns {
  readonly from: 'races.arrow' | 'bets.arrow';
  readonly stakeYen: readonly number[];
  readonly returnYen: readonly number[];
}

/** A backtest run as evidence. */
export interface BacktestEvidence {
  readonly kind: 'backtest';
  readonly dir: string;
  readonly summarySha256: string;
  /** The modification time of summary.json (a backtest summary carries no timestamp). */
  readonly producedMs: number;
  readonly configHash: string;
  readonly strategyHash: string;
  readonly datasetHash: string;
  readonly racesSeen: number;
  readonly racesBet: number;
  readonly stakeYen: number;
  readonly returnYen: number;
  readonly roi: number | null;
  readonly walkForward: boolean;
  /** Test windows whose training window does not end before them (in-sample), as `testFrom`. */
  readonly inSampleWindows: readonly string[];
  /** Per-race returns, or null when the folder has neither races.arrow nor bets.arrow. */
  readonly perRace: PerRaceReturns | null;
}

/** What a set of evidence folders held; `problems` lists folders that are no evidence, and why. */
export interface EvidenceSet {
  readonly backtests: readonly BacktestEvidence[];
  readonly sweeps: readonly SweepEvidence[];
  readonly problems: readonly string[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const HEX64 = /^[0-9a-f]{64}$/;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseSweepRow(r: unknown, i: number): SweepRow | string {
  if (!isRecord(r)) return `configs[${i}] is not an object`;
  if (typeof r.configHash !== 'string' || !HEX64.test(r.configHash)) return `configs[${i}].configHash is not a sha256 hex`;
  const ruin = r.ruin;
  if (!isRecord(ruin) || !isNum(ruin.value) || !isNum(ruin.lo) || !isNum(ruin.hi) || !isCount(ruin.count) || !isCount(ruin.n)) return `configs[${i}].ruin is not { value, lo, hi, count, n }`;
  if (!(ruin.lo >= 0 && ruin.lo <= ruin.value && ruin.value <= ruin.hi && ruin.hi <= 1) || ruin.count > ruin.n) return `configs[${i}].ruin is not a probability with its interval`;
  if (!isNum(r.safetyFactor) || !isNum(r.evThreshold)) return `configs[${i}] lacks safetyFactor or evThreshold`;
  return { configHash: r.configHash, safetyFactor: r.safetyFactor, evThreshold: r.evThreshold, ruin: { value: ruin.value, lo: ruin.lo, hi: ruin.hi, count: ruin.count, n: ruin.n } };
}

function parseSweep(raw: Record<string, unknown>, dir: string, sha: string, mtimeMs: number): SweepEvidence | string {
  if (raw.version !== 1) return `sweep summary version ${String(raw.version)} is not 1`;
  const src = raw.source;
  if (!isRecord(src) || typeof src.kind !== 'string' || typeof src.hash !== 'string') return 'sweep summary lacks source { kind, hash }';
  const inputs = raw.inputs;
  if (!isRecord(inputs) || !isCount(inputs.paths)) return 'sweep summary lacks inputs.paths';
  if (!Array.isArray(raw.configs)) return 'sweep summary lacks configs';
  const rows: SweepRow[] = [];
  for (let i = 0; i < raw.configs.length; i++) {
    const row = parseSweepRow(raw.configs[i], i);
    if (typeof row === 'string') return `sweep summary: ${row}`;
    rows.push(row);
  }
  const created = typeof raw.created === 'string' ? Date.parse(raw.created) : Number.NaN;
  return {
    kind: 'sweep',
    dir,
    summarySha256: sha,
    producedMs: Number.isFinite(created) ? created : mtimeMs,
    sweepId: typeof raw.sweepId === 'string' ? raw.sweepId : '',
    sourceHash: src.hash,
    sourceKind: src.kind,
    paths: inputs.paths,
    rows,
  };
}

function money(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
}

/**
 * Per-race stakes and returns of a backtest folder (races with a stake only), from races.arrow
 * or else bets.arrow; null when neither file exists.
 * @throws Error when the file exists but lacks the columns (reported as a problem by the caller)
 * @example readPerRaceReturns('results/bt')?.stakeYen.length
 */
export function readPerRaceReturns(dir: string): PerRaceReturns | null {
  const races = join(dir, 'races.arrow');
  if (existsSync(races)) {
    const t = tableFromIPC(readFileSync(races));
    const s = t.getChild('stake_yen');
    const r = t.getChild('return_yen');
    if (s === null || r === null) throw new Error(`${races} lacks stake_yen or return_yen`);
    const stakeYen: number[] = [];
    const returnYen: number[] = [];
    for (let i = 0; i < t.numRows; i++) {
      const stake = money(s.get(i));
      if (stake > 0) {
        stakeYen.push(stake);
        returnYen.push(money(r.get(i)));
      }
    }
    return { from: 'races.arrow', stakeYen, returnYen };
  }
  const bets = join(dir, 'bets.arrow');
  if (existsSync(bets)) {
    const t = tableFromIPC(readFileSync(bets));
    const id = t.getChild('race_id');
    const s = t.getChild('stake_yen');
    const r = t.getChild('return_yen');
    if (id === null || s === null || r === null) throw new Error(`${bets} lacks race_id, stake_yen or return_yen`);
    const byRace = new Map<string, [number, number]>();
    for (let i = 0; i < t.numRows; i++) {
      const key = String(id.get(i));
      const acc = byRace.get(key) ?? [0, 0];
      acc[0] += money(s.get(i));
      acc[1] += money(r.get(i));
      byRace.set(key, acc);
    }
    const rows = [...byRace.values()].filter((v) => v[0] > 0);
    return { from: 'bets.arrow', stakeYen: rows.map((v) => v[0]), returnYen: rows.map((v) => v[1]) };
  }
  return null;
}

function parseBacktest(raw: Record<string, unknown>, dir: string, sha: string, mtimeMs: number): BacktestEvidence | string {
  for (const k of ['configHash', 'strategyHash', 'datasetHash'] as const) if (typeof raw[k] !== 'string') return `backtest summary lacks ${k}`;
  if (!isCount(raw.racesSeen) || !isCount(raw.racesBet)) return 'backtest summary lacks racesSeen or racesBet';
  const totals = raw.totals;
  if (!isRecord(totals) || !isCount(totals.stakeYen) || !isCount(totals.returnYen)) return 'backtest summary lacks totals { stakeYen, returnYen }';
  if (!Array.isArray(raw.windows)) return 'backtest summary lacks windows';
  const inSample: string[] = [];
  for (const w of raw.windows) {
    if (!isRecord(w) || typeof w.testFrom !== 'string') return 'backtest summary: a window lacks testFrom';
    if (typeof w.trainFrom === 'string' && !(w.trainFrom < w.testFrom)) inSample.push(w.testFrom);
  }
  let perRace: PerRaceReturns | null;
  try {
    perRace = readPerRaceReturns(dir);
  } catch (e) {
    return (e as Error).message;
  }
  return {
    kind: 'backtest',
    dir,
    summarySha256: sha,
    producedMs: mtimeMs,
    configHash: raw.configHash as string,
    strategyHash: raw.strategyHash as string,
    datasetHash: raw.datasetHash as string,
    racesSeen: raw.racesSeen,
    racesBet: raw.racesBet,
    stakeYen: totals.stakeYen,
    returnYen: totals.returnYen,
    roi: isNum(totals.roi) ? totals.roi : null,
    walkForward: raw.walkForward !== null && raw.walkForward !== undefined,
    inSampleWindows: inSample,
    perRace,
  };
}

/**
 * Reads one evidence folder's summary.json and tells a sweep from a backtest by its shape.
 * @returns the evidence, or a sentence saying why the folder is no evidence
 * @throws nothing for bad files (they are reported as a string)
 * @example readEvidenceDir('results/sweep-1') // { kind: 'sweep', rows: [...], ... }
 */
export function readEvidenceDir(dir: string): BacktestEvidence | SweepEvidence | string {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) return `${dir}: no summary.json`;
  let bytes: Buffer;
  let raw: unknown;
  try {
    bytes = readFileSync(file);
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return `${file}: not JSON (${(e as Error).message})`;
  }
  if (!isRecord(raw)) return `${file}: not a JSON object`;
  const sha = createHash('sha256').update(bytes).digest('hex');
  const mtimeMs = statSync(file).mtimeMs;
  const parsed = raw.format === 'keiba-sweep-summary' ? parseSweep(raw, dir, sha, mtimeMs) : 'strategyHash' in raw ? parseBacktest(raw, dir, sha, mtimeMs) : `neither a sweep summary (format keiba-sweep-summary) nor a backtest summary (strategyHash, racesBet)`;
  return typeof parsed === 'string' ? `${file}: ${parsed}` : parsed;
}

/**
 * Reads evidence folders (see {@link readEvidenceDir}).
 * @throws nothing for bad folders (listed in `problems`)
 * @example readEvidence(['results/bt', 'results/sweep']).backtests.length // 1
 */
export function readEvidence(dirs: readonly string[]): EvidenceSet {
  const backtests: BacktestEvidence[] = [];
  const sweeps: SweepEvidence[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    const e = readEvidenceDir(dir);
    if (typeof e === 'string') problems.push(e);
    else if (e.kind === 'sweep') sweeps.push(e);
    else backtests.push(e);
  }
  return { backtests, sweeps, problems };
}
