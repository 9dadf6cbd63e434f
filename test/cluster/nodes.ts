// Two (or more) callcue processes sharing one Redis, as a cluster runs them, and what the cluster
// tests do with them: stream a scripted call through a native bridge, watch feeds.

import { spawnNode, type NodeProcess } from '../../src/cli/soak-node.js';
import { TestSocket } from '../helpers/ws-client.js';
import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../helpers/bridge.js';
import { speechLike } from '../helpers/audio.js';

export const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];

export function clusterNode(busUrl: string, env: Record<string, string> = {}): Promise<NodeProcess> {
  return spawnNode({ CALLCUE_BUS_URL: busUrl, CALLCUE_MAX_QUEUED_AUDIO_FRAMES: '5000', CALLCUE_DRAIN_TIMEOUT_MS: '500', ...env }, { startTimeoutMs: 90_000 });
}

export async function feedOn(node: NodeProcess, agentId: string): Promise<TestSocket> {
  const feed = await TestSocket.open(`${node.wsUrl}/v1/feed?agentId=${agentId}`);
  await feed.nextType('hello');
  return feed;
}

export type Turn = ['caller' | 'agent', string];

/** A live call on `node`: turns of speech with their transcripts, at `speed` × real time. */
export class ClusterCall {
  private mediaMs = 0;
  private constructor(
    readonly callId: string,
    readonly bridge: TestSocket,
  ) {}

  static async start(node: NodeProcess, callId: string, agentId: string): Promise<ClusterCall> {
    const bridge = await openBridge(node.wsUrl);
    bridge.send(startMessage(callId, agentId, TRACKS));
    await bridge.next((m) => m.type === 'started' || m.type === 'error', 5000, 'started');
    const err = bridge.ofType('error')[0];
    if (err) throw Object.assign(new Error(`start refused: ${String(err.code)}`), { code: err.code });
    return new ClusterCall(callId, bridge);
  }

  async turn([who, text]: Turn, speed = 50, ms = 2500): Promise<void> {
    const voice = speechLike(ms, { pitchHz: who === 'caller' ? 140 : 200, rateSylPerS: 4, amplitude: 0.35 }, 8000, this.mediaMs);
    const silence = new Float32Array(voice.length);
    await Promise.all([
      streamAudio(this.bridge, 0, who === 'caller' ? voice : silence, TRACKS[0]!, 20, speed),
      streamAudio(this.bridge, 1, who === 'agent' ? voice : silence, TRACKS[1]!, 20, speed),
    ]);
    this.bridge.send({ type: 'transcript', track: who, text, isFinal: true, startMs: this.mediaMs, endMs: this.mediaMs + ms });
    this.mediaMs += ms;
  }

  async stop(): Promise<void> {
    this.bridge.send({ type: 'stop' });
    await this.bridge.closed;
  }
}

/** The events of one call a feed received (not hello or call.state), in arrival order. */
export function eventsOf(feed: TestSocket, callId: string): Record<string, unknown>[] {
  return feed.messages.filter((m) => m.callId === callId && m.type !== 'call.state');
}

/** True when seqs run 1, 2, 3 … with no gap and no repeat. */
export function gapFree(seqs: number[]): boolean {
  return seqs.every((s, i) => s === i + 1);
}
