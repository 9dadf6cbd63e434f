// The playbook as data: the default validates and covers the manual's sections in three scripts;
// a bank edits a text or a threshold and a running node applies it without a restart; a broken
// edit is refused and the previous playbook stays in force.

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../src/policy/store.js';
import { fill } from '../../src/policy/render.js';
import { amountsIn, parseChineseNumber } from '../../src/policy/amounts.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage } from '../helpers/bridge.js';

describe('the default playbook', () => {
  const pb = parsePlaybook(readFileSync('playbooks/default.json', 'utf8'), 'default');
  it('has every rule in English, Simplified and Traditional Chinese, each citing a manual section', () => {
    const ids = Object.keys(pb.rules);
    for (const needed of ['empathy.onset.anger', 'empathy.onset.anxiety', 'empathy.onset.disappointment', 'deescalation.anger.persisting', 'escalation.primary', 'escalation.intermediate', 'escalation.advanced', 'compliance.account-before-verification', 'compliance.secret-request', 'coaching.talk-over']) {
      expect(ids).toContain(needed);
    }
    for (const [id, r] of Object.entries(pb.rules)) {
      expect(r.section, id).toMatch(/^§[1-6]$/);
      expect(r.text['zh-Hant'], id).toBeTruthy();
      expect(r.text['zh-Hant'], id).not.toBe(r.text['zh-Hans']);
    }
  });
  it('fills placeholders and drops optional parts with nothing to say', () => {
    expect(fill('[[Reflect: "{quote}" — then ]]say hi', { quote: 'I was charged twice' })).toBe('Reflect: "I was charged twice" — then say hi');
    expect(fill('[[Reflect: "{quote}" — then ]]say hi', {})).toBe('say hi');
  });
  it('reads amounts in both languages', () => {
    expect(amountsIn('they took $12,500 and 300 dollars')).toEqual([12500, 300]);
    expect(amountsIn('被扣了五万块，还有3.5万元')).toEqual([50000, 35000]);
    expect(parseChineseNumber('三万五千')).toBe(35000);
  });
});

describe('a bank edits its playbook on a running node', () => {
  let dir: string;
  let file: string;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callcue-playbook-'));
    file = join(dir, 'bank.json');
    copyFileSync('playbooks/default.json', file);
    server = await startTestServer({ playbookPath: file }, { prosodyModel: null });
  });
  afterAll(async () => server.stop());

  async function angryCall(callId: string) {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=a&callId=${callId}`);
    await feed.nextType('hello');
    const b = await openBridge(server.wsUrl);
    b.send(startMessage(callId, 'a', [{ track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 }]));
    await b.nextType('started');
    b.send({ type: 'transcript', track: 'caller', text: "This is the third time I'm calling and I am furious!", isFinal: true, startMs: 0, endMs: 2000 });
    const p = await feed.nextType('prompt');
    b.send({ type: 'stop' });
    await feed.nextType('call.ended');
    await feed.close();
    return p;
  }

  it('a changed prompt text takes effect without a restart (file watch)', async () => {
    const before = await angryCall('pb-1');
    expect(before.title).toBe('Caller sounds angry — acknowledge before you solve');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.version = 'bank-2';
    edited.rules['empathy.onset.anger'].title.en = 'Angry caller: listen, reflect, then act';
    writeFileSync(file, JSON.stringify(edited));
    await expect.poll(async () => (await (await fetch(`${server.url}/v1/playbook`)).json()).version, { timeout: 5000 }).toBe('bank-2');
    const after = await angryCall('pb-2');
    expect(after.title).toBe('Angry caller: listen, reflect, then act');
  });

  it('a changed threshold applies too: disabling the rule silences it', async () => {
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.version = 'bank-3';
    edited.rules['empathy.onset.anger'].enabled = false;
    writeFileSync(file, JSON.stringify(edited));
    const r = await (await fetch(`${server.url}/v1/playbook/reload`, { method: 'POST' })).json();
    expect(r).toMatchObject({ ok: true, version: 'bank-3' });
    const p = await angryCall('pb-3');
    expect(p.rule).not.toBe('empathy.onset.anger');
  });

  it('a broken playbook is refused with the reason; the running one stays', async () => {
    writeFileSync(file, JSON.stringify({ version: 'broken', rules: {} }));
    const res = await fetch(`${server.url}/v1/playbook/reload`, { method: 'POST' });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toMatch(/playbook/);
    expect((await (await fetch(`${server.url}/v1/playbook`)).json()).version).toBe('bank-3');
  });
});
