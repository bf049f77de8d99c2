/**
 * Errors of the live runner. Layer: live. Every error carries a literal `code` (the CLI maps
 * coded errors to exit status 2) and, where it applies, the field and value at fault. A check
 * that ran and found a problem (audit verify) is reported as data, not as a LiveError.
 * Messages never contain credentials.
 */

/** Literal codes of live errors. */
export type LiveErrorCode =
  | 'LIVE_NOT_PROMOTED' // a non-paper run of a config that promote has not accepted
  | 'LIVE_BAD_PROMOTED_RECORD' // promoted.json exists but does not parse or its hash does not match its config
  | 'LIVE_BAD_CONFIG' // the live config file is not valid (names the field)
  | 'LIVE_BAD_OPTION' // a bad CLI or runner option (date, clock, ...)
  | 'LIVE_BAD_CREDENTIALS_FILE' // a credentials file readable by others, or malformed
  | 'LIVE_NO_CREDENTIALS' // a non-paper run without credentials for an account
  | 'LIVE_NO_VENUE_ADAPTER' // a non-paper run, but no venue purchaser is available
  | 'LIVE_NO_FEED' // no odds/results feed (live feeds need an adapter; use --replay)
  | 'LIVE_STORE' // the state folder or its database cannot be used
  | 'AUDIT_CHAIN_BROKEN' // the audit log does not continue the database's chain (refuses to append)
  | 'LIVE_UNKNOWN_ALERT' // an acknowledgement names an alert the book does not hold
  | 'LIVE_ALERT_ACKED' // an acknowledgement of an alert already acknowledged
  | 'LIVE_BAD_STATE'; // the stored state breaks an invariant (a bug or a tampered database)

/**
 * An error of the live runner, with a literal code.
 * @example new LiveError('LIVE_NOT_PROMOTED', 'config abc… is not promoted').code // 'LIVE_NOT_PROMOTED'
 */
export class LiveError extends Error {
  readonly code: LiveErrorCode;
  readonly field: string | undefined;
  readonly value: unknown;
  constructor(code: LiveErrorCode, message: string, context: { field?: string; value?: unknown } = {}) {
    super(message);
    this.name = 'LiveError';
    this.code = code;
    this.field = context.field;
    this.value = context.value;
  }
}

/** True when `e` is a LiveError (optionally of the given code). */
export function isLiveError(e: unknown, code?: LiveErrorCode): e is LiveError {
  return e instanceof LiveError && (code === undefined || e.code === code);
}
