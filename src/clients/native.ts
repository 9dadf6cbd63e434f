// The native bridge protocol's client side (docs/protocol.md): start, 20 ms binary messages of
// [track byte][PCM16 LE], transcripts, stop and the server's `stopped`.

import { encodeAudio } from '../codecs/pcm.js';
import type { WordsCall } from '../protocol/transcripts.js';
import { END_ACK_TIMEOUT_MS, JsonSocket, joinUrl, type ReplayCall, type ReplayClient, type ReplayEnd, type TranscriptEntry } from './client.js';

export class NativeReplayClient implements ReplayClient {
  readonly protocol = 'native' as const;
  readonly carriesTranscripts = true;
  private socket: JsonSocket | null = null;
  get connection(): JsonSocket | null {
    return this.socket;
  }

  constructor(
    private readonly call: ReplayCall,
    readonly sampleRateHz: 8000 | 16000 = 16000,
  ) {}

  get wordsCall(): WordsCall {
    return { bridge: 'native', id: this.call.callId };
  }

  async open(): Promise<void> {
    const headers: Record<string, string> = this.call.key ? { authorization: `Bearer ${this.call.key}` } : {};
    const s = await JsonSocket.open(joinUrl(this.call.url, 'v1/stream'), { headers });
    this.socket = s;
    const track = (t: 'caller' | 'agent') => ({ track: t, encoding: 'pcm16le', sampleRateHz: this.sampleRateHz });
    s.sendJson({
      type: 'start',
      callId: this.call.callId,
      agentId: this.call.agentId,
      language: this.call.language,
      tracks: this.call.stereo ? [track('caller'), track('agent')] : [track('caller')],
    });
    const answer = await s.next((m) => m.type === 'started' || m.type === 'error');
    if (answer.type === 'error') throw new Error(`the server refused the call: ${String(answer.code)} ${String(answer.message)}`);
  }

  sendFrame(caller: Float32Array, agent: Float32Array | null): void {
    this.sendTrack(0, caller);
    if (agent && this.call.stereo) this.sendTrack(1, agent);
  }

  sendTranscript(t: TranscriptEntry): void {
    this.socket?.sendJson({ type: 'transcript', ...t });
  }

  async finish(): Promise<ReplayEnd> {
    const s = this.socket!;
    s.sendJson({ type: 'stop' });
    const stopped = await s.next((m) => m.type === 'stopped', END_ACK_TIMEOUT_MS).catch(() => null);
    return { closeCode: await s.awaitClose(), acknowledged: stopped !== null };
  }

  private sendTrack(index: number, samples: Float32Array): void {
    const body = encodeAudio(samples, 'pcm16le');
    const msg = new Uint8Array(body.byteLength + 1);
    msg[0] = index;
    msg.set(body, 1);
    this.socket?.sendBinary(msg);
  }
}
