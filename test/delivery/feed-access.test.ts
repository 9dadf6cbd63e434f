// Who sees what on /v1/feed: an agent token proves its agent id and sees only that agent's calls;
// a supervisor token sees its team; a reconnecting feed gets the live state at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';

const KEY = 'bridge-key-feed-0123456789';
const ALICE = 'token-alice-0123456789';
const BOB = 'token-bob-0123456789ab';
const SUP = 'token-sup-0123456789abc';
const TRACK: BridgeTrack = { track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 };

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer(
    {
      apiKeys: [KEY],
      agentTokens: [
        { agentId: 'alice', token: ALICE },
        { agentId: 'bob', token: BOB },
      ],
      supervisorTokens: [{ supervisorId: 'sup', token: SUP, agentIds: ['alice', 'bob'] }],
    },
    { prosodyModel: null, textModel: null },
  );
});
afterAll(async () => server.stop());

const feedUrl = (q: string) => `${server.wsUrl}/v1/feed?${q}`;

async function call(callId: string, agentId: string) {
  const b = await openBridge(server.wsUrl, { authorization: `Bearer ${KEY}` });
  b.send({ ...startMessage(callId, agentId, [TRACK]) });
  await b.nextType('started');
  return b;
}

describe('feed access', () => {
  it('refuses a missing or wrong token, and a token used for another agent id', async () => {
    await expect(TestSocket.open(feedUrl('agentId=alice'))).rejects.toMatchObject({ statusCode: 401 });
    await expect(TestSocket.open(feedUrl('agentId=alice&token=nope-nope-nope-nope'))).rejects.toMatchObject({ statusCode: 401 });
    await expect(TestSocket.open(feedUrl(`agentId=alice&token=${BOB}`))).rejects.toMatchObject({ statusCode: 401 });
    const viaHeader = await TestSocket.open(feedUrl('agentId=alice'), { authorization: `Bearer ${ALICE}` });
    expect(await viaHeader.nextType('hello')).toMatchObject({ agentId: 'alice', role: 'agent' });
    await viaHeader.close();
  });

  it('an agent sees only its own calls; a supervisor sees the team; callId narrows', async () => {
    const alice = await TestSocket.open(feedUrl(`agentId=alice&token=${ALICE}`));
    const sup = await TestSocket.open(feedUrl(`token=${SUP}`));
    const narrow = await TestSocket.open(feedUrl(`agentId=bob&token=${BOB}&callId=c-bob-2`));
    await Promise.all([alice.nextType('hello'), sup.nextType('hello'), narrow.nextType('hello')]);
    const a = await call('c-alice-1', 'alice');
    const b1 = await call('c-bob-1', 'bob');
    const b2 = await call('c-bob-2', 'bob');
    await sup.next((m) => m.type === 'call.started' && m.callId === 'c-bob-2');
    await alice.next((m) => m.type === 'call.started' && m.callId === 'c-alice-1');
    await narrow.next((m) => m.type === 'call.started' && m.callId === 'c-bob-2');
    for (const b of [a, b1, b2]) {
      b.send({ type: 'stop' });
      await b.nextType('stopped');
    }
    await sup.next((m) => m.type === 'call.ended' && m.callId === 'c-bob-2');
    await alice.next((m) => m.type === 'call.ended');
    await narrow.next((m) => m.type === 'call.ended');
    expect(new Set(alice.messages.filter((m) => m.callId).map((m) => m.callId))).toEqual(new Set(['c-alice-1']));
    expect(new Set(narrow.messages.filter((m) => m.callId).map((m) => m.callId))).toEqual(new Set(['c-bob-2']));
    expect(new Set(sup.messages.filter((m) => m.callId).map((m) => m.callId))).toEqual(new Set(['c-alice-1', 'c-bob-1', 'c-bob-2']));
    await Promise.all([alice.close(), sup.close(), narrow.close()]);
  });

  it('a feed that reconnects gets the live state of its calls at once', async () => {
    const b = await call('c-alice-live', 'alice');
    await streamAudio(b, 0, speechLike(2000, { pitchHz: 140, rateSylPerS: 4, amplitude: 0.4 }), TRACK, 20, 20);
    b.send({ type: 'transcript', track: 'caller', text: 'my card was swallowed', isFinal: true, startMs: 0, endMs: 1500 });
    b.send({ type: 'transcript', track: 'caller', text: 'by the machine', isFinal: false, startMs: 1500, endMs: 1900 });
    const first = await TestSocket.open(feedUrl(`agentId=alice&token=${ALICE}`));
    await first.next((m) => m.type === 'call.state' && m.callId === 'c-alice-live');
    // The pipeline runs apart from the socket: wait until the partial has been published.
    await first.next(
      (m) =>
        (m.type === 'transcript' && m.text === 'by the machine') ||
        (m.type === 'call.state' && (m.transcript as { text: string }[]).some((t) => t.text === 'by the machine')),
    );
    await first.close();
    // "Reconnect": a fresh socket must get the state without waiting for new events.
    const again = await TestSocket.open(feedUrl(`agentId=alice&token=${ALICE}`));
    const state = await again.next((m) => m.type === 'call.state' && m.callId === 'c-alice-live');
    // At once: the state is the call's first message on the new socket, before any new event of it.
    expect(again.messages.find((m) => m.callId === 'c-alice-live')).toBe(state);
    expect((state.started as Record<string, unknown>).agentId).toBe('alice');
    expect((state.emotion as Record<string, unknown>).type).toBe('emotion');
    const transcript = state.transcript as Record<string, unknown>[];
    expect(transcript.map((t) => [t.text, t.isFinal])).toEqual([
      ['my card was swallowed', true],
      ['by the machine', false],
    ]);
    // Events after the snapshot continue from its sequence number.
    b.send({ type: 'stop' });
    const ended = await again.next((m) => m.type === 'call.ended' && m.callId === 'c-alice-live');
    expect(ended.seq as number).toBeGreaterThan(state.seq as number);
    await again.close();
  });

  it('an ack for an unknown prompt gets UNKNOWN_PROMPT; a malformed ack gets INVALID_MESSAGE', async () => {
    const f = await TestSocket.open(feedUrl(`agentId=alice&token=${ALICE}`));
    await f.nextType('hello');
    f.send({ type: 'ack', promptId: 'nope', action: 'used' });
    expect(await f.nextType('error')).toMatchObject({ code: 'UNKNOWN_PROMPT' });
    f.send({ type: 'ack', promptId: 'p1', action: 'loved' });
    await f.next((m) => m.type === 'error' && m.code === 'INVALID_MESSAGE');
    await f.close();
  });
});
