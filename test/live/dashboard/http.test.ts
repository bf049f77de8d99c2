/**
 * The dashboard's HTTP helpers: the token check, the token source, loopback detection, and how
 * thrown errors become JSON answers (coded errors 4xx with their message, others a generic 500).
 */
import { describe, expect, it } from 'vitest';
import { ApiHttpError, authorized, dashboardToken, errorAnswer, isLoopback } from '../../../src/live/dashboard/index.ts';
import { LiveError, OperatorActionError } from '../../../src/live/index.ts';
import { PromoteError } from '../../../src/live/promote/index.ts';

describe('dashboard HTTP helpers', () => {
  it('authorized() accepts exactly "Bearer <token>"', () => {
    const t = 'abcdefghijklmnop-0123';
    expect(authorized(`Bearer ${t}`, t)).toBe(true);
    expect(authorized(`bearer ${t}`, t)).toBe(true);
    expect(authorized(`Bearer ${t}x`, t)).toBe(false);
    expect(authorized(t, t)).toBe(false);
    expect(authorized(`Basic ${t}`, t)).toBe(false);
    expect(authorized(undefined, t)).toBe(false);
    expect(authorized('Bearer ', t)).toBe(false);
  });

  it('dashboardToken() takes the given token, else $KEIBA_DASHBOARD_TOKEN, else draws 32 random bytes; refuses a short one', () => {
    expect(dashboardToken('given-token-0123456789', {}).token).toBe('given-token-0123456789');
    expect(dashboardToken(undefined, { KEIBA_DASHBOARD_TOKEN: 'from-env-0123456789' })).toEqual({ token: 'from-env-0123456789', fromEnv: true, generated: false });
    const g = dashboardToken(undefined, {});
    expect(g.generated).toBe(true);
    expect(g.token).toMatch(/^[0-9a-f]{64}$/);
    expect(dashboardToken(undefined, {}).token).not.toBe(g.token);
    expect(() => dashboardToken('short', {})).toThrow(/at least 16 characters/);
  });

  it('isLoopback() knows 127.x, ::1 and localhost', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '::', 'example.com']) expect(isLoopback(h), h).toBe(false);
  });

  it('errorAnswer() maps coded errors to 4xx with their message and anything else to a generic 500', () => {
    expect(errorAnswer(new ApiHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'json please'))).toEqual({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'json please' } }, unexpected: false });
    expect(errorAnswer(new OperatorActionError('ACTION_REASON_REQUIRED', 'why?')).body.error.code).toBe('REASON_REQUIRED');
    expect(errorAnswer(new LiveError('LIVE_UNKNOWN_ALERT', 'no alert 9')).status).toBe(404);
    expect(errorAnswer(new PromoteError('PROMOTE_NOTHING_TO_ROLL_BACK', 'nothing')).status).toBe(409);
    expect(errorAnswer(new LiveError('LIVE_STORE', 'gone'))).toMatchObject({ status: 409, body: { error: { code: 'LIVE_STORE', message: 'gone' } } });
    const boom = errorAnswer(new TypeError('secret detail at /some/path'));
    expect(boom).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: 'internal error (logged on the server)' } }, unexpected: true });
    expect(errorAnswer('a string').status).toBe(500);
  });
});
