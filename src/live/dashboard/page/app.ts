/**
 * The operations dashboard page (browser entry, bundled by build-page.ts): reads the access
 * token, loads the views of the JSON API, keeps them fresh from the server-sent events (read
 * with fetch, since the token travels in a header; polling every 2 s while the stream is down),
 * shows the runner's liveness, and runs the manual actions through a confirmation dialog.
 * The page never buys anything and never acts by itself: every POST follows an operator's click
 * and confirmation. Layer: live/dashboard/page (browser; types from ../api-types.ts).
 * Effects: DOM, network (same origin only), sessionStorage.
 */
import type {
  AlertsResponse,
  ChartsResponse,
  EventsHeartbeat,
  EventsHello,
  EventsUpdate,
  OrdersResponse,
  RacesResponse,
  RunnerLiveness,
  StatusResponse,
} from '../api-types.ts';
import { createActions } from './ui/actions.ts';
import { Api, ApiFailure, forgetToken, saveToken, takeToken } from './ui/api.ts';
import { renderChart } from './ui/charts.ts';
import { byId, setText, show } from './ui/dom.ts';
import { formatAge, formatUtc, formatUtcTime } from './ui/format.ts';
import { renderAccounts, renderAlerts, renderOrders, renderPromoted, renderRaces, renderStatusHeader } from './ui/views.ts';

type ViewName = 'status' | 'races' | 'orders' | 'alerts' | 'charts';
const ALL_VIEWS: readonly ViewName[] = ['status', 'races', 'orders', 'alerts', 'charts'];
const POLL_MS = 2000;
const RECONNECT_MS = 3000;
/** No event for this long (heartbeats come every 15 s): the stream is treated as dead. */
const STREAM_SILENCE_MS = 40_000;

const state = {
  api: null as Api | null,
  status: null as StatusResponse | null,
  races: null as RacesResponse | null,
  charts: null as ChartsResponse | null,
  liveness: null as { runner: RunnerLiveness; receivedAtMs: number } | null,
  lastUpdateMs: null as number | null,
  /** The event stream: opening (first attempt), open, or down (polling meanwhile). */
  stream: 'opening' as 'opening' | 'open' | 'down',
  streamGeneration: 0,
  streamAbort: null as AbortController | null,
  pollTimer: null as number | null,
  actionInFlight: false,
  failures: new Map<ViewName, string>(),
  tokenDialogOpen: false,
};

// ----------------------------------------------------------------------------------------------
// Views
// ----------------------------------------------------------------------------------------------

const pending = new Set<ViewName>();
let draining = false;

function refresh(names: readonly ViewName[]): void {
  for (const n of names) pending.add(n);
  if (!draining) void drain();
}

async function drain(): Promise<void> {
  draining = true;
  try {
    while (pending.size > 0 && state.api !== null) {
      const names = [...pending];
      pending.clear();
      await Promise.all(names.map((n) => loadView(state.api as Api, n)));
    }
  } finally {
    draining = false;
  }
}

async function loadView(api: Api, name: ViewName): Promise<void> {
  try {
    switch (name) {
      case 'status': {
        const s = await api.get<StatusResponse>('/api/status');
        state.status = s;
        renderStatusHeader(s);
        renderAccounts(s);
        renderPromoted(s);
        setLiveness(s.runner);
        break;
      }
      case 'races': {
        const r = await api.get<RacesResponse>('/api/races');
        state.races = r;
        renderRaces(r);
        break;
      }
      case 'orders':
        renderOrders(await api.get<OrdersResponse>('/api/orders'));
        break;
      case 'alerts':
        renderAlerts(await api.get<AlertsResponse>('/api/alerts'), ackAlert);
        break;
      case 'charts': {
        state.charts = await api.get<ChartsResponse>('/api/charts');
        await drawCharts(state.charts);
        break;
      }
    }
    state.failures.delete(name);
    state.lastUpdateMs = Date.now();
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) return;
    state.failures.set(name, e instanceof ApiFailure ? `${e.code}: ${e.message}` : (e as Error).message);
  }
  updateButtons();
  renderConnection();
}

function drawCharts(c: ChartsResponse): Promise<unknown> {
  setText(byId('charts-points'), c.points === 0 ? '' : `${c.points} ledger rows`);
  return Promise.all([renderChart(byId('chart-bankroll'), c.bankroll, 'No ledger rows yet.'), renderChart(byId('chart-drawdown'), c.drawdown, 'No ledger rows yet.')]);
}

// ----------------------------------------------------------------------------------------------
// Liveness and connection
// ----------------------------------------------------------------------------------------------

function setLiveness(runner: RunnerLiveness): void {
  state.liveness = { runner, receivedAtMs: Date.now() };
  renderLiveness();
}

function renderLiveness(): void {
  const line = byId('runner-line');
  const banner = byId('stale-banner');
  const l = state.liveness;
  if (l === null) return;
  const r = l.runner;
  const age = r.staleSeconds === null ? null : r.staleSeconds + (Date.now() - l.receivedAtMs) / 1000;
  const ago = age === null ? '' : `${formatAge(age)} ago`;
  if (r.running && !r.stale) {
    line.dataset.state = 'ok';
    setText(byId('runner-text'), `runner running · last activity ${ago}`, r.lastActivityAt === null ? '' : formatUtc(r.lastActivityAt));
    show(banner, false);
    return;
  }
  line.dataset.state = 'bad';
  let text: string;
  if (r.lastActivityAt === null) {
    setText(byId('runner-text'), 'runner not running · empty book');
    text = 'Runner not running: the book has no activity yet.';
  } else if (r.running) {
    setText(byId('runner-text'), `runner stale · last activity ${ago}`);
    text = `Runner not answering: state stale since ${formatUtc(r.lastActivityAt)} (${ago}; limit ${r.staleAfterSeconds} s). Figures below may be out of date.`;
  } else {
    setText(byId('runner-text'), `runner not running · last activity ${ago}`);
    const day = r.lastRunDate === null ? '' : ` Last run: race day ${r.lastRunDate}.`;
    text = `Runner not running: state as of ${formatUtc(r.lastActivityAt)} (${ago}).${day}`;
  }
  banner.textContent = text;
  show(banner, true);
}

function renderConnection(): void {
  const updated = byId('updated-line');
  const mode = state.stream === 'open' ? 'live' : state.stream === 'opening' ? 'connecting' : 'polling every 2 s';
  if (state.lastUpdateMs === null) setText(updated, `not updated yet · ${mode}`);
  else {
    const age = (Date.now() - state.lastUpdateMs) / 1000;
    setText(updated, `updated ${formatUtcTime(new Date(state.lastUpdateMs).toISOString())} UTC (${formatAge(age)} ago) · ${mode}`);
    updated.dataset.state = age > 30 ? 'old' : 'fresh';
  }
  const banner = byId('conn-banner');
  const problems = [...state.failures.entries()].map(([view, msg]) => `${view}: ${msg}`);
  if (problems.length > 0) {
    banner.textContent = `Cannot load ${problems.join(' · ')}`;
    show(banner, true);
  } else if (state.stream === 'down' && state.api !== null) {
    banner.textContent = 'Live updates are interrupted: polling every 2 s until the event stream is back.';
    show(banner, true);
  } else {
    show(banner, false);
  }
}

// ----------------------------------------------------------------------------------------------
// Updates: the event stream, and polling while it is down
// ----------------------------------------------------------------------------------------------

function startPolling(): void {
  if (state.pollTimer !== null) return;
  state.pollTimer = window.setInterval(() => refresh(['status', 'races', 'orders', 'alerts']), POLL_MS);
}

function stopPolling(): void {
  if (state.pollTimer !== null) window.clearInterval(state.pollTimer);
  state.pollTimer = null;
}

function onEvent(name: string, data: unknown): void {
  if (name === 'hello') {
    state.stream = 'open';
    stopPolling();
    setLiveness((data as EventsHello).runner);
    refresh(ALL_VIEWS);
  } else if (name === 'update') {
    const u = data as EventsUpdate;
    setLiveness(u.runner);
    refresh(u.changed.filter((v): v is ViewName => (ALL_VIEWS as readonly string[]).includes(v)));
  } else if (name === 'heartbeat') {
    setLiveness((data as EventsHeartbeat).runner);
  }
  renderConnection();
}

async function streamLoop(api: Api, generation: number): Promise<void> {
  while (generation === state.streamGeneration) {
    const abort = new AbortController();
    state.streamAbort = abort;
    let silence = window.setTimeout(() => abort.abort(), STREAM_SILENCE_MS);
    try {
      await api.stream('/api/events', abort.signal, (name, data) => {
        window.clearTimeout(silence);
        silence = window.setTimeout(() => abort.abort(), STREAM_SILENCE_MS);
        onEvent(name, data);
      });
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return;
    } finally {
      window.clearTimeout(silence);
    }
    if (generation !== state.streamGeneration) return;
    state.stream = 'down';
    startPolling();
    renderConnection();
    await new Promise((r) => window.setTimeout(r, RECONNECT_MS));
  }
}

function stopUpdates(): void {
  state.streamGeneration++;
  state.streamAbort?.abort();
  state.streamAbort = null;
  state.stream = 'opening';
  stopPolling();
}

// ----------------------------------------------------------------------------------------------
// Token
// ----------------------------------------------------------------------------------------------

function connect(token: string): void {
  stopUpdates();
  state.api = new Api(token, onUnauthorized);
  state.failures.clear();
  refresh(ALL_VIEWS);
  const generation = state.streamGeneration;
  void streamLoop(state.api, generation);
  renderConnection();
}

function onUnauthorized(): void {
  if (state.api === null) return;
  forgetToken();
  stopUpdates();
  state.api = null;
  updateButtons();
  askToken('The server refused the token (401). Enter the current access token.');
}

function askToken(message: string | null): void {
  const dialog = byId<HTMLDialogElement>('token-dialog', HTMLDialogElement);
  const error = byId('token-error');
  if (message === null) show(error, false);
  else {
    setText(error, message);
    show(error, true);
  }
  byId<HTMLInputElement>('token-input', HTMLInputElement).value = '';
  if (!dialog.open) dialog.showModal();
  state.tokenDialogOpen = true;
}

function wireTokenDialog(): void {
  const dialog = byId<HTMLDialogElement>('token-dialog', HTMLDialogElement);
  const form = byId<HTMLFormElement>('token-form', HTMLFormElement);
  const input = byId<HTMLInputElement>('token-input', HTMLInputElement);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (token === '') return;
    input.value = '';
    saveToken(token);
    dialog.close();
    state.tokenDialogOpen = false;
    connect(token);
  });
  // Escape closes the dialog only when a token is already in use.
  dialog.addEventListener('cancel', (e) => {
    if (state.api === null) e.preventDefault();
    else state.tokenDialogOpen = false;
  });
  byId('btn-token').addEventListener('click', () => askToken(null));
}

// ----------------------------------------------------------------------------------------------
// Actions
// ----------------------------------------------------------------------------------------------

const { updateButtons, ackAlert, wireActions } = createActions({ state, refreshAll: () => refresh(ALL_VIEWS) });

// ----------------------------------------------------------------------------------------------
// Start
// ----------------------------------------------------------------------------------------------

function start(): void {
  wireTokenDialog();
  wireActions();
  updateButtons();
  window.setInterval(() => {
    renderLiveness();
    renderConnection();
  }, 1000);
  // Charts are sized to their panel: drawn again (from the last answer) when the window resizes.
  let resizeTimer: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      if (state.charts !== null) void drawCharts(state.charts);
    }, 250);
  });
  const token = takeToken();
  if (token === null) askToken(null);
  else connect(token);
}

start();
