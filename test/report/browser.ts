/**
 * Headless Chromium for the report tests: Debian's chromium driven by playwright-core, a fresh
 * profile folder per context, and a page that records every console error, page error, failed
 * request and request for anything but the report file itself. Outside CI a missing chromium
 * skips the browser tests with a message; in CI it fails the run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../shared-data.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = resolve(PROJECT_ROOT, 'test-artifacts');

/** True when chromium can be used; warns (outside CI) or throws (in CI) when it is absent. */
export function chromiumPresent(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${CHROMIUM} is missing in CI: install Debian's chromium (apt-get install -y chromium)`);
  }
  console.warn(`SKIP: ${CHROMIUM} is not present; the browser test of ${what} is skipped.`);
  return false;
}

/** A headless context with its own profile folder (passed as --user-data-dir). */
export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    viewport: { width: 1200, height: 900 },
    deviceScaleFactor: 1,
  });
}

/** Opens a report file in a new page; `problems` collects what must not happen on it. */
export async function openReport(context: BrowserContext, htmlPath: string): Promise<{ page: Page; problems: string[] }> {
  const url = pathToFileURL(htmlPath).href;
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`unexpected request: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}
