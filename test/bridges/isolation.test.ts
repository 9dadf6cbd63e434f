// "One bad call never touches another": calls on three protocols at once; two of them break
// (an AudioHook client that violates the protocol and drops its socket, a fork that sends torn
// audio and vanishes) while a Twilio call runs. The Twilio call's emotion states must be exactly
// those of the same call run alone.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { interleave } from '../../src/codecs/interleave.js';
import { JsonSocket, runReplayLoop, TwilioReplayClient } from '../../src/clients/index.js';
import { TestSocket } from '../helpers/ws-client.js';
import { concat, speechLike } from '../helpers/audio.js';
import { startBridgeServer, type BridgeServer } from './server.js';
import { AudiohookTestClient, STEREO } from './audiohook-client.js';
import { frameOf, paced } from './pace.js';

let server: BridgeServer;
beforeAll(async () => {
  server = await startBridgeServer();
});
afterAll(async () => server.stop());

const caller = concat(
  speechLike(5000, { pitchHz: 118, rateSylPerS: 4, amplitude: 0.3 }, 8000, 51),
  speechLike(3000, { pitchHz: 180, rateSylPerS: 6, amplitude: 0.7 }, 8000, 52),
);
const agent = speechLike(8000, { pitchHz: 220, rateSylPerS: 4, amplitude: 0.3 }, 8000, 53);

async function twilioCall(callId: string, agentId: string) {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agentId}`);
  await feed.nextType('hello');
  const client = new TwilioReplayClient({ url: server.wsUrl, callId, agentId, language: 'en-US', stereo: true });
  const stats = await runReplayLoop(client, { caller, agent, sampleRateHz: 8000 }, [], 10);
  const ended = await feed.next((m) => m.type === 'call.ended' && m.callId === callId);
  await feed.close();
  const states = feed.ofType('emotion').map((e) => ({ tsMs: e.tsMs, prosody: e.prosody, speaking: e.speaking }));
  return { stats, ended, states };
}

async function brokenAudiohook() {
  const c = await AudiohookTestClient.connect(server.wsUrl, { key: 'any-key-on-loopback-000' });
  c.open([STEREO], { inputVariables: { agentId: 'iso-bad', callId: 'iso-bad-ah' } });
  await c.next('opened');
  await paced(100, (k) => c.audio(interleave([encodeAudio(frameOf(caller, k, 160), 'mulaw'), encodeAudio(frameOf(agent, k, 160), 'mulaw')], 1), 2));
  c.send('ping', {}, { seq: 99 });
  await c.next('disconnect');
  c.sock.ws.terminate();
}

async function brokenFork() {
  const s = await JsonSocket.open(`${server.wsUrl}/v1/fork`);
  s.sendJson({ sampleRate: 8000, mixType: 'stereo', callId: 'iso-bad-fork', agentId: 'iso-bad' });
  await paced(80, (k) => s.sendBinary(k % 10 === 9 ? new Uint8Array(7) : interleave([encodeAudio(frameOf(caller, k, 160), 'pcm16le'), new Uint8Array(320)], 2)));
  s.ws.terminate();
}

describe('calls are isolated from each other', () => {
  it('a Twilio call gives identical emotion states alone and next to two calls that break', async () => {
    const alone = await twilioCall('iso-alone', 'iso-a');
    expect(alone.states.length).toBeGreaterThanOrEqual(20);

    const badFeed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=iso-bad`);
    await badFeed.nextType('hello');
    const [together] = await Promise.all([twilioCall('iso-together', 'iso-b'), brokenAudiohook(), brokenFork()]);

    expect(together.ended).toMatchObject({ reason: 'stop', shedFrames: 0 });
    expect(together.stats.end).toEqual({ closeCode: 1000, acknowledged: true });
    expect(together.states).toEqual(alone.states);

    // The broken calls ended as such, on their own.
    const endings = new Map<string, unknown>();
    await badFeed.next((m) => m.type === 'call.ended' && m.callId === 'iso-bad-ah');
    await badFeed.next((m) => m.type === 'call.ended' && m.callId === 'iso-bad-fork');
    for (const e of badFeed.ofType('call.ended')) endings.set(e.callId as string, e.reason);
    expect(endings.get('iso-bad-ah')).toBe('protocol_error');
    expect(endings.get('iso-bad-fork')).toBe('bridge_disconnected');
    expect(server.app.callcue.calls.size).toBe(0);
    await badFeed.close();
  });
});
