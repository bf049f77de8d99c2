/**
 * The operations dashboard of a live book (`keiba live dashboard`): starts the HTTP server on
 * 127.0.0.1 (another interface only when asked, with a warning), builds the page once, and
 * hands back the URL (token in the fragment), the port and a close function.
 * Layer: live/dashboard; not pure (network, state folder).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { LiveError } from '../errors.ts';
import { openStore } from '../store/live-store.ts';
import { buildPage } from './page/build-page.ts';
import { createDashboardApp, type PageAssets } from './server.ts';

export type * from './api-types.ts';
export { createDashboardApp, authorized, MAX_BODY_BYTES, MAX_REASON_CHARS, type DashboardApp, type DashboardAppOptions, type PageAssets } from './server.ts';
export { ApiHttpError, errorAnswer } from './http-errors.ts';
export { chartsOf, ledgerEquityPoints } from './charts.ts';
export { alertsView, chartsView, ordersView, racesView, runnerLiveness, statusView } from './views.ts';

/** Environment variable holding the access token (else one is drawn at start). */
export const DASHBOARD_TOKEN_ENV = 'KEIBA_DASHBOARD_TOKEN';

/** Options of {@link startDashboard}. */
export interface StartDashboardOptions {
  readonly stateDir: string;
  /** Port; 0 picks a free one; default 8080. */
  readonly port?: number;
  /** Interface; default 127.0.0.1. Anything not loopback gets a warning on stderr. */
  readonly host?: string;
  /** Access token; default $KEIBA_DASHBOARD_TOKEN, else 32 random bytes (hex). */
  readonly token?: string;
  /** The runner counts as stale after this many quiet seconds while a run is open; default 120. */
  readonly staleAfterSeconds?: number;
  /** The page's assets; default buildPage() (bundled once at start). */
  readonly page?: PageAssets;
  /** Update events: poll period and heartbeat, ms (tests shorten them). */
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  /** Warnings and unexpected errors; default stderr. */
  readonly log?: (line: string) => void;
}

/** A running dashboard. */
export interface RunningDashboard {
  /** `http://host:port/#token=...` (the fragment never reaches the server). */
  readonly url: string;
  /** `http://host:port` without the token. */
  readonly origin: string;
  readonly port: number;
  readonly host: string;
  readonly token: string;
  /** Stops accepting requests, ends the event streams and waits for the server to close. */
  close(): Promise<void>;
}

/** Whether a host name or address is the loopback interface. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The access token: the given one, else $KEIBA_DASHBOARD_TOKEN, else a fresh random one.
 * @throws LiveError LIVE_BAD_OPTION for a token shorter than 16 characters or with spaces
 */
export function dashboardToken(given: string | undefined, env: NodeJS.ProcessEnv = process.env): { token: string; fromEnv: boolean; generated: boolean } {
  const t = given ?? env[DASHBOARD_TOKEN_ENV];
  if (t === undefined || t === '') return { token: randomBytes(32).toString('hex'), fromEnv: false, generated: true };
  if (t.length < 16 || /\s/.test(t)) throw new LiveError('LIVE_BAD_OPTION', `the dashboard token must be at least 16 characters without spaces (${given === undefined ? DASHBOARD_TOKEN_ENV : 'token'})`, { field: 'token' });
  return { token: t, fromEnv: given === undefined, generated: false };
}

/**
 * Starts the dashboard (see the header).
 * @throws LiveError LIVE_STORE when the folder holds no live book, LIVE_BAD_OPTION for a bad port,
 *   host or token, or a port in use
 * @example const d = await startDashboard({ stateDir: 'state', port: 0 }); console.log(d.url); await d.close();
 */
export async function startDashboard(o: StartDashboardOptions): Promise<RunningDashboard> {
  const host = o.host ?? '127.0.0.1';
  const port = o.port ?? 8080;
  const staleAfterSeconds = o.staleAfterSeconds ?? 120;
  const log = o.log ?? ((line: string) => process.stderr.write(line));
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new LiveError('LIVE_BAD_OPTION', `port ${port} is not a port number (0-65535)`, { field: 'port', value: port });
  if (!Number.isFinite(staleAfterSeconds) || staleAfterSeconds <= 0) throw new LiveError('LIVE_BAD_OPTION', `stale-after ${staleAfterSeconds} must be a positive number of seconds`, { field: 'staleAfterSeconds', value: staleAfterSeconds });
  if (host.trim() === '') throw new LiveError('LIVE_BAD_OPTION', 'host must not be empty', { field: 'host' });
  const { token } = dashboardToken(o.token);
  // The folder must hold a book: checked once through the same read-only connection the views use.
  openStore(o.stateDir, { readonly: true }).close();
  if (!isLoopback(host)) log(`keiba live dashboard: WARNING: listening on ${host}, not the loopback interface: anyone who can reach it and holds the token can halt, resume, skip and roll back this book\n`);
  const page = o.page ?? (await buildPage());
  const d = createDashboardApp({ stateDir: o.stateDir, token, staleAfterSeconds, page, pollMs: o.pollMs, heartbeatMs: o.heartbeatMs, log });
  const server = createAdaptorServer({ fetch: d.app.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      d.close();
      reject(new LiveError('LIVE_BAD_OPTION', `cannot listen on ${host}:${port} (${e.code ?? e.message})`, { field: 'port', value: port }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const origin = `http://${shown}:${actual}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port: actual,
    host,
    token,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        d.close();
        server.close(() => resolve());
        const s = server as unknown as { closeAllConnections?: () => void };
        setTimeout(() => s.closeAllConnections?.(), 50).unref();
      });
      return closing;
    },
  };
}
