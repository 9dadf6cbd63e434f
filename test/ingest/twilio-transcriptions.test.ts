// POST /v1/twilio/transcriptions against a real node: Twilio Real-Time Transcription callbacks,
// signed as Twilio signs them, for a Media Stream played by the replay tool's Twilio client. Words
// reach the stream's call on its media timeline; a forged callback is refused with nothing applied;
// repeats and overtaken partials change nothing; every bad request gets its own status and code.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { TwilioReplayClient, TwilioWebhookWords } from '../../src/clients/index.js';
import { twilioSignature } from '../../src/ingest/twilio-signature.js';
import { nowMs } from '../../src/frames/clock.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';

const TOKEN = 'twilio-auth-token-for-tests-0001';
const HOLD_MS = 1200;
/** The wait after a stop for trailing words (3 s by default): shorter here, so each call ends sooner. */
const AFTER_STOP_MS = 1000;
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let proxied: Server;
let bare: Server;

beforeAll(async () => {
  [server, proxied, bare] = await Promise.all([
    startTestServer({ twilioAuthToken: TOKEN, wordsHoldMs: HOLD_MS, wordsAfterStopMs: AFTER_STOP_MS }, { prosodyModel: null, textModel: null }),
    startTestServer({ twilioAuthToken: TOKEN, publicUrl: 'https://callcue.bank.example/assist', wordsAfterStopMs: AFTER_STOP_MS }, { prosodyModel: null, textModel: null }),
    startTestServer({ wordsAfterStopMs: AFTER_STOP_MS }, { prosodyModel: null, textModel: null }),
  ]);
});
afterAll(async () => Promise.all([server.stop(), proxied.stop(), bare.stop()]));

const endpoint = (s: Server) => `${s.url}/v1/twilio/transcriptions`;

interface Posted {
  status: number;
  body: Record<string, unknown> | null;
}

async function post(s: Server, params: Record<string, string>, options: { signature?: string | null; signedUrl?: string; contentType?: string; body?: string } = {}): Promise<Posted> {
  const url = endpoint(s);
  const signature = options.signature === undefined ? twilioSignature(TOKEN, options.signedUrl ?? url, params) : options.signature;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded', ...(signature !== null ? { 'x-twilio-signature': signature } : {}) },
    body: options.body ?? new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** A Twilio stream on `s`, its feed, and callbacks for it. */
async function stream(s: Server, callId: string) {
  const feed = await TestSocket.open(`${s.wsUrl}/v1/feed?callId=${callId}`);
  await feed.nextType('hello');
  const client = new TwilioReplayClient({ url: s.wsUrl, callId, agentId: 'ag-tw', language: 'en-US', stereo: true });
  await client.open();
  await feed.nextType('call.started');
  const { accountSid, callSid } = client.encoder.ids;
  let sequence = 0;
  const content = (text: string, o: { final?: boolean; track?: string; seq?: number; at?: number } = {}): Record<string, string> => ({
    AccountSid: accountSid,
    CallSid: callSid,
    TranscriptionSid: 'GT0001',
    TranscriptionEvent: 'transcription-content',
    TranscriptionData: JSON.stringify({ transcript: text, confidence: 0.93 }),
    Final: String(o.final ?? true),
    Track: o.track ?? 'inbound_track',
    SequenceId: String(o.seq ?? ++sequence),
    Timestamp: new Date(o.at ?? Date.now()).toISOString(),
    LanguageCode: 'en-US',
  });
  return { feed, client, accountSid, callSid, content };
}

const silence = new Float32Array(160);

describe('POST /v1/twilio/transcriptions', () => {
  it('a signed transcription-content callback reaches the stream’s call: inbound_track is the caller, outbound_track the agent (204)', async () => {
    const { feed, client, content } = await stream(server, 'tt-basic');
    expect(await post(server, content('I was charged twice for one payment'))).toEqual({ status: 204, body: null });
    expect(await post(server, content('I can look into that for you', { track: 'outbound_track' }))).toEqual({ status: 204, body: null });
    await feed.next(() => feed.ofType('transcript').length >= 2);
    expect(feed.ofType('transcript').map((m) => [m.track, m.text, m.isFinal])).toEqual([
      ['caller', 'I was charged twice for one payment', true],
      ['agent', 'I can look into that for you', true],
    ]);
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('places words on the call’s media timeline: Timestamp minus the wall time of media 0, as the audio’s arrival shows it', async () => {
    const { feed, client, content } = await stream(server, 'tt-timing');
    const sentAt = nowMs();
    client.sendFrame(silence, silence); // media 0–20 ms, sent now: media 0 is ~20 ms before
    const words = 'please confirm your date of birth';
    await post(server, content(words, { at: sentAt - 20 + 5000 }));
    const t = await feed.nextType('transcript');
    expect(t.endMs).toBeLessThanOrEqual(5000);
    expect(t.endMs).toBeGreaterThan(4000); // the frame's own delivery delay, even on a busy host
    // The start is where saying those six words began (≈ 380 ms a word), after any earlier final.
    expect(t.startMs as number).toBeCloseTo((t.endMs as number) - 6 * 380, -1);
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('repeated and out-of-order SequenceIds: a duplicate and an overtaken partial change nothing; a late final still counts', async () => {
    const { feed, client, content } = await stream(server, 'tt-order');
    const at = Date.now();
    const p5 = content('this is the', { final: false, seq: 5, at: at + 2000 });
    expect((await post(server, p5)).status).toBe(204);
    expect((await post(server, p5)).status).toBe(204); // Twilio's retry of the same callback
    expect((await post(server, content('this', { final: false, seq: 4, at: at + 1500 }))).status).toBe(204); // overtaken
    expect((await post(server, content('a separate line from the agent', { track: 'outbound_track', seq: 3, at: at + 1000 }))).status).toBe(204); // late final
    expect((await post(server, content('this is the third time', { seq: 6, at: at + 2500 }))).status).toBe(204);
    await feed.next(() => feed.ofType('transcript').length >= 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(feed.ofType('transcript').map((m) => [m.track, m.text, m.isFinal])).toEqual([
      ['caller', 'this is the', false],
      ['agent', 'a separate line from the agent', true],
      ['caller', 'this is the third time', true],
    ]);
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('a forged signature is refused with 403 and nothing reaches the feed; so is a missing one', async () => {
    const { feed, client, content } = await stream(server, 'tt-forged');
    const forged = await post(server, content('forged words'), { signature: twilioSignature('not-the-token', endpoint(server), content('forged words')) });
    expect(forged).toMatchObject({ status: 403, body: { type: 'error', code: 'FORBIDDEN' } });
    expect(await post(server, content('unsigned words'), { signature: null })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    // Signed for other parameters than the ones sent: the text was changed on the way.
    const signedFor = content('the real words');
    const tampered = { ...signedFor, TranscriptionData: JSON.stringify({ transcript: 'changed words', confidence: 0.9 }) };
    expect(await post(server, tampered, { signature: twilioSignature(TOKEN, endpoint(server), signedFor) })).toMatchObject({ status: 403 });
    expect((await post(server, content('genuine words'))).status).toBe(204);
    await feed.nextType('transcript');
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['genuine words']);
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('with CALLCUE_PUBLIC_URL the signature is checked over the URL Twilio called through the proxy', async () => {
    const { feed, client, content } = await stream(proxied, 'tt-proxy');
    const params = content('words through the proxy');
    const local = await post(proxied, params);
    expect(local.status).toBe(403);
    const viaProxy = await post(proxied, content('words through the proxy'), { signedUrl: 'https://callcue.bank.example/assist/v1/twilio/transcriptions' });
    expect(viaProxy.status).toBe(204);
    await feed.nextType('transcript');
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('malformed callbacks get 400 naming the problem: TranscriptionData not JSON, a missing Track, a bad Timestamp, JSON instead of a form', async () => {
    const { feed, client, content } = await stream(server, 'tt-malformed');
    expect(await post(server, { ...content('x'), TranscriptionData: '{"transcript":' })).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const { Track: _t, ...noTrack } = content('x');
    expect(await post(server, noTrack)).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE', message: expect.stringContaining('Track') } });
    expect(await post(server, { ...content('x'), Timestamp: 'yesterday' })).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE', message: expect.stringContaining('Timestamp') } });
    expect(await post(server, { ...content('x'), TranscriptionEvent: 'transcription-paused' })).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE' } });
    const asJson = await post(server, content('x'), { contentType: 'application/json', body: JSON.stringify(content('x')) });
    expect(asJson).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE' } });
    expect((await post(server, content('after all that, fine'))).status).toBe(204);
    await feed.nextType('transcript');
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['after all that, fine']);
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('text over the size limit: 400 naming TranscriptionData.transcript; a body over CALLCUE_MAX_MESSAGE_BYTES: 413', async () => {
    const { feed, client, content } = await stream(server, 'tt-big');
    expect(await post(server, content('a'.repeat(4001)))).toMatchObject({ status: 400, body: { code: 'INVALID_MESSAGE', message: expect.stringContaining('transcript') } });
    expect(await post(server, content('b'.repeat(70_000)))).toMatchObject({ status: 413, body: { code: 'FRAME_TOO_LARGE' } });
    await client.finish();
    await feed.nextType('call.ended');
    expect(feed.ofType('transcript')).toEqual([]);
  });

  it('started, stopped and error events are taken (204) and add nothing to the call', async () => {
    const { feed, client, content } = await stream(server, 'tt-events');
    const base = content('unused');
    for (const ev of ['transcription-started', 'transcription-stopped', 'transcription-error']) {
      const { TranscriptionData: _d, Final: _f, Track: _t, ...rest } = base;
      expect((await post(server, { ...rest, TranscriptionEvent: ev, SequenceId: String(Math.random()).slice(2, 6) })).status).toBe(204);
    }
    await client.finish();
    await feed.nextType('call.ended');
    expect(feed.ofType('transcript')).toEqual([]);
  });

  it('another account’s callback for this CallSid: 404 UNKNOWN_CALL after the hold; words after the end: 410 CALL_ENDED', async () => {
    const { feed, client, content } = await stream(server, 'tt-tenant');
    expect(await post(server, { ...content('not my call'), AccountSid: 'ACsomeoneelse' })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_CALL' } });
    await client.finish();
    await feed.nextType('call.ended');
    expect(await post(server, content('too late'))).toMatchObject({ status: 410, body: { code: 'CALL_ENDED' } });
    expect(feed.ofType('transcript')).toEqual([]);
  });

  it('a flood of callbacks for one call: 429 RATE_LIMITED beyond its allowance (Twilio retries a 429)', async () => {
    const { feed, client, content } = await stream(server, 'tt-flood');
    const t0 = performance.now();
    const statuses = await Promise.all(Array.from({ length: 300 }, (_, i) => post(server, content(`flood ${i}`, { final: false })).then((r) => r.status)));
    const elapsedS = (performance.now() - t0) / 1000;
    expect(statuses.every((s) => s === 204 || s === 429)).toBe(true);
    // At most a burst of two seconds' worth plus 50 a second went through, however slow the host.
    const taken = statuses.filter((s) => s === 204).length;
    const allowance = 100 + Math.ceil(50 * elapsedS) + 1;
    expect(taken).toBeLessThanOrEqual(allowance);
    // Whenever the host was quick enough for the flood to outrun the allowance, the rest were refused.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(300 - allowance);
    await client.finish();
    await feed.nextType('call.ended');
  });

  it('the replay tool’s Twilio webhook sink signs and sends callbacks the node takes', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?callId=tt-sink`);
    await feed.nextType('hello');
    const client = new TwilioReplayClient({ url: server.wsUrl, callId: 'tt-sink', agentId: 'ag-tw', language: 'en-US', stereo: false });
    const sink = new TwilioWebhookWords({ url: server.wsUrl, authToken: TOKEN, speed: 1 });
    await client.open();
    await sink.open(client);
    client.sendFrame(silence, null);
    sink.send({ track: 'caller', text: 'hello there', isFinal: true, startMs: 0, endMs: 900 });
    expect(await sink.close()).toEqual({ via: 'twilio-webhook', sent: 1, acked: 1, refused: {} });
    const t = await feed.nextType('transcript');
    expect(t).toMatchObject({ track: 'caller', text: 'hello there' });
    expect(Math.abs((t.endMs as number) - 900)).toBeLessThan(250);
    await client.finish();
    await feed.nextType('call.ended');
  });
});

describe('POST /v1/twilio/transcriptions without CALLCUE_TWILIO_AUTH_TOKEN', () => {
  it('refuses every callback with 403: nothing can be verified', async () => {
    const res = await fetch(`${bare.url}/v1/twilio/transcriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      body: 'AccountSid=AC1&CallSid=CA1&TranscriptionEvent=transcription-started',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('CALLCUE_TWILIO_AUTH_TOKEN') });
  });
});
