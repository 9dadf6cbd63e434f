// An angry caller on the agent desktop: the line to say now is the top card, shown in full; the
// complaint's escalation is one card whose tier goes up, not a stack of three; and the words to
// reflect back are the ones that carry the anger, not the caller's "Hello." Real server, real
// pipeline (models loaded), real browser.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { LiveCall, type Turn } from './helpers/calls.js';
import { attrs, waitForConn, waitForCount } from './helpers/page-queries.js';
import { TestSocket } from '../helpers/ws-client.js';

const ANGRY: Turn[] = [
  ['agent', 'Good morning, thank you for calling First Bank, my name is Anna.'],
  ['caller', "Hello. This is the third time I'm calling about this and I'm furious!", { agitated: true }],
  ['agent', "Calm down, there's nothing I can do about it."],
  ['caller', 'Put me through to your manager right now, this is ridiculous!', { agitated: true }],
  ['caller', "If this isn't fixed today I'm going to the financial ombudsman.", { agitated: true }],
];
const ANGRY_ZH: Turn[] = [
  ['agent', '您好，感谢致电，我是客服小王。'],
  ['caller', '你好。我已经是第三次打电话了，你们到底怎么回事，气死我了！', { agitated: true }],
];

let server: PagesServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPagesServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function playTo(agentId: string, callId: string, language: string, turns: Turn[]) {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agentId}&callId=${callId}`);
  await feed.nextType('hello');
  const call = await LiveCall.start(server.wsUrl, callId, agentId, language);
  await call.play(turns);
  return { feed, call };
}

describe('an angry caller on the agent desktop', () => {
  it('puts the line to say first, keeps one escalation card whose tier goes up, and quotes the angry words', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/?agentId=ag-angry`);
    await waitForConn(page, 'live');
    const { feed, call } = await playTo('ag-angry', 'pg-angry', 'en-US', ANGRY);
    const escalations = () => feed.ofType('prompt').filter((p) => p.kind === 'escalation');
    // The ombudsman takes the complaint to the top tier: no tier comes after it.
    await feed.next((m) => m.type === 'prompt' && m.tier === 'advanced', 30_000);
    expect(escalations().length).toBeGreaterThanOrEqual(2);
    const empathy = await feed.next((m) => m.type === 'prompt' && m.kind === 'empathy');

    // The words to reflect back carry the anger; the greeting is not part of them.
    expect(empathy.quote).not.toMatch(/^Hello/);
    expect(empathy.quote).toMatch(/third time|furious/);

    // Each tier after the first replaces the one before it.
    const tiers = escalations();
    for (let i = 1; i < tiers.length; i++) expect(tiers[i]!.supersedes).toBe(tiers[i - 1]!.promptId);
    const highest = tiers.at(-1)!;
    expect(highest.tier).toBe('advanced');
    await page.waitForSelector(`[data-prompt-id="${highest.promptId}"]`);
    expect(await page.locator('.card.kind-escalation').count()).toBe(1);

    // What to say now is on top, and shown in full (not cut to two lines).
    const [top] = await attrs(page, '[data-prompt-id]', 'data-prompt-id');
    const topPrompt = feed.ofType('prompt').find((p) => p.promptId === top)!;
    expect(['empathy', 'deescalation']).toContain(topPrompt.kind);
    const card = page.locator(`[data-prompt-id="${top}"]`);
    expect(await card.locator('.card-text').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    expect(await card.locator('.evidence').isVisible()).toBe(true);

    await call.stop();
    expect(problems).toEqual([]);
    await feed.close();
    await close();
  });

  it('quotes the angry words of a Chinese caller, not 你好', async () => {
    const { feed, call } = await playTo('ag-angry-zh', 'pg-angry-zh', 'zh-CN', ANGRY_ZH);
    const empathy = await feed.next((m) => m.type === 'prompt' && m.kind === 'empathy');
    expect(empathy.quote).not.toMatch(/^你好/);
    expect(empathy.quote).toMatch(/第三次|气死我了/);
    expect(empathy.text).toContain(empathy.quote as string);
    await call.stop();
    await feed.close();
  });
});

describe('one escalation card on a page that reconnects', () => {
  it('a superseded tier is not restored from call.state', async () => {
    const { feed, call } = await playTo('ag-esc-snap', 'pg-esc-snap', 'en-US', ANGRY);
    await feed.next((m) => m.type === 'prompt' && m.tier === 'advanced', 30_000);
    const { page, close } = await openPage(browser, `${server.url}/?agentId=ag-esc-snap`);
    await waitForConn(page, 'live');
    await waitForCount(page, '[data-prompt-id]', 1, { atLeast: true });
    expect(await page.locator('.card.kind-escalation').count()).toBe(1);
    await call.stop();
    await feed.close();
    await close();
  });
});
