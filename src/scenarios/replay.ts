// Plays a synthesised scenario into a callcue node the way a telephony bridge and an ASR engine
// would — stereo audio in 20 ms messages over the native protocol (/v1/stream), transcript
// partials and finals at their media times, interleaved in order — at N× real time, while an agent
// feed (/v1/feed) records everything delivered for the call, each message stamped with the media
// time the bridge had reached when it arrived.

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
}

export interface ReceivedMessage {
  /** Media time the bridge had sent when the message arrived, ms. */
  mediaMs: number;
  message: Record<string, unknown>;
}

export interface ReceivedPrompt {
  mediaMs: number;
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

  const feed = await JsonSocket.open(joinUrl(options.url, 'v1/feed', { agentId, callId, token: options.feedToken }));
  const ended = feed.next((m) => m.type === 'call.ended' && m.callId === callId, 24 * 3600_000);
  ended.catch(() => undefined);
  feed.ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    try {
      const entry = { mediaMs, message: JSON.parse(data.toString()) as Record<string, unknown> };
      received.push(entry);
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
  try {
    await client.open();
    const frame = Math.round((call.sampleRateHz * REPLAY_FRAME_MS) / 1000);
    const transcript = call.transcript;
    let next = 0;
    const streamStart = performance.now();
    for (let i = 0, k = 0; i < call.caller.length; i += frame, k++) {
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
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
      .map((r) => ({ mediaMs: r.mediaMs, prompt: r.message as unknown as PromptEvent })),
    acknowledged,
    shedFrames: typeof endEvent?.shedFrames === 'number' ? endEvent.shedFrames : null,
    endReason: typeof endEvent?.reason === 'string' ? endEvent.reason : null,
    mediaMs,
    wallMs: Math.round(performance.now() - t0),
    aborted,
  };
}

/** Frame i of a channel, filled with silence past its end. */
function whole(samples: Float32Array, start: number, length: number): Float32Array {
  if (start + length <= samples.length) return samples.subarray(start, start + length);
  const out = new Float32Array(length);
  out.set(samples.subarray(start));
  return out;
}
