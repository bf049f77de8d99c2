/**
 * End-to-end test of the operations dashboard in headless Chromium (Debian's, driven by
 * playwright-core) against a replayed paper day: the real runner replays the synthetic day
 * into a paper book and waits at a gate before a race's decision; the dashboard server serves
 * the bundled page over that book. On the page: the bankroll equals the book's, an alert is
 * acknowledged, Halt is clicked and confirmed; then the runner finishes the day and buys
 * nothing more, and the audit log holds the halt with its source and reason. The page must
 * log no console error and ask nothing of any host but the dashboard's. Full-page screenshots
 * go to test-artifacts/dashboard/. Skips with a message only when Chromium is absent outside CI.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard } from '../../../src/live/dashboard/index.ts';
import { formatYen } from '../../../src/live/dashboard/page/ui/format.ts';
import { verifyAudit } from '../../../src/live/index.ts';
import { ARTIFACTS, CHROMIUM, chromiumPresent } from '../../report/browser.ts';
import { startGatedPaperDay, type GatedPaperDay } from './e2e-paper-day.ts';

const present = chromiumPresent('the operations dashboard');
const SHOTS = join(ARTIFACTS, 'dashboard');
const TOKEN = 'e2e-token-7f3a9c1d5b2e8f60';
const WHO = 'e2e-operator';
const HALT_REASON = 'odds feed looks wrong (e2e halt)';
/** The runner stops before the decision of this race (0-based, by post time). */
const GATE_RACE = 12;

type Dashboard = Awaited<ReturnType<typeof startDashboard>>;

function launch(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
}

/** Records what must not happen on the page: console errors, page errors, requests elsewhere. */
function watch(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin || !['127.0.0.1', 'localhost'].includes(u.hostname)) problems.push(`request to another host: ${r.url()}`);
    if (u.search.toLowerCase().includes('token')) problems.push(`token in a query string: ${u.pathname}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${new URL(r.url()).pathname}`);
  });
  page.on('requestfailed', (r) => {
    // The event stream is aborted when the page closes or reconnects; anything else is a problem.
    if (!r.url().endsWith('/api/events')) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? ''})`);
  });
  return problems;
}

/** expect.poll with room for a loaded machine (the default gives up after one second). */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}

async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').trim();
}

describe.skipIf(!present)('operations dashboard page in Chromium over a replayed paper day', () => {
  let work: string;
  let context: BrowserContext;
  let day: GatedPaperDay;
  let dash: Dashboard;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'keiba-dash-browser-'));
    mkdirSync(SHOTS, { recursive: true });
    day = startGatedPaperDay(GATE_RACE);
    await day.untilGate();
    // The replayed day's activity carries simulated (past) times: a wide stale limit keeps the
    // runner "running" while it waits at the gate.
    dash = await startDashboard({ stateDir: day.stateDir, port: 0, host: '127.0.0.1', token: TOKEN, staleAfterSeconds: 10 ** 9 });
    context = await launch(join(work, 'profile'));
  });
  afterAll(async () => {
    await context?.close();
    await dash?.close();
    if (day !== undefined) {
      day.clock.open();
      await day.done.catch(() => undefined);
      day.close();
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows the book, acks an alert, and a halt clicked on the page stops purchases in the runner (audited)', async () => {
    const origin = new URL(dash.url).origin;
    const page = await context.newPage();
    const problems = watch(page, origin);
    await page.goto(`${origin}/#token=${TOKEN}`, { waitUntil: 'load' });

    // The token leaves the address bar at once; the bankroll shown is the book's.
    await eventually(() => page.url()).toBe(`${origin}/`);
    const bankroll = formatYen(day.store.bankrollYen());
    await eventually(() => textOf(page, '#bankroll')).toBe(bankroll);
    expect(await textOf(page, '#book-state-word')).toBe('OK');
    await eventually(() => textOf(page, '#runner-text')).toMatch(/^runner running · last activity/);
    expect(await page.locator('#stale-banner').isVisible()).toBe(false);
    await eventually(() => textOf(page, '#updated-line')).toContain('· live');
    // Races, orders (with their idempotency keys) and both charts are drawn.
    const orders = day.store.allOrders();
    expect(orders.length).toBeGreaterThan(5);
    await eventually(() => page.locator('#races-body tr').count()).toBe(36);
    await eventually(() => page.locator('#bought-body tr').count()).toBe(orders.filter((o) => o.status === 'bought').length);
    const failed = orders.filter((o) => o.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    await eventually(() => page.locator('#failed-body tr').count()).toBe(failed.length);
    expect(await page.locator(`#failed-body td.key[title="${failed[0].key}"]`).count()).toBe(1);
    await page.locator('#chart-bankroll svg').first().waitFor();
    await page.locator('#chart-drawdown svg').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'dashboard-before-halt.png'), fullPage: true });
    // The page declares its icon, and the server has it.
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');

    // An alert is acknowledged through the confirmation dialog.
    const alerts = day.store.alerts();
    expect(alerts.length).toBeGreaterThan(0);
    const newest = alerts[alerts.length - 1];
    const ack = page.locator(`#alerts-body button[data-alert-id="${newest.id}"]`);
    await ack.click();
    await page.locator('#confirm-dialog').waitFor({ state: 'visible' });
    await page.fill('#confirm-who', WHO);
    await page.fill('#confirm-reason', 'seen; the venue retried it');
    await page.click('#confirm-ok');
    await page.locator('#confirm-dialog').waitFor({ state: 'hidden' });
    await eventually(() => ack.count()).toBe(0);
    expect(day.store.alertAcks().get(newest.id)).toMatchObject({ actor: `dashboard:${WHO}`, source: 'dashboard', reason: 'seen; the venue retried it' });

    // Halt: the dialog says what happens; nothing is posted until Confirm.
    await page.click('#btn-halt');
    await page.locator('#confirm-dialog').waitFor({ state: 'visible' });
    expect(await textOf(page, '#confirm-sentence')).toContain('buy nothing more');
    await page.fill('#confirm-who', WHO);
    await page.fill('#confirm-reason', HALT_REASON);
    await page.screenshot({ path: join(SHOTS, 'dashboard-halt-dialog.png'), fullPage: false });
    expect(day.store.haltState().halted).toBe(false);
    await page.click('#confirm-ok');
    await page.locator('#confirm-dialog').waitFor({ state: 'hidden' });
    await eventually(() => textOf(page, '#book-state-word')).toBe('HALTED');
    expect(await textOf(page, '#book-state-reason')).toContain(HALT_REASON);
    expect(await textOf(page, '#halt-banner')).toContain(`Purchases halted by dashboard:${WHO}`);
    expect(await textOf(page, '#action-result')).toMatch(/^halt recorded \(audit record \d+\)/);
    expect(await page.locator('#btn-halt').isDisabled()).toBe(true);
    expect(await page.locator('#btn-resume').isDisabled()).toBe(false);
    expect(day.store.haltState()).toMatchObject({ halted: true, reason: HALT_REASON });
    // Cancel posts nothing: Resume opened and cancelled leaves the book halted.
    await page.click('#btn-resume');
    await page.locator('#confirm-dialog').waitFor({ state: 'visible' });
    await page.click('#confirm-cancel');
    await page.locator('#confirm-dialog').waitFor({ state: 'hidden' });
    expect(day.store.haltState().halted).toBe(true);

    // The runner goes on with the day and buys nothing more.
    const ordersAtHalt = day.store.allOrders().length;
    day.clock.open();
    const summary = await day.done;
    const after = new Set(day.afterGate.map((r) => r.raceId));
    expect(after.size).toBeGreaterThan(10);
    expect(day.store.allOrders()).toHaveLength(ordersAtHalt);
    expect(day.store.allOrders().filter((o) => after.has(o.raceId))).toEqual([]);
    const skipped = new Map(summary.skipped.map((s) => [s.raceId, s.reason]));
    for (const id of after) expect(skipped.get(id), id).toBe(`halted (dashboard:${WHO}): ${HALT_REASON}`);
    expect(summary.halted).toBe(true);

    // The audit log holds the halt (and the ack) with where it came from and why; it verifies.
    const records = day.store.auditRecords();
    const halt = records.filter((r) => r.kind === 'halt');
    expect(halt).toHaveLength(1);
    expect(halt[0].data).toMatchObject({ source: 'dashboard', actor: `dashboard:${WHO}`, reason: HALT_REASON });
    expect(records.filter((r) => r.kind === 'purchase' && after.has(String(r.data.raceId)))).toEqual([]);
    expect(records.filter((r) => r.kind === 'alert_ack')).toHaveLength(1);
    expect(verifyAudit(day.store).ok).toBe(true);

    // The page follows without a reload: races skipped, runner no longer running.
    const lastAfter = day.afterGate[day.afterGate.length - 1].raceId;
    await eventually(() => page.locator('#races-body tr', { hasText: lastAfter }).locator('.pill').textContent()).toBe('skipped');
    await eventually(() => page.locator('#stale-banner').isVisible()).toBe(true);
    expect(await textOf(page, '#stale-banner')).toMatch(/^Runner not running/);
    await eventually(() => textOf(page, '#bankroll')).toBe(formatYen(day.store.bankrollYen()));
    await page.screenshot({ path: join(SHOTS, 'dashboard-after-halt.png'), fullPage: true });

    // No secret on the page: the token is nowhere in the document or the address.
    expect(await page.content()).not.toContain(TOKEN);
    expect(page.url()).not.toContain(TOKEN);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('without a token the page asks for one; a wrong token is refused with the form shown again', async () => {
    const origin = new URL(dash.url).origin;
    const page = await context.newPage();
    const problems = watch(page, origin);
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.locator('#token-dialog').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(SHOTS, 'dashboard-token-form.png'), fullPage: false });
    await page.fill('#token-input', 'not-the-token');
    await page.click('#token-ok');
    await eventually(() => textOf(page, '#token-error')).toContain('401');
    expect(await page.locator('#token-dialog').isVisible()).toBe(true);
    await page.fill('#token-input', TOKEN);
    await page.click('#token-ok');
    await page.locator('#token-dialog').waitFor({ state: 'hidden' });
    await eventually(() => textOf(page, '#bankroll')).toBe(formatYen(day.store.bankrollYen()));
    await page.close();
    // The 401 answers show as failed loads in the console: only those are expected.
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
  });

  it('while the event stream cannot be opened the page polls every 2 s, says so, and still follows the book', async () => {
    const origin = new URL(dash.url).origin;
    const page = await context.newPage();
    const problems = watch(page, origin);
    await page.route('**/api/events', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'no stream in this test' } }) }));
    await page.goto(`${origin}/#token=${TOKEN}`, { waitUntil: 'load' });
    await eventually(() => textOf(page, '#bankroll')).toBe(formatYen(day.store.bankrollYen()));
    await eventually(() => textOf(page, '#updated-line')).toContain('· polling every 2 s');
    expect(await textOf(page, '#conn-banner')).toContain('polling every 2 s');
    // A change made elsewhere (here straight through the API) shows up without a reload.
    const halted = day.store.haltState().halted;
    const res = await fetch(`${origin}/api/${halted ? 'resume' : 'halt'}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ confirm: true, who: WHO, reason: 'polling check' }),
    });
    expect(res.status).toBe(200);
    await eventually(() => textOf(page, '#book-state-word')).toBe(halted ? 'OK' : 'HALTED');
    await page.close();
    // Only the refused stream may show in the console.
    expect(problems.filter((p) => !p.includes('/api/events'))).toEqual([]);
  });

  it('Skip asks for confirmation and records a skip request for the next race decided, with its reason', async () => {
    const origin = new URL(dash.url).origin;
    const page = await context.newPage();
    const problems = watch(page, origin);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${origin}/#token=${TOKEN}`, { waitUntil: 'load' });
    await eventually(() => page.locator('#btn-skip').isDisabled()).toBe(false);
    const before = day.store.pendingSkips().length;
    await page.selectOption('#skip-race', '');
    await page.click('#btn-skip');
    await page.locator('#confirm-dialog').waitFor({ state: 'visible' });
    expect(await textOf(page, '#confirm-sentence')).toContain('The next race the runner decides will be skipped');
    await page.fill('#confirm-who', WHO);
    await page.fill('#confirm-reason', 'track condition report pending');
    await page.click('#confirm-ok');
    await page.locator('#confirm-dialog').waitFor({ state: 'hidden' });
    await eventually(() => textOf(page, '#action-result')).toMatch(/^skip recorded \(audit record \d+\)/);
    const skips = day.store.pendingSkips();
    expect(skips).toHaveLength(before + 1);
    expect(skips[skips.length - 1]).toMatchObject({ raceId: null, reason: 'track condition report pending' });
    await page.screenshot({ path: join(SHOTS, 'dashboard-narrow.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });
});
