/**
 * The error of the race rules (place terms and winning combinations). Layer: data (imports
 * nothing from the project). The rules were first written for the ledger, and their codes keep
 * the names they had there, so callers that match on `code` (and the CLI, which maps coded
 * errors to exit status 2) see no difference.
 */

/** Literal codes of rules errors. */
export type RulesErrorCode =
  | 'LEDGER_BAD_RACE' // runners of several races, none, or inconsistent finishing data
  | 'LEDGER_BAD_TERMS'; // place terms that are not usable

/** Where a rules error happened; every field is optional. */
export interface RulesErrorContext {
  raceId?: string;
  field?: string;
  value?: unknown;
}

/**
 * Runners or terms the rules cannot apply to.
 * @example
 * new RulesError('LEDGER_BAD_RACE', 'winningCombinations: no runners given').code
 * // 'LEDGER_BAD_RACE'
 */
export class RulesError extends Error {
  readonly code: RulesErrorCode;
  readonly raceId: string | undefined;
  readonly field: string | undefined;
  readonly value: unknown;
  constructor(code: RulesErrorCode, message: string, context: RulesErrorContext = {}) {
    super(message);
    this.name = 'RulesError';
    this.code = code;
    this.raceId = context.raceId;
    this.field = context.field;
    this.value = context.value;
  }
}

/**
 * True when `e` is a RulesError (optionally of the given code).
 * @example isRulesError(new RulesError('LEDGER_BAD_TERMS', 'bad'), 'LEDGER_BAD_TERMS') // true
 */
export function isRulesError(e: unknown, code?: RulesErrorCode): e is RulesError {
  return e instanceof RulesError && (code === undefined || e.code === code);
}
