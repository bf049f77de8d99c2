/**
 * Errors of the dashboard's HTTP layer and how any thrown error becomes a JSON error answer:
 * coded errors of the live layer map to 4xx with their message, anything else to a generic 500
 * (its detail goes to stderr only). Layer: live/dashboard; pure.
 */
import type { ApiError } from './api-types.ts';

/** An error answered as is: HTTP status, code and message. */
export class ApiHttpError extends Error {
  readonly status: 400 | 401 | 404 | 409 | 413 | 415 | 500;
  readonly code: string;
  constructor(status: ApiHttpError['status'], code: string, message: string) {
    super(message);
    this.name = 'ApiHttpError';
    this.status = status;
    this.code = code;
  }
}

/** Coded errors of the layers below, by code: HTTP status and the code the API answers. */
const CODED: Readonly<Record<string, { status: ApiHttpError['status']; code: string }>> = {
  ACTION_REASON_REQUIRED: { status: 400, code: 'REASON_REQUIRED' },
  ACTION_BAD_INPUT: { status: 400, code: 'BAD_REQUEST' },
  LIVE_UNKNOWN_ALERT: { status: 404, code: 'UNKNOWN_ALERT' },
  LIVE_ALERT_ACKED: { status: 409, code: 'CONFLICT' },
  PROMOTE_NOTHING_TO_ROLL_BACK: { status: 409, code: 'NOTHING_TO_ROLL_BACK' },
  PROMOTE_BUSY: { status: 409, code: 'CONFLICT' },
};

/**
 * The answer for a thrown error: status and JSON body, and whether it is unexpected (a 500 to log).
 * @example errorAnswer(new ApiHttpError(400, 'BAD_JSON', 'not JSON')).status // 400
 */
export function errorAnswer(e: unknown): { status: ApiHttpError['status']; body: ApiError; unexpected: boolean } {
  if (e instanceof ApiHttpError) return { status: e.status, body: { error: { code: e.code, message: e.message } }, unexpected: false };
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  if (e instanceof Error && typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) {
    const m = CODED[code] ?? { status: 409 as const, code };
    return { status: m.status, body: { error: { code: m.code, message: e.message } }, unexpected: false };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error (logged on the server)' } }, unexpected: true };
}
