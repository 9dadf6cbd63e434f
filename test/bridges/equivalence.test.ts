// The "done means": one stereo recording (synthesised here: caller calm, then raised;
// agent steady) streamed over each of the four protocols by the replay tool's own clients gives
// the same caller emotion prosody states on the agent feed, within what μ-law and resampling
// change.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../helpers/ws-client.js';
import { concat, speechLike } from '../helpers/audio.js';
import { startBridgeServer, type BridgeServer } from './server.js';
import { runReplayLoop, replayClientFor, REPLAY_PROTOCOLS, type ReplayProtocol } from '../../src/clients/index.js';

const RATE = 16000;
const caller = concat(
  speechLike(6000, { pitchHz: 120, rateSylPerS: 3.5, amplitude: 0.25 }, RATE, 41),
  speechLike(4000, { pitchHz: 185, rateSylPerS: 6, amplitude: 0.7 }, RATE, 42),
);
const agent = speechLike(10000, { pitchHz: 215, rateSylPerS: 4, amplitude: 0.3 }, RATE, 43);

/**
 * How far μ-law (Twilio, AudioHook) may move each figure from 16-bit PCM (native, fork). Measured:
 * fork and native are identical; μ-law moved median pitch by at most 2.8 Hz in an early, short
 * window and loudness by 0.01 dB. The pitch range (p90 − p10 of the window's voiced frames) is the
 * touchiest figure: since the pitch tracker began searching quieter frames (−66 dBFS), μ-law flips
 * one frame's voicing decision in one window of 40 (at 8.75 s: 1.6 semitones, 36 %); every other
 * window stays within 0.5 semitone.
 */
const TOLERANCE: Record<string, number> = {
  loudnessDb: 0.5,
  loudnessRelDb: 0.5,
  pitchHz: 4,
  pitchRelPct: 2,
  pitchRangeSemitones: 2,
  pitchRangeRelPct: 40,
  speakingRateSylPerS: 0.3,
  speakingRateRelPct: 10,
  voiceActivity: 0.05,
  baselineSpeechS: 0.2,
};

let server: BridgeServer;
beforeAll(async () => {
  server = await startBridgeServer();
});
afterAll(async () => server.stop());

async function replay(protocol: ReplayProtocol): Promise<Map<number, Record<string, number>>> {
  const agentId = `eq-${protocol}`;
  const callId = `eq-call-${protocol}`;
  const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agentId}`);
  await feed.nextType('hello');
  const client = replayClientFor(
    { protocol, rateHz: 16000, forkFlavour: 'jambonz', secret: undefined },
    { url: server.wsUrl, callId, agentId, language: 'en-US', stereo: true },
  );
  const stats = await runReplayLoop(client, { caller, agent, sampleRateHz: RATE }, [], 10);
  expect(stats.end.acknowledged).toBe(true);
  await feed.next((m) => m.type === 'call.ended' && m.callId === callId);
  await feed.close();
  const states = new Map<number, Record<string, number>>();
  for (const e of feed.ofType('emotion')) if (e.callId === callId) states.set(e.tsMs as number, e.prosody as Record<string, number>);
  return states;
}

describe('one recording, four protocols, the same caller prosody', () => {
  it('twilio, audiohook, fork and native agree on every emotion state, within rounding', async () => {
    const runs = new Map<ReplayProtocol, Map<number, Record<string, number>>>();
    for (const p of REPLAY_PROTOCOLS) runs.set(p, await replay(p));
    const reference = runs.get('native')!;
    expect(reference.size).toBeGreaterThanOrEqual(30);
    const worst: Record<string, number> = {};
    for (const [protocol, states] of runs) {
      // Every protocol emits a state at the same media times.
      expect([...states.keys()], protocol).toEqual([...reference.keys()]);
      for (const [ts, ref] of reference) {
        const got = states.get(ts)!;
        for (const [k, tol] of Object.entries(TOLERANCE)) {
          const d = Math.abs(got[k]! - ref[k]!);
          worst[`${protocol}.${k}`] = Math.max(worst[`${protocol}.${k}`] ?? 0, d);
          expect(d, `${protocol} ${k} at ${ts} ms: ${got[k]} vs native ${ref[k]}`).toBeLessThanOrEqual(tol);
        }
      }
    }
    // The raised second half is visible the same way on every protocol.
    for (const states of runs.values()) {
      const calm = states.get(5500) ?? [...states.values()][20]!;
      const raised = [...states.values()].at(-1)!;
      expect(raised.pitchHz).toBeGreaterThan(calm.pitchHz * 1.3);
    }
    console.log('largest differences from native:', JSON.stringify(worst));
  });
});
