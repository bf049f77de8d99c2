/**
 * Ticket ids: the one canonical text form of a bet used everywhere (Themis, datasets, ledger,
 * live). Layer: themis; pure.
 *
 * Format `<betType>:<combination>`:
 * - single runner: `win:3`, `place:3`
 * - unordered pair or triple, ascending, `-` separated: `quinella:3-7`, `wide:3-7`, `trio:1-3-7`,
 *   `bracket_quinella:3-3` (bracket numbers 1-8; a pair may repeat one bracket)
 * - ordered, in finishing order, `>` separated: `exacta:3>7`, `trifecta:3>7>1`
 * Runner (saddle) numbers are integers 1..99 without leading zeros.
 */
import { ThemisError } from './errors.ts';

/** The eight JRA bet types, in the order JRA lists them. */
export const BET_TYPES = [
  'win',
  'place',
  'bracket_quinella',
  'quinella',
  'wide',
  'exacta',
  'trio',
  'trifecta',
] as const;

export type BetType = (typeof BET_TYPES)[number];

/** How many runners (or brackets) a combination of each bet type names. */
export const LEGS: Readonly<Record<BetType, 1 | 2 | 3>> = {
  win: 1,
  place: 1,
  bracket_quinella: 2,
  quinella: 2,
  wide: 2,
  exacta: 2,
  trio: 3,
  trifecta: 3,
};

/** Bet types whose combination is in finishing order. */
export const ORDERED: Readonly<Record<BetType, boolean>> = {
  win: false,
  place: false,
  bracket_quinella: false,
  quinella: false,
  wide: false,
  exacta: true,
  trio: false,
  trifecta: true,
};

/** A parsed ticket: `numbers` are saddle numbers (bracket numbers for bracket_quinella). */
export interface Ticket {
  readonly id: string;
  readonly betType: BetType;
  readonly numbers: readonly number[];
}

const BET_TYPE_SET: ReadonlySet<string> = new Set(BET_TYPES);
const NUMBER_RE = /^[1-9][0-9]?$/;

/** True when `s` names one of the eight bet types. */
export function isBetType(s: string): s is BetType {
  return BET_TYPE_SET.has(s);
}

/**
 * Formats a combination in canonical text (no bet type prefix): unordered numbers ascending
 * joined by `-`, ordered ones joined by `>`.
 * @example formatCombination('trio', [7, 1, 3]) // '1-3-7'
 */
export function formatCombination(betType: BetType, numbers: readonly number[]): string {
  if (ORDERED[betType]) return numbers.join('>');
  return [...numbers].sort((a, b) => a - b).join('-');
}

/**
 * Builds the canonical ticket id of a bet.
 * @example ticketId('exacta', [3, 7]) // 'exacta:3>7'
 * @throws ThemisError THEMIS_BAD_TICKET_ID when the numbers do not fit the bet type.
 */
export function ticketId(betType: BetType, numbers: readonly number[]): string {
  const id = `${betType}:${formatCombination(betType, numbers)}`;
  checkNumbers(id, betType, numbers);
  return id;
}

/**
 * Parses a combination text of a bet type. Unordered combinations may be written in any order
 * (`7-3`); the result is canonical. Ordered ones must use `>`.
 * @throws ThemisError THEMIS_BAD_TICKET_ID naming the text.
 */
export function parseCombination(betType: BetType, text: string, field = 'combination'): number[] {
  const sep = ORDERED[betType] ? '>' : '-';
  const parts = LEGS[betType] === 1 ? [text] : text.split(sep);
  if (parts.length !== LEGS[betType] || !parts.every((p) => NUMBER_RE.test(p))) {
    throw new ThemisError(
      'THEMIS_BAD_TICKET_ID',
      field,
      text,
      `${field}: '${text}' is not a ${betType} combination (expected ${example(betType)})`,
    );
  }
  const numbers = parts.map(Number);
  checkNumbers(`${betType}:${text}`, betType, numbers, field);
  return ORDERED[betType] ? numbers : numbers.sort((a, b) => a - b);
}

/**
 * The bet type of a ticket id, as the constant of BET_TYPES (not a new string), or undefined when
 * the id does not start with a bet type and a colon. The combination is not checked.
 * @example betTypeOfId('trio:1-4-9') // 'trio'
 */
export function betTypeOfId(id: string): BetType | undefined {
  const colon = id.indexOf(':');
  for (const t of BET_TYPES) if (t.length === colon && id.startsWith(t)) return t;
  return undefined;
}

/**
 * Parses a ticket id into its bet type and numbers; the returned id is canonical.
 * @example parseTicketId('quinella:7-3') // { id: 'quinella:3-7', betType: 'quinella', numbers: [3, 7] }
 * @throws ThemisError THEMIS_BAD_TICKET_ID for an unknown bet type or malformed combination.
 */
export function parseTicketId(id: string, field = 'id'): Ticket {
  // The bet type as the constant of BET_TYPES (an internalised string: cheap to compare and to
  // use as a key downstream), not the slice of the id.
  const betType = typeof id === 'string' ? betTypeOfId(id) : undefined;
  if (betType === undefined) {
    throw new ThemisError(
      'THEMIS_BAD_TICKET_ID',
      field,
      id,
      `${field}: '${String(id)}' is not a ticket id (expected <betType>:<combination>, betType one of ${BET_TYPES.join(', ')})`,
    );
  }
  const numbers = parseCombination(betType, id.slice(betType.length + 1), field);
  return { id: `${betType}:${formatCombination(betType, numbers)}`, betType, numbers };
}

function checkNumbers(id: string, betType: BetType, numbers: readonly number[], field = 'id'): void {
  const ok =
    numbers.length === LEGS[betType] &&
    numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 99) &&
    (betType === 'bracket_quinella'
      ? numbers.every((n) => n <= 8)
      : new Set(numbers).size === numbers.length);
  if (!ok) {
    throw new ThemisError(
      'THEMIS_BAD_TICKET_ID',
      field,
      id,
      `${field}: '${id}' is not a valid ${betType} ticket (expected ${example(betType)})`,
    );
  }
}

function example(betType: BetType): string {
  const samples: Record<BetType, string> = {
    win: 'win:3',
    place: 'place:3',
    bracket_quinella: 'bracket_quinella:3-5',
    quinella: 'quinella:3-7',
    wide: 'wide:3-7',
    exacta: 'exacta:3>7',
    trio: 'trio:1-3-7',
    trifecta: 'trifecta:3>7>1',
  };
  return samples[betType];
}
