// Per-socket message rate (maxMessagesPerSecond): a token bucket with bursts of two seconds'
// worth. Over the limit a message is dropped and answered RATE_LIMITED (once a second), the socket
// stays open and the call goes on; a socket over the limit for ten seconds in a row is closed with
// 1008. Twilio and AudioHook have no error message: their drops are counted only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABUSE_WINDOWS, MessageRateLimit, TokenBucket } from '../../src/ingest/limits.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, type BridgeTrack } from '../helpers/bridge.js';

const TRACK: BridgeTrack = { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 };
const RATE = 50;

describe('the token bucket', () => {
  it('lets a burst of its capacity through, then the refill rate', () => {
    const b = new TokenBucket(10, 20, 0);
    let passed = 0;
    for (let i = 0; i < 100; i++) if (b.take(0)) passed++;
    expect(passed).toBe(20);
    expect(b.take(50)).toBe(false); // half a token
    expect(b.take(100)).toBe(true); // one token after 100 ms at 10/s
    expect(b.take(100)).toBe(false);
    // It never holds more than its capacity, however long it rests.
    passed = 0;
    for (let i = 0; i < 100; i++) if (b.take(1_000_000)) passed++;
    expect(passed).toBe(20);
  });

  it('answers the first drop of each second, and closes after ABUSE_WINDOWS seconds over the limit in a row', () => {
    const l = new MessageRateLimit(1, 0);
    expect(l.take(0)).toEqual({ kind: 'pass' });
    expect(l.take(0)).toEqual({ kind: 'pass' }); // burst: two seconds' worth
    expect(l.take(10)).toEqual({ kind: 'drop', answer: true });
    expect(l.take(20)).toEqual({ kind: 'drop', answer: false });
    // A quiet spell resets the streak.
    expect(l.take(5000).kind).toBe('pass');
    let verdict = l.take(5001);
    let t = 5001;
    const kinds: string[] = [];
    // Flood: many messages every 100 ms; the bucket refills 1/s, so each second has drops.
    while (verdict.kind !== 'close' && t < 60_000) {
      for (let i = 0; i < 10 && verdict.kind !== 'close'; i++) kinds.push((verdict = l.take(t)).kind);
      t += 100;
    }
    expect(verdict.kind).toBe('close');
    expect(t - 5001).toBeGreaterThanOrEqual((ABUSE_WINDOWS - 2) * 1000);
    expect(kinds).toContain('pass'); // the refill still lets one a second through meanwhile
  });
});

describe('rate limits on a running node', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ maxMessagesPerSecond: RATE });
  });
  afterAll(async () => server.stop());

  /** Waits (up to 30 s) until count() reaches want: a busy node reads a flood late, not never. */
  const untilCount = async (count: () => Promise<number>, want: number) => {
    for (const t0 = Date.now(); (await count()) < want && Date.now() - t0 < 30_000; ) await new Promise((r) => setTimeout(r, 100));
  };

  const rateLimitedCount = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/callcue_errors_total\{code="RATE_LIMITED"\} (\d+)/.exec(text)?.[1] ?? 0);
  };

  it('a bridge over the limit: messages dropped and answered RATE_LIMITED once a second, the socket open, the call going on', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=rl&callId=rl-1`);
    await feed.nextType('hello');
    const b = await openBridge(server.wsUrl);
    b.send(startMessage('rl-1', 'rl', [TRACK]));
    await b.nextType('started');
    const before = await rateLimitedCount();
    // 400 transcripts at once: 2 s of burst (100) pass, the rest are dropped — less what the bucket
    // refills while a busy machine takes time to read them (RATE a second), so bounds use that time.
    const t0 = Date.now();
    for (let i = 0; i < 400; i++) b.send({ type: 'transcript', track: 'caller', text: `line ${i}`, isFinal: true, startMs: i * 10, endMs: i * 10 + 5 });
    const err = await b.nextType('error');
    expect(err).toMatchObject({ code: 'RATE_LIMITED' });
    await feed.next((m) => m.type === 'transcript' && m.text === 'line 99', undefined, 'the last transcript of the burst');
    await untilCount(() => rateLimitedCount().then((n) => n - before), 280 - RATE * ((Date.now() - t0) / 1000));
    const refill = RATE * Math.ceil((Date.now() - t0) / 1000);
    expect(b.ofType('error').length).toBeLessThanOrEqual(Math.ceil((Date.now() - t0) / 1000) + 1); // answered once a second, not 300 times
    expect(feed.ofType('transcript').length).toBeLessThan(120 + refill);
    expect((await rateLimitedCount()) - before).toBeGreaterThanOrEqual(280 - refill);
    expect(b.closeCode).toBeNull();
    // Within the rate again, messages pass.
    await new Promise((r) => setTimeout(r, 1000));
    b.send({ type: 'transcript', track: 'caller', text: 'after the pause', isFinal: true, startMs: 9000, endMs: 9500 });
    await feed.next((m) => m.type === 'transcript' && m.text === 'after the pause', undefined, 'the transcript after the pause');
    b.send({ type: 'stop' });
    expect((await feed.nextType('call.ended')).reason).toBe('stop');
    await feed.close();
  });

  it('a feed over the limit is answered RATE_LIMITED; a Twilio stream over it is counted and kept', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=rl2`);
    await feed.nextType('hello');
    const t0 = Date.now();
    for (let i = 0; i < 300; i++) feed.send({ type: 'ack', promptId: `p-${i}`, action: 'used' });
    await feed.next((m) => m.code === 'RATE_LIMITED', undefined, 'RATE_LIMITED');
    // The burst (2 s worth) plus what the bucket refilled while a busy machine read the acks.
    const answered = feed.ofType('error').filter((m) => m.code === 'UNKNOWN_PROMPT').length;
    expect(answered).toBeLessThanOrEqual(2 * RATE + 5 + RATE * Math.ceil((Date.now() - t0) / 1000));
    const before = await rateLimitedCount();
    const twilio = await TestSocket.open(`${server.wsUrl}/v1/twilio`);
    const t1 = Date.now();
    for (let i = 0; i < 300; i++) twilio.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    await untilCount(() => rateLimitedCount().then((n) => n - before), 150);
    expect((await rateLimitedCount()) - before).toBeGreaterThanOrEqual(150 - RATE * Math.ceil((Date.now() - t1) / 1000));
    expect(twilio.messages).toEqual([]);
    expect(twilio.closeCode).toBeNull();
    await Promise.all([feed.close(), twilio.close()]);
  });

  it(`a socket over the limit for ${ABUSE_WINDOWS} s in a row is closed with 1008`, async () => {
    const b = await openBridge(server.wsUrl);
    const t0 = Date.now();
    const flood = setInterval(() => {
      for (let i = 0; i < 40; i++) if (b.ws.readyState === b.ws.OPEN) b.send('{}');
    }, 100);
    const code = await b.closed;
    clearInterval(flood);
    expect(code).toBe(1008);
    // Ten one-second windows in a row, the first of them partly spent draining the burst.
    expect(Date.now() - t0).toBeGreaterThanOrEqual((ABUSE_WINDOWS - 2) * 1000);
  });
});
