// /v1/fork against the first frames jambonz, FreeSWITCH mod_audio_fork and Vonage actually send,
// then binary L16 (stereo interleaved: channel 0 caller, channel 1 agent), with speech
// synthesised at test time; what reaches the agent feed is checked.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { interleave } from '../../src/codecs/interleave.js';
import { JsonSocket } from '../../src/clients/index.js';
import { TestSocket } from '../helpers/ws-client.js';
import { concat, speechLike } from '../helpers/audio.js';
import { counterValue, startBridgeServer, type BridgeServer } from './server.js';
import { frameOf, paced } from './pace.js';

const KEY = 'fork-test-key-0123456789ab';
let server: BridgeServer;

beforeAll(async () => {
  server = await startBridgeServer({ apiKeys: [KEY] });
});
afterAll(async () => server.stop());

const voice = (rate: number) => ({
  caller: concat(speechLike(4000, { pitchHz: 130, rateSylPerS: 4, amplitude: 0.3 }, rate, 31), speechLike(3000, { pitchHz: 200, rateSylPerS: 6, amplitude: 0.7 }, rate, 32)),
  agent: speechLike(7000, { pitchHz: 230, rateSylPerS: 4, amplitude: 0.3 }, rate, 33),
});
const basic = (key: string) => `Basic ${Buffer.from(`jambonz:${key}`).toString('base64')}`;

async function feedFor(agentId: string): Promise<TestSocket> {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agentId}`);
  await feed.nextType('hello');
  return feed;
}

describe('raw-PCM forks on /v1/fork', () => {
  it('jambonz listen: subprotocol "audio.jambonz.org", wsAuth as Basic, a JSON frame "plus sampleRate and mixType", then stereo L16', async () => {
    const feed = await feedFor('fk-agent-1');
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/fork`, { protocols: ['audio.jambonz.org'], headers: { authorization: basic(KEY) } });
    expect(sock.ws.protocol).toBe('audio.jambonz.org');
    sock.sendJson({ sampleRate: 16000, mixType: 'stereo', callSid: 'b5e39996-bd2f', direction: 'inbound', from: '+441173185201', callId: 'fk-call-1', agentId: 'fk-agent-1', language: 'zh-CN' });
    expect(await feed.nextType('call.started')).toMatchObject({ callId: 'fk-call-1', agentId: 'fk-agent-1', language: 'zh-CN', tracks: ['caller', 'agent'], source: 'fork' });
    const meta = server.app.callcue.calls.get('fk-call-1')!.start.metadata!;
    expect(meta).toMatchObject({ 'fork.flavour': 'jambonz', 'fork.mixType': 'stereo' });
    expect(JSON.stringify(meta)).not.toContain('+4411');
    const { caller, agent } = voice(16000);
    await paced(350, (k) => sock.sendBinary(interleave([encodeAudio(frameOf(caller, k, 320), 'pcm16le'), encodeAudio(frameOf(agent, k, 320), 'pcm16le')], 2)));
    await sock.close(1000);
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'fk-call-1', reason: 'stop', shedFrames: 0 });
    const emotions = feed.ofType('emotion');
    expect(emotions.length).toBeGreaterThanOrEqual(15);
    const calm = emotions.find((e) => (e.tsMs as number) >= 3500)!.prosody as Record<string, number>;
    expect(calm.pitchHz).toBeGreaterThan(110);
    expect(calm.pitchHz).toBeLessThan(150);
    expect((emotions.at(-1)!.prosody as Record<string, number>).pitchHz).toBeGreaterThan(calm.pitchHz * 1.3);
    await feed.close();
  });

  it('FreeSWITCH mod_audio_fork: "audio.drachtio.org", ?key=, metadata as typed in uuid_audio_fork, "8k" mono = "caller\'s audio"', async () => {
    const feed = await feedFor('fk-agent-2');
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/fork?key=${KEY}`, { protocols: ['audio.drachtio.org'] });
    expect(sock.ws.protocol).toBe('audio.drachtio.org');
    sock.sendJson({ callId: 'fs-uuid-2', agentId: 'fk-agent-2', sampleRate: '8k', mixType: 'mono' });
    expect(await feed.nextType('call.started')).toMatchObject({ callId: 'fs-uuid-2', tracks: ['caller'] });
    const { caller } = voice(8000);
    await paced(250, (k) => sock.sendBinary(encodeAudio(frameOf(caller, k, 160), 'pcm16le')));
    await sock.close(1000);
    expect(await feed.nextType('call.ended')).toMatchObject({ reason: 'stop' });
    expect(feed.ofType('emotion').length).toBeGreaterThan(5);
    await feed.close();
  });

  it('Vonage: {"event":"websocket:connected","content-type":"audio/l16;rate=16000", …headers} with the key among the headers', async () => {
    const feed = await feedFor('fk-agent-3');
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/fork`);
    sock.sendJson({ event: 'websocket:connected', 'content-type': 'audio/l16;rate=16000', agentId: 'fk-agent-3', callId: 'vg-3', key: KEY });
    expect(await feed.nextType('call.started')).toMatchObject({ callId: 'vg-3', tracks: ['caller'] });
    const { caller } = voice(16000);
    await paced(100, (k) => sock.sendBinary(encodeAudio(frameOf(caller, k, 320), 'pcm16le')));
    sock.sendJson({ event: 'websocket:dtmf', digit: '5' });
    await sock.close(1000);
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'vg-3', reason: 'stop' });
    await feed.close();
  });

  it('a fork attached to the agent\'s leg sets callerChannel 1 and the channels swap', async () => {
    const feed = await feedFor('fk-agent-4');
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/fork?key=${KEY}`);
    sock.sendJson({ callId: 'fk-swap', agentId: 'fk-agent-4', sampleRate: 8000, mixType: 'stereo', callerChannel: 1 });
    await feed.nextType('call.started');
    const { caller } = voice(8000);
    // The caller's speech rides on channel 1; channel 0 is silent.
    await paced(250, (k) => sock.sendBinary(interleave([new Uint8Array(320), encodeAudio(frameOf(caller, k, 160), 'pcm16le')], 2)));
    await sock.close(1000);
    await feed.nextType('call.ended');
    const voiced = feed.ofType('emotion').filter((e) => (e.prosody as Record<string, number>).pitchHz > 0);
    expect(voiced.length).toBeGreaterThan(5);
    await feed.close();
  });

  it('a socket that drops without a close frame ends the call as "bridge_disconnected"', async () => {
    const feed = await feedFor('fk-agent-5');
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/fork?key=${KEY}`);
    sock.sendJson({ callId: 'fk-drop', agentId: 'fk-agent-5', sampleRate: 8000 });
    await feed.nextType('call.started');
    sock.ws.terminate();
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'fk-drop', reason: 'bridge_disconnected' });
    await feed.close();
  });

  it('a torn stereo frame is counted (BAD_AUDIO) and skipped; the call goes on', async () => {
    const before = await counterValue(server.app, 'callcue_errors_total', { code: 'BAD_AUDIO' });
    const feed = await feedFor('fk-agent-6');
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/fork?key=${KEY}`);
    sock.sendJson({ callId: 'fk-torn', agentId: 'fk-agent-6', sampleRate: 8000, mixType: 'stereo' });
    await feed.nextType('call.started');
    sock.sendBinary(new Uint8Array(6));
    const { caller, agent } = voice(8000);
    await paced(150, (k) => sock.sendBinary(interleave([encodeAudio(frameOf(caller, k, 160), 'pcm16le'), encodeAudio(frameOf(agent, k, 160), 'pcm16le')], 2)));
    await sock.close(1000);
    expect(await feed.nextType('call.ended')).toMatchObject({ reason: 'stop' });
    expect(feed.ofType('emotion').length).toBeGreaterThan(3);
    expect(await counterValue(server.app, 'callcue_errors_total', { code: 'BAD_AUDIO' })).toBe(before + 1);
    await feed.close();
  });
});

describe('fork refusals: an error frame in mod_audio_fork\'s {"type":"error","data":…} shape, then a close code', () => {
  async function refusal(url: string, first: string | Uint8Array, headers: Record<string, string> = {}) {
    const sock = await JsonSocket.open(url, { headers });
    if (typeof first === 'string') sock.sendText(first);
    else sock.sendBinary(first);
    const code = await sock.awaitClose();
    return { code, reason: sock.closeReason, error: sock.received.find((m) => m.type === 'error') };
  }

  it('audio before the metadata frame', async () => {
    const r = await refusal(`${server.wsUrl}/v1/fork?key=${KEY}`, new Uint8Array(320));
    expect(r).toMatchObject({ code: 4400, error: { data: { code: 'NOT_STARTED' } } });
  });

  it('metadata without an agentId', async () => {
    const r = await refusal(`${server.wsUrl}/v1/fork?key=${KEY}`, JSON.stringify({ sampleRate: 8000, callId: 'no-agent' }));
    expect(r).toMatchObject({ code: 4400, reason: 'agentId is required', error: { data: { code: 'INVALID_MESSAGE' } } });
  });

  it('metadata that is not JSON', async () => {
    const r = await refusal(`${server.wsUrl}/v1/fork?key=${KEY}`, 'callId=1;agent=2');
    expect(r).toMatchObject({ code: 4400, error: { data: { code: 'MALFORMED_JSON' } } });
  });

  it('a wrong key in the metadata: 4401, and no call', async () => {
    const r = await refusal(`${server.wsUrl}/v1/fork`, JSON.stringify({ sampleRate: 8000, callId: 'fk-badkey', agentId: 'a', key: 'wrong-wrong-wrong-wrong' }));
    expect(r).toMatchObject({ code: 4401, error: { data: { code: 'UNAUTHORIZED' } } });
    expect(server.app.callcue.calls.get('fk-badkey')).toBeUndefined();
  });

  it('a wrong Basic password is refused before the upgrade with 401', async () => {
    await expect(JsonSocket.open(`${server.wsUrl}/v1/fork`, { headers: { authorization: basic('wrong-wrong-wrong-wrong') } })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('the same call id twice: the second fork is refused, the first goes on', async () => {
    const a = await JsonSocket.open(`${server.wsUrl}/v1/fork?key=${KEY}`);
    a.sendJson({ sampleRate: 8000, callId: 'fk-dup', agentId: 'a' });
    await new Promise((r) => setTimeout(r, 50));
    const r = await refusal(`${server.wsUrl}/v1/fork?key=${KEY}`, JSON.stringify({ sampleRate: 8000, callId: 'fk-dup', agentId: 'a' }));
    expect(r).toMatchObject({ code: 4400, error: { data: { code: 'DUPLICATE_CALL' } } });
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    await a.close(1000);
  });
});
