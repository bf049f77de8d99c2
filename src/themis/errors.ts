/**
 * Errors of the Themis layer. Layer: themis (imports nothing from the project).
 * A rejected candidate is data (a reason in a Decision); an exception means the input itself
 * is unusable (bad config, malformed ticket id, probabilities that are not probabilities).
 */

/** Literal codes of Themis errors; the CLI maps every one of them to exit status 2. */
export type ThemisErrorCode =
  | 'THEMIS_BAD_TICKET_ID'
  | 'THEMIS_DUPLICATE_TICKET'
  | 'THEMIS_BAD_PROBABILITY'
  | 'THEMIS_PROBS_NOT_NORMALISED'
  | 'THEMIS_BAD_ODDS'
  | 'THEMIS_BAD_BANKROLL'
  | 'THEMIS_BAD_CONFIG'
  | 'THEMIS_BAD_INPUT';

/** An input Themis cannot decide on; `field` names the offending field and `value` its value. */
export class ThemisError extends Error {
  readonly code: ThemisErrorCode;
  readonly field: string;
  readonly value: unknown;
  constructor(code: ThemisErrorCode, field: string, value: unknown, message: string) {
    super(message);
    this.name = 'ThemisError';
    this.code = code;
    this.field = field;
    this.value = value;
  }
}
