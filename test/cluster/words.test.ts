// Words beside the audio on two callcue processes sharing a real redis-server: words (side channel
// or Twilio callbacks) that reach the node not running their call are routed to the one that does
// — also when they arrive before the call opens there — and are answered CALL_ENDED or
// UNKNOWN_CALL by the cluster as a whole, as one node would.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NodeProcess } from '../../src/cli/soak-node.js';
import { TwilioReplayClient } from '../../src/clients/index.js';
import { twilioSignature } from '../../src/ingest/twilio-signature.js';
import { nowMs } from '../../src/frames/clock.js';
import { TestSocket } from '../helpers/ws-client.js';
import { describeRedis } from './redis.js';
import { ClusterCall, clusterNode, feedOn } from './nodes.js';

const TOKEN = 'twilio-auth-token-for-cluster-01';
const HOLD_MS = 4000;

describeRedis('words across two callcue nodes on one Redis', (redis) => {
  let a: NodeProcess;
  let b: NodeProcess;
  beforeAll(async () => {
    const env = { CALLCUE_WORDS_HOLD_MS: String(HOLD_MS), CALLCUE_TWILIO_AUTH_TOKEN: TOKEN };
    [a, b] = await Promise.all([clusterNode(redis().url, env), clusterNode(redis().url, env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
  });

  const side = () => TestSocket.open(`${b.wsUrl}/v1/transcripts`);
  const answer = (s: TestSocket, n: number, timeoutMs = 10_000) => s.next((m) => m.n === n, timeoutMs, `the answer to message ${n}`);
  const words = (id: string, text: string, endMs: number) => ({ type: 'transcript', call: { bridge: 'native', id }, track: 'caller', text, isFinal: true, startMs: Math.max(0, endMs - 1000), endMs });

  it('side-channel words on node B reach a call running on node A; held ones wait for it to open there; late ones get CALL_ENDED', async () => {
    const feed = await feedOn(a, 'ag-w1');
    const feedB = await feedOn(b, 'ag-w1');
    const s = await side();
    s.send(words('w1', 'words that came before the call', 500)); // the call opens on A only after this
    await new Promise((r) => setTimeout(r, 300));
    expect(s.messages).toEqual([]);
    const call = await ClusterCall.start(a, 'w1', 'ag-w1');
    expect(await answer(s, 1)).toEqual({ type: 'ack', n: 1 });
    s.send(words('w1', 'I want to file a complaint', 2000));
    expect(await answer(s, 2)).toEqual({ type: 'ack', n: 2 });
    await feed.next(() => feed.ofType('transcript').length >= 2);
    expect(feed.ofType('transcript').map((m) => m.text)).toEqual(['words that came before the call', 'I want to file a complaint']);
    // The feed on node B sees them too: they are the call's own events, published by node A.
    await feedB.next(() => feedB.ofType('transcript').length >= 2);
    expect(feedB.ofType('transcript').map((m) => m.text)).toEqual(['words that came before the call', 'I want to file a complaint']);
    await call.stop();
    await feed.nextType('call.ended');
    s.send(words('w1', 'too late', 9000));
    expect(await answer(s, 3)).toMatchObject({ type: 'error', code: 'CALL_ENDED', n: 3 });
    await Promise.all([s.close(), feedB.close(), feed.close()]);
  });

  it('a call no node ever opens: UNKNOWN_CALL after the hold, from the node the words reached', async () => {
    const s = await side();
    s.send(words('w-never', 'anyone there?', 1000));
    const t0 = performance.now();
    expect(await answer(s, 1, HOLD_MS + 10_000)).toMatchObject({ type: 'error', code: 'UNKNOWN_CALL' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(HOLD_MS - 500);
    await s.close();
  });

  it('a Twilio callback posted to node B lands on the Twilio stream node A runs, on A’s media timeline', async () => {
    const feed = await feedOn(a, 'ag-w2');
    const client = new TwilioReplayClient({ url: a.wsUrl, callId: 'w2', agentId: 'ag-w2', language: 'en-US', stereo: true });
    await client.open();
    await feed.nextType('call.started');
    const sentAt = nowMs();
    client.sendFrame(new Float32Array(160), new Float32Array(160));
    const { accountSid, callSid } = client.encoder.ids;
    const params = {
      AccountSid: accountSid,
      CallSid: callSid,
      TranscriptionSid: 'GTcluster',
      TranscriptionEvent: 'transcription-content',
      TranscriptionData: JSON.stringify({ transcript: 'put me through to your manager', confidence: 0.9 }),
      Final: 'true',
      Track: 'inbound_track',
      SequenceId: '1',
      Timestamp: new Date(sentAt - 20 + 3000).toISOString(),
    };
    const url = `${b.url}/v1/twilio/transcriptions`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(204);
    const t = await feed.nextType('transcript');
    expect(t).toMatchObject({ callId: 'w2', track: 'caller', text: 'put me through to your manager' });
    expect(t.endMs).toBeLessThanOrEqual(3000);
    expect(t.endMs).toBeGreaterThan(2000);
    await client.finish();
    await feed.nextType('call.ended');
    await feed.close();
  });
});
