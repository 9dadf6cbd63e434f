// The supervisor wall in a real browser, with tokens configured as in production: a team's
// supervisor sees its agents' live calls — most at risk first, with alerts and what became of the
// prompts — and no other team's; an agent token is refused on the wall in plain words; an agent's
// own desktop shows its call only.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPagesServer, type PagesServer } from './helpers/pages-server.js';
import { launchBrowser, openPage } from './helpers/browser.js';
import { ANGRY_COMPLAINT, LiveCall, type Turn } from './helpers/calls.js';
import { attrs, texts, waitForConn, waitForCount, waitForText } from './helpers/page-queries.js';
import { TestSocket, WAIT_MS } from '../helpers/ws-client.js';

const TOKENS = {
  a1: 'agent-token-sv-a1-0123456789',
  a2: 'agent-token-sv-a2-0123456789',
  a3: 'agent-token-sv-a3-0123456789',
  team: 'supervisor-token-team-1-0123',
};
const CALM: Turn[] = [
  ['agent', 'Good afternoon, thank you for calling First Bank, this is Tom.'],
  ['caller', 'Hello, could you tell me what time the Main Street branch opens on Saturday?'],
];

let server: PagesServer;
let browser: Browser;
const calls: LiveCall[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startPagesServer({
      agentTokens: [
        { agentId: 'sv-a1', token: TOKENS.a1 },
        { agentId: 'sv-a2', token: TOKENS.a2 },
        { agentId: 'sv-a3', token: TOKENS.a3 },
      ],
      supervisorTokens: [{ supervisorId: 'team-1', token: TOKENS.team, agentIds: ['sv-a1', 'sv-a2'] }],
    }),
    launchBrowser(),
  ]);
  // Three live calls: a calm one and an escalating complaint in team 1, a complaint in another team.
  const [c1, c2, c3] = await Promise.all([
    LiveCall.start(server.wsUrl, 'sv-call-1', 'sv-a1'),
    LiveCall.start(server.wsUrl, 'sv-call-2', 'sv-a2'),
    LiveCall.start(server.wsUrl, 'sv-call-3', 'sv-a3'),
  ]);
  calls.push(c1!, c2!, c3!);
  await c1!.play(CALM);
  await c2!.play(ANGRY_COMPLAINT);
  await c3!.play(ANGRY_COMPLAINT);
});
afterAll(async () => {
  await Promise.all(calls.map((c) => c.stop().catch(() => undefined)));
  await browser?.close();
  await server?.stop();
});

describe('the supervisor wall', () => {
  it('shows the team’s live calls only, most at risk first, with alerts and what became of the prompts', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/supervisor?token=${TOKENS.team}`, { width: 1280, height: 800 });
    await waitForConn(page, 'live');
    expect(page.url()).not.toContain('token'); // taken out of the address bar at once
    await waitForCount(page, '[data-testid=wall-row]', 2);
    // The complaint goes to the top once its alerts are in (a busy node raises them late, not never).
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=wall-row]')].map((r) => r.getAttribute('data-agent-id')).join() === 'sv-a2,sv-a1', null, { timeout: WAIT_MS });
    expect(await attrs(page, '[data-testid=wall-row]', 'data-agent-id')).toEqual(['sv-a2', 'sv-a1']);
    expect(await page.locator('[data-testid=wall-count]').innerText()).toBe('2 live');
    const reasons = await texts(page, '[data-testid=risk-reasons]');
    expect(reasons[0]).toMatch(/alert/);
    // The call record, fetched with the supervisor's token (never put in a URL) and saved.
    const recordLink = page.locator('[data-call-id="sv-call-2"] a[data-hook=call-record]');
    expect(await recordLink.getAttribute('href')).toBe('/v1/calls/sv-call-2');
    const [download] = await Promise.all([page.waitForEvent('download'), recordLink.click()]);
    expect(download.suggestedFilename()).toBe('sv-call-2.json');
    const record = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { callId: string; agentId: string };
    expect(record).toMatchObject({ callId: 'sv-call-2', agentId: 'sv-a2' });

    // Alerts are the team's: the other team's identical complaint raises none here.
    const alerts = await texts(page, '[data-testid=alert]');
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts.join('\n')).toMatch(/Critical · sv-a2 · sv-call-2/);
    expect(alerts.join('\n')).not.toContain('sv-a3');

    // The agent uses a prompt on their desktop's feed: the wall shows it used.
    const agentFeed = await TestSocket.open(`${server.wsUrl}/v1/feed?token=${TOKENS.a2}`);
    const state = await agentFeed.nextType('call.state');
    const prompt = (state.prompts as { promptId: string }[])[0]!;
    agentFeed.send({ type: 'ack', promptId: prompt.promptId, action: 'used' });
    await waitForText(page, '[data-call-id="sv-call-2"] [data-testid=prompt-summary]', / 1 used /);
    await agentFeed.close();
    expect(problems).toEqual([]);
    await close();
  });

  it('refuses an agent token in plain words, and an unknown token with a sign-in form', async () => {
    const agent = await openPage(browser, `${server.url}/supervisor?token=${TOKENS.a1}`, { width: 1280, height: 800 });
    const refusal = await waitForText(agent.page, '[data-testid=refusal]', /agent token/);
    expect(refusal).toMatch(/needs a supervisor token/);
    expect(await agent.page.locator('#wall-main').isHidden()).toBe(true);
    expect(await agent.page.locator('[data-testid=wall-row]').count()).toBe(0);
    expect(await agent.page.locator('#signin').isVisible()).toBe(true);
    await agent.close();

    const stranger = await openPage(browser, `${server.url}/supervisor?token=not-a-real-token-at-all`, { width: 1280, height: 800 });
    await waitForConn(stranger.page, 'refused');
    await waitForText(stranger.page, '[data-testid=refusal]', /refused this token/);
    expect(await stranger.page.locator('#signin').isVisible()).toBe(true);
    // Signing in with the supervisor token from the form brings the wall up.
    await stranger.page.fill('#signin input[name=token]', TOKENS.team);
    await stranger.page.click('#signin button[type=submit]');
    await waitForCount(stranger.page, '[data-testid=wall-row]', 2);
    await stranger.close();
  });

  it('gives an agent’s desktop its own call and never another’s', async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/?token=${TOKENS.a1}`);
    await waitForConn(page, 'live');
    expect(page.url()).not.toContain('token');
    await waitForText(page, '[data-testid=call-info]', /sv-call-1/);
    await calls[1]!.say('caller', 'I am still waiting, this is unacceptable.');
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=call-info]').innerText()).toContain('sv-call-1');
    const lines = await texts(page, '[data-testid=transcript-line]');
    expect(lines).toHaveLength(CALM.length);
    expect(lines.join('\n')).not.toMatch(/complaint|unacceptable/);
    expect(problems).toEqual([]);
    await close();
  });
});
