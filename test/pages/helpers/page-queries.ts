// Small waits and reads on a page, by CSS selector: the tests wait for what a person would see,
// never for internals of the page's code.

import type { Page } from 'playwright-core';
import { WAIT_MS } from '../../helpers/ws-client.js';

/** Waits until some element matching selector has text matching pattern; returns that text. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeoutMs = WAIT_MS): Promise<string> {
  const handle = await page.waitForFunction(
    ([sel, source, flags]) => {
      const re = new RegExp(source!, flags);
      for (const el of document.querySelectorAll(sel!)) {
        const text = (el as HTMLElement).innerText ?? el.textContent ?? '';
        if (re.test(text)) return text;
      }
      return null;
    },
    [selector, pattern.source, pattern.flags],
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as string;
}

/** Waits until exactly/at least n elements match. */
export async function waitForCount(page: Page, selector: string, n: number, opts: { atLeast?: boolean; timeoutMs?: number } = {}): Promise<number> {
  const handle = await page.waitForFunction(
    ([sel, want, atLeast]) => {
      const count = document.querySelectorAll(sel as string).length;
      return (atLeast ? count >= (want as number) : count === want) ? count : null;
    },
    [selector, n, opts.atLeast ?? false] as const,
    { timeout: opts.timeoutMs ?? WAIT_MS },
  );
  return (await handle.jsonValue()) as number;
}

export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).innerText));
}

export function attrs(page: Page, selector: string, name: string): Promise<(string | null)[]> {
  return page.$$eval(selector, (els, n) => els.map((e) => e.getAttribute(n)), name);
}

/** The body's connection state ("live", "retry", "refused"…), as the page shows it. */
export async function waitForConn(page: Page, state: string, timeoutMs = WAIT_MS): Promise<void> {
  await page.waitForSelector(`body[data-conn="${state}"]`, { timeout: timeoutMs });
}
