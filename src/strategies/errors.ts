/**
 * Errors of the strategies layer. Layer: strategies (imports nothing from the project).
 * Thrown when the input of a strategy function is unusable (probabilities that are not
 * probabilities, bad runner numbers, bad model parameters); the CLI maps every code to exit
 * status 2.
 */

/** Literal codes of strategy errors. */
export type StrategyErrorCode =
  | 'STRATEGY_BAD_PROBABILITIES'
  | 'STRATEGY_BAD_RUNNER'
  | 'STRATEGY_BAD_PARAMETER';

/** An input a strategy cannot use; `field` names the offending field and `value` its value. */
export class StrategyError extends Error {
  readonly code: StrategyErrorCode;
  readonly field: string;
  readonly value: unknown;
  constructor(code: StrategyErrorCode, field: string, value: unknown, message: string) {
    super(message);
    this.name = 'StrategyError';
    this.code = code;
    this.field = field;
    this.value = value;
  }
}
