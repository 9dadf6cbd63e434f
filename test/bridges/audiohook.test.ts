// /v1/audiohook against sessions shaped as the Genesys AudioHook v2 protocol defines them —
// signed upgrade, open/opened, audio, ping, update, client pause, close/closed — with speech
// synthesised at test time, and every refusal answered as the protocol says.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { interleave } from '../../src/codecs/interleave.js';
import { JsonSocket } from '../../src/clients/index.js';
import { TestSocket } from '../helpers/ws-client.js';
import { concat, speechLike } from '../helpers/audio.js';
import { counterValue, startBridgeServer, type BridgeServer } from './server.js';
import { frameOf, paced } from './pace.js';
import { AudiohookTestClient, EXTERNAL, INTERNAL, STEREO } from './audiohook-client.js';

const KEY = 'audiohook-key-with-secret-0001';
const SECRET = Buffer.from('a client secret of thirty-two b!').toString('base64');
const UNSIGNED_KEY = 'audiohook-key-without-secret-02';
let server: BridgeServer;

beforeAll(async () => {
  server = await startBridgeServer({ apiKeys: [KEY, UNSIGNED_KEY] }, { clientSecrets: { [KEY]: SECRET } });
});
afterAll(async () => server.stop());

const caller = concat(
  speechLike(5000, { pitchHz: 120, rateSylPerS: 4, amplitude: 0.3 }, 8000, 21),
  speechLike(3000, { pitchHz: 185, rateSylPerS: 6, amplitude: 0.7 }, 8000, 22),
);
const agent = speechLike(8000, { pitchHz: 220, rateSylPerS: 4, amplitude: 0.3 }, 8000, 23);
const stereoFrame = (k: number) => interleave([encodeAudio(frameOf(caller, k, 160), 'mulaw'), encodeAudio(frameOf(agent, k, 160), 'mulaw')], 1);

async function feedFor(agentId: string): Promise<TestSocket> {
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agentId}`);
  await feed.nextType('hello');
  return feed;
}

describe('AudioHook session life cycle on /v1/audiohook', () => {
  it('signed upgrade → "open" offering stereo → "opened" with stereo PCMU → audio, ping/pong, update/updated, paused/resumed → "close" → "closed"', async () => {
    const feed = await feedFor('ah-agent-1');
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET });
    c.open([EXTERNAL, STEREO], { inputVariables: { agentId: 'ah-agent-1', callId: 'ah-call-1' } });
    const opened = await c.next('opened');
    expect(opened).toMatchObject({ version: '2', id: c.sessionId, seq: 1, clientseq: 1, parameters: { media: [STEREO] } });
    expect(await feed.nextType('call.started')).toMatchObject({ callId: 'ah-call-1', agentId: 'ah-agent-1', tracks: ['caller', 'agent'], source: 'audiohook' });

    await paced(200, (k) => c.audio(stereoFrame(k), 2));
    c.send('ping', { rtt: 'PT0.012S' });
    expect(await c.next('pong')).toMatchObject({ clientseq: 2, parameters: {} });
    c.send('update', { language: 'en-GB' });
    expect(await c.next('updated')).toMatchObject({ clientseq: 3 });
    c.send('paused');
    c.send('resumed', { start: `PT${c.samples / 8000}S`, discarded: 'PT0S' });
    await paced(200, (k) => c.audio(stereoFrame(200 + k), 2));
    c.send('close', { reason: 'end' });
    expect(await c.next('closed')).toMatchObject({ parameters: {} });
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'ah-call-1', reason: 'stop', shedFrames: 0 });
    await c.sock.close();

    const emotions = feed.ofType('emotion');
    expect(emotions.length).toBeGreaterThanOrEqual(20);
    const calm = emotions.find((e) => (e.tsMs as number) >= 4500)!.prosody as Record<string, number>;
    expect(calm.pitchHz).toBeGreaterThan(95);
    expect(calm.pitchHz).toBeLessThan(145);
    expect((emotions.at(-1)!.prosody as Record<string, number>).pitchHz).toBeGreaterThan(calm.pitchHz * 1.3);
    expect(await counterValue(server.app, 'callcue_bridge_position_drift_total', { protocol: 'audiohook' })).toBe(0);
    await feed.close();
  });

  it('mono "external" alone is the caller; without an agent id the call is filed as "unassigned"', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed`);
    await feed.nextType('hello');
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: UNSIGNED_KEY });
    c.open([EXTERNAL]);
    expect(await c.next('opened')).toMatchObject({ parameters: { media: [EXTERNAL] } });
    const started = await feed.nextType('call.started');
    expect(started).toMatchObject({ agentId: 'unassigned', tracks: ['caller'] });
    await paced(100, (k) => c.audio(encodeAudio(frameOf(caller, k, 160), 'mulaw'), 1));
    c.send('close', { reason: 'end' });
    await c.next('closed');
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: started.callId });
    await c.sock.close();
    await feed.close();
  });

  it('the agent id may come from the Connection URI query', async () => {
    const feed = await feedFor('ah-agent-q');
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET, query: '?agentId=ah-agent-q' });
    c.open([INTERNAL, EXTERNAL]);
    expect(await feed.nextType('call.started')).toMatchObject({ agentId: 'ah-agent-q', tracks: ['caller'] });
    c.send('close', { reason: 'end' });
    await c.next('closed');
    await c.sock.close();
    await feed.close();
  });

  it('a connection probe (null conversationId) is "opened" and starts no call', async () => {
    const before = server.app.callcue.calls.size;
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET });
    c.open([STEREO], { conversationId: '00000000-0000-0000-0000-000000000000' });
    await c.next('opened');
    expect(server.app.callcue.calls.size).toBe(before);
    c.send('close', { reason: 'end' });
    await c.next('closed');
    await c.sock.close();
  });

  it('when no offered media is PCMU 8000 Hz the server disconnects with reason "error"', async () => {
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET });
    c.open([{ ...STEREO, format: 'L16' }]);
    expect(await c.next('disconnect')).toMatchObject({ parameters: { reason: 'error', info: expect.stringMatching(/PCMU/) } });
    c.send('close', { reason: 'error' });
    await c.next('closed');
    await c.sock.close();
  });
});

describe('AudioHook protocol violations are answered with "disconnect" (reason "error") and a close transaction', () => {
  async function openedClient(agentId: string, callId: string) {
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET });
    c.open([STEREO], { inputVariables: { agentId, callId } });
    await c.next('opened');
    return c;
  }

  it('"seq" not the previous seq + 1', async () => {
    const feed = await feedFor('ah-v1');
    const c = await openedClient('ah-v1', 'ah-v1-call');
    await paced(20, (k) => c.audio(stereoFrame(k), 2));
    c.send('ping', {}, { seq: 7 });
    const d = await c.next('disconnect');
    expect(d).toMatchObject({ parameters: { reason: 'error', info: expect.stringMatching(/Invalid seq value/) } });
    c.seq = 7;
    c.send('close', { reason: 'error' });
    await c.next('closed');
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'ah-v1-call', reason: 'protocol_error' });
    await c.sock.close();
    await feed.close();
  });

  it('a text message over 64 KiB', async () => {
    const c = await openedClient('ah-v2', 'ah-v2-call');
    c.send('ping', { padding: 'x'.repeat(66_000) });
    expect(await c.next('disconnect')).toMatchObject({ parameters: { reason: 'error', info: expect.stringMatching(/too large/) } });
    await c.sock.close();
  });

  it('audio before "opened"', async () => {
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET });
    c.audio(new Uint8Array(320).fill(0xff), 2);
    expect(await c.next('disconnect')).toMatchObject({ parameters: { reason: 'error', info: expect.stringMatching(/Received audio in state PREPARING/) } });
    await c.sock.close();
  });

  it('an unknown message type', async () => {
    const c = await openedClient('ah-v3', 'ah-v3-call');
    c.send('dance');
    expect(await c.next('disconnect')).toMatchObject({ parameters: { reason: 'error', info: expect.stringMatching(/not a supported client message/) } });
    await c.sock.close();
  });

  it('an "open" whose organizationId differs from the Audiohook-Organization-Id header is "unauthorized"', async () => {
    const c = await AudiohookTestClient.connect(server.wsUrl, { key: KEY, secret: SECRET });
    c.open([STEREO], { organizationId: '11111111-1111-4111-8111-111111111111' });
    expect(await c.next('disconnect')).toMatchObject({ parameters: { reason: 'unauthorized' } });
    await c.sock.close();
  });

  it('a "position" that disagrees with the audio sent is counted as drift', async () => {
    const before = await counterValue(server.app, 'callcue_bridge_position_drift_total', { protocol: 'audiohook' });
    const c = await openedClient('ah-v4', 'ah-v4-call');
    await paced(10, (k) => c.audio(stereoFrame(k), 2));
    c.send('ping', {}, { position: 'PT30S' });
    await c.next('pong');
    expect(await counterValue(server.app, 'callcue_bridge_position_drift_total', { protocol: 'audiohook' })).toBe(before + 1);
    c.send('close', { reason: 'end' });
    await c.next('closed');
    await c.sock.close();
  });
});

describe('AudioHook authentication is refused before the upgrade', () => {
  const refused = (o: Parameters<typeof AudiohookTestClient.connect>[1]) => AudiohookTestClient.connect(server.wsUrl, o).then(() => 101, (e: { statusCode?: number }) => e.statusCode);

  it('400 without the Audiohook-* headers', async () => {
    expect(await refused({ key: KEY, secret: SECRET, headers: { 'audiohook-session-id': undefined } })).toBe(400);
    expect(await refused({ key: KEY, secret: SECRET, headers: { 'audiohook-session-id': 'not-a-uuid' } })).toBe(400);
  });

  it('401 for an unknown X-API-KEY', async () => {
    expect(await refused({ key: 'somebody-elses-key-000000' })).toBe(401);
  });

  it('401 when the signature does not verify against the client secret', async () => {
    expect(await refused({ key: KEY, secret: Buffer.from('the wrong secret').toString('base64') })).toBe(401);
  });

  it('401 for a key that has a client secret but an unsigned request', async () => {
    expect(await refused({ key: KEY })).toBe(401);
  });

  it('401 for a signature older than its lifetime, and for a replayed nonce', async () => {
    expect(await refused({ key: KEY, secret: SECRET, createdS: Math.floor(Date.now() / 1000) - 120 })).toBe(401);
    const nonce = 'the-same-nonce-twice-0123456789';
    expect(await refused({ key: KEY, secret: SECRET, nonce })).toBe(101);
    expect(await refused({ key: KEY, secret: SECRET, nonce })).toBe(401);
  });

  it('an unsigned request is admitted on a key configured without a client secret', async () => {
    expect(await refused({ key: UNSIGNED_KEY })).toBe(101);
  });

  it('the raw socket sees a plain HTTP 401 (no upgrade)', async () => {
    await expect(JsonSocket.open(`${server.wsUrl}/v1/audiohook`, { headers: { 'x-api-key': 'nope' } })).rejects.toMatchObject({ statusCode: 400 });
  });
});
