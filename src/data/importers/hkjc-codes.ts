/**
 * The codes of the HKJC results and dividends files (Traditional Chinese): venues, placing codes,
 * track text and pool names, mapped to the dataset's vocabulary. Layer: data; pure.
 */
import type { RunnerStatus } from '../rows.ts';
import type { BetType } from '../../themis/tickets.ts';

/** A venue of the HKJC files: its short code (used in race ids) and English name. */
export interface HkjcVenue {
  code: 'ST' | 'HV';
  name: 'Sha Tin' | 'Happy Valley';
}

const VENUES: Readonly<Record<string, HkjcVenue>> = {
  沙田: { code: 'ST', name: 'Sha Tin' },
  跑馬地: { code: 'HV', name: 'Happy Valley' },
};

/**
 * The venue of a `venue` cell, or undefined when unknown.
 * @example hkjcVenue('沙田') // { code: 'ST', name: 'Sha Tin' }
 */
export function hkjcVenue(text: string): HkjcVenue | undefined {
  return VENUES[text];
}

/** A parsed `place` cell: status, official position (ties share it) and whether it is a tie. */
export interface HkjcPlacing {
  status: RunnerStatus;
  finishPos: number | null;
  deadHeat: boolean;
}

/**
 * Non-finishing `place` codes and their status. Withdrawn runners (`WV` by the veterinary officer,
 * `WX` by the stewards; the `-A` forms and `WXNR` are later withdrawals, all shown with `---`
 * odds, i.e. refunded) are `scratched`. `PU` pulled up, `UR` unseated rider, `FE` fell, `DNF`
 * did not finish and `TNP` took no part (these keep their final odds: bets stood and lost) are
 * `dnf`. `DISQ` is `disqualified`.
 */
export const HKJC_NON_FINISH_CODES: Readonly<Record<string, RunnerStatus>> = {
  WV: 'scratched',
  'WV-A': 'scratched',
  WX: 'scratched',
  'WX-A': 'scratched',
  WXNR: 'scratched',
  PU: 'dnf',
  UR: 'dnf',
  FE: 'dnf',
  DNF: 'dnf',
  TNP: 'dnf',
  DISQ: 'disqualified',
};

const POSITION_RE = /^([1-9][0-9]?)$/;
const DEAD_HEAT_RE = /^([1-9][0-9]?) 平頭馬$/;

/**
 * Parses a `place` cell: `3`, `1 平頭馬` (dead heat for 1st) or a non-finishing code.
 * @returns undefined for an unknown code (the caller refuses the row).
 * @example parseHkjcPlacing('2 平頭馬') // { status: 'ran', finishPos: 2, deadHeat: true }
 * @example parseHkjcPlacing('WV-A') // { status: 'scratched', finishPos: null, deadHeat: false }
 */
export function parseHkjcPlacing(text: string): HkjcPlacing | undefined {
  let m = POSITION_RE.exec(text);
  if (m) return { status: 'ran', finishPos: Number(m[1]), deadHeat: false };
  m = DEAD_HEAT_RE.exec(text);
  if (m) return { status: 'ran', finishPos: Number(m[1]), deadHeat: true };
  const status = HKJC_NON_FINISH_CODES[text];
  return status === undefined ? undefined : { status, finishPos: null, deadHeat: false };
}

/**
 * Surface of a `course` cell: `草地 ...` (turf, with the rail, e.g. `草地 - "B+2" 賽道`) or
 * `全天候跑道` (all-weather track), else undefined.
 * @example hkjcSurface('草地 - "C+3" 賽道') // 'turf'
 */
export function hkjcSurface(text: string): 'turf' | 'awt' | undefined {
  if (text.startsWith('草地')) return 'turf';
  if (text === '全天候跑道') return 'awt';
  return undefined;
}

/** How the importer treats a pool of the dividends files. */
export type HkjcPoolKind =
  | { kind: 'ours'; betType: BetType }
  | { kind: 'other-single-race' } // first 4, quartet, composite win: not one of our bet types
  | { kind: 'multi-race' } // double, treble, double trio, triple trio, six up
  | { kind: 'challenge' }; // jockey and trainer challenges

/**
 * HKJC pools that are our bet types. `單T` is HKJC's Trio (any order, first three) -> trio;
 * `三T` is not: it is the Triple Trio, a three-race pool. `位置Q` (quinella place: any two of the
 * first three) is wide; `二重彩` (forecast) is exacta; `三重彩` (tierce) is trifecta.
 */
export const HKJC_POOLS: Readonly<Record<string, BetType>> = {
  獨贏: 'win',
  位置: 'place',
  連贏: 'quinella',
  位置Q: 'wide',
  二重彩: 'exacta',
  單T: 'trio',
  三重彩: 'trifecta',
};

const OTHER_SINGLE = new Set(['四連環', '四重彩', '3揀1（組合獨贏）', '勝出練馬師（組合獨贏）', '勝出地區（組合獨贏）']);
const MULTI_RACE_RE = /^(?:第[一二三四五六七八九十]+口(?:孖寶|三寶|孖T)|三寶|三T|三T\(安慰獎\)|六環彩)$/;
const CHALLENGE_RE = /^(?:騎師王|練馬師王)(?: [0-9]+)?$/;

/**
 * Classifies a pool name of the dividends files.
 * @returns undefined for a name this importer does not know (the caller refuses the row).
 * @example classifyHkjcPool('單T') // { kind: 'ours', betType: 'trio' }
 * @example classifyHkjcPool('第三口孖T') // { kind: 'multi-race' }
 */
export function classifyHkjcPool(name: string): HkjcPoolKind | undefined {
  const betType = HKJC_POOLS[name];
  if (betType !== undefined) return { kind: 'ours', betType };
  if (OTHER_SINGLE.has(name)) return { kind: 'other-single-race' };
  if (MULTI_RACE_RE.test(name)) return { kind: 'multi-race' };
  if (CHALLENGE_RE.test(name)) return { kind: 'challenge' };
  return undefined;
}
