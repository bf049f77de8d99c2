/**
 * netkeiba race ids (`YYYYVVKKDDRR`: year, JRA venue code, meeting 回, day of meeting 日目, race
 * number) and the JRA venue codes. Layer: data; pure.
 */

/** JRA venue codes of netkeiba race ids, with English and Japanese names. */
export const JRA_VENUES: Readonly<Record<string, { name: string; kanji: string }>> = {
  '01': { name: 'Sapporo', kanji: '札幌' },
  '02': { name: 'Hakodate', kanji: '函館' },
  '03': { name: 'Fukushima', kanji: '福島' },
  '04': { name: 'Niigata', kanji: '新潟' },
  '05': { name: 'Tokyo', kanji: '東京' },
  '06': { name: 'Nakayama', kanji: '中山' },
  '07': { name: 'Chukyo', kanji: '中京' },
  '08': { name: 'Kyoto', kanji: '京都' },
  '09': { name: 'Hanshin', kanji: '阪神' },
  '10': { name: 'Kokura', kanji: '小倉' },
};

/** The parts of a netkeiba race id. */
export interface NetkeibaRaceId {
  raceId: string;
  year: number;
  venueCode: string;
  venue: string; // English name
  venueKanji: string;
  meeting: number; // 回
  day: number; // 日目
  raceNo: number;
}

const RACE_ID_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * Parses a 12-digit netkeiba race id of a JRA race.
 * @returns undefined when the text is not such an id (wrong length, unknown venue code, zero
 *   meeting, day or race number).
 * @example parseNetkeibaRaceId('202408060405') // { raceId: '202408060405', year: 2024, venueCode: '08', venue: 'Kyoto', venueKanji: '京都', meeting: 6, day: 4, raceNo: 5 }
 */
export function parseNetkeibaRaceId(text: string): NetkeibaRaceId | undefined {
  const m = RACE_ID_RE.exec(text);
  if (!m) return undefined;
  const v = JRA_VENUES[m[2]];
  const meeting = Number(m[3]);
  const day = Number(m[4]);
  const raceNo = Number(m[5]);
  if (v === undefined || meeting < 1 || day < 1 || raceNo < 1 || raceNo > 12) return undefined;
  return { raceId: text, year: Number(m[1]), venueCode: m[2], venue: v.name, venueKanji: v.kanji, meeting, day, raceNo };
}
