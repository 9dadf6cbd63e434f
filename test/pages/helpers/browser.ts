// Headless Chromium (Debian's) for the page tests: one browser per test file, a fresh context per
// page, and every console error, page error and CSP violation collected so a test can insist on
// none.

import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions (a CSP violation is a console error). */
  problems: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  url: string,
  opts: { width?: number; height?: number; locale?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: opts.width ?? 420, height: opts.height ?? 900 },
    locale: opts.locale ?? 'en-US',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}
