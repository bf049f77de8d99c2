/**
 * End-to-end test of writeBacktestReport: writes the report of the backtest fixture folder (a
 * real `keiba sim backtest` output) into a temp copy, opens report.html in headless Chromium
 * (Debian's, driven by playwright-core), waits for the inline SVG charts, fails on any console
 * error or request, and saves a screenshot to test-artifacts/. Skips with a message only when
 * Chromium is absent outside CI.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBacktestReport } from '../../src/report/index.ts';
import { BACKTEST_FIXTURE } from '../fixtures/report/backtest-fixture.ts';
import { ARTIFACTS, chromiumPresent, launchChromium, openReport } from './browser.ts';

const present = chromiumPresent('the backtest report.html');

describe.skipIf(!present)('writeBacktestReport(resultsDir) in Chromium', () => {
  let context: BrowserContext;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'keiba-backtest-e2e-'));
    context = await launchChromium(join(work, 'profile'));
  });
  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writeBacktestReport(dir) for the fixture backtest renders in Chromium without errors', async () => {
    const dir = join(work, 'backtest');
    cpSync(BACKTEST_FIXTURE, dir, { recursive: true });
    const written = await writeBacktestReport(dir);

    const { page, problems } = await openReport(context, written.html);
    await page.waitForSelector('figure .chart svg');
    expect(await page.locator('figure .chart svg').count()).toBe(5);
    for (const id of ['equity-curve', 'monthly-pnl', 'weekly-pnl', 'bet-type-roi', 'calibration']) {
      const box = await page.locator(`figure#${id} .chart svg`).boundingBox();
      expect(box?.width, id).toBeGreaterThan(300);
      expect(box?.height, id).toBeGreaterThan(150);
    }
    expect((await page.locator('.answer').textContent()) ?? '').toContain('Profit −¥155,840 on ¥1,844,000 staked: ROI 0.915, hit rate 9.2%');
    expect(await page.locator('#by-month table.sortable tbody tr').count()).toBe(3);

    // The month table sorts by profit when its header is clicked.
    await page.locator('#by-month table.sortable th', { hasText: /^Profit$/ }).click();
    expect(await page.locator('#by-month tbody tr:first-child td:first-child').textContent()).toBe('2024-02');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#by-month table.sortable th', { hasText: /^Month$/ }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'backtest-report.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });
});
