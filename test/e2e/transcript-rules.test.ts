// Transcripts in the live pipeline: personal data is redacted before the feed (or anything else)
// sees it, and the agent's language is judged against the manual — on the agent track only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, type BridgeTrack } from '../helpers/bridge.js';

const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ jargon: [{ term: 'chargeback', plain: 'a refund request to the card network' }] }, { prosodyModel: null, textModel: null });
});
afterAll(async () => server.stop());

async function call(callId: string, language: string) {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=ag&callId=${callId}`);
  await feed.nextType('hello');
  const bridge = await openBridge(server.wsUrl);
  bridge.send(startMessage(callId, 'ag', TRACKS, language));
  await bridge.nextType('started');
  let t = 0;
  const say = (track: 'caller' | 'agent', text: string) => {
    bridge.send({ type: 'transcript', track, text, isFinal: true, startMs: t, endMs: (t += 1500) });
  };
  return { feed, bridge, say };
}

describe('transcripts in the live pipeline', () => {
  it('redacts a card number (written and spoken), a password and a date of birth before the feed sees them', async () => {
    const { feed, bridge, say } = await call('tr-en', 'en-US');
    say('caller', 'my card number is 4532 0151 1283 0366');
    say('caller', 'it is four five three two zero one five one one two eight three zero three six six');
    say('caller', 'and my password is hunter22');
    say('caller', 'date of birth the 12th of March 1985');
    await feed.next(() => feed.ofType('transcript').length >= 4);
    const texts = feed.ofType('transcript').map((m) => m.text as string);
    expect(texts[0]).not.toMatch(/4532|0151|1283/);
    expect(texts[0]).toContain('0366'); // the last four, as banks show them
    expect(texts[1]).not.toMatch(/four five three two/);
    expect(texts[2]).not.toContain('hunter22');
    expect(texts[3]).toBe('date of birth [DOB]');
    expect(feed.ofType('transcript')[0]!.redacted).toEqual(['card']);
    expect(feed.ofType('transcript')[3]!.redacted).toEqual(['dob']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });

  it('hides the caller’s answers to the agent’s verification questions, and only those', async () => {
    const { feed, bridge, say } = await call('tr-en-verify', 'en-GB');
    say('agent', 'Could you confirm your date of birth for me?');
    say('caller', 'Sure, it’s the 12th of March 1985.');
    say('agent', 'Thank you. And your memorable word?');
    say('caller', 'Paris.');
    say('agent', 'And the postcode?');
    say('caller', 'It’s SW1A 1AA.');
    say('caller', 'My transfer on the 3rd of May never arrived, email me at jane.doe@example.com');
    await feed.next(() => feed.ofType('transcript').length >= 7);
    const caller = feed.ofType('transcript').filter((m) => m.track === 'caller');
    expect(caller.map((m) => m.text)).toEqual(['Sure, it’s [DOB].', '[SECRET].', 'It’s [ADDRESS].', 'My transfer on the 3rd of May never arrived, email me at [EMAIL]']);
    expect(caller.map((m) => m.redacted)).toEqual([['dob'], ['secret'], ['address'], ['email']]);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });

  it('hides every part of an answer to a question that asks for several things', async () => {
    const { feed, bridge, say } = await call('tr-en-multi', 'en-GB');
    say('agent', 'Could you confirm your date of birth and your postcode?');
    say('caller', 'Sure, it’s the 12th of March 1985, postcode SW4 9LT.');
    say('agent', 'Thanks. And your memorable word and the first line of your address?');
    say('caller', 'Rosebud, and 22 Acacia Avenue.');
    await feed.next(() => feed.ofType('transcript').length >= 4);
    const caller = feed.ofType('transcript').filter((m) => m.track === 'caller');
    expect(caller.map((m) => m.text)).toEqual(['Sure, it’s [DOB], postcode [ADDRESS].', '[SECRET], and [ADDRESS].']);
    expect(caller.map((m) => m.redacted)).toEqual([['dob', 'address'], ['secret', 'address']]);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });

  it('keeps what the caller says after an address is mentioned when it is no address: the calm-down words stay', async () => {
    const { feed, bridge, say } = await call('tr-zh-calm', 'zh-CN');
    say('agent', '好的，新卡会寄到您的账单地址，大约五个工作日。');
    say('caller', '好的，那我就放心了，谢谢你');
    say('agent', '请问您的账单地址是哪里？');
    say('caller', '北京市朝阳区建国路88号');
    // A call's first Chinese utterance builds that language's rules: slow on a busy machine.
    await feed.next(() => feed.ofType('transcript').length >= 4);
    const caller = feed.ofType('transcript').filter((m) => m.track === 'caller');
    expect(caller.map((m) => m.text)).toEqual(['好的，那我就放心了，谢谢你', '[ADDRESS]']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });

  it('hides the last digits of an ID read out, spoken or written, in English and Chinese', async () => {
    const { feed, bridge, say } = await call('tr-last-four', 'zh-CN');
    say('agent', '请您说一下身份证号码的后四位。');
    say('caller', '后四位是四五六七');
    say('caller', 'the last four are 4 5 6 7');
    say('agent', 'Can I have the last four digits of your ID number?');
    say('caller', 'It’s nine eight seven six.');
    await feed.next(() => feed.ofType('transcript').length >= 5);
    const caller = feed.ofType('transcript').filter((m) => m.track === 'caller');
    expect(caller.map((m) => m.text)).toEqual(['后四位是[DIGITS]', 'the last four are [DIGITS]', 'It’s [DIGITS].']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });

  it('flags the agent’s negative wording, denial of feelings, jargon and a PIN request, with the manual section and a rewrite', async () => {
    const { feed, bridge, say } = await call('tr-en-2', 'en-US');
    say('agent', "Calm down, there's nothing I can do about it.");
    say('agent', 'You would need to file a chargeback.');
    say('agent', 'Can you tell me your PIN?');
    say('agent', 'Thank you for calling, is there anything else I can help with?');
    await feed.next(() => feed.ofType('language').length >= 4);
    const findings = feed.ofType('language').flatMap((m) => m.findings as Record<string, unknown>[]);
    const kinds = findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['feeling-denial', 'negative-wording', 'jargon', 'secret-request', 'flow-closing']));
    const negative = findings.find((f) => f.kind === 'negative-wording')!;
    expect(negative.section).toBe('§2');
    expect(typeof negative.suggestion).toBe('string');
    expect(findings.find((f) => f.kind === 'secret-request')!.severity).toBe('critical');
    expect(findings.find((f) => f.kind === 'jargon')!.suggestion).toMatch(/refund request/);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });

  it('does not judge the caller’s words as agent language', async () => {
    const { feed, bridge, say } = await call('tr-en-3', 'en-US');
    say('caller', "That's impossible, there's nothing you can do? Calm down yourself.");
    say('agent', 'I understand, let me check that for you right away.');
    await feed.next(() => feed.ofType('transcript').length >= 2);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    const violations = feed.ofType('language').flatMap((m) => (m.findings as Record<string, unknown>[]).filter((f) => f.polarity === 'violation'));
    expect(violations).toEqual([]);
  });

  it('judges Traditional Chinese agent speech and answers in Traditional script', async () => {
    const { feed, bridge, say } = await call('tr-zh-hk', 'zh-HK');
    say('agent', '你冷靜一點，這個我們無法處理，稍後再說。');
    await feed.nextType('language');
    const findings = feed.ofType('language')[0]!.findings as Record<string, unknown>[];
    expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['feeling-denial', 'negative-wording', 'vague-time']));
    const suggestion = findings.find((f) => f.kind === 'vague-time')!.suggestion as string;
    expect(suggestion).not.toMatch(/[们这说时后]/); // Simplified forms would be wrong for Hong Kong
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });
});
