// The replay loop: a recording (caller, optional agent) resampled to the protocol's rate and sent
// in 20 ms frames at the recording's pace (or `speed` times faster), with transcript entries sent
// when the media reaches their endMs: in-band on protocols that carry text, else to the words sink
// (the side channel or Twilio's transcription callbacks) when one is given.

import { resample } from '../codecs/resample.js';
import { REPLAY_FRAME_MS, type ReplayClient, type ReplayEnd, type TranscriptEntry, type WordsSink, type WordsStats } from './client.js';

export interface ReplayAudio {
  caller: Float32Array;
  agent: Float32Array | null;
  sampleRateHz: number;
}

export interface ReplayStats {
  protocol: string;
  mediaMs: number;
  frames: number;
  wallMs: number;
  transcriptsSent: number;
  transcriptsSkipped: number;
  end: ReplayEnd;
  /** What the node answered to words sent beside the audio (absent when none were). */
  words?: WordsStats;
}

/** speed: 1 = real time, N = N× faster, Infinity = as fast as the socket takes it. */
export async function runReplayLoop(
  client: ReplayClient,
  audio: ReplayAudio,
  transcript: readonly TranscriptEntry[],
  speed = 1,
  words?: WordsSink,
): Promise<ReplayStats> {
  const rate = client.sampleRateHz;
  const caller = resample(audio.caller, audio.sampleRateHz, rate);
  const agent = audio.agent ? resample(audio.agent, audio.sampleRateHz, rate) : null;
  const frame = Math.round((rate * REPLAY_FRAME_MS) / 1000);
  const pending = [...transcript].sort((a, b) => a.endMs - b.endMs);
  let sent = 0;
  let skipped = 0;
  const sink = !client.carriesTranscripts && transcript.length > 0 ? words : undefined;
  const flushTranscripts = (mediaMs: number) => {
    while (pending.length && pending[0]!.endMs <= mediaMs) {
      const t = pending.shift()!;
      if (client.carriesTranscripts) {
        client.sendTranscript(t);
        sent++;
      } else if (sink) {
        sink.send(t);
        sent++;
      } else skipped++;
    }
  };

  try {
    await client.open();
    if (sink) await sink.open(client);
  } catch (err) {
    // A refused start (or words channel): drop the socket, or it keeps the process alive.
    client.connection?.terminate();
    throw err;
  }
  const t0 = performance.now();
  let frames = 0;
  const silence = new Float32Array(frame);
  let refusal: string | null = null;
  for (let i = 0; i < caller.length; i += frame, frames++) {
    // The server closed the call (a refusal after the start): the rest would go nowhere.
    if ((refusal = client.connection?.refusal() ?? null)) break;
    const c = padded(caller.subarray(i, i + frame), frame);
    const a = agent ? padded(agent.length > i ? agent.subarray(i, i + frame) : silence, frame) : null;
    client.sendFrame(c, a);
    const mediaMs = (frames + 1) * REPLAY_FRAME_MS;
    flushTranscripts(mediaMs);
    if (Number.isFinite(speed)) {
      const wait = t0 + mediaMs / speed - performance.now();
      // Behind schedule (a slow host), yield anyway rather than bursting to catch up.
      await new Promise((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)));
    } else if (frames % 50 === 49) {
      await new Promise((r) => setImmediate(r));
    }
  }
  if (!refusal) flushTranscripts(Infinity);
  // The words' answers come before the call ends: words after the end would be CALL_ENDED.
  const wordsStats = sink ? await sink.close() : undefined;
  const finished = await client.finish();
  const end = refusal && !finished.acknowledged ? { ...finished, reason: refusal } : finished;
  return {
    protocol: client.protocol,
    mediaMs: frames * REPLAY_FRAME_MS,
    frames,
    wallMs: Math.round(performance.now() - t0),
    transcriptsSent: sent,
    transcriptsSkipped: skipped,
    end,
    ...(wordsStats ? { words: wordsStats } : {}),
  };
}

/** The last frame of a recording, filled to a whole frame with silence. */
function padded(chunk: Float32Array, frame: number): Float32Array {
  if (chunk.length === frame) return chunk;
  const out = new Float32Array(frame);
  out.set(chunk);
  return out;
}
