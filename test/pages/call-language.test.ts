// Every string a person sees is in the call's language: a mainland (zh-CN) complaint streamed
// through the real pipeline, drawn by the agent desktop (browser in English: the call decides) and
// by the supervisor wall (a Chinese browser), must show no English word — prompts, their evidence
// (complaint words, amounts, anger, the voice against its baseline), alerts, the call's end —
// except what the caller or the agent said.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { LiveCall, type Turn } from './helpers/calls.js';
import { waitForConn, waitForCount, waitForText } from './helpers/page-queries.js';
import { TestSocket } from '../helpers/ws-client.js';

// Digits only, so the ids on screen are no English words.
const AGENT = '9527';
const CALL = '8610001';

const COMPLAINT_ZH: Turn[] = [
  ['agent', '您好，感谢致电，我是客服小王，工号一二三四。'],
  ['caller', '这是我第三次打电话了，你们重复扣了我五万八千元，我要投诉！', { agitated: true }],
  ['agent', '你冷静一点，这个我们没办法。'],
  ['caller', '叫你们经理来！不然我就去银保监会投诉你们！', { agitated: true }],
  ['caller', '我真的非常生气，五万八千元到现在都没退回来！', { agitated: true }],
];

/** Latin-letter words on screen, less units of measure, key caps (Tab, Shift) and the product's name. */
function englishWords(text: string): string[] {
  const allowed = new Set(['callcue', 'dB', 'dBFS', 'Tab', 'Shift']);
  return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !allowed.has(w));
}

/** What the page shows, and what it keeps for hover, focus or a screen reader (text and labels). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [title], [alt]')].map((el) => ['aria-label', 'title', 'alt'].map((a) => el.getAttribute(a) ?? '').join(' '));
    return [document.title, document.body.innerText, document.body.textContent ?? '', ...labels].join('\n');
  });
}

let server: PagesServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPagesServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a zh-CN call on the screens', () => {
  it('shows no English on the agent desktop or the supervisor wall', async () => {
    const desk = await openPage(browser, `${server.url}/?agentId=${AGENT}`, { locale: 'en-US' });
    const wall = await openPage(browser, `${server.url}/supervisor`, { locale: 'zh-CN', width: 1280 });
    await Promise.all([waitForConn(desk.page, 'live'), waitForConn(wall.page, 'live')]);
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${AGENT}&callId=${CALL}`);
    await feed.nextType('hello');

    const call = await LiveCall.start(server.wsUrl, CALL, AGENT, 'zh-CN');
    await call.play(COMPLAINT_ZH);
    // The complaint reaches the advanced tier (a large amount, a regulator): alerts on the wall.
    await feed.next((m) => m.type === 'alert' && m.tier === 'advanced', 30_000);
    const prompts = feed.ofType('prompt');
    await waitForCount(desk.page, '[data-prompt-id]', 1, { atLeast: true });
    await waitForCount(wall.page, '[data-testid=alert]', 1, { atLeast: true });
    // The evidence the server sent is itself in Chinese …
    const evidence = prompts.flatMap((p) => p.evidence as string[]);
    expect(evidence.length).toBeGreaterThan(0);
    expect(englishWords(evidence.join('\n'))).toEqual([]);

    // … and so is everything on both screens, live and after the call has ended.
    expect(englishWords(await visibleText(desk.page))).toEqual([]);
    expect(englishWords(await visibleText(wall.page))).toEqual([]);
    await call.stop();
    await waitForText(desk.page, '[data-testid=call-banner]', /通话已结束/);
    expect(englishWords(await visibleText(desk.page))).toEqual([]);
    expect(englishWords(await visibleText(wall.page))).toEqual([]);
    expect([...desk.problems, ...wall.problems]).toEqual([]);
    await feed.close();
    await desk.close();
    await wall.close();
  }, 120_000);
});
