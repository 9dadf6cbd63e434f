// The foundation's promise end to end: a bridge streams a call over /v1/stream and a subscribed
// agent sees call.started, live prosody emotion states, transcripts and call.ended, over real
// sockets.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { concat, speechLike } from '../helpers/audio.js';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  // No model: the feed must carry measured prosody and never a made-up label.
  server = await startTestServer({}, { prosodyModel: null, textModel: null });
});
afterAll(async () => server.stop());

describe('a streamed call reaches the agent feed', () => {
  it('shows call.started, prosody emotion relative to the caller baseline, transcripts and call.ended', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=agent-7`);
    await feed.nextType('hello');
    const bridge = await openBridge(server.wsUrl);
    const tracks: BridgeTrack[] = [
      { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
      { track: 'agent', encoding: 'pcm16le', sampleRateHz: 16000 },
    ];
    bridge.send(startMessage('call-e2e-1', 'agent-7', tracks));
    const started = await bridge.nextType('started');
    expect(started).toMatchObject({ callId: 'call-e2e-1', tracks: 2 });

    const callStarted = await feed.nextType('call.started');
    expect(callStarted).toMatchObject({ callId: 'call-e2e-1', agentId: 'agent-7', language: 'en-US', seq: 1 });
    expect(typeof callStarted.latencyMs).toBe('number');

    // Calm first, then higher, louder and faster: the relative figures must show it.
    const caller = concat(
      speechLike(8000, { pitchHz: 120, rateSylPerS: 3.5, amplitude: 0.25 }, 8000, 1),
      speechLike(4000, { pitchHz: 185, rateSylPerS: 6, amplitude: 0.7 }, 8000, 2),
    );
    await streamAudio(bridge, 0, caller, tracks[0]!, 20, 20);
    bridge.send({ type: 'transcript', track: 'caller', text: 'I have been waiting', isFinal: false, startMs: 100, endMs: 900 });
    bridge.send({ type: 'transcript', track: 'caller', text: 'I have been waiting for an hour', isFinal: true, startMs: 100, endMs: 1500 });

    const finalT = await feed.next((m) => m.type === 'transcript' && m.isFinal === true);
    expect(finalT).toMatchObject({ track: 'caller', text: 'I have been waiting for an hour', startMs: 100, endMs: 1500 });

    await feed.next((m) => m.type === 'emotion' && (m.tsMs as number) >= 11_500, 10_000, 'an emotion state late in the call');
    bridge.send({ type: 'stop' });
    const stopped = await bridge.nextType('stopped');
    // The call's duration is its media (12 s of caller audio), not the 0.6 s it took to stream at 20×.
    expect(stopped).toMatchObject({ callId: 'call-e2e-1', reason: 'stop', shedFrames: 0, durationMs: 12_000 });
    const ended = await feed.nextType('call.ended');
    expect(ended).toMatchObject({ callId: 'call-e2e-1', reason: 'stop', durationMs: 12_000 });

    const emotions = feed.ofType('emotion');
    // A few times a second: one per 250 ms of media.
    expect(emotions.length).toBeGreaterThanOrEqual(40);
    for (const e of emotions) {
      expect(e.label).toBeUndefined();
      expect(e.probs).toBeUndefined();
      expect(e.latencyMs as number).toBeGreaterThanOrEqual(0);
    }
    const calm = emotions.find((e) => (e.tsMs as number) >= 7500)!.prosody as Record<string, number>;
    const agitated = emotions.at(-1)!.prosody as Record<string, number>;
    expect(agitated.pitchHz).toBeGreaterThan(calm.pitchHz * 1.3);
    expect(agitated.pitchRelPct).toBeGreaterThan(20);
    expect(agitated.loudnessRelDb).toBeGreaterThan(4);
    expect(agitated.speakingRateSylPerS).toBeGreaterThan(calm.speakingRateSylPerS);
    expect(agitated.voiceActivity).toBeGreaterThan(0.3);

    // Sequence numbers are per call, gap-free and in order.
    const seqs = feed.messages.filter((m) => m.callId === 'call-e2e-1').map((m) => m.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await bridge.closed;
    await feed.close();
  });
});
