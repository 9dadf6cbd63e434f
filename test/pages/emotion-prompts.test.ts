// The state on screen and the emotion prompts beside it never contradict each other, in a real
// browser against a real server: a caller says "I'm furious!" (the screen reads Angry, never
// "Unclear", next to "Caller sounds angry"), then calms down (the state returns to Calm and the
// anger prompt leaves the screen with it, though it has not expired). Every animation frame of the
// page is checked, not only the end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { LiveCall } from './helpers/calls.js';
import { waitForConn, waitForText } from './helpers/page-queries.js';
import { publicModule } from './helpers/public-module.js';
import { TestSocket } from '../helpers/ws-client.js';

let server: PagesServer;
let browser: Browser;
let EN: Record<string, string>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPagesServer(), launchBrowser()]);
  ({ EN } = await publicModule<{ EN: Record<string, string> }>('strings-en.js'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Samples, on every animation frame, the label shown and the prompt cards on screen. */
function recordFrames(): void {
  const w = window as unknown as { frames$: { label: string; cards: string[] }[] };
  w.frames$ = [];
  const sample = () => {
    const label = document.querySelector('[data-testid=emotion-label]')?.textContent ?? '';
    const cards = [...document.querySelectorAll('[data-prompt-id]')].map((el) => el.getAttribute('data-prompt-id') ?? '');
    w.frames$.push({ label, cards });
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

describe('emotion prompts beside the caller state', () => {
  it('show only while the state they were raised on is the one on screen', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/?agentId=ag-agree`);
    await waitForConn(page, 'live');
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=ag-agree&callId=pg-agree`);
    await feed.nextType('hello');
    await page.evaluate(recordFrames);
    const call = await LiveCall.start(server.wsUrl, 'pg-agree', 'ag-agree');
    await call.say('agent', 'Good morning, thank you for calling First Bank, my name is Anna from the cards team.');
    // Speech-like tones in a calm voice: voice and words do not match, and the words are unequivocal.
    await call.say('caller', "This is the third time I'm calling, I want to file a complaint, I'm furious!");
    const empathy = await feed.next((m) => m.type === 'prompt' && m.rule === 'empathy.onset.anger');
    expect(empathy.state).toMatchObject({ label: 'anger' });
    const card = page.locator(`[data-prompt-id="${empathy.promptId}"]`);
    await card.waitFor();
    expect(await page.locator('[data-testid=emotion-label]').innerText()).toBe(EN['emotion.anger']);

    // The caller calms down: the state ends after the playbook's calm time, and the prompt goes with it.
    for (let i = 0; i < 6; i++) await call.say('caller', 'Okay, thank you for explaining, that sounds fine to me.');
    await feed.next((m) => m.type === 'emotion' && m.label === 'neutral');
    await waitForText(page, '[data-testid=emotion-label]', new RegExp(`^${EN['emotion.neutral']}$`));
    await card.waitFor({ state: 'detached' });
    expect(Date.parse(empathy.expiresAt as string)).toBeGreaterThan(Date.now());

    const frames = await page.evaluate(() => (window as unknown as { frames$: { label: string; cards: string[] }[] }).frames$);
    const stateOf = new Map(feed.ofType('prompt').map((p) => [p.promptId as string, (p.state as { label: string } | undefined)?.label]));
    const shownBesideOther = frames.filter((f) => f.cards.some((id) => stateOf.get(id) !== undefined && EN[`emotion.${stateOf.get(id)}`] !== f.label));
    expect(frames.some((f) => f.cards.includes(empathy.promptId as string))).toBe(true);
    expect(shownBesideOther).toEqual([]);
    expect(frames.filter((f) => f.label === EN['emotion.uncertain'])).toEqual([]);
    await call.stop();
    feed.close();
    expect(problems).toEqual([]);
    await close();
  });
});
