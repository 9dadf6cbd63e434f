// Hostile input over real sockets: a running node takes generated random and mutated frames on
// every endpoint — native bridge, feed, Twilio, fork, AudioHook — while a real call streams beside
// them. The node answers with coded errors (or the protocol's close codes), raises no internal
// error, and the real call's feed receives every event, gap-free, to its normal end.

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';
import { ackMessage, audiohookMessage, forkMetadata, hostileText, mutatedText, nativeStart, nativeStop, nativeTranscript, twilioMessage } from './arbitraries.js';

const TRACK: BridgeTrack = { track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 };
const CODES = new Set<string>(Object.values(ErrorCodes));
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ maxMessageBytes: 4096 });
});
afterAll(async () => server.stop());

type Frame = string | Uint8Array;
const binary = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 4097, maxLength: 9000 }));
const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number) => fc.sample(arb, { numRuns: n, seed });

/** Sends frames on a fresh socket to `path`; resolves with what came back and how it closed. */
async function assault(path: string, frames: Frame[], headers: Record<string, string> = {}): Promise<{ answers: Record<string, unknown>[]; closeCode: number | null }> {
  const answers: Record<string, unknown>[] = [];
  const ws = new WebSocket(`${server.wsUrl}${path}`, { headers });
  let closeCode: number | null = null;
  const closed = new Promise<void>((r) =>
    ws.on('close', (code) => {
      closeCode = code;
      r();
    }),
  );
  ws.on('error', () => undefined);
  ws.on('message', (d) => answers.push(JSON.parse(d.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  for (const f of frames) {
    if (ws.readyState !== WebSocket.OPEN) break;
    ws.send(f, { binary: typeof f !== 'string' });
  }
  // The server reads frames in order: its pong comes once it has read all of ours. Then wait until
  // its answers stop coming (a loaded machine answers late, not never), before hanging up.
  if (ws.readyState === WebSocket.OPEN) {
    const pong = new Promise<void>((r) => ws.once('pong', () => r()));
    ws.ping();
    await Promise.race([pong, closed]);
  }
  for (let seen = -1, t0 = Date.now(); seen !== answers.length && ws.readyState === WebSocket.OPEN && Date.now() - t0 < 15_000; ) {
    seen = answers.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  ws.terminate();
  await closed;
  return { answers, closeCode };
}

async function metric(name: string): Promise<string> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith(name)).join('\n');
}

describe('hostile frames on every endpoint of a running node', () => {
  it('are answered with coded errors only, and never disturb a live call beside them', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=victim&callId=victim-1`);
    await feed.nextType('hello');
    const bridge = await openBridge(server.wsUrl);
    bridge.send(startMessage('victim-1', 'victim', [TRACK]));
    await bridge.nextType('started');
    const streaming = streamAudio(bridge, 0, speechLike(6000, { pitchHz: 150, rateSylPerS: 4, amplitude: 0.4 }), TRACK, 20, 10);

    const nativeAny = fc.oneof(nativeStart, nativeTranscript, nativeStop) as fc.Arbitrary<Record<string, unknown>>;
    const native = await assault('/v1/stream', [
      // First a live call's id (a later random stop may end a call this socket started, and close it).
      JSON.stringify({ type: 'start', callId: 'victim-1', agentId: 'x', language: 'en-US', tracks: [TRACK] }),
      JSON.stringify({ type: 'transcript', track: 'caller', text: 'x', isFinal: true, startMs: 0, endMs: 1 }),
      new Uint8Array(5000), // over maxMessageBytes
      ...sample(fc.oneof(hostileText, mutatedText(nativeAny)), 150, 1),
      ...sample(binary, 40, 2),
    ]);
    const feedHostile = await assault('/v1/feed?agentId=hostile', sample(fc.oneof(hostileText, mutatedText(ackMessage as fc.Arbitrary<Record<string, unknown>>), binary.map((b) => b.subarray(0, 100))), 120, 3));
    const twilio = await assault('/v1/twilio', sample(fc.oneof(mutatedText(twilioMessage as fc.Arbitrary<Record<string, unknown>>), hostileText), 120, 4));
    const forkBad = await assault('/v1/fork', sample(fc.oneof(mutatedText(forkMetadata as fc.Arbitrary<Record<string, unknown>>), hostileText), 1, 5));
    const forkOk = await assault('/v1/fork', [JSON.stringify({ sampleRate: 8000, callId: 'fork-fuzz', agentId: 'f' }), ...sample(fc.oneof(binary, hostileText), 80, 6)]);
    const sideWords = nativeTranscript.map((t) => ({ ...t, call: { bridge: 'fork', id: 'no-such-fork-call' } })) as fc.Arbitrary<Record<string, unknown>>;
    const side = await assault('/v1/transcripts', [...sample(fc.oneof(hostileText, mutatedText(sideWords)), 120, 8), ...sample(binary, 20, 9)]);
    const sessionId = randomUUID();
    const audiohook = await assault(
      '/v1/audiohook',
      sample(fc.oneof(audiohookMessage(sessionId).map((m) => JSON.stringify(m)), mutatedText(audiohookMessage(sessionId) as fc.Arbitrary<Record<string, unknown>>), binary), 100, 7),
      { 'audiohook-organization-id': randomUUID(), 'audiohook-session-id': sessionId, 'audiohook-correlation-id': randomUUID(), 'x-api-key': 'k'.repeat(16) },
    );

    // Native and feed: every answer is a coded error message; the duplicate call id is refused.
    for (const a of [...native.answers, ...feedHostile.answers]) {
      if (a.type === 'started' || a.type === 'stopped' || a.type === 'hello') continue;
      expect(a.type).toBe('error');
      expect(CODES.has(a.code as string)).toBe(true);
    }
    expect(native.answers.slice(0, 3).map((a) => a.code)).toEqual([ErrorCodes.DUPLICATE_CALL, ErrorCodes.NOT_STARTED, ErrorCodes.FRAME_TOO_LARGE]);
    expect(feedHostile.answers.filter((a) => a.type === 'error').length).toBeGreaterThan(50);
    // The side channel answers each message by its number, with a coded error unless it was taken
    // (its valid words name a call that never opens, so they are still held when the socket ends).
    for (const a of side.answers) {
      expect(Number.isInteger(a.n)).toBe(true);
      if (a.type !== 'ack') expect(CODES.has(a.code as string)).toBe(true);
    }
    expect(side.answers.filter((a) => a.type === 'error').length).toBeGreaterThan(50);
    // Twilio has no error message: the stream is counted and kept, or closed with a coded close code.
    expect(twilio.answers).toEqual([]);
    for (const r of [twilio, forkBad, forkOk, audiohook]) expect(r.closeCode === 1006 || (r.closeCode ?? 0) >= 1000).toBe(true);
    // The fork answers in its own error shape.
    for (const a of [...forkBad.answers, ...forkOk.answers]) expect(CODES.has((a.data as { code: string }).code)).toBe(true);
    // AudioHook answers with protocol messages (a disconnect on the first violation).
    for (const a of audiohook.answers) expect(a.version).toBe('2');

    await streaming;
    bridge.send({ type: 'stop' });
    const ended = await feed.nextType('call.ended');
    expect(ended.reason).toBe('stop');
    const seqs = feed.messages.filter((m) => m.callId === 'victim-1').map((m) => m.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(feed.ofType('emotion').length).toBeGreaterThan(5);
    // Nothing hostile reached an internal error, and the node is healthy.
    expect(await metric('callcue_errors_total{code="INTERNAL"}')).toBe('');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await feed.close();
  });
});
