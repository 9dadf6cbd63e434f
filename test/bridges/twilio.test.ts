// /v1/twilio against sessions shaped message by message as Twilio's "Media Streams - WebSocket
// Messages" documents them, with speech synthesised at test time; what reaches the agent feed is
// checked. Test names quote the rule they check.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TwilioEncoder } from '../../src/codecs/twilio-encode.js';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { JsonSocket } from '../../src/clients/index.js';
import { TestSocket } from '../helpers/ws-client.js';
import { concat, speechLike } from '../helpers/audio.js';
import { counterValue, startBridgeServer, type BridgeServer } from './server.js';
import { frameOf, paced } from './pace.js';

const KEY = 'twilio-test-key-0123456789';
let server: BridgeServer;
let keyed: BridgeServer;

beforeAll(async () => {
  server = await startBridgeServer();
  keyed = await startBridgeServer({ apiKeys: [KEY] });
});
afterAll(async () => {
  await server.stop();
  await keyed.stop();
});

let n = 0;
const ids = () => ({ streamSid: `MZ${++n}aa`, accountSid: 'ACtest', callSid: `CA${n}bb` });
const caller = concat(
  speechLike(5000, { pitchHz: 125, rateSylPerS: 4, amplitude: 0.3 }, 8000, 11),
  speechLike(3000, { pitchHz: 190, rateSylPerS: 6, amplitude: 0.7 }, 8000, 12),
);
const agent = speechLike(8000, { pitchHz: 210, rateSylPerS: 4, amplitude: 0.3 }, 8000, 13);

async function feedFor(s: BridgeServer, agentId: string): Promise<TestSocket> {
  const feed = await TestSocket.open(`${s.wsUrl}/v1/feed?agentId=${agentId}`);
  await feed.nextType('hello');
  return feed;
}

async function streamBoth(sock: JsonSocket, enc: TwilioEncoder, frames: number, tracks: ('inbound' | 'outbound')[] = ['inbound', 'outbound']) {
  await paced(frames, (k) => {
    if (tracks.includes('inbound')) sock.sendText(enc.media('inbound', encodeAudio(frameOf(caller, k, 160), 'mulaw')));
    if (tracks.includes('outbound')) sock.sendText(enc.media('outbound', encodeAudio(frameOf(agent, k, 160), 'mulaw')));
  });
}

describe('Twilio Media Streams on /v1/twilio', () => {
  it('a both_tracks stream — connected, start, media, stop — reaches the agent feed: "inbound" is the caller, "outbound" the agent', async () => {
    const feed = await feedFor(server, 'tw-agent-1');
    const enc = new TwilioEncoder(ids());
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound', 'outbound'], { agentId: 'tw-agent-1', callId: 'tw-call-1', language: 'zh-CN', queue: 'cards' }));
    const started = await feed.nextType('call.started');
    expect(started).toMatchObject({ callId: 'tw-call-1', agentId: 'tw-agent-1', language: 'zh-CN', tracks: ['caller', 'agent'], source: 'twilio' });
    await streamBoth(sock, enc, 400);
    sock.sendText(enc.stop());
    const ended = await feed.nextType('call.ended');
    expect(ended).toMatchObject({ callId: 'tw-call-1', reason: 'stop', shedFrames: 0 });
    expect(await sock.awaitClose()).toBe(1000);
    const emotions = feed.ofType('emotion');
    expect(emotions.length).toBeGreaterThanOrEqual(20);
    const calm = emotions.find((e) => (e.tsMs as number) >= 4500)!.prosody as Record<string, number>;
    const raised = emotions.at(-1)!.prosody as Record<string, number>;
    expect(calm.pitchHz).toBeGreaterThan(100);
    expect(calm.pitchHz).toBeLessThan(150);
    expect(raised.pitchHz).toBeGreaterThan(calm.pitchHz * 1.3);
    await feed.close();
  });

  it('"start.callSid" is the call id when customParameters carry no callId, and a single inbound track works', async () => {
    const feed = await feedFor(server, 'tw-agent-2');
    const id = ids();
    const enc = new TwilioEncoder(id);
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-agent-2' }));
    expect(await feed.nextType('call.started')).toMatchObject({ callId: id.callSid, tracks: ['caller'], language: 'en-US' });
    await streamBoth(sock, enc, 250, ['inbound']);
    sock.sendText(enc.stop());
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: id.callSid, reason: 'stop' });
    expect(feed.ofType('emotion').length).toBeGreaterThan(5);
    await feed.close();
  });

  it('sequenceNumber "is incremented for each subsequent message": gaps are counted in callcue_bridge_sequence_gaps_total', async () => {
    const before = await counterValue(server.app, 'callcue_bridge_sequence_gaps_total', { protocol: 'twilio' });
    const feed = await feedFor(server, 'tw-agent-3');
    const enc = new TwilioEncoder(ids());
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-agent-3', callId: 'tw-call-3' }));
    await feed.nextType('call.started');
    await paced(60, (k) => {
      if (k === 20 || k === 40) enc.skip(k === 20 ? 2 : 5);
      sock.sendText(enc.media('inbound', encodeAudio(frameOf(caller, k, 160), 'mulaw')));
    });
    sock.sendText(enc.stop());
    await feed.nextType('call.ended');
    expect((await counterValue(server.app, 'callcue_bridge_sequence_gaps_total', { protocol: 'twilio' })) - before).toBe(7);
    await feed.close();
  });

  it('a call ends when the socket closes without "stop"', async () => {
    const feed = await feedFor(server, 'tw-agent-4');
    const enc = new TwilioEncoder(ids());
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-agent-4', callId: 'tw-call-4' }));
    await feed.nextType('call.started');
    await streamBoth(sock, enc, 30, ['inbound']);
    await sock.close(1001);
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'tw-call-4', reason: 'bridge_disconnected' });
    await feed.close();
  });

  it('malformed, unknown and out-of-order messages are counted and skipped; the stream goes on', async () => {
    const errors = async (code: string) => counterValue(server.app, 'callcue_errors_total', { code });
    const before = { json: await errors('MALFORMED_JSON'), type: await errors('UNKNOWN_TYPE'), started: await errors('NOT_STARTED') };
    const feed = await feedFor(server, 'tw-agent-5');
    const enc = new TwilioEncoder(ids());
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    // "media" before "start" cannot belong to a call: dropped, never analysed.
    sock.sendText(enc.media('inbound', new Uint8Array(160).fill(0x10)));
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-agent-5', callId: 'tw-call-5' }));
    await feed.nextType('call.started');
    sock.sendText('{not json');
    sock.sendText(JSON.stringify({ event: 'transcription', sequenceNumber: '99' }));
    await streamBoth(sock, enc, 200, ['inbound']);
    sock.sendText(enc.stop());
    expect(await feed.nextType('call.ended')).toMatchObject({ reason: 'stop' });
    expect(feed.ofType('emotion').length).toBeGreaterThan(3);
    expect(await errors('MALFORMED_JSON')).toBe(before.json + 1);
    expect(await errors('UNKNOWN_TYPE')).toBe(before.type + 1);
    expect(await errors('NOT_STARTED')).toBe(before.started + 1);
    await feed.close();
  });

  it('a start without customParameters.agentId is refused with close code 4400', async () => {
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    const enc = new TwilioEncoder(ids());
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound'], { callId: 'tw-no-agent' }));
    expect(await sock.awaitClose()).toBe(4400);
    expect(sock.closeReason).toMatch(/customParameters\.agentId is required/);
    expect(server.app.callcue.calls.get('tw-no-agent')).toBeUndefined();
  });

  it('a language that is not a BCP-47 tag is refused, naming the parameter', async () => {
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    sock.sendText(new TwilioEncoder(ids()).start(['inbound'], { agentId: 'x', callId: 'tw-lang', language: 'Chinese' }));
    expect(await sock.awaitClose()).toBe(4400);
    expect(sock.closeReason).toMatch(/customParameters\.language must be a BCP-47 language tag/);
  });

  it('a mediaFormat other than "audio/x-mulaw" at 8000 Hz is refused', async () => {
    const sock = await JsonSocket.open(`${server.wsUrl}/v1/twilio`);
    const start = JSON.parse(new TwilioEncoder(ids()).start(['inbound'], { agentId: 'x', callId: 'tw-l16' }));
    start.start.mediaFormat = { encoding: 'audio/x-l16', sampleRate: 16000, channels: 1 };
    sock.sendText(JSON.stringify(start));
    expect(await sock.awaitClose()).toBe(4400);
    expect(sock.closeReason).toMatch(/audio\/x-mulaw/);
  });
});

describe('Twilio authentication: a key in the URL query or as <Parameter name="key">', () => {
  it('a wrong ?key= is refused before the upgrade with 401', async () => {
    await expect(JsonSocket.open(`${keyed.wsUrl}/v1/twilio?key=wrong-key-wrong-key`)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('a wrong customParameters.key closes the socket with 4401 and never starts the call', async () => {
    const feed = await TestSocket.open(`${keyed.wsUrl}/v1/feed?agentId=tw-k`);
    await feed.nextType('hello');
    const enc = new TwilioEncoder(ids());
    const sock = await JsonSocket.open(`${keyed.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-k', callId: 'tw-badkey', key: 'not-the-key-at-all' }));
    for (let k = 0; k < 20; k++) sock.sendText(enc.media('inbound', encodeAudio(frameOf(caller, k, 160), 'mulaw')));
    expect(await sock.awaitClose()).toBe(4401);
    await new Promise((r) => setTimeout(r, 100));
    expect(feed.ofType('call.started')).toHaveLength(0);
    expect(keyed.app.callcue.calls.get('tw-badkey')).toBeUndefined();
    await feed.close();
  });

  it('the right key as a custom parameter starts the call; the key is not kept with it', async () => {
    const feed = await TestSocket.open(`${keyed.wsUrl}/v1/feed?agentId=tw-k2`);
    await feed.nextType('hello');
    const enc = new TwilioEncoder(ids());
    const sock = await JsonSocket.open(`${keyed.wsUrl}/v1/twilio`);
    sock.sendText(enc.connected());
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-k2', callId: 'tw-goodkey', key: KEY }));
    await feed.nextType('call.started');
    expect(JSON.stringify(keyed.app.callcue.calls.get('tw-goodkey')!.start.metadata)).not.toContain(KEY);
    sock.sendText(enc.stop());
    expect(await feed.nextType('call.ended')).toMatchObject({ reason: 'stop' });
    await feed.close();
  });

  it('the right key in the query works too', async () => {
    const sock = await JsonSocket.open(`${keyed.wsUrl}/v1/twilio?key=${KEY}`);
    const enc = new TwilioEncoder(ids());
    sock.sendText(enc.start(['inbound'], { agentId: 'tw-k3', callId: 'tw-querykey' }));
    // The call opens when its start is read: wait for that (a busy machine reads it later), not 100 ms.
    await vi.waitFor(() => expect(keyed.app.callcue.calls.get('tw-querykey')).toBeDefined(), { timeout: 30_000, interval: 20 });
    sock.sendText(enc.stop());
    expect(await sock.awaitClose()).toBe(1000);
  });
});
