/**
 * Errors of the strategies layer. Layer: strategies (imports nothing from the project).
 * Thrown when the input of a strategy function is unusable (probabilities that are not
 * probabilities, bad runner numbers, bad model parameters), a strategy file is invalid, a
 * strategy asks for data the dataset lacks, or a fit fails; the CLI maps every code to exit
 * status 2.
 */

/** Literal codes of strategy errors. */
export type StrategyErrorCode =
  | 'STRATEGY_BAD_PROBABILITIES'
  | 'STRATEGY_BAD_RUNNER'
  | 'STRATEGY_BAD_PARAMETER'
  | 'STRATEGY_BAD_FILE' // a strategy file is not JSON or a field of it is invalid (named in `field`)
  | 'STRATEGY_UNSUPPORTED' // the strategy asks for something the dataset cannot give (odds of exotic combinations, a model)
  | 'STRATEGY_FIT_FAILED'; // the conditional-logit fit has no usable races or does not converge

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
