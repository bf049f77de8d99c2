/**
 * API tests of the operations dashboard: a paper book replayed over one synthetic day, the
 * server started on a free port, every GET view checked against the store, every action
 * refused without the token (nothing changes), without confirmation and without a reason, and
 * carried out with the token (state changed, audit record with who, when, why and source);
 * bad requests answer 4xx JSON; the update events report an action.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type RunningDashboard } from '../../../src/live/dashboard/index.ts';
import type { ActionResponse, AlertsResponse, ApiError, ChartsResponse, OrdersResponse, RacesResponse, StatusResponse } from '../../../src/live/dashboard/api-types.ts';
import { liveStatus, openStore, readPromoted, writePromoted } from '../../../src/live/index.ts';
import { liveConfigHashOf, liveConfigThemis } from '../cli-helpers.ts';
import { DAY, replayDay, tempDir } from '../helpers.ts';

const WIN_ONLY = { themis: { betTypes: ['win'] }, bankrollYen: 1_000_000 };
const OLDER = { themis: { betTypes: ['win'], safetyFactor: 0.2 }, bankrollYen: 1_000_000 };
const TOKEN = 'test-token-0123456789abcdef';
const PAGE = { html: '<!doctype html><title>keiba</title><script src="/app.js"></script>', js: 'console.log(1);', css: 'body{}' };

let book: string;
let empty: string;
let d: RunningDashboard;
let e: RunningDashboard;

async function api<T>(dash: RunningDashboard, path: string, init: { method?: string; body?: unknown; token?: string | null; contentType?: string; raw?: string } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const res = await fetch(`${dash.origin}${path}`, { method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'), headers, body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: res.headers };
}

function withStore<T>(dir: string, fn: (s: ReturnType<typeof openStore>) => T): T {
  const s = openStore(dir, { readonly: true });
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

const auditCount = (dir: string): number => withStore(dir, (s) => s.auditRecords().length);

beforeAll(async () => {
  book = tempDir('keiba-dash-');
  const store = openStore(book);
  await replayDay(store, WIN_ONLY);
  store.recordAlert(Date.parse('2024-01-06T09:00:00Z'), 'warn', 'stale_odds', 'odds 6 min old');
  store.recordAlert(Date.parse('2024-01-06T09:05:00Z'), 'critical', 'purchase_failed', 'R3 win:2 failed');
  store.close();
  // Two accepted configs: the current one and an earlier one to roll back to.
  writePromoted(book, {
    formatVersion: 1,
    configHash: liveConfigHashOf(WIN_ONLY),
    config: liveConfigThemis(WIN_ONLY),
    since: '2024-01-05T00:00:00.000Z',
    previous: [{ configHash: liveConfigHashOf(OLDER), config: liveConfigThemis(OLDER), since: '2024-01-01T00:00:00.000Z' }],
  });
  // A book with a planned day not run yet, and nothing promoted.
  empty = tempDir('keiba-dash-empty-');
  const s2 = openStore(empty);
  s2.openBook(Date.parse('2099-01-01T00:00:00Z'), { configHash: 'a'.repeat(64), paper: true, depositYen: 500_000 });
  s2.recordDayPlan(Date.parse('2099-01-01T00:00:00Z'), {
    date: '2099-01-02',
    races: [
      { raceId: 'F-02', postTime: '2099-01-02T10:35' },
      { raceId: 'F-01', postTime: '2099-01-02T10:05' },
    ],
    accounts: [{ id: 'main', pointLimitPerDay: 50 }],
    balancesYen: { main: 500_000 },
    maxStakeYen: 100_000,
    drawdown: { warn: 0.1, halt: 0.25 },
    decisionSecondsBeforePost: 180,
  });
  s2.close();
  d = await startDashboard({ stateDir: book, port: 0, token: TOKEN, page: PAGE, pollMs: 100, heartbeatMs: 400, log: () => {} });
  e = await startDashboard({ stateDir: empty, port: 0, token: TOKEN, page: PAGE, pollMs: 100, heartbeatMs: 400, log: () => {} });
}, 120_000);

afterAll(async () => {
  await d?.close();
  await e?.close();
});

describe('dashboard server', () => {
  it('listens on 127.0.0.1, prints the token in the URL fragment only, serves the page without a token, with security headers', async () => {
    expect(d.host).toBe('127.0.0.1');
    expect(d.url).toBe(`http://127.0.0.1:${d.port}/#token=${TOKEN}`);
    const res = await fetch(`${d.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toBe(PAGE.html);
    const js = await fetch(`${d.origin}/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe(PAGE.js);
    expect((await fetch(`${d.origin}/app.css`)).headers.get('content-type')).toMatch(/text\/css/);
  });

  it('serves the page icon without a token (/favicon.svg) and answers /favicon.ico with 204 No Content', async () => {
    const svg = await fetch(`${d.origin}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>$/);
    const ico = await fetch(`${d.origin}/favicon.ico`);
    expect(ico.status).toBe(204);
    expect(await ico.text()).toBe('');
    expect(ico.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses every view without the token or with a wrong one (401 JSON), and answers 404 JSON for an unknown route', async () => {
    for (const p of ['/api/status', '/api/races', '/api/orders', '/api/alerts', '/api/charts', '/api/events']) {
      const none = await api<ApiError>(d, p, { token: null });
      expect(none.status, p).toBe(401);
      expect(none.body.error.code).toBe('UNAUTHORIZED');
      expect((await api<ApiError>(d, p, { token: `${TOKEN}x` })).status, p).toBe(401);
    }
    const r = await api<ApiError>(d, '/api/nothing');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    expect((await api<ApiError>(d, '/elsewhere', { token: null })).status).toBe(404);
  });

  it('GET /api/status equals the store: bankroll, peak, drawdown, halt, the day per account with its limits and balance, the promoted config, the runner', async () => {
    const r = await api<StatusResponse>(d, '/api/status');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const s = withStore(book, (st) => liveStatus(st, DAY));
    expect(r.body.bankrollYen).toBe(s.bankrollYen);
    expect(r.body.peakYen).toBe(s.peakYen);
    expect(r.body.drawdown).toBe(s.drawdown);
    expect(r.body.halt.halted).toBe(false);
    expect(r.body.date).toBe(DAY);
    expect(r.body.levels).toEqual({ warn: 0.2, halt: 0.3 });
    expect(r.body.today.stakeYen).toBe(s.today.stakeYen);
    expect(r.body.today.points).toBe(s.today.points);
    expect(r.body.today.maxStakeYen).toBeGreaterThan(0);
    expect(r.body.today.accounts).toEqual([{ account: 'main', stakeYen: s.today.stakeYen, points: s.today.points, pointLimit: 9000, balanceYen: 1_000_000 }]);
    expect(r.body.unacknowledgedAlerts).toBeGreaterThanOrEqual(2);
    expect(r.body.promoted.configHash).toBe(liveConfigHashOf(WIN_ONLY));
    expect(r.body.promoted.canRollBack).toBe(true);
    // The replay ran on a simulated 2024 clock and finished: not running, not stale.
    expect(r.body.runner).toMatchObject({ running: false, stale: false, staleAfterSeconds: 120, lastRunDate: DAY });
    expect(JSON.stringify(r.body)).not.toContain(TOKEN);
  });

  it('GET /api/races lists every race of the day with its stage; a planned day not run yet is all waiting', async () => {
    const r = await api<RacesResponse>(d, '/api/races');
    expect(r.status).toBe(200);
    expect(r.body.date).toBe(DAY);
    const decisions = withStore(book, (s) => s.decisionsOn(DAY));
    expect(r.body.races.map((x) => x.raceId).sort()).toEqual(decisions.map((x) => x.raceId).sort());
    expect(r.body.next).toEqual([]);
    const orders = withStore(book, (s) => s.allOrders());
    for (const race of r.body.races) {
      expect(['settled', 'no_bet', 'skipped']).toContain(race.stage);
      const bought = orders.filter((o) => o.raceId === race.raceId && o.status === 'bought');
      expect(race.stakeYen).toBe(bought.reduce((a, o) => a + o.stakeYen, 0));
    }
    expect(r.body.races.some((x) => x.stage === 'settled')).toBe(true);
    const w = await api<RacesResponse>(e, '/api/races');
    expect(w.body.date).toBe('2099-01-02');
    expect(w.body.races.map((x) => [x.raceId, x.stage])).toEqual([
      ['F-01', 'waiting'],
      ['F-02', 'waiting'],
    ]);
    expect(w.body.next).toEqual(['F-01', 'F-02']);
  });

  it('GET /api/orders: bought orders with their idempotency keys and settlements, nothing in flight; a bad limit is 400', async () => {
    const r = await api<OrdersResponse>(d, '/api/orders?limit=500');
    expect(r.status).toBe(200);
    const bought = withStore(book, (s) => s.allOrders().filter((o) => o.status === 'bought'));
    expect(bought.length).toBeGreaterThan(0);
    expect(r.body.inFlight).toEqual([]);
    expect(r.body.recentlyPurchased.map((o) => o.key).sort()).toEqual(bought.map((o) => o.key).sort());
    for (const o of r.body.recentlyPurchased) {
      expect(o.key).toContain(`${o.raceId}|${o.ticketId}|`);
      expect(o.settlement).not.toBeNull();
    }
    const posts = r.body.recentlyPurchased.map((o) => o.postTime);
    expect([...posts].sort().reverse()).toEqual(posts);
    expect((await api<OrdersResponse>(d, '/api/orders?limit=2')).body.recentlyPurchased).toHaveLength(2);
    const bad = await api<ApiError>(d, '/api/orders?limit=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
  });

  it('GET /api/alerts: newest first, with stable ids, not acknowledged', async () => {
    const r = await api<AlertsResponse>(d, '/api/alerts');
    const all = withStore(book, (s) => s.alerts());
    expect(r.body.total).toBe(all.length);
    expect(r.body.alerts.map((a) => a.id)).toEqual(all.map((a) => a.id).reverse());
    expect(r.body.alerts[0]).toMatchObject({ code: 'purchase_failed', level: 'critical', acknowledged: false, ackedBy: null });
  });

  it('GET /api/charts: the report equity-curve spec split into bankroll and drawdown panels, data inlined, ending at the bankroll', async () => {
    const r = await api<ChartsResponse>(d, '/api/charts');
    expect(r.status).toBe(200);
    expect(r.body.points).toBeGreaterThan(1);
    const bank = r.body.bankroll as { vconcat: unknown[]; data: { values: { kind: string; bankroll?: number }[] }; $schema: string };
    expect(bank.$schema).toMatch(/vega-lite/);
    expect(bank.vconcat).toHaveLength(1);
    const pts = bank.data.values.filter((v) => v.kind === 'point');
    expect(pts.at(-1)?.bankroll).toBe(withStore(book, (s) => s.bankrollYen()));
    expect((r.body.drawdown as { vconcat: unknown[] }).vconcat).toHaveLength(1);
    expect(JSON.stringify(r.body.drawdown)).toContain('Drawdown from peak');
  });
});

describe('dashboard actions', () => {
  const ACTIONS: [string, Record<string, unknown>][] = [
    ['/api/halt', { reason: 'x', confirm: true }],
    ['/api/resume', { reason: 'x', confirm: true }],
    ['/api/skip', { reason: 'x', confirm: true }],
    ['/api/rollback', { reason: 'x', confirm: true }],
    ['/api/ack', { alertId: 1, reason: 'x', confirm: true }],
  ];

  it('refuses every action without the token (401) and changes nothing: halt state, audit log, promoted config, acknowledgements', async () => {
    const before = { audit: auditCount(book), halt: withStore(book, (s) => s.haltState()), acks: withStore(book, (s) => s.alertAcks().size), promoted: readPromoted(book)?.configHash, file: readFileSync(join(book, 'audit.jsonl'), 'utf8') };
    for (const [p, body] of ACTIONS) {
      const r = await api<ApiError>(d, p, { body, token: null });
      expect(r.status, p).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHORIZED');
      expect((await api<ApiError>(d, p, { body, token: 'wrong-token-wrong-token' })).status, p).toBe(401);
    }
    expect(auditCount(book)).toBe(before.audit);
    expect(withStore(book, (s) => s.haltState())).toEqual(before.halt);
    expect(withStore(book, (s) => s.alertAcks().size)).toBe(before.acks);
    expect(readPromoted(book)?.configHash).toBe(before.promoted);
    expect(readFileSync(join(book, 'audit.jsonl'), 'utf8')).toBe(before.file);
  });

  it('answers 400 CONFIRMATION_REQUIRED without confirm, 400 REASON_REQUIRED without a reason, and changes nothing', async () => {
    const n = auditCount(book);
    for (const [p, body] of ACTIONS) {
      const { confirm: _c, ...noConfirm } = body;
      const r = await api<ApiError>(d, p, { body: noConfirm });
      expect(r.status, p).toBe(400);
      expect(r.body.error.code).toBe('CONFIRMATION_REQUIRED');
      expect((await api<ApiError>(d, p, { body: { ...body, confirm: 'yes' } })).body.error.code).toBe('CONFIRMATION_REQUIRED');
      if (p === '/api/ack') continue;
      for (const reason of [undefined, '', '   ']) {
        const q = await api<ApiError>(d, p, { body: { ...body, reason } });
        expect(q.status, p).toBe(400);
        expect(q.body.error.code).toBe('REASON_REQUIRED');
      }
    }
    expect(auditCount(book)).toBe(n);
  });

  it('answers 415 for a body that is not JSON by type, 400 for malformed JSON or a bad field, 413 for a body over 16 KiB', async () => {
    const n = auditCount(book);
    const a = await api<ApiError>(d, '/api/halt', { raw: 'reason=x&confirm=true', contentType: 'application/x-www-form-urlencoded' });
    expect(a.status).toBe(415);
    expect(a.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const b = await api<ApiError>(d, '/api/halt', { raw: '{"reason": "x", "confirm": tru' });
    expect(b.status).toBe(400);
    expect(b.body.error.code).toBe('BAD_JSON');
    const c = await api<ApiError>(d, '/api/halt', { raw: '[1, 2]' });
    expect(c.status).toBe(400);
    const w = await api<ApiError>(d, '/api/halt', { body: { reason: 'x', confirm: true, who: '<script>' } });
    expect(w.status).toBe(400);
    expect(w.body.error.code).toBe('BAD_REQUEST');
    const big = await api<ApiError>(d, '/api/halt', { body: { reason: 'x'.repeat(17 * 1024), confirm: true } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('BODY_TOO_LARGE');
    const long = await api<ApiError>(d, '/api/halt', { body: { reason: 'x'.repeat(501), confirm: true } });
    expect(long.status).toBe(400);
    expect(auditCount(book)).toBe(n);
    // The server is still up.
    expect((await api<StatusResponse>(d, '/api/status')).status).toBe(200);
  });

  it('halt then resume: the state changes and each leaves an audit record with who, when, why and source dashboard', async () => {
    const n = auditCount(book);
    const h = await api<ActionResponse>(d, '/api/halt', { body: { reason: 'feed looks wrong', who: 'alice', confirm: true } });
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, action: 'halt', actor: 'dashboard:alice', reason: 'feed looks wrong', halt: { halted: true } });
    expect(h.body.message).toBe(`halt recorded (audit record ${h.body.auditSeq})`);
    const st = await api<StatusResponse>(d, '/api/status');
    expect(st.body.halt).toMatchObject({ halted: true, reason: 'feed looks wrong', source: 'dashboard:alice' });
    const r = await api<ActionResponse>(d, '/api/resume', { body: { reason: 'feed fine again', confirm: true } });
    expect(r.body).toMatchObject({ action: 'resume', actor: 'dashboard:operator', halt: { halted: false } });
    expect((await api<StatusResponse>(d, '/api/status')).body.halt.halted).toBe(false);
    const recs = withStore(book, (s) => s.auditRecords()).slice(n);
    expect(recs.map((x) => x.kind)).toEqual(['halt', 'resume']);
    expect(recs[0].data).toEqual({ reason: 'feed looks wrong', source: 'dashboard', actor: 'dashboard:alice' });
    expect(recs[0].seq).toBe(h.body.auditSeq);
    expect(recs[0].at).toBe(h.body.at);
    expect(Number.isFinite(Date.parse(recs[0].at))).toBe(true);
    expect(recs[1].data).toEqual({ reason: 'feed fine again', source: 'dashboard', actor: 'dashboard:operator' });
    // The audit file holds them too (same chain).
    expect(readFileSync(join(book, 'audit.jsonl'), 'utf8')).toContain('"actor":"dashboard:alice"');
  });

  it('acknowledges an alert (state and audit), refuses a second acknowledgement (409) and an unknown alert (404)', async () => {
    const id = withStore(book, (s) => s.alerts()[0].id);
    const n = auditCount(book);
    const a = await api<ActionResponse>(d, '/api/ack', { body: { alertId: id, confirm: true, who: 'bob' } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ action: 'ack', alertId: id, actor: 'dashboard:bob', reason: 'acknowledged' });
    const view = await api<AlertsResponse>(d, '/api/alerts');
    expect(view.body.alerts.find((x) => x.id === id)).toMatchObject({ acknowledged: true, ackedBy: 'dashboard:bob', ackReason: 'acknowledged' });
    const rec = withStore(book, (s) => s.auditRecords()).slice(n);
    expect(rec.map((x) => x.kind)).toEqual(['alert_ack']);
    expect(rec[0].data).toMatchObject({ alertId: id, source: 'dashboard', actor: 'dashboard:bob', reason: 'acknowledged' });
    const again = await api<ApiError>(d, '/api/ack', { body: { alertId: id, confirm: true } });
    expect(again.status).toBe(409);
    const unknown = await api<ApiError>(d, '/api/ack', { body: { alertId: 99_999, reason: 'x', confirm: true } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_ALERT');
    const bad = await api<ApiError>(d, '/api/ack', { body: { alertId: 'one', confirm: true } });
    expect(bad.status).toBe(400);
    expect(auditCount(book)).toBe(n + 1);
  });

  it('rolls back to the previous promoted config (history, promoted.json and the audit log); a book with nothing promoted answers 409', async () => {
    const n = auditCount(book);
    const r = await api<ActionResponse>(d, '/api/rollback', { body: { reason: 'canary looked bad', who: 'carol', confirm: true } });
    expect(r.status).toBe(200);
    expect(r.body.rollback).toMatchObject({ configHash: liveConfigHashOf(OLDER), fromConfigHash: liveConfigHashOf(WIN_ONLY), abortedCanary: false });
    expect(readPromoted(book)?.configHash).toBe(liveConfigHashOf(OLDER));
    expect((await api<StatusResponse>(d, '/api/status')).body.promoted.configHash).toBe(liveConfigHashOf(OLDER));
    const rec = withStore(book, (s) => s.auditRecords()).slice(n);
    expect(rec.map((x) => x.kind)).toEqual(['config_rollback']);
    expect(rec[0].data).toMatchObject({ reason: 'canary looked bad', source: 'dashboard', actor: 'dashboard:carol', configHash: liveConfigHashOf(OLDER) });
    const none = await api<ApiError>(e, '/api/rollback', { body: { reason: 'try', confirm: true } });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('NOTHING_TO_ROLL_BACK');
    expect(none.body.error.message).toMatch(/nothing is promoted/);
  });

  it('skips a named race: the runner finds the skip request before the race, and the races view shows it', async () => {
    const r = await api<ActionResponse>(e, '/api/skip', { body: { raceId: 'F-02', reason: 'track condition', confirm: true } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ action: 'skip', raceId: 'F-02' });
    expect(withStore(empty, (s) => s.pendingSkips())).toEqual([expect.objectContaining({ raceId: 'F-02', reason: 'track condition' })]);
    const races = await api<RacesResponse>(e, '/api/races');
    expect(races.body.races.find((x) => x.raceId === 'F-02')?.skipRequested).toBe(true);
    expect(races.body.pendingSkips).toHaveLength(1);
  });

  it('sends an update event after an action, and heartbeats', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${d.origin}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: ctl.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const dec = new TextDecoder();
    let buf = '';
    const events: { event: string; data: Record<string, unknown> }[] = [];
    const until = async (pred: () => boolean, ms: number): Promise<void> => {
      const end = Date.now() + ms;
      while (!pred() && Date.now() < end) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let k: number;
        while ((k = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, k);
          buf = buf.slice(k + 2);
          const ev = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '{}';
          events.push({ event: ev, data: JSON.parse(data) as Record<string, unknown> });
        }
      }
    };
    await until(() => events.some((x) => x.event === 'hello'), 5000);
    expect(events[0].event).toBe('hello');
    await api<ActionResponse>(d, '/api/halt', { body: { reason: 'sse check', confirm: true } });
    await until(() => events.some((x) => x.event === 'update'), 5000);
    const up = events.find((x) => x.event === 'update');
    expect(up?.data.changed).toEqual(expect.arrayContaining(['status', 'races', 'orders']));
    expect(up?.data.version).not.toBe(events[0].data.version);
    await until(() => events.some((x) => x.event === 'heartbeat'), 5000);
    expect(events.some((x) => x.event === 'heartbeat')).toBe(true);
    ctl.abort();
    await api<ActionResponse>(d, '/api/resume', { body: { reason: 'sse check done', confirm: true } });
  });
});
