// The transcript side channel, GET /v1/transcripts, against a real node over real sockets: words
// beside the audio reach the call each names by its own bridge's id (Twilio callSid or streamSid,
// AudioHook conversationId, the fork's call id, the native callId), are held until a call's audio
// opens, and every bad message gets its own coded answer while nothing else is lost or misplaced.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudiohookReplayClient, ForkReplayClient, SideChannelWords, TwilioReplayClient, type ReplayCall } from '../../src/clients/index.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, type BridgeTrack } from '../helpers/bridge.js';
import { counterValue } from '../bridges/server.js';

const KEY_A = 'side-channel-key-a-0123456789';
const KEY_B = 'side-channel-key-b-0123456789';
const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];
const HOLD_MS = 1500;
/** The wait after a stop for trailing words (3 s by default): shorter here, so each call ends sooner. */
const AFTER_STOP_MS = 1000;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [KEY_A, KEY_B], wordsHoldMs: HOLD_MS, wordsHoldMax: 20, wordsAfterStopMs: AFTER_STOP_MS, agentTokens: [], supervisorTokens: [] }, { prosodyModel: null, textModel: null });
});
afterAll(async () => server.stop());

let seq = 0;
const words = (call: { bridge: string; id: string }, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'transcript',
  call,
  track: 'caller',
  text,
  isFinal: true,
  startMs: 1000 * seq,
  endMs: 1000 * ++seq,
  ...extra,
});

async function feedFor(callId: string): Promise<TestSocket> {
  // With API keys configured a loopback feed is still trusted when no feed tokens are set.
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?callId=${callId}`);
  await feed.nextType('hello');
  return feed;
}

async function nativeCall(callId: string, key = KEY_A): Promise<TestSocket> {
  const bridge = await openBridge(server.wsUrl, auth(key));
  bridge.send(startMessage(callId, 'ag-side', TRACKS));
  await bridge.nextType('started');
  return bridge;
}

async function side(key = KEY_A): Promise<TestSocket> {
  return TestSocket.open(`${server.wsUrl}/v1/transcripts`, auth(key));
}

const answer = (s: TestSocket, n: number, timeoutMs = 5000) => s.next((m) => m.n === n, timeoutMs, `the answer to message ${n}`);

describe('GET /v1/transcripts', () => {
  it('refuses a socket without a valid API key before the upgrade (401)', async () => {
    await expect(TestSocket.open(`${server.wsUrl}/v1/transcripts`)).rejects.toMatchObject({ statusCode: 401 });
    await expect(TestSocket.open(`${server.wsUrl}/v1/transcripts`, auth('not-a-key-0123456789'))).rejects.toMatchObject({ statusCode: 401 });
  });

  it('words for a native call reach its feed as in-band ones do: answered {"type":"ack","n":K}, redacted, a partial replaced by its final', async () => {
    const feed = await feedFor('sc-native');
    const bridge = await nativeCall('sc-native');
    const s = await side();
    s.send(words({ bridge: 'native', id: 'sc-native' }, 'my card number is', { isFinal: false }));
    s.send(words({ bridge: 'native', id: 'sc-native' }, 'my card number is 4532 0151 1283 0366'));
    expect(await answer(s, 1)).toEqual({ type: 'ack', n: 1 });
    expect(await answer(s, 2)).toEqual({ type: 'ack', n: 2 });
    const final = await feed.next((m) => m.type === 'transcript' && m.isFinal === true);
    expect(final.text).not.toMatch(/4532|0151|1283/);
    expect(final.redacted).toEqual(['card']);
    expect(feed.ofType('transcript').filter((m) => m.isFinal === false)).toHaveLength(1);
    // The call's state keeps the final, not the partial it replaced.
    const again = await feedFor('sc-native');
    const state = await again.nextType('call.state');
    expect((state.transcript as { isFinal: boolean }[]).map((t) => t.isFinal)).toEqual([true]);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    await Promise.all([s.close(), again.close()]);
  });

  it('names Twilio calls by callSid or streamSid, AudioHook by conversationId, forks by their call id; each lands on its own call only', async () => {
    const call = (callId: string): ReplayCall => ({ url: server.wsUrl, callId, agentId: 'ag-side', language: 'en-US', key: KEY_A, stereo: true });
    const feeds = await Promise.all(['sc-tw', 'sc-ah', 'sc-fk'].map(feedFor));
    const twilio = new TwilioReplayClient(call('sc-tw'));
    const audiohook = new AudiohookReplayClient(call('sc-ah'), { conversationId: '3f1a7c55-0f6e-4c43-9d57-0c3e4b1f2a10' });
    const fork = new ForkReplayClient(call('sc-fk'), 8000, 'jambonz');
    await Promise.all([twilio.open(), audiohook.open(), fork.open()]);
    await Promise.all(feeds.map((f) => f.nextType('call.started')));
    const s = await side();
    const sent: [string, { bridge: string; id: string }][] = [
      ['sc-tw', { bridge: 'twilio', id: twilio.encoder.ids.callSid }],
      ['sc-tw', { bridge: 'twilio', id: twilio.encoder.ids.streamSid }],
      ['sc-ah', { bridge: 'audiohook', id: audiohook.conversationId }],
      ['sc-fk', { bridge: 'fork', id: 'sc-fk' }],
    ];
    sent.forEach(([callId, c]) => s.send(words(c, `words for ${callId} via ${c.id.slice(0, 6)}`)));
    for (let n = 1; n <= sent.length; n++) expect(await answer(s, n)).toMatchObject({ type: 'ack', n });
    for (const [i, callId] of ['sc-tw', 'sc-ah', 'sc-fk'].entries()) {
      const want = sent.filter(([id]) => id === callId).length;
      await feeds[i]!.next(() => feeds[i]!.ofType('transcript').length >= want);
      const texts = feeds[i]!.ofType('transcript').map((m) => m.text as string);
      expect(texts).toHaveLength(want);
      for (const t of texts) expect(t).toContain(`words for ${callId} `);
    }
    await Promise.all([twilio.finish(), audiohook.finish(), fork.finish(), s.close()]);
    await Promise.all(feeds.map((f) => f.nextType('call.ended')));
  });

  it('holds words that arrive before their call’s audio opens, in order, and applies them when it does', async () => {
    const s = await side();
    s.send(words({ bridge: 'native', id: 'sc-late' }, 'first words before the audio'));
    s.send(words({ bridge: 'native', id: 'sc-late' }, 'second words before the audio'));
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages).toEqual([]); // not answered yet: held
    const feed = await feedFor('sc-late');
    const bridge = await nativeCall('sc-late');
    expect(await answer(s, 1)).toEqual({ type: 'ack', n: 1 });
    expect(await answer(s, 2)).toEqual({ type: 'ack', n: 2 });
    await feed.next(() => feed.ofType('transcript').length >= 2);
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['first words before the audio', 'second words before the audio']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    await s.close();
  });

  it('unknown call: the words are held for the configured time, then dropped with UNKNOWN_CALL and counted', async () => {
    const before = await counterValue(server.app, 'callcue_words_total', { result: 'unknown_call' });
    const s = await side();
    const t0 = performance.now();
    s.send(words({ bridge: 'twilio', id: 'CA-never-opens' }, 'hello?'));
    const a = await answer(s, 1, HOLD_MS + 5000);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(HOLD_MS - 50);
    expect(a).toMatchObject({ type: 'error', code: 'UNKNOWN_CALL', n: 1 });
    expect(await counterValue(server.app, 'callcue_words_total', { result: 'unknown_call' })).toBe(before + 1);
    await s.close();
  });

  it('holding is bounded per call: beyond CALLCUE_WORDS_HOLD_MAX the extra words are refused at once with UNKNOWN_CALL', async () => {
    const s = await side();
    for (let i = 0; i < 25; i++) s.send(words({ bridge: 'fork', id: 'fk-never' }, `w${i}`));
    const refused = await Promise.all([21, 22, 23, 24, 25].map((n) => answer(s, n, 1000)));
    for (const r of refused) expect(r).toMatchObject({ type: 'error', code: 'UNKNOWN_CALL' });
    expect(s.messages.filter((m) => (m.n as number) <= 20)).toEqual([]);
    await s.close();
  });

  it('words after the call ended get CALL_ENDED; nothing reaches the ended call’s record', async () => {
    const feed = await feedFor('sc-ended');
    const bridge = await nativeCall('sc-ended');
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    const s = await side();
    s.send(words({ bridge: 'native', id: 'sc-ended' }, 'too late'));
    expect(await answer(s, 1)).toMatchObject({ type: 'error', code: 'CALL_ENDED', n: 1 });
    expect(feed.ofType('transcript')).toEqual([]);
    await s.close();
  });

  it('a recogniser’s last final, trailing the bridge’s stop, still counts: a call with words beside its audio ends CALLCUE_WORDS_AFTER_STOP_MS after its stop', async () => {
    const feed = await feedFor('sc-trailing');
    const bridge = await nativeCall('sc-trailing');
    const s = await side();
    s.send(words({ bridge: 'native', id: 'sc-trailing' }, 'is there anything else I can help with?', { track: 'agent' }));
    expect(await answer(s, 1)).toEqual({ type: 'ack', n: 1 });
    const stoppedAt = performance.now();
    bridge.send({ type: 'stop' });
    await new Promise((r) => setTimeout(r, 300));
    s.send(words({ bridge: 'native', id: 'sc-trailing' }, 'no, that is everything, thank you'));
    expect(await answer(s, 2)).toEqual({ type: 'ack', n: 2 });
    await feed.nextType('call.ended');
    // Not before the wait is over (a timer never fires early; a busy machine only makes it later).
    expect(performance.now() - stoppedAt).toBeGreaterThanOrEqual(AFTER_STOP_MS - 5);
    // The bridge was told `stopped` only once the wait was over.
    await bridge.nextType('stopped');
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['is there anything else I can help with?', 'no, that is everything, thank you']);
    s.send(words({ bridge: 'native', id: 'sc-trailing' }, 'and one more thing'));
    expect(await answer(s, 3)).toMatchObject({ type: 'error', code: 'CALL_ENDED' });
    await s.close();
  });

  it('malformed JSON, an unknown type, a bad field and binary data each get their own code; the socket and later words go on', async () => {
    const feed = await feedFor('sc-bad');
    const bridge = await nativeCall('sc-bad');
    const s = await side();
    s.send('{"type":"transcript",');
    s.send({ type: 'hello' });
    s.send({ ...words({ bridge: 'native', id: 'sc-bad' }, 'x'), track: 'customer' });
    s.send({ ...words({ bridge: 'sip', id: 'sc-bad' }, 'x') });
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    s.send(words({ bridge: 'native', id: 'sc-bad' }, 'still listening'));
    expect(await answer(s, 1)).toMatchObject({ type: 'error', code: 'MALFORMED_JSON' });
    expect(await answer(s, 2)).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE' });
    expect(await answer(s, 3)).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE', message: expect.stringContaining('track') });
    expect(await answer(s, 4)).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE', message: expect.stringContaining('call.bridge') });
    expect(await answer(s, 5)).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE' });
    expect(await answer(s, 6)).toEqual({ type: 'ack', n: 6 });
    await feed.nextType('transcript');
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['still listening']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    await s.close();
  });

  it('text over the size limit is refused naming the field, a message over CALLCUE_MAX_MESSAGE_BYTES with FRAME_TOO_LARGE; neither is applied', async () => {
    const feed = await feedFor('sc-big');
    const bridge = await nativeCall('sc-big');
    const s = await side();
    s.send(words({ bridge: 'native', id: 'sc-big' }, 'a'.repeat(4001)));
    s.send(words({ bridge: 'native', id: 'sc-big' }, 'b'.repeat(70_000)));
    s.send(words({ bridge: 'native', id: 'sc-big' }, 'short and fine'));
    expect(await answer(s, 1)).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE', message: expect.stringContaining('text') });
    expect(await answer(s, 2)).toMatchObject({ type: 'error', code: 'FRAME_TOO_LARGE' });
    expect(await answer(s, 3)).toEqual({ type: 'ack', n: 3 });
    await feed.nextType('transcript');
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['short and fine']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    await s.close();
  });

  it('a flood of words for one call is answered RATE_LIMITED beyond its allowance; another call on the same socket is not touched', async () => {
    const feeds = await Promise.all(['sc-flood', 'sc-calm'].map(feedFor));
    const bridges = await Promise.all(['sc-flood', 'sc-calm'].map((id) => nativeCall(id)));
    const s = await side();
    for (let i = 0; i < 300; i++) s.send(words({ bridge: 'native', id: 'sc-flood' }, `flood ${i}`, { isFinal: false }));
    s.send(words({ bridge: 'native', id: 'sc-calm' }, 'a calm sentence'));
    const last = await answer(s, 301, 10_000);
    expect(last).toEqual({ type: 'ack', n: 301 });
    await s.next(() => s.messages.length >= 301);
    const limited = s.messages.filter((m) => m.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(100);
    expect(s.messages.filter((m) => m.type === 'ack').length).toBe(301 - limited.length);
    await feeds[1]!.nextType('transcript');
    expect(feeds[1]!.ofType('transcript').map((m) => m.text)).toEqual(['a calm sentence']);
    for (const b of bridges) b.send({ type: 'stop' });
    await Promise.all(feeds.map((f) => f.nextType('call.ended')));
    await s.close();
  });

  it('words naming another tenant’s call: to that key the call does not exist (held, then UNKNOWN_CALL); nothing reaches the call', async () => {
    const feed = await feedFor('sc-tenant');
    const bridge = await nativeCall('sc-tenant', KEY_A);
    const other = await side(KEY_B);
    other.send(words({ bridge: 'native', id: 'sc-tenant' }, 'words from another tenant'));
    expect(await answer(other, 1, HOLD_MS + 5000)).toMatchObject({ type: 'error', code: 'UNKNOWN_CALL' });
    const own = await side(KEY_A);
    own.send(words({ bridge: 'native', id: 'sc-tenant' }, 'the owner’s words'));
    expect(await answer(own, 1)).toEqual({ type: 'ack', n: 1 });
    await feed.nextType('transcript');
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['the owner’s words']);
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
    await Promise.all([other.close(), own.close()]);
  });

  it('a replay client’s side-channel sink counts what was taken', async () => {
    const feed = await feedFor('sc-sink');
    const bridge = await nativeCall('sc-sink');
    const sink = new SideChannelWords(server.wsUrl, KEY_A);
    await sink.open({ bridge: 'native', id: 'sc-sink' });
    sink.send({ track: 'agent', text: 'Good morning, how can I help?', isFinal: true, startMs: 0, endMs: 1500 });
    sink.send({ track: 'caller', text: 'x'.repeat(5000), isFinal: true, startMs: 1500, endMs: 2500 });
    expect(await sink.close()).toEqual({ via: 'side', sent: 2, acked: 1, refused: { INVALID_MESSAGE: 1 } });
    bridge.send({ type: 'stop' });
    await feed.nextType('call.ended');
  });
});

