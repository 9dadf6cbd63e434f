// The wall under a contact centre's load: 50 live calls each sending four emotion states a second
// (plus transcripts) for three seconds. The events are played onto the server's real bus (see
// helpers/scripted-call.ts: 50 streamed calls would swamp this 2-core machine) and reach the page
// over the real feed. The page must keep up — the newest states shown, the order by risk right —
// while its main thread stays mostly idle: its CPU time (the thread's, which a machine busy with
// other work does not inflate, unlike the wall time of its tasks) over the seconds the load lasts
// (measured 8 %; the bound leaves room for a slower machine).

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { ScriptedCall } from './helpers/scripted-call.js';
import { attrs, waitForConn, waitForCount, waitForText } from './helpers/page-queries.js';
import { WAIT_MS } from '../helpers/ws-client.js';

const CALLS = 50;
const BUSY_BOUND = 0.35;

let server: PagesServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startPagesServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('keeps 50 busy calls current and sorted while the main thread stays mostly idle', async () => {
  const { page, problems, close } = await openPage(browser, `${server.url}/supervisor`, { width: 1280, height: 900 });
  await waitForConn(page, 'live');
  const calls = Array.from({ length: CALLS }, (_, i) => new ScriptedCall(server.app.callcue.bus, `load-${i}`, `ag-${i}`));
  await waitForCount(page, '[data-testid=wall-row]', CALLS);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskS = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')!.value;
  const busy0 = await taskS();
  const t0 = performance.now();
  let tsMs = 0;
  for (let k = 0; k < 12; k++) {
    tsMs += 250;
    for (const [i, c] of calls.entries()) {
      c.emotion({ tsMs, label: i % 3 === 0 ? 'anger' : 'neutral', intensity: i % 3 === 0 ? 0.3 + (i % 10) / 20 : 0, trend: 'steady' });
      if (k % 4 === 0) c.transcript({ track: 'caller', text: `words of call ${i} at ${tsMs}`, isFinal: true, startMs: tsMs, endMs: tsMs + 200, redacted: [] });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // The last word: call 7 turns strongly anxious and rising — it must be shown and go to the top.
  calls[7]!.emotion({ tsMs: tsMs + 250, label: 'anxiety', intensity: 0.95, trend: 'rising' });
  await waitForText(page, '[data-call-id="load-7"] .emo .label', /^Anxious$/);
  await page.waitForFunction(() => document.querySelector('[data-testid=wall-row]')?.getAttribute('data-call-id') === 'load-7', null, { timeout: WAIT_MS });
  const busyShare = ((await taskS()) - busy0) / ((performance.now() - t0) / 1000);
  if (process.env.DEBUG_PAGES) console.log(`wall main thread busy ${(busyShare * 100).toFixed(1)} %`);
  expect(busyShare).toBeLessThan(BUSY_BOUND);
  // Then the angry calls, strongest first (intensity 0.75 for calls 9 and 39, 0.70 for 18 and 48).
  const order = await attrs(page, '[data-testid=wall-row]', 'data-call-id');
  expect(new Set(order.slice(1, 3))).toEqual(new Set(['load-9', 'load-39']));
  expect(new Set(order.slice(3, 5))).toEqual(new Set(['load-18', 'load-48']));
  expect(problems).toEqual([]);
  for (const c of calls) c.end();
  await close();
});
