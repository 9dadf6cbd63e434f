// The agent desktop in a real browser against a real server: a call streamed through the bridge
// protocol is drawn (caller state, timeline, prompts with evidence, checklist, wording, redacted
// transcript), acknowledgements reach the server and come back, a refused one is shown, and a
// dropped network is survived with the state restored from call.state.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { ANGRY_COMPLAINT, LiveCall } from './helpers/calls.js';
import { attrs, texts, waitForConn, waitForCount, waitForText } from './helpers/page-queries.js';
import { publicModule } from './helpers/public-module.js';
import { TcpProxy } from './helpers/tcp-proxy.js';
import { TestSocket } from '../helpers/ws-client.js';

let server: PagesServer;
let browser: Browser;
let EN: Record<string, string>;
let promptOrder: (a: never, b: never) => number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPagesServer(), launchBrowser()]);
  ({ EN } = await publicModule<{ EN: Record<string, string> }>('strings-en.js'));
  ({ promptOrder } = await publicModule<{ promptOrder: (a: never, b: never) => number }>('prompt-order.js'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The server's own view of a call, to compare the screen with. */
async function watch(agentId: string, callId: string) {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agentId}&callId=${callId}`);
  await feed.nextType('hello');
  return feed;
}

describe('the agent desktop', () => {
  it('draws a streamed call: caller state, timeline, prompts with evidence, checklist, wording and the redacted transcript', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/?agentId=ag-draw`);
    await waitForConn(page, 'live');
    const feed = await watch('ag-draw', 'pg-draw');
    const call = await LiveCall.start(server.wsUrl, 'pg-draw', 'ag-draw');
    await call.play(ANGRY_COMPLAINT);
    call.partial('caller', 'and my card number is');
    await call.say('caller', 'my card number is 4532 0151 1283 0366', { agitated: true });
    await feed.next((m) => m.type === 'transcript' && String(m.text).includes('0366'));

    // Prompts: one card per prompt the server sent (a tier going up replaces the card before it),
    // in the order the store gives (what to say now, then most urgent, then newest), evidence as sent.
    const sent = feed.ofType('prompt');
    const replaced = new Set(sent.map((p) => p.supersedes).filter(Boolean));
    const prompts = sent.filter((p) => !replaced.has(p.promptId));
    expect(prompts.length).toBeGreaterThanOrEqual(2);
    await waitForCount(page, '[data-prompt-id]', prompts.length);
    const ids = await attrs(page, '[data-prompt-id]', 'data-prompt-id');
    const expectedTop = [...prompts].sort(promptOrder as (a: unknown, b: unknown) => number)[0]!;
    expect(ids[0]).toBe(expectedTop.promptId);
    const empathy = prompts.find((p) => p.kind === 'empathy')!;
    const card = page.locator(`[data-prompt-id="${empathy.promptId}"]`);
    await card.hover(); // lower cards show their evidence on hover or focus
    expect(await card.locator('.card-title').innerText()).toBe(empathy.title);
    expect(await card.locator('.quote').innerText()).toContain(empathy.quote as string);
    expect(await card.locator('.evidence li').allInnerTexts()).toEqual(empathy.evidence);
    expect(await card.locator('.ack').allInnerTexts()).toEqual(['Used U', 'Dismiss D', 'Helpful H', 'Not helpful N']);
    const announced = (await page.locator('#say-polite').innerText()) + (await page.locator('#say-urgent').innerText());
    expect(announced).toContain('New prompt:');

    // Caller state: the words for the server's latest label (or the measured voice without one).
    const last = feed.ofType('emotion').at(-1)!;
    const word = last.label ? EN[`emotion.${last.label}`]! : EN['emotion.none']!;
    await waitForText(page, '[data-testid=emotion-label]', new RegExp(`^${word}$`));
    expect((await texts(page, '[data-testid=prosody] li')).join(' ')).toMatch(/baseline|Speaking|learning/);
    const painted = await page.$eval('#timeline', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(50);
    expect(await page.locator('[data-testid=timeline-summary]').innerText()).toMatch(/over the last \d+ s/);

    // Checklist from the agent's greeting; wording findings marked in the utterance with a rewrite.
    await page.waitForSelector('[data-step=greeting].done');
    const marks = await texts(page, '[data-testid=language-finding] mark');
    expect(marks).toEqual(expect.arrayContaining(['Calm down', "there's nothing I can do"]));
    expect((await texts(page, '[data-testid=language-finding] .suggestion')).length).toBeGreaterThanOrEqual(2);

    // Transcript: the partial replaced by its final, the card number redacted by the server.
    const lines = await texts(page, '[data-testid=transcript-line]');
    expect(lines).toHaveLength(ANGRY_COMPLAINT.length + 1);
    expect(lines.join('\n')).not.toMatch(/4532 0151|and my card number is\b(?! 4)/);
    expect(lines.at(-1)).toMatch(/0366.*hidden: card/);

    await call.stop();
    await waitForText(page, '[data-testid=call-banner]', /Call ended \(hung up\)/);
    expect(problems).toEqual([]);
    await feed.close();
    await close();
  });

  it('acknowledges by key and by click, shows the server’s confirmation, and says so when the server refuses', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/?agentId=ag-ack`);
    await waitForConn(page, 'live');
    const feed = await watch('ag-ack', 'pg-ack');
    const call = await LiveCall.start(server.wsUrl, 'pg-ack', 'ag-ack');
    await call.play(ANGRY_COMPLAINT);
    await waitForCount(page, '[data-prompt-id]', 3, { atLeast: true });
    // Prompts may still be arriving on a loaded machine, and a new one re-orders the cards: let the
    // feed fall quiet before choosing the top card.
    for (let quiet = 0, seen = -1; quiet < 3; ) {
      const n = feed.ofType('prompt').length;
      quiet = n === seen ? quiet + 1 : 0;
      seen = n;
      await new Promise((r) => setTimeout(r, 400));
    }

    // U on the top card (nothing focused): the server records it and the card goes.
    const [top] = await attrs(page, '[data-prompt-id]', 'data-prompt-id');
    await page.keyboard.press('u');
    const used = await feed.next((m) => m.type === 'acked' && m.promptId === top);
    expect(used).toMatchObject({ action: 'used', agentId: 'ag-ack' });
    await page.waitForSelector(`[data-prompt-id="${top}"]`, { state: 'detached' });

    // A click on Helpful: confirmed, pressed, and the card stays.
    const [next] = await attrs(page, '[data-prompt-id]', 'data-prompt-id');
    const card = page.locator(`[data-prompt-id="${next}"]`);
    await card.locator('.ack-helpful').click();
    expect(await feed.next((m) => m.type === 'acked' && m.promptId === next)).toMatchObject({ action: 'helpful' });
    await waitForText(page, `[data-prompt-id="${next}"] .ack-status`, /Rated helpful/);
    expect(await card.locator('.ack-helpful').getAttribute('aria-pressed')).toBe('true');

    // After the call ends the server no longer takes acknowledgements: the card says why.
    await call.stop();
    await waitForText(page, '[data-testid=call-banner]', /Call ended/);
    await page.keyboard.press('n'); // focus is still in that card: N acts on it
    const error = await waitForText(page, `[data-prompt-id="${next}"] .ack-error`, /UNKNOWN_PROMPT/);
    expect(error).toMatch(/no longer has this prompt/);
    expect(await card.locator('.ack-error').getAttribute('role')).toBe('alert');
    expect(problems).toEqual([]);
    await feed.close();
    await close();
  });

  it('survives a dropped network: reconnects with backoff and restores the call from call.state', async () => {
    const proxy = await TcpProxy.start(server.port);
    const { page, problems, close } = await openPage(browser, `${proxy.url}/?agentId=ag-drop`);
    let sockets = 0;
    page.on('websocket', () => sockets++);
    await waitForConn(page, 'live');
    const call = await LiveCall.start(server.wsUrl, 'pg-drop', 'ag-drop');
    await call.play(ANGRY_COMPLAINT.slice(0, 2));
    await waitForCount(page, '[data-testid=transcript-line]', 2);
    await waitForCount(page, '[data-prompt-id]', 1, { atLeast: true });
    const before = await attrs(page, '[data-prompt-id]', 'data-prompt-id');

    proxy.cut();
    await waitForConn(page, 'retry');
    expect(await page.locator('[data-testid=conn]').innerText()).toMatch(/Connection lost — retrying in \d+ s/);
    // The call goes on while the screen is away.
    await call.play(ANGRY_COMPLAINT.slice(2));
    await page.waitForTimeout(600); // at least one refused retry
    proxy.restore();

    await waitForConn(page, 'live', 10_000);
    await waitForCount(page, '[data-testid=transcript-line]', ANGRY_COMPLAINT.length);
    const lines = await texts(page, '[data-testid=transcript-line]');
    expect(lines.at(-1)).toContain('ombudsman');
    const after = await attrs(page, '[data-prompt-id]', 'data-prompt-id');
    expect(after.length).toBeGreaterThan(before.length); // prompts raised during the outage
    expect(sockets).toBeGreaterThanOrEqual(2);
    await call.stop();
    await waitForText(page, '[data-testid=call-banner]', /Call ended/);
    // Chromium reports the refused connection attempts as console errors; nothing else may appear.
    expect(problems.filter((p) => !/WebSocket connection|ERR_CONNECTION|Failed to load resource/.test(p))).toEqual([]);
    await close();
    await proxy.close();
  });

  it('speaks the call’s language: Traditional Chinese for a Hong Kong call', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/?agentId=ag-hk`);
    await waitForConn(page, 'live');
    const call = await LiveCall.start(server.wsUrl, 'pg-hk', 'ag-hk', 'zh-HK');
    await call.say('caller', '我已經打了三次電話，我要投訴你們！');
    await call.say('agent', '你冷靜一點，這個我們無法處理。');
    await waitForCount(page, '[data-prompt-id]', 1, { atLeast: true });
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant');
    expect(await page.locator('#emotion-h').innerText()).toBe('客戶目前情緒');
    const card = page.locator('[data-prompt-id]').first();
    expect(await card.locator('.ack').allInnerTexts()).toEqual(['已採用 U', '忽略 D', '有幫助 H', '沒幫助 N']);
    await waitForText(page, '[data-testid=language-finding]', /否定客戶感受/);
    await call.stop();
    await waitForText(page, '[data-testid=call-banner]', /通話已結束/);
    expect(problems).toEqual([]);
    await close();
  });
});
