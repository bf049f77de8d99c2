/**
 * The dashboard's HTTP app (hono): the page from memory, the token-guarded JSON views and
 * actions under /api, and the update events. Views read through a read-only store connection
 * opened per request; actions go through the operator actions (src/live/operator-actions.ts),
 * the same code the CLI runs. Nothing here buys anything. Layer: live/dashboard; not pure
 * (reads the state folder; actions write it). Units: integer yen.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { OPERATOR_ACTIONS, type OperatorActionKind } from '../operator-actions.ts';
import { promotionStatus } from '../promote/promote-config.ts';
import { readPromoted } from '../promoted.ts';
import { PROMOTION_FILES } from '../promote/promotion-history.ts';
import { openStore, type LiveStore } from '../store/live-store.ts';
import type { ActionResponse, EventsHeartbeat, EventsHello, EventsUpdate } from './api-types.ts';
import { ApiHttpError, errorAnswer } from './http-errors.ts';
import { alertsView, changedViews, chartsView, ordersView, racesView, runnerLiveness, statusView, versionOf, type ChangeMarks, type PromotionRead } from './views.ts';

/** Largest POST body accepted, bytes. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest reason accepted, characters. */
export const MAX_REASON_CHARS = 500;
const WHO = /^[A-Za-z0-9 ._@-]{1,64}$/;

/** The page's assets, served from memory. */
export interface PageAssets {
  readonly html: string;
  readonly js: string;
  readonly css: string;
}

/** Options of {@link createDashboardApp}. */
export interface DashboardAppOptions {
  readonly stateDir: string;
  readonly token: string;
  readonly staleAfterSeconds: number;
  readonly page: PageAssets;
  /** How often the update events look for changes, ms; default 1,000. */
  readonly pollMs?: number;
  /** Heartbeat period of the update events, ms; default 15,000. */
  readonly heartbeatMs?: number;
  /** Where unexpected errors are written; default stderr. */
  readonly log?: (line: string) => void;
  /** The clock, epoch ms; default Date.now. */
  readonly now?: () => number;
}

/** The app and what closing it needs. */
export interface DashboardApp {
  readonly app: Hono;
  /** Ends the open event streams and stops the change watcher. */
  close(): void;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The page's icon (declared in index.html as /favicon.svg): a small rising line on the top
 * bar's colour. A browser that asks for /favicon.ico anyway gets 204 No Content.
 */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1c2430"/><polyline points="2.5,12 6,8 9,10 13.5,4" fill="none" stroke="#7fd19b" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Whether an Authorization header carries the token (constant-time comparison). */
export function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return timingSafeEqual(digest(m === null ? '' : m[1]), digest(token)) && m !== null;
}

function withStore<T>(stateDir: string, fn: (s: LiveStore) => T): T {
  const store = openStore(stateDir, { readonly: true });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function readPromotion(stateDir: string): PromotionRead {
  try {
    const status = promotionStatus(stateDir);
    const ext = status.unrecordedPromoted === null ? undefined : readPromoted(stateDir);
    return { ok: true, status, unrecorded: ext === undefined ? null : { since: ext.since, previous: (ext.previous ?? []).map((x) => ({ configHash: x.configHash, since: x.since })) } };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

function promotionMark(stateDir: string): string {
  try {
    const s = statSync(join(stateDir, PROMOTION_FILES.history));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return '';
  }
}

function limitOf(c: Context, def: number, max: number): number {
  const raw = c.req.query('limit');
  if (raw === undefined) return def;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new ApiHttpError(400, 'BAD_REQUEST', `limit must be an integer from 1 to ${max}`);
  return Number(raw);
}

/** Watches the book for changes (one poller for every open stream). */
class ChangeWatcher {
  private timer: NodeJS.Timeout | undefined;
  private last: ChangeMarks | undefined;
  private readonly listeners = new Set<(u: { version: string; changed: EventsUpdate['changed'] }) => void>();

  constructor(
    private readonly stateDir: string,
    private readonly pollMs: number,
    private readonly log: (line: string) => void,
  ) {}

  marks(): ChangeMarks {
    return { ...withStore(this.stateDir, (s) => s.changeMarks()), promotion: promotionMark(this.stateDir) };
  }

  subscribe(fn: (u: { version: string; changed: EventsUpdate['changed'] }) => void): () => void {
    this.listeners.add(fn);
    if (this.timer === undefined) {
      this.last = this.marks();
      this.timer = setInterval(() => this.tick(), this.pollMs);
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private tick(): void {
    try {
      const now = this.marks();
      const before = this.last;
      this.last = now;
      if (before === undefined) return;
      const changed = changedViews(before, now);
      if (changed.length === 0) return;
      const u = { version: versionOf(now), changed };
      for (const fn of this.listeners) fn(u);
    } catch (e) {
      this.log(`keiba live dashboard: change watcher failed (${e instanceof Error ? e.message : String(e)})\n`);
    }
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

interface ActionFields {
  readonly reason: string;
  readonly who: string;
  readonly raceId?: string | null;
  readonly alertId?: number;
}

/** Checks an action's body (after the token and the media type were checked). */
function actionFields(kind: OperatorActionKind, body: unknown): ActionFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiHttpError(400, 'BAD_REQUEST', 'the body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (b.confirm !== true) throw new ApiHttpError(400, 'CONFIRMATION_REQUIRED', `${kind} needs "confirm": true in the body (confirm the action first)`);
  if (b.who !== undefined && b.who !== null && (typeof b.who !== 'string' || (b.who.trim() !== '' && !WHO.test(b.who.trim())))) throw new ApiHttpError(400, 'BAD_REQUEST', 'who must be 1-64 characters of letters, digits, space and ._@-');
  if (b.reason !== undefined && typeof b.reason !== 'string') throw new ApiHttpError(400, 'BAD_REQUEST', 'reason must be a string');
  const reason = typeof b.reason === 'string' ? b.reason.trim() : '';
  if (reason.length > MAX_REASON_CHARS) throw new ApiHttpError(400, 'BAD_REQUEST', `reason must be at most ${MAX_REASON_CHARS} characters`);
  if (reason === '' && kind !== 'ack') throw new ApiHttpError(400, 'REASON_REQUIRED', `${kind} needs a non-empty reason (it is recorded in the audit log)`);
  const who = typeof b.who === 'string' ? b.who.trim() || 'operator' : 'operator';
  if (kind === 'skip') {
    if (b.raceId !== undefined && b.raceId !== null && (typeof b.raceId !== 'string' || b.raceId.trim() === '' || b.raceId.length > 200)) throw new ApiHttpError(400, 'BAD_REQUEST', 'raceId must be a non-empty string (or null for the next race)');
    return { reason, who, raceId: typeof b.raceId === 'string' ? b.raceId.trim() : null };
  }
  if (kind === 'ack') {
    if (typeof b.alertId !== 'number' || !Number.isSafeInteger(b.alertId) || b.alertId < 1) throw new ApiHttpError(400, 'BAD_REQUEST', 'alertId must be a positive integer (the id of an alert)');
    return { reason, who, alertId: b.alertId };
  }
  return { reason, who };
}

/**
 * Builds the app (see the header). Start it with startDashboard (index.ts).
 * @example const { app } = createDashboardApp({ stateDir: 'state', token, staleAfterSeconds: 120, page });
 */
export function createDashboardApp(o: DashboardAppOptions): DashboardApp {
  const log = o.log ?? ((line: string) => process.stderr.write(line));
  const now = o.now ?? Date.now;
  const watcher = new ChangeWatcher(o.stateDir, o.pollMs ?? 1000, log);
  const closers = new Set<() => void>();
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
    if (c.req.path.startsWith('/api/')) c.res.headers.set('Cache-Control', 'no-store');
  });

  app.onError((e, c) => {
    const a = errorAnswer(e);
    if (a.unexpected) log(`keiba live dashboard: ${c.req.method} ${c.req.path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return c.json(a.body, a.status);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  // The page: no token (it holds no data).
  const html = (c: Context) => c.body(o.page.html, 200, { 'Content-Type': 'text/html; charset=utf-8' });
  app.get('/', html);
  app.get('/index.html', html);
  app.get('/app.js', (c) => c.body(o.page.js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/app.css', (c) => c.body(o.page.css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  // Every /api route needs the token; without it nothing runs.
  app.use('/api/*', async (c, next) => {
    if (!authorized(c.req.header('authorization'), o.token)) {
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'missing or wrong access token (send Authorization: Bearer <token>)' } }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    await next();
  });

  app.get('/api/status', (c) => {
    const promotion = readPromotion(o.stateDir);
    return c.json(withStore(o.stateDir, (s) => statusView(s, promotion, now(), o.staleAfterSeconds)));
  });
  app.get('/api/races', (c) => c.json(withStore(o.stateDir, (s) => racesView(s))));
  app.get('/api/orders', (c) => {
    const limit = limitOf(c, 50, 500);
    return c.json(withStore(o.stateDir, (s) => ordersView(s, limit)));
  });
  app.get('/api/alerts', (c) => {
    const limit = limitOf(c, 100, 1000);
    return c.json(withStore(o.stateDir, (s) => alertsView(s, limit)));
  });
  app.get('/api/charts', (c) => c.json(withStore(o.stateDir, (s) => chartsView(s))));

  app.get('/api/events', (c) => {
    const liveness = () => withStore(o.stateDir, (s) => runnerLiveness(s, now(), o.staleAfterSeconds));
    return streamSSE(c, async (stream) => {
      let open = true;
      const send = (event: string, data: object): void => {
        if (!open) return;
        stream.writeSSE({ event, data: JSON.stringify(data) }).catch(() => {
          open = false;
        });
      };
      const hello: EventsHello = { version: versionOf(watcher.marks()), runner: liveness() };
      send('hello', hello);
      const unsubscribe = watcher.subscribe((u) => {
        try {
          const ev: EventsUpdate = { ...u, runner: liveness() };
          send('update', ev);
        } catch (e) {
          log(`keiba live dashboard: update event failed (${e instanceof Error ? e.message : String(e)})\n`);
        }
      });
      const beat = setInterval(() => {
        try {
          const hb: EventsHeartbeat = { now: new Date(now()).toISOString(), runner: liveness() };
          send('heartbeat', hb);
        } catch (e) {
          log(`keiba live dashboard: heartbeat failed (${e instanceof Error ? e.message : String(e)})\n`);
        }
      }, o.heartbeatMs ?? 15_000);
      await new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        closers.add(resolve);
      });
      open = false;
      clearInterval(beat);
      unsubscribe();
    });
  });

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: { code: 'BODY_TOO_LARGE', message: `the body is larger than ${MAX_BODY_BYTES} bytes` } }, 413),
  });
  for (const kind of Object.keys(OPERATOR_ACTIONS) as OperatorActionKind[]) {
    app.post(`/api/${kind}`, limitBody, async (c) => {
      const ct = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;.*)?$/i.test(ct)) throw new ApiHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as Content-Type: application/json');
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiHttpError(400, 'BAD_JSON', 'the body is not valid JSON');
      }
      const f = actionFields(kind, body);
      const out = OPERATOR_ACTIONS[kind]({ stateDir: o.stateDir, reason: f.reason, actor: `dashboard:${f.who}`, source: 'dashboard', raceId: f.raceId, alertId: f.alertId, nowMs: now() });
      const res: ActionResponse = {
        ok: true,
        action: out.action,
        actor: out.actor,
        at: out.at,
        reason: out.reason,
        auditSeq: out.auditSeq ?? 0,
        message: out.message,
        ...(out.raceId !== undefined ? { raceId: out.raceId } : {}),
        ...(out.alertId !== undefined ? { alertId: out.alertId } : {}),
        ...(out.rollback !== undefined ? { rollback: out.rollback } : {}),
        ...(out.halt !== undefined ? { halt: out.halt } : {}),
      };
      return c.json(res, 200);
    });
  }

  return {
    app,
    close: () => {
      for (const r of closers) r();
      closers.clear();
      watcher.stop();
    },
  };
}
