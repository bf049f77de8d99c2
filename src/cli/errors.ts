/**
 * Exit statuses of the `keiba` command and the mapping from thrown errors to them.
 * Layer: cli. Every layer throws errors carrying a literal `code` and `kind`; the CLI alone
 * turns them into exit statuses: 0 success, 1 a check that failed, 2 bad usage or bad input.
 */

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** The shape every toolkit error shares, whatever layer threw it. */
export interface CodedError {
  readonly code: string;
  readonly message: string;
}

/** True when `e` is one of the toolkit's coded errors (bad input, bad file, bad config). */
export function isCodedError(e: unknown): e is CodedError {
  return (
    e instanceof Error &&
    typeof (e as unknown as { code?: unknown }).code === 'string' &&
    /^[A-Z][A-Z0-9_]+$/.test((e as unknown as { code: string }).code)
  );
}

/** Thrown by a command whose check ran and found a problem (exit status 1). */
export class CheckFailedError extends Error {
  readonly code = 'CHECK_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailedError';
  }
}

/** Exit status for an error that escaped a command. */
export function exitStatusOf(e: unknown): number {
  if (e instanceof CheckFailedError) return EXIT_CHECK_FAILED;
  if (isCodedError(e)) return EXIT_BAD_INPUT;
  return EXIT_CHECK_FAILED;
}
