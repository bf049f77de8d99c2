/**
 * `keiba themis decide --input FILE`: Themis decisions for races read from a JSON file (one race)
 * or JSON Lines (one race a line); `-` reads stdin. Prints one JSON line per race, in input
 * order; a bad race gives an error line and exit status 2 at the end, the others are still
 * decided. Layer: cli (reads a file, converts win probabilities to a finishing-order
 * distribution with the strategies helper, calls Themis's decide). Units: integer yen.
 *
 * Race line: `{"bankroll": 1000000, "config": {...}, "tickets": [{"id": "win:1", "p": 0.3, "odds": 2.2}],
 * "winProbabilities": {"1": 0.3, ...}, "account": {...}, "placesPaid": 3, "brackets": {"1": 1, ...}, "raceId": "..."}`
 * (all but bankroll and tickets optional; with winProbabilities the tickets need odds only).
 */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { discountedHarvilleDistribution, harvilleDistribution } from '../../strategies/index.ts';
import { decide, parseConfig, ThemisError, type Decision, type RaceInput, type ThemisConfig } from '../../themis/index.ts';
import { EXIT_BAD_INPUT, isCodedError } from '../errors.ts';

interface DecideArgs {
  input: string;
  config?: string;
}

const RACE_KEYS = new Set(['raceId', 'bankroll', 'config', 'tickets', 'winProbabilities', 'account', 'placesPaid', 'brackets']);

/** A race line parsed into Themis's inputs. */
interface ParsedRace {
  raceId?: unknown;
  race: RaceInput;
  bankrollYen: number;
  config: ThemisConfig;
  account?: { stakedTodayYen: number; pointsUsedToday: number; pointLimit?: number | null };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Converts one parsed JSON race into Themis's inputs; base config fields are overridden by the race's. */
function toRace(raw: unknown, base: Record<string, unknown>): ParsedRace {
  if (!isRecord(raw)) throw new ThemisError('THEMIS_BAD_INPUT', 'race', raw, 'race: expected a JSON object');
  for (const key of Object.keys(raw)) {
    if (!RACE_KEYS.has(key)) {
      throw new ThemisError('THEMIS_BAD_INPUT', key, raw[key], `${key}: unknown field (known: ${[...RACE_KEYS].join(', ')})`);
    }
  }
  const own = raw.config === undefined ? {} : raw.config;
  if (!isRecord(own)) throw new ThemisError('THEMIS_BAD_CONFIG', 'config', own, 'config: expected an object');
  const config = parseConfig({ ...base, ...own });
  const race: { tickets: unknown; finishOrder?: unknown; placesPaid?: unknown; brackets?: unknown } = { tickets: raw.tickets };
  if (raw.winProbabilities !== undefined) {
    const wp = raw.winProbabilities;
    if (!isRecord(wp)) throw new ThemisError('THEMIS_BAD_INPUT', 'winProbabilities', wp, 'winProbabilities: expected an object of saddle number -> probability');
    const map = new Map<number, number>(Object.entries(wp).map(([k, v]) => [Number(k), v as number]));
    const fo = config.finishOrder;
    race.finishOrder = fo.model === 'harville' ? harvilleDistribution(map) : discountedHarvilleDistribution(map, fo.gamma, fo.delta);
  }
  if (raw.placesPaid !== undefined) race.placesPaid = raw.placesPaid;
  if (raw.brackets !== undefined) {
    const b = raw.brackets;
    if (!isRecord(b)) throw new ThemisError('THEMIS_BAD_INPUT', 'brackets', b, 'brackets: expected an object of saddle number -> bracket number');
    race.brackets = new Map<number, number>(Object.entries(b).map(([k, v]) => [Number(k), v as number]));
  }
  return {
    raceId: raw.raceId,
    race: race as unknown as RaceInput,
    bankrollYen: raw.bankroll as number,
    config,
    account: raw.account as ParsedRace['account'],
  };
}

/** Rounds to 6 decimals (fractions) for output only. */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
/** Rounds to 7 significant digits (growth) for output only. */
const sig7 = (x: number): number => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(7)));

/** The JSON output line of a decision. */
export function decisionLine(d: Decision, raceId?: unknown): string {
  const out: Record<string, unknown> = {};
  if (raceId !== undefined) out.raceId = raceId;
  out.bets = d.bets.map((b) => {
    const bet: Record<string, unknown> = { id: b.id, fraction: round6(b.fraction), stake: b.stakeYen };
    if (b.capped !== undefined) bet.capped = b.capped;
    return bet;
  });
  out.rejected = d.rejected;
  out.growth = sig7(d.growth);
  return JSON.stringify(out);
}

function errorLine(line: number, e: unknown): string {
  if (isCodedError(e)) {
    const field = (e as unknown as { field?: unknown }).field;
    return JSON.stringify({ line, error: { code: e.code, field: typeof field === 'string' ? field : null, message: e.message } });
  }
  throw e;
}

/** Splits the input into race texts: a whole-file JSON value, or JSON Lines (blank lines skipped). */
function raceTexts(text: string): { line: number; parsed?: unknown; error?: unknown }[] {
  try {
    const whole: unknown = JSON.parse(text);
    if (isRecord(whole)) return [{ line: 1, parsed: whole }];
  } catch {
    // not a single JSON value: JSON Lines
  }
  const out: { line: number; parsed?: unknown; error?: unknown }[] = [];
  text.split(/\r?\n/).forEach((s, i) => {
    if (s.trim() === '') return;
    try {
      out.push({ line: i + 1, parsed: JSON.parse(s) as unknown });
    } catch (e) {
      const err = Object.assign(new Error(`line ${i + 1}: not JSON (${e instanceof Error ? e.message : String(e)})`), { code: 'BAD_JSON', field: 'line' });
      out.push({ line: i + 1, error: err });
    }
  });
  return out;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw Object.assign(new Error(`${what}: not JSON (${e instanceof Error ? e.message : String(e)})`), { code: 'BAD_JSON' });
  }
}

function readText(file: string): string {
  return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
}

export const themisDecideCommand: CommandModule<object, DecideArgs> = {
  command: 'decide',
  describe: 'Decide the tickets to buy for races in a JSON or JSON Lines file (one output line per race)',
  builder: (y: Argv) =>
    y
      .option('input', { type: 'string', nargs: 1, demandOption: true, describe: 'race file: one JSON race, or JSON Lines of races; - for stdin' })
      .option('config', { type: 'string', nargs: 1, describe: 'JSON file of a base Themis config (each race config overrides its fields)' })
      .example('$0 themis decide --input races.jsonl', 'one decision line per race') as unknown as Argv<DecideArgs>,
  handler: (argv) => {
    const base: unknown = argv.config === undefined ? {} : parseJson(readText(argv.config), `--config ${argv.config}`);
    if (!isRecord(base)) throw new ThemisError('THEMIS_BAD_CONFIG', '(root)', base, `--config ${argv.config}: expected a JSON object`);
    parseConfig(base); // a bad base config fails the whole run
    let bad = 0;
    for (const { line, parsed, error } of raceTexts(readText(argv.input))) {
      let out: string;
      try {
        if (error !== undefined) throw error;
        const r = toRace(parsed, base);
        out = decisionLine(decide(r.race, r.bankrollYen, r.config, r.account), r.raceId);
      } catch (e) {
        out = errorLine(line, e);
        bad++;
      }
      process.stdout.write(`${out}\n`);
    }
    if (bad > 0) process.exitCode = EXIT_BAD_INPUT;
  },
};
