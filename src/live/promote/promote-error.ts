/**
 * Errors of `keiba promote` (bad policy, unreadable state, nothing to roll back...). Layer: live
 * (promote); pure. Every error carries a literal `code`, which the CLI maps to exit status 2.
 * A refused promotion is not an error of this kind: it is a list of failed gates (data), which
 * the CLI reports as a failed check (exit status 1).
 */

/** Literal codes of promote errors. */
export type PromoteErrorCode =
  | 'PROMOTE_BAD_POLICY' // the promotion policy file is not valid (names the field)
  | 'PROMOTE_BAD_CONFIG' // the config file cannot be read as a Themis config, live config or strategy
  | 'PROMOTE_BAD_OPTION' // a bad option (--force without a reason, a bad calendar...)
  | 'PROMOTE_HISTORY_BROKEN' // promotions.jsonl does not verify (hash chain, sequence, shape)
  | 'PROMOTE_NOTHING_TO_ROLL_BACK' // no earlier accepted config and no canary to abort
  | 'PROMOTE_NO_CANARY' // a canary observation while no canary runs
  | 'PROMOTE_BUSY'; // another promote holds the state folder's lock

/**
 * An error of promote, with a literal code and the field at fault where it applies.
 * @example new PromoteError('PROMOTE_BAD_POLICY', 'policy.maxRuin: 2 is not valid').code // 'PROMOTE_BAD_POLICY'
 */
export class PromoteError extends Error {
  readonly code: PromoteErrorCode;
  readonly field: string | undefined;
  readonly value: unknown;
  constructor(code: PromoteErrorCode, message: string, context: { field?: string; value?: unknown } = {}) {
    super(message);
    this.name = 'PromoteError';
    this.code = code;
    this.field = context.field;
    this.value = context.value;
  }
}

/** True when `e` is a PromoteError (optionally of the given code). */
export function isPromoteError(e: unknown, code?: PromoteErrorCode): e is PromoteError {
  return e instanceof PromoteError && (code === undefined || e.code === code);
}
