// One benchmark call: a native-protocol bridge streaming a stereo call in real time, and the
// agent's feed measuring what comes back. Client-side latency is the time from sending the audio
// message that carried a moment of media to receiving the emotion state for that moment.

import WebSocket from 'ws';
import type { BenchCall } from './calls.js';
import { callMessages } from './messages.js';

export interface CallResult {
  eventLatencyMs: number[];
  clientLatencyMs: number[];
  transcriptLatencyMs: number[];
  /** Prompts a transcript raised (a transcript or its language findings): transcript final → prompt. */
  promptLatencyMs: number[];
  /** Prompts the voice raised (an emotion state): the newest audio → prompt, like an emotion state's latency. */
  voicePromptLatencyMs: number[];
  emotions: number;
  shedFrames: number;
  errors: string[];
}

/**
 * An all-zero masking key: ws then sends the payload as it is, without masking a copy of it (the
 * frames are still masked frames; the server reads them as any other). The bench client shares the
 * cores with the server it measures, and masking was a tenth of its CPU.
 */
const zeroMask = (mask: Uint8Array) => void mask.fill(0);

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { generateMask: zeroMask });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** One /v1/transcripts socket for every call of a run; `errors` collects the codes of its refusals. */
export async function openSideChannel(wsUrl: string): Promise<{ ws: WebSocket; errors: string[] }> {
  const ws = await open(`${wsUrl}/v1/transcripts`);
  const errors: string[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.type === 'error') errors.push(m.code);
  });
  return { ws, errors };
}

/**
 * `opts.feedWsUrl`: where the agent's feed connects (another node of a cluster); the bridge's node by default.
 * `opts.sideChannel`: an open /v1/transcripts socket (shared by every call, as one recogniser's would be): the
 * transcript goes there, naming the call, instead of in-band (`--words side`).
 */
export async function streamCall(
  wsUrl: string,
  callId: string,
  call: BenchCall,
  opts: { chunkMs: number; startDelayMs: number; speed: number; feedWsUrl?: string; sideChannel?: WebSocket },
): Promise<CallResult> {
  const agentId = `agent-${callId}`;
  const result: CallResult = { eventLatencyMs: [], clientLatencyMs: [], transcriptLatencyMs: [], promptLatencyMs: [], voicePromptLatencyMs: [], emotions: 0, shedFrames: 0, errors: [] };
  const feed = await open(`${opts.feedWsUrl ?? wsUrl}/v1/feed?agentId=${agentId}&callId=${callId}`);
  const bridge = await open(`${wsUrl}/v1/stream`);
  const messages = callMessages(call, opts.chunkMs);
  const chunks = messages.length;
  const sentAt = new Float64Array(chunks);
  // A prompt is stamped with its signal's media time: a transcript's end, or an emotion window's.
  const transcriptEndsMs = new Set<number>();

  const ended = new Promise<void>((resolve) => {
    feed.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'emotion') {
        result.emotions++;
        result.eventLatencyMs.push(m.latencyMs);
        const idx = Math.min(chunks - 1, Math.max(0, Math.ceil(m.tsMs / opts.chunkMs) - 1));
        if (sentAt[idx]! > 0) result.clientLatencyMs.push(performance.now() - sentAt[idx]!);
      } else if (m.type === 'transcript') result.transcriptLatencyMs.push(m.latencyMs);
      else if (m.type === 'prompt') (transcriptEndsMs.has(m.tsMs) ? result.promptLatencyMs : result.voicePromptLatencyMs).push(m.latencyMs);
      else if (m.type === 'call.ended') resolve();
    });
  });
  const stopped = new Promise<void>((resolve) => {
    bridge.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'error') result.errors.push(m.code);
      if (m.type === 'stopped') {
        result.shedFrames = m.shedFrames;
        resolve();
      }
    });
  });

  await new Promise((r) => setTimeout(r, opts.startDelayMs));
  bridge.send(
    JSON.stringify({
      type: 'start',
      callId,
      agentId,
      language: 'en-US',
      tracks: [
        { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
        { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
      ],
    }),
  );
  const t0 = performance.now();
  let nextTranscript = 0;
  /** The bridge's TCP socket (ws exposes no cork of its own; its sends nest inside this one). */
  const socket = (bridge as unknown as { _socket: import('node:net').Socket })._socket;
  for (let k = 0; k < chunks; k++) {
    const due = t0 + (k * opts.chunkMs) / opts.speed;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // A chunk's messages (both tracks, and words that end in it) leave in one write: one system
    // call instead of one per message, on the client and in the server's reads alike.
    socket.cork();
    for (const msg of messages[k]!) bridge.send(msg);
    const mediaMs = (k + 1) * opts.chunkMs;
    while (nextTranscript < call.transcript.length && call.transcript[nextTranscript]!.endMs <= mediaMs) {
      const t = call.transcript[nextTranscript++]!;
      transcriptEndsMs.add(Math.round(t.endMs));
      if (opts.sideChannel) opts.sideChannel.send(JSON.stringify({ type: 'transcript', call: { bridge: 'native', id: callId }, isFinal: true, ...t }));
      else bridge.send(JSON.stringify({ type: 'transcript', isFinal: true, ...t }));
    }
    socket.uncork();
    sentAt[k] = performance.now();
  }
  bridge.send(JSON.stringify({ type: 'stop' }));
  await Promise.all([stopped, ended]);
  bridge.close();
  feed.close();
  return result;
}
