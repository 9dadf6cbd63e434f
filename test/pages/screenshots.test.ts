// Both screens with a realistic load, checked for layout (the agent desktop fits 420 px without
// sideways scrolling; the wall fits a 1280 px screen) and photographed. The pictures go to a
// temporary folder; with CALLCUE_WRITE_SCREENSHOTS=1 they replace docs/img/agent.png and
// docs/img/supervisor.png.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage, type OpenedPage } from './helpers/browser.js';
import { ANGRY_COMPLAINT, LiveCall, type Turn } from './helpers/calls.js';
import { waitForConn, waitForCount, waitForText } from './helpers/page-queries.js';

const OUT_DIR = process.env.CALLCUE_WRITE_SCREENSHOTS === '1' ? join(PACKAGE_ROOT, 'docs', 'img') : mkdtempSync(join(tmpdir(), 'callcue-screens-'));

/** The caller sounds as upset as they read: higher, louder and faster. */
const agitated = (turns: Turn[]): Turn[] => turns.map(([who, text]) => (who === 'caller' ? [who, text, { agitated: true }] : [who, text]));

const LOST_CARD: Turn[] = [
  ['agent', 'Hello, thank you for calling First Bank, this is Ben speaking.'],
  ['caller', "I think my card was stolen, there are payments I didn't make and I'm really worried about my savings."],
  ['agent', 'I will get back to you as soon as possible.'],
];
const ZH_COMPLAINT: Turn[] = [['caller', '我已经打了三次电话了，你们到底管不管？我要投诉你们！']];
const CALM: Turn[] = [
  ['agent', 'Good afternoon, thank you for calling First Bank, this is Dana.'],
  ['caller', 'Hello, could you tell me what time the Main Street branch opens on Saturday?'],
];

let server: PagesServer;
let browser: Browser;
let agent: OpenedPage;
let wall: OpenedPage;
const calls: LiveCall[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startPagesServer(), launchBrowser()]);
  // Both screens are up before the calls start, so their timelines have the calls from the start.
  agent = await openPage(browser, `${server.url}/?agentId=anna`, { width: 420, height: 1400 });
  wall = await openPage(browser, `${server.url}/supervisor`, { width: 1280, height: 800 });
  await Promise.all([waitForConn(agent.page, 'live'), waitForConn(wall.page, 'live')]);
  const script: [string, string, string, Turn[]][] = [
    ['call-1042', 'anna', 'en-US', agitated(ANGRY_COMPLAINT.slice(0, 4))],
    ['call-1043', 'ben', 'en-GB', agitated(LOST_CARD)],
    ['call-1044', 'chen', 'zh-CN', agitated(ZH_COMPLAINT)],
    ['call-1045', 'dana', 'en-US', CALM],
  ];
  for (const [callId, agentId, language, turns] of script) {
    const call = await LiveCall.start(server.wsUrl, callId, agentId, language);
    calls.push(call);
    await call.play(turns);
  }
});
afterAll(async () => {
  await Promise.all(calls.map((c) => c.stop().catch(() => undefined)));
  await agent?.close();
  await wall?.close();
  await browser?.close();
  await server?.stop();
});

/** How far the page is wider than its viewport (0 when nothing scrolls sideways). */
const overflowPx = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('screens under a realistic load', () => {
  it('the agent desktop fits 420 px and shows every part of the call', async () => {
    const { page, problems } = agent;
    await waitForCount(page, '[data-prompt-id]', 2, { atLeast: true });
    await waitForText(page, '[data-testid=language-finding]', /Calm down/);
    await page.keyboard.press('h'); // rate the top prompt, as an agent would
    await waitForText(page, '.ack-status', /Rated helpful/);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await overflowPx(page)).toBe(0);
    for (const part of ['emotion-now', 'prompt-list', 'checklist', 'language', 'transcript']) {
      expect(await page.locator(`[data-testid=${part}]`).isVisible(), part).toBe(true);
    }
    await page.screenshot({ path: join(OUT_DIR, 'agent.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('the supervisor wall fits 1280 px with every live call on it', async () => {
    const { page, problems } = wall;
    await waitForCount(page, '[data-testid=wall-row]', calls.length);
    await waitForCount(page, '[data-testid=alert]', 1, { atLeast: true });
    await page.waitForTimeout(400);
    expect(await overflowPx(page)).toBe(0);
    await page.screenshot({ path: join(OUT_DIR, 'supervisor.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
