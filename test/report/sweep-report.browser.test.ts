/**
 * End-to-end test of writeSweepReport: writes a report from the fixed SweepSummary fixture into a
 * temp folder, opens report.html in headless Chromium (Debian's, driven by playwright-core),
 * waits for the inline SVG charts, fails on any console error or failed request, and saves a
 * screenshot to test-artifacts/. Skips with a message only when Chromium is absent outside CI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSweepReport } from '../../src/report/index.ts';
import { fixtureSweepSummary } from '../fixtures/report/sweep-summary.ts';
import { ARTIFACTS, chromiumPresent, launchChromium, openReport } from './browser.ts';

const present = chromiumPresent('report.html');

describe.skipIf(!present)('writeSweepReport(resultsDir) in Chromium', () => {
  let context: BrowserContext;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'keiba-report-e2e-'));
    context = await launchChromium(join(work, 'profile'));
  });
  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const recommended of [true, false]) {
    const tag = recommended ? 'recommended' : 'none-qualifies';
    it(`writeSweepReport(dir) for a sweep with ${recommended ? 'a recommendation' : 'no qualifying config'} renders in Chromium without errors`, async () => {
      const dir = join(work, tag);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'summary.json'), JSON.stringify(fixtureSweepSummary({ recommended }), null, 2));
      const written = await writeSweepReport(dir);

      const { page, problems } = await openReport(context, written.html);
      await page.waitForSelector('figure .chart svg');
      expect(await page.locator('figure .chart svg').count()).toBe(4);
      const answer = (await page.locator('.answer').textContent()) ?? '';
      if (recommended) expect(answer).toContain('Highest growth with ruin probability under 1%: safety factor 0.5 at EV threshold 1.2');
      else expect(answer).toContain('none qualifies');
      expect(await page.locator('table.sortable tbody tr').count()).toBe(20);

      // The table sorts by P(ruin) when its header is clicked.
      await page.locator('table.sortable th', { hasText: /^P\(ruin\)$/ }).click();
      const firstRuin = await page.locator('table.sortable tbody tr:first-child td:nth-child(3)').getAttribute('data-v');
      expect(Number(firstRuin)).toBe(0);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.locator('table.sortable th', { hasText: /^P\(ruin\)$/ }).click();
      await page.screenshot({ path: join(ARTIFACTS, `sweep-report-${tag}.png`), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
    });
  }
});
