// The shipped voice model on a calm synthetic caller, end to end: espeak-ng reads calm bank
// questions in English and Mandarin (synthesised now, at test time), a bridge streams them to the
// real server, and the agent's feed must never show a target emotion (calm espeak Mandarin once
// came out as anger 0.92). No text model, so every verdict would be the voice's. Over a simulated
// phone line the voice gate refuses almost every window. Pristine digital espeak audio was not in
// the gate's training: the plain en-us voice then passes the gate (the voice judges it, neutral),
// so that call is held to the product's promise only — no target state, no emotion prompt.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { concat, silence } from '../helpers/audio.js';
import { overPhoneLine } from '../helpers/phone-line.js';
import { hasEspeak, speak } from '../../src/scenarios/espeak.js';
import type { EspeakParams } from '../../src/scenarios/voices.js';

const TARGETS = ['anger', 'anxiety', 'disappointment', 'uncertain'];

/** A calm caller: espeak's plain voice of the language at its usual rate and pitch. */
const EN = { language: 'en-US', params: { voice: 'en-us', rateWpm: 165, pitch: 50, amplitude: 100, wordGap: 0, pitchVariability: 0 } as EspeakParams, lines: ['Hello, I would like to check the due date of my credit card bill.', 'I also want to move the automatic payment to my savings account.', 'That is all, thank you very much.'] };
const ZH = { language: 'zh-CN', params: { voice: 'cmn', rateWpm: 175, pitch: 50, amplitude: 50, wordGap: 0, pitchVariability: 0 } as EspeakParams, lines: ['您好，我想问一下信用卡账单的还款日期。', '另外我想把自动还款改到另一张储蓄卡上。', '好的，谢谢您，没有别的问题了。'] };
const ZH_F2 = { language: 'zh-CN', params: { ...ZH.params, voice: 'cmn+f2', rateWpm: 160, pitch: 45 }, lines: ['请帮我查一下上个月的转账记录。', '我想确认一下这笔钱是不是已经到账了。', '明白了，谢谢，再见。'] };

const CALLS: { language: string; params: EspeakParams; lines: string[]; phoneLine: boolean }[] = [
  { ...EN, phoneLine: true },
  { ...EN, phoneLine: false },
  { ...ZH, phoneLine: true },
  { ...ZH, phoneLine: false },
  { ...ZH_F2, phoneLine: true },
];

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({}, { textModel: null });
});
afterAll(async () => server?.stop());

describe.skipIf(!hasEspeak())('a calm synthetic caller through the live service', () => {
  it.each(CALLS.map((c, i) => [i, c.language, c.params.voice, c.phoneLine ? 'phone line' : 'clean digital audio', c] as const))('call %i (%s, espeak %s, %s): no target emotion, no emotion prompt', async (i, language, _voice, _line, call) => {
    const parts: Float32Array[] = [];
    for (const line of call.lines) parts.push((await speak(line, call.params)).samples, silence(600));
    const audio = call.phoneLine ? overPhoneLine(concat(...parts), 100 + i) : concat(...parts);
    const callId = `synthetic-${i}`;
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=agent-s${i}`);
    await feed.nextType('hello');
    const bridge = await openBridge(server.wsUrl);
    const tracks: BridgeTrack[] = [{ track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 }];
    bridge.send(startMessage(callId, `agent-s${i}`, tracks, language));
    await bridge.nextType('started');
    await streamAudio(bridge, 0, audio, tracks[0]!, 20, 20);
    const endMs = Math.floor(audio.length / 8) - 1000;
    await feed.next((m) => m.type === 'emotion' && (m.tsMs as number) >= endMs, 30_000, 'an emotion state near the end of the call');
    bridge.send({ type: 'stop' });
    await bridge.nextType('stopped');
    await feed.nextType('call.ended');

    const emotions = feed.ofType('emotion').filter((e) => e.callId === callId);
    expect(emotions.length).toBeGreaterThan(20);
    expect(emotions.filter((e) => TARGETS.includes(e.label as string))).toEqual([]);
    const voiced = emotions.filter((e) => ((e.sources as string[] | undefined) ?? []).includes('prosody'));
    if (call.phoneLine) expect(voiced.length / emotions.length).toBeLessThan(0.1);
    expect(feed.messages.filter((m) => m.callId === callId && m.type === 'prompt' && ['empathy', 'deescalation', 'escalation'].includes(m.kind as string))).toEqual([]);
    await bridge.closed;
    await feed.close();
  }, 120_000);
});
