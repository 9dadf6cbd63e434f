// Plays a synthesised scenario into a callcue node the way a telephony bridge and an ASR engine
// would — stereo audio in 20 ms messages over the native protocol (/v1/stream), transcript
// partials and finals at their media times, interleaved in order — at N× real time, while an agent
// feed (/v1/feed) records everything delivered for the call, each message stamped with the media
// time the bridge had reached when it arrived. The bridge never runs more than maxLeadMs of media
// ahead of what the node has analysed, so a busy host slows the replay rather than shedding audio.

import { JsonSocket, joinUrl, REPLAY_FRAME_MS } from '../clients/client.js';
import { NativeReplayClient } from '../clients/native.js';
import type { PromptEvent } from '../protocol/feed.js';
import type { SynthesizedCall } from './synthesize.js';

export interface ReplayOptions {
  /** The node's base URL, ws:// or wss://. */
  url: string;
  callId?: string;
  agentId?: string;
  /** 1 = real time; tests use 4–8 (the pipeline runs on media time, so results do not depend on it). */
  speed?: number;
  /** Bridge API key, when the node requires one. */
  key?: string;
  /** Feed token, when the node requires one. */
  feedToken?: string;
  /** Stops the call early (the bridge sends stop; the node still reports the end). */
  signal?: AbortSignal;
  /** Called for each feed message as it arrives. */
  onMessage?: (received: ReceivedMessage) => void;
  /** How long to wait for call.ended after stop, ms. */
  endTimeoutMs?: number;
  /**
   * The most media the bridge may send beyond what the node has analysed (the newest emotion or
   * transcript event's media time), ms: on a busy host the replay slows to what the node holds
   * instead of filling its queue until audio is shed. Infinity turns pacing off.
   */
  maxLeadMs?: number;
}

/** Above the emotion interval and a loaded feed's delay, well below the tests' audio queue. */
export const DEFAULT_MAX_LEAD_MS = 2000;
/** A node silent this long (wall time) is not waited for: the replay goes on and the check says what happened. */
const PACING_GIVE_UP_MS = 60_000;

export interface ReceivedMessage {
  /** Media time the bridge had sent when the message arrived, ms. */
  mediaMs: number;
  message: Record<string, unknown>;
}

export interface ReceivedPrompt {
  /** Media time the bridge had sent when the prompt arrived, ms. */
  mediaMs: number;
  /** Media time of the signal that raised it (the prompt's tsMs): where it belongs in the call, however busy the node. */
  raisedAtMs: number;
  prompt: PromptEvent;
}

export interface ReplayResult {
  callId: string;
  agentId: string;
  language: string;
  /** Every feed message of the call, in arrival order. */
  received: ReceivedMessage[];
  prompts: ReceivedPrompt[];
  /** The node's `stopped` answer had arrived. */
  acknowledged: boolean;
  /** From call.ended: audio messages the node dropped under load (non-zero makes results unreliable). */
  shedFrames: number | null;
  endReason: string | null;
  mediaMs: number;
  wallMs: number;
  /** Wall time the bridge waited for the node to catch up (maxLeadMs), ms. */
  pacedMs: number;
  aborted: boolean;
}

let sequence = 0;

function uniqueCallId(scenarioId: string): string {
  return `scn-${scenarioId}-${Date.now().toString(36)}-${(sequence++).toString(36)}`.slice(0, 128);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => (ms > 0 ? setTimeout(r, ms) : setImmediate(r)));
}

export async function replayScenario(call: SynthesizedCall, options: ReplayOptions): Promise<ReplayResult> {
  const callId = options.callId ?? uniqueCallId(call.scenario.id);
  const agentId = options.agentId ?? 'scenario-agent';
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError('speed must be positive');
  const received: ReceivedMessage[] = [];
  let mediaMs = 0;
  // How far the node's pipeline has got through this call, in media time.
  let analysedMs = 0;
  const maxLeadMs = options.maxLeadMs ?? DEFAULT_MAX_LEAD_MS;

  const feed = await JsonSocket.open(joinUrl(options.url, 'v1/feed', { agentId, callId, token: options.feedToken }));
  const ended = feed.next((m) => m.type === 'call.ended' && m.callId === callId, 24 * 3600_000);
  ended.catch(() => undefined);
  feed.ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    try {
      const entry = { mediaMs, message: JSON.parse(data.toString()) as Record<string, unknown> };
      received.push(entry);
      const m = entry.message;
      if (m.callId === callId) {
        const at = m.type === 'emotion' ? m.tsMs : m.type === 'transcript' ? m.endMs : undefined;
        if (typeof at === 'number') analysedMs = Math.max(analysedMs, at);
      }
      options.onMessage?.(entry);
    } catch {
      // JsonSocket ignores what is not JSON; so do we.
    }
  });
  await feed.next((m) => m.type === 'hello');

  const client = new NativeReplayClient(
    { url: options.url, callId, agentId, language: call.scenario.language, key: options.key, stereo: true },
    call.sampleRateHz,
  );
  const t0 = performance.now();
  let aborted = false;
  let pacedMs = 0;
  try {
    await client.open();
    const frame = Math.round((call.sampleRateHz * REPLAY_FRAME_MS) / 1000);
    const transcript = call.transcript;
    let next = 0;
    let streamStart = performance.now();
    for (let i = 0, k = 0; i < call.caller.length; i += frame, k++) {
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
      const waited = await catchUp(() => (k + 1) * REPLAY_FRAME_MS - analysedMs <= maxLeadMs, options.signal);
      // The schedule resumes from here: a paced replay does not burst to make up the wait.
      streamStart += waited;
      pacedMs += waited;
      client.sendFrame(whole(call.caller, i, frame), whole(call.agent, i, frame));
      mediaMs = (k + 1) * REPLAY_FRAME_MS;
      // An ASR result is sent once the audio it covers has been sent.
      while (next < transcript.length && transcript[next]!.endMs <= mediaMs) client.sendTranscript(transcript[next++]!);
      const wait = streamStart + mediaMs / speed - performance.now();
      // Behind schedule (a busy host), still yield so the feed's messages are read as they come.
      await sleep(wait);
    }
    if (!aborted) while (next < transcript.length) client.sendTranscript(transcript[next++]!);
  } catch (err) {
    // The node must hear the call end, and no socket may outlive the replay.
    await client.finish().catch(() => null);
    await feed.close();
    throw err;
  }
  const end = await client.finish().catch(() => null);
  const acknowledged = end?.acknowledged ?? false;
  const endTimeoutMs = options.endTimeoutMs ?? 15_000;
  const endEvent = await Promise.race([ended, sleep(endTimeoutMs).then(() => null)]).catch(() => null);
  await feed.close();
  return {
    callId,
    agentId,
    language: call.scenario.language,
    received,
    prompts: received
      .filter((r) => r.message.type === 'prompt' && r.message.callId === callId)
      .map((r) => {
        const prompt = r.message as unknown as PromptEvent;
        return { mediaMs: r.mediaMs, raisedAtMs: typeof prompt.tsMs === 'number' ? prompt.tsMs : r.mediaMs, prompt };
      }),
    acknowledged,
    shedFrames: typeof endEvent?.shedFrames === 'number' ? endEvent.shedFrames : null,
    endReason: typeof endEvent?.reason === 'string' ? endEvent.reason : null,
    mediaMs,
    wallMs: Math.round(performance.now() - t0),
    pacedMs: Math.round(pacedMs),
    aborted,
  };
}

/** Waits (polling the feed's progress) until ready() holds; returns the wall ms waited. */
async function catchUp(ready: () => boolean, signal: AbortSignal | undefined): Promise<number> {
  if (ready()) return 0;
  const t0 = performance.now();
  while (!ready() && !signal?.aborted && performance.now() - t0 < PACING_GIVE_UP_MS) await sleep(10);
  return performance.now() - t0;
}

/** Frame i of a channel, filled with silence past its end. */
function whole(samples: Float32Array, start: number, length: number): Float32Array {
  if (start + length <= samples.length) return samples.subarray(start, start + length);
  const out = new Float32Array(length);
  out.set(samples.subarray(start));
  return out;
}
