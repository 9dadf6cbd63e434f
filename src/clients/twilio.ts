// Twilio's side of a Media Stream, as Twilio sends it: connected, start (with the call's
// customParameters: agentId, callId, language and the key, since Twilio drops query strings from
// <Stream url>), 20 ms base64 μ-law media per track, stop. Twilio reads nothing back from a
// <Start><Stream>; the server closing the socket after `stop` is the end.

import { randomBytes } from 'node:crypto';
import { encodeAudio } from '../codecs/pcm.js';
import { TwilioEncoder } from '../codecs/twilio-encode.js';
import { nowMs } from '../frames/clock.js';
import type { WordsCall } from '../protocol/transcripts.js';
import { END_ACK_TIMEOUT_MS, JsonSocket, joinUrl, type ReplayCall, type ReplayClient, type ReplayEnd, type TranscriptEntry } from './client.js';

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

export class TwilioReplayClient implements ReplayClient {
  readonly protocol = 'twilio' as const;
  readonly sampleRateHz = 8000;
  readonly carriesTranscripts = false;
  private socket: JsonSocket | null = null;
  get connection(): JsonSocket | null {
    return this.socket;
  }
  readonly encoder = new TwilioEncoder({ streamSid: sid('MZ'), accountSid: sid('AC'), callSid: sid('CA') });
  /** Wall-clock time (nowMs) the first media message was sent: media time 0 + one frame. */
  firstFrameWallMs: number | null = null;

  constructor(private readonly call: ReplayCall) {}

  get wordsCall(): WordsCall {
    return { bridge: 'twilio', id: this.encoder.ids.callSid };
  }

  async open(): Promise<void> {
    this.socket = await JsonSocket.open(joinUrl(this.call.url, 'v1/twilio'));
    this.socket.sendText(this.encoder.connected());
    const params: Record<string, string> = { agentId: this.call.agentId, callId: this.call.callId, language: this.call.language };
    if (this.call.key) params.key = this.call.key;
    this.socket.sendText(this.encoder.start(this.call.stereo ? ['inbound', 'outbound'] : ['inbound'], params));
  }

  sendFrame(caller: Float32Array, agent: Float32Array | null): void {
    const s = this.socket!;
    this.firstFrameWallMs ??= nowMs();
    s.sendText(this.encoder.media('inbound', encodeAudio(caller, 'mulaw')));
    if (agent && this.call.stereo) s.sendText(this.encoder.media('outbound', encodeAudio(agent, 'mulaw')));
  }

  sendTranscript(_t: TranscriptEntry): void {
    // Media Streams carries no text: words come as transcription callbacks or on the side channel.
  }

  async finish(): Promise<ReplayEnd> {
    const s = this.socket!;
    s.sendText(this.encoder.stop());
    const code = await s.awaitClose(END_ACK_TIMEOUT_MS);
    return { closeCode: code, acknowledged: code === 1000 };
  }
}
