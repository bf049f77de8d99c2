/**
 * End-to-end test of writeSweepReport: writes a report from the fixed SweepSummary fixture into a
 * temp folder, opens report.html in headless Chromium (Debian's, driven by playwright-core),
 * waits for the inline SVG charts, fails on any console error or failed request, and saves a
 * screenshot to test-artifacts/. Skips with a message only when Chromium is absent outside CI.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSweepReport } from '../../src/report/index.ts';
import { PROJECT_ROOT } from '../shared-data.ts';
import { fixtureSweepSummary } from '../fixtures/report/sweep-summary.ts';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI === 'true') {
  throw new Error(`${CHROMIUM} is missing in CI: install Debian's chromium (apt-get install -y chromium)`);
}
if (!present) console.warn(`SKIP: ${CHROMIUM} is not present; the browser test of report.html is skipped.`);

const ARTIFACTS = resolve(PROJECT_ROOT, 'test-artifacts');

describe.skipIf(!present)('writeSweepReport(resultsDir) in Chromium', () => {
  let context: BrowserContext;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'keiba-report-e2e-'));
    // A fresh profile folder per run (playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      viewport: { width: 1200, height: 900 },
      deviceScaleFactor: 1,
    });
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

      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => {
        if (r.url() !== pathToFileURL(written.html).href) problems.push(`unexpected request: ${r.url()}`);
      });
      await page.goto(pathToFileURL(written.html).href, { waitUntil: 'load' });
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
