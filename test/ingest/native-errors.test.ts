// Bad input gets a clear error and loses nothing: each malformed or out-of-order message on
// /v1/stream is answered with its own code, the call (and every other call) carries on.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { audioMessage, openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';

const KEY = 'bridge-key-0123456789abcdef';
const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];
const auth = { authorization: `Bearer ${KEY}` };

let server: Awaited<ReturnType<typeof startTestServer>>;
let n = 0;
const nextId = () => `call-err-${++n}`;

beforeAll(async () => {
  server = await startTestServer({ apiKeys: [KEY], maxCalls: 3, maxMessageBytes: 4096 }, { prosodyModel: null, textModel: null });
});
afterAll(async () => server.stop());
// A call is released when its pipeline has ended, which on a busy machine comes a little after the
// bridge socket closes. The node takes 3 calls: let each test start on an empty node, or a later
// test's start meets TOO_MANY_CALLS from calls the earlier ones already hung up.
afterEach(async () => {
  const deadline = Date.now() + 10_000;
  while (server.app.callcue.calls.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
});

async function startedCall(callId = nextId()) {
  const b = await openBridge(server.wsUrl, auth);
  b.send(startMessage(callId, 'agent-1', TRACKS));
  await b.nextType('started');
  return { b, callId };
}

async function errorFor(b: TestSocket, send: () => void) {
  const before = b.ofType('error').length;
  send();
  await b.next(() => b.ofType('error').length > before, 3000, 'an error');
  return b.ofType('error')[before]!;
}

describe('/v1/stream answers bad input with a specific error and keeps the call', () => {
  it('malformed JSON → MALFORMED_JSON', async () => {
    const { b } = await startedCall();
    expect(await errorFor(b, () => b.send('{"type":"transcript",'))).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(b.closeCode).toBeNull();
    await b.close();
  });

  it('unknown type → UNKNOWN_TYPE naming the known ones', async () => {
    const { b } = await startedCall();
    const e = await errorFor(b, () => b.send({ type: 'hangup' }));
    expect(e).toMatchObject({ code: 'UNKNOWN_TYPE' });
    expect(e.message).toContain('start');
    await b.close();
  });

  it('a start with a bad field → INVALID_MESSAGE naming the field', async () => {
    const b = await openBridge(server.wsUrl, auth);
    const e = await errorFor(b, () => b.send({ ...startMessage(nextId(), 'a', TRACKS), tracks: [{ track: 'caller', encoding: 'opus', sampleRateHz: 8000 }] }));
    expect(e).toMatchObject({ code: 'INVALID_MESSAGE' });
    expect(e.message).toContain('tracks.0.encoding');
    await b.close();
  });

  it('audio before start → NOT_STARTED, and a start afterwards still works', async () => {
    const b = await openBridge(server.wsUrl, auth);
    expect(await errorFor(b, () => b.sendBinary(audioMessage(0, new Float32Array(160), 'pcm16le')))).toMatchObject({ code: 'NOT_STARTED' });
    b.send(startMessage(nextId(), 'agent-1', TRACKS));
    await b.nextType('started');
    await b.close();
  });

  it('a track index that does not exist → UNKNOWN_TRACK', async () => {
    const { b } = await startedCall();
    expect(await errorFor(b, () => b.sendBinary(audioMessage(2, new Float32Array(160), 'pcm16le')))).toMatchObject({ code: 'UNKNOWN_TRACK' });
    await b.close();
  });

  it('an odd byte count for PCM16 → BAD_AUDIO', async () => {
    const { b } = await startedCall();
    const msg = audioMessage(0, new Float32Array(160), 'pcm16le').subarray(0, 100); // 1 + 99 bytes
    expect(await errorFor(b, () => b.sendBinary(msg))).toMatchObject({ code: 'BAD_AUDIO' });
    await b.close();
  });

  it('a message over the size limit → FRAME_TOO_LARGE, the socket stays open', async () => {
    const { b } = await startedCall();
    const big = audioMessage(0, new Float32Array(4000), 'pcm16le'); // 8001 bytes > 4096
    expect(await errorFor(b, () => b.sendBinary(big))).toMatchObject({ code: 'FRAME_TOO_LARGE' });
    b.send({ type: 'stop' });
    await b.nextType('stopped');
  });

  it('a second start → ALREADY_STARTED; a duplicate live callId → DUPLICATE_CALL', async () => {
    const { b, callId } = await startedCall();
    expect(await errorFor(b, () => b.send(startMessage(nextId(), 'agent-1', TRACKS)))).toMatchObject({ code: 'ALREADY_STARTED' });
    const other = await openBridge(server.wsUrl, auth);
    expect(await errorFor(other, () => other.send(startMessage(callId, 'agent-1', TRACKS)))).toMatchObject({ code: 'DUPLICATE_CALL' });
    await other.close();
    await b.close();
  });

  it('a bad key is refused before the upgrade with 401', async () => {
    await expect(openBridge(server.wsUrl, { authorization: 'Bearer wrong-key-wrong-key-wrong' })).rejects.toMatchObject({ statusCode: 401 });
    await expect(openBridge(server.wsUrl)).rejects.toMatchObject({ statusCode: 401 });
    // The key is also accepted as X-API-Key and as ?key= (bridges that cannot set headers).
    const x = await openBridge(server.wsUrl, { 'x-api-key': KEY });
    await x.close();
    const q = await TestSocket.open(`${server.wsUrl}/v1/stream?key=${KEY}`);
    await q.close();
  });

  it('too many calls → TOO_MANY_CALLS; the calls already running carry on', async () => {
    const live = await Promise.all([startedCall(), startedCall(), startedCall()]);
    const extra = await openBridge(server.wsUrl, auth);
    expect(await errorFor(extra, () => extra.send(startMessage(nextId(), 'agent-1', TRACKS)))).toMatchObject({ code: 'TOO_MANY_CALLS' });
    for (const { b } of live) {
      b.send({ type: 'stop' });
      await b.nextType('stopped');
    }
    await extra.close();
  });

  it('a bridge that vanishes mid-call ends the call, the feed says why, and another call carries on', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=agent-1`);
    await feed.nextType('hello');
    const survivor = await startedCall();
    const victim = await startedCall();
    await streamAudio(victim.b, 0, speechLike(1000, { pitchHz: 150, rateSylPerS: 4, amplitude: 0.4 }), TRACKS[0]!, 20, 'burst');
    victim.b.ws.terminate();
    const ended = await feed.next((m) => m.type === 'call.ended' && m.callId === victim.callId);
    expect(ended.reason).toBe('bridge_disconnected');
    // The survivor still streams and still produces states.
    await streamAudio(survivor.b, 0, speechLike(2000, { pitchHz: 150, rateSylPerS: 4, amplitude: 0.4 }), TRACKS[0]!, 20, 20);
    await feed.next((m) => m.type === 'emotion' && m.callId === survivor.callId && (m.tsMs as number) >= 1500);
    survivor.b.send({ type: 'stop' });
    await survivor.b.nextType('stopped');
    await feed.close();
  });

  it('errors are counted by code in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/callcue_errors_total\{code="MALFORMED_JSON"\} [1-9]/);
    expect(text).toMatch(/callcue_errors_total\{code="UNAUTHORIZED"\} [1-9]/);
  });
});
