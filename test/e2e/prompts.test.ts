// From emotion to help, end to end: a bridge streams a call with its transcript, and the agent's
// feed shows the playbook's prompts — in the call's language, with evidence — and nothing for a
// calm call.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';

const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({});
});
afterAll(async () => server.stop());

type Turn = ['caller' | 'agent', string];

/** Streams turns of a call: each turn's speech on its track, then its final transcript. */
async function playCall(callId: string, language: string, turns: Turn[]) {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=ag-${callId}&callId=${callId}`);
  await feed.nextType('hello');
  const bridge = await openBridge(server.wsUrl);
  bridge.send(startMessage(callId, `ag-${callId}`, TRACKS, language));
  await bridge.nextType('started');
  let t = 0;
  for (const [who, text] of turns) {
    const ms = 2500;
    const voice = speechLike(ms, { pitchHz: who === 'caller' ? 140 : 200, rateSylPerS: 4, amplitude: 0.35 }, 8000, t);
    const silence = new Float32Array(voice.length);
    await Promise.all([
      streamAudio(bridge, 0, who === 'caller' ? voice : silence, TRACKS[0]!, 20, 50),
      streamAudio(bridge, 1, who === 'agent' ? voice : silence, TRACKS[1]!, 20, 50),
    ]);
    bridge.send({ type: 'transcript', track: who, text, isFinal: true, startMs: t, endMs: t + ms });
    t += ms;
  }
  bridge.send({ type: 'stop' });
  await feed.nextType('call.ended');
  await bridge.closed;
  await feed.close();
  return feed;
}

describe('prompts on the agent feed', () => {
  it('an escalating English complaint: empathy quoting the caller, then the complaint tiers with alerts', async () => {
    const feed = await playCall('pr-en', 'en-US', [
      ['agent', 'Good morning, thank you for calling First Bank, my name is Anna from the cards team.'],
      ['caller', "This is the third time I'm calling about this charge and nobody has fixed it!"],
      ['agent', "I'm sorry to hear that. Just to confirm, you were charged twice for the same purchase?"],
      ['caller', 'Yes. I want to file a complaint, this is ridiculous.'],
      ['caller', 'Put me through to your manager right now.'],
      ['caller', "If this isn't fixed I'm going to the financial ombudsman."],
    ]);
    const prompts = feed.ofType('prompt');
    if (process.env.DEBUG_PROMPTS) console.log(JSON.stringify(prompts.map((p) => [p.rule, p.title, p.text, p.evidence, p.latencyMs]), null, 1));
    const rules = prompts.map((p) => p.rule);
    expect(rules[0]).toBe('empathy.onset.anger');
    expect(rules).toEqual(expect.arrayContaining(['escalation.primary', 'escalation.intermediate', 'escalation.advanced']));
    expect(rules.indexOf('escalation.primary')).toBeLessThan(rules.indexOf('escalation.intermediate'));
    expect(rules.indexOf('escalation.intermediate')).toBeLessThan(rules.indexOf('escalation.advanced'));
    const empathy = prompts[0]!;
    expect(empathy.quote).toBe("This is the third time I'm calling about this charge and nobody has fixed it!");
    expect(empathy.text).toContain('third time');
    expect(empathy.section).toBe('§3');
    expect((empathy.evidence as string[]).join(' ')).toMatch(/caller said/);
    const advanced = prompts.find((p) => p.rule === 'escalation.advanced')!;
    expect(advanced).toMatchObject({ tier: 'advanced', kind: 'escalation', section: '§4' });
    expect((advanced.evidence as string[]).join(' ')).toMatch(/ombudsman/);
    const alerts = feed.ofType('alert');
    expect(alerts.map((a) => [a.rule, a.level])).toEqual([
      ['escalation.intermediate', 'warning'],
      ['escalation.advanced', 'critical'],
    ]);
    // Checklist ticks from the agent's greeting and confirmation.
    const checklist = feed.ofType('checklist').at(-1)!.items as { id: string; done: boolean }[];
    expect(checklist.filter((i) => i.done).map((i) => i.id)).toEqual(expect.arrayContaining(['greeting', 'confirm']));
    // Every prompt carries its latency, expiry and a unique id.
    for (const p of prompts) {
      expect(p.latencyMs as number).toBeGreaterThanOrEqual(0);
      expect(Date.parse(p.expiresAt as string)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(new Set(prompts.map((p) => p.promptId)).size).toBe(prompts.length);
  });

  it('a Chinese complaint gets Simplified prompts; a Hong Kong call gets Traditional ones', async () => {
    const zh = await playCall('pr-zh', 'zh-CN', [
      ['caller', '我已经打了三次电话了，你们到底管不管？我要投诉你们！'],
      ['caller', '我要找你们经理。'],
    ]);
    const p = zh.ofType('prompt');
    expect(p[0]).toMatchObject({ rule: 'empathy.onset.anger' });
    expect(p[0]!.text).toMatch(/我理解您的感受/);
    expect(p.map((x) => x.rule)).toEqual(expect.arrayContaining(['escalation.intermediate']));
    const hk = await playCall('pr-hk', 'zh-HK', [['caller', '我已經打了三次電話，我要投訴你們！']]);
    const h = hk.ofType('prompt')[0]!;
    expect(h.rule).toBe('empathy.onset.anger');
    expect(h.text).toMatch(/您的感受/);
    expect(h.text).not.toMatch(/[们说应这]/); // Simplified-only forms have no place in a Hong Kong prompt
  });

  it('compliance: account details before verification, and a PIN request, each alert the supervisor', async () => {
    const feed = await playCall('pr-comp', 'en-US', [
      ['caller', 'Hi, I wanted to check something on my account.'],
      ['agent', 'Sure, your balance is 2,400 dollars.'],
      ['agent', 'Can you tell me your PIN so I can check the card?'],
    ]);
    const rules = feed.ofType('prompt').map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(['compliance.account-before-verification', 'compliance.secret-request']));
    expect(feed.ofType('alert').map((a) => a.level)).toEqual(expect.arrayContaining(['critical']));
  });

  it('a verified caller may hear account details without a compliance prompt', async () => {
    const feed = await playCall('pr-verified', 'en-US', [
      ['agent', 'For security, can you confirm your date of birth?'],
      ['caller', 'It is the fourth of May nineteen eighty.'],
      ['agent', 'Thank you, you are verified. Your balance is 2,400 dollars.'],
    ]);
    expect(feed.ofType('prompt').map((p) => p.rule)).not.toContain('compliance.account-before-verification');
  });

  it('a calm enquiry produces no prompt at all', async () => {
    const feed = await playCall('pr-calm', 'en-US', [
      ['agent', 'Good afternoon, thank you for calling First Bank, this is Tom.'],
      ['caller', 'Hello, could you tell me what time the Main Street branch opens on Saturday?'],
      ['agent', 'Of course. The Main Street branch opens at nine on Saturdays.'],
      ['caller', 'Great, thank you very much.'],
      ['agent', 'Is there anything else I can help you with? Thank you for calling.'],
    ]);
    expect(feed.ofType('prompt')).toEqual([]);
    const labels = feed.ofType('emotion').map((e) => e.label);
    expect(labels).not.toContain('anger');
    const checklist = feed.ofType('checklist').at(-1)!.items as { id: string; done: boolean }[];
    expect(checklist.filter((i) => i.done).map((i) => i.id)).toEqual(expect.arrayContaining(['greeting', 'closing']));
  });
});
