// A real callcue server for the records tests, recording into the database a test names, plus
// the small clients the tests share: play a call over /v1/stream, read the records API.

import type { ConfigInput } from '../../src/config/index.js';
import type { CallRecorder, CallStore } from '../../src/storage/index.js';
import { startTestServer } from '../helpers/server.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';

export const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];

export interface RecordsServer {
  url: string;
  wsUrl: string;
  /** The server's own store and recorder (app.callcue), for what the QA code does in-process. */
  store: CallStore;
  recorder: CallRecorder;
  stop(): Promise<void>;
}

export async function startRecordsServer(dbUrl: string, overrides: ConfigInput = {}, retentionDays = 90): Promise<RecordsServer> {
  const server = await startTestServer({ ...overrides, dbUrl, retentionDays });
  const { store, recorder } = server.app.callcue;
  return { url: server.url, wsUrl: server.wsUrl, store, recorder, stop: () => server.stop() };
}

export type Turn = ['caller' | 'agent', string];

export interface PlayOptions {
  agentId: string;
  language?: string;
  /** Headers for the bridge (API key) and a query suffix for the feed (token). */
  bridgeHeaders?: Record<string, string>;
  feedQuery?: string;
  /** Leave the call running (the feed and bridge stay open) after the last turn. */
  keepOpen?: boolean;
  /** Before the call stops: acknowledge prompts on the agent's feed. */
  beforeStop?: (feed: TestSocket) => Promise<void>;
}

/** Streams a call turn by turn (each turn's speech on its track, then its final), then stops it. */
export async function playCall(wsUrl: string, callId: string, turns: Turn[], opts: PlayOptions) {
  const feed = await TestSocket.open(`${wsUrl}/v1/feed?agentId=${opts.agentId}&callId=${callId}${opts.feedQuery ?? ''}`);
  await feed.nextType('hello');
  const bridge = await openBridge(wsUrl, opts.bridgeHeaders);
  bridge.send(startMessage(callId, opts.agentId, TRACKS, opts.language ?? 'en-US'));
  await bridge.nextType('started');
  let t = 0;
  for (const [who, text] of turns) {
    const ms = 2500;
    const voice = speechLike(ms, { pitchHz: who === 'caller' ? 140 : 200, rateSylPerS: 4, amplitude: 0.35 }, 8000, t + 1);
    const silence = new Float32Array(voice.length);
    await Promise.all([
      streamAudio(bridge, 0, who === 'caller' ? voice : silence, TRACKS[0]!, 20, 50),
      streamAudio(bridge, 1, who === 'agent' ? voice : silence, TRACKS[1]!, 20, 50),
    ]);
    bridge.send({ type: 'transcript', track: who, text, isFinal: true, startMs: t, endMs: t + ms });
    t += ms;
  }
  await feed.next(() => feed.ofType('transcript').filter((m) => m.isFinal).length >= turns.length, 10_000, 'every final on the feed');
  if (opts.keepOpen) return { feed, bridge };
  await opts.beforeStop?.(feed);
  bridge.send({ type: 'stop' });
  await feed.nextType('call.ended');
  await bridge.closed;
  await feed.close();
  return { feed, bridge };
}

export async function api(base: string, path: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${base}${path}`, { ...init, headers });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // CSV and other text answers
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> & unknown[] };
}
