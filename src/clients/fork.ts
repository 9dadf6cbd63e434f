// The raw-PCM fork bridges' side: one JSON metadata text frame shaped as the chosen bridge sends
// it, then 20 ms binary L16 frames (stereo interleaved caller, agent), then a normal close.
//   jambonz `listen`: subprotocol audio.jambonz.org, wsAuth as HTTP Basic, call attributes plus
//     sampleRate and mixType with the verb's metadata merged on top;
//   FreeSWITCH mod_audio_fork: subprotocol audio.drachtio.org, the <metadata> argument as given;
//   Vonage: {"event":"websocket:connected","content-type":"audio/l16;rate=…", …headers}, then
//     one mono stream (a stereo recording is sent mixed, as the websocket leg would hear it).

import { randomUUID } from 'node:crypto';
import { encodeAudio } from '../codecs/pcm.js';
import { interleave } from '../codecs/interleave.js';
import type { WordsCall } from '../protocol/transcripts.js';
import { JsonSocket, joinUrl, type ReplayCall, type ReplayClient, type ReplayEnd, type TranscriptEntry } from './client.js';

export const FORK_FLAVOURS = ['jambonz', 'freeswitch', 'vonage'] as const;
export type ForkFlavourName = (typeof FORK_FLAVOURS)[number];

export class ForkReplayClient implements ReplayClient {
  readonly protocol = 'fork' as const;
  readonly carriesTranscripts = false;
  private socket: JsonSocket | null = null;
  get connection(): JsonSocket | null {
    return this.socket;
  }

  constructor(
    private readonly call: ReplayCall,
    readonly sampleRateHz = 16000,
    readonly flavour: ForkFlavourName = 'jambonz',
  ) {}

  /** Every flavour's metadata carries the call id as `callId`. */
  get wordsCall(): WordsCall {
    return { bridge: 'fork', id: this.call.callId };
  }

  async open(): Promise<void> {
    const c = this.call;
    const mixType = c.stereo ? 'stereo' : 'mono';
    let url = joinUrl(c.url, 'v1/fork');
    let metadata: Record<string, unknown>;
    const options: { headers?: Record<string, string>; protocols?: string[] } = {};
    switch (this.flavour) {
      case 'jambonz':
        options.protocols = ['audio.jambonz.org'];
        if (c.key) options.headers = { authorization: `Basic ${Buffer.from(`callcue:${c.key}`).toString('base64')}` };
        metadata = {
          sampleRate: this.sampleRateHz,
          mixType,
          callSid: randomUUID(),
          direction: 'inbound',
          callId: c.callId,
          agentId: c.agentId,
          language: c.language,
        };
        break;
      case 'freeswitch':
        options.protocols = ['audio.drachtio.org'];
        if (c.key) url = joinUrl(c.url, 'v1/fork', { key: c.key });
        metadata = { callId: c.callId, agentId: c.agentId, language: c.language, sampleRate: `${this.sampleRateHz / 1000}k`, mixType };
        break;
      case 'vonage':
        // One mono stream of what the websocket leg hears: both parties mixed on a stereo call.
        metadata = {
          event: 'websocket:connected',
          'content-type': `audio/l16;rate=${this.sampleRateHz}`,
          callId: c.callId,
          agentId: c.agentId,
          language: c.language,
          ...(c.stereo ? {} : { mixType: 'mono' }),
          ...(c.key ? { key: c.key } : {}),
        };
        break;
    }
    this.socket = await JsonSocket.open(url, options);
    this.socket.sendJson(metadata);
  }

  sendFrame(caller: Float32Array, agent: Float32Array | null): void {
    if (!agent || !this.call.stereo) return this.socket?.sendBinary(encodeAudio(caller, 'pcm16le'));
    if (this.flavour === 'vonage') {
      const mix = new Float32Array(caller.length);
      for (let i = 0; i < mix.length; i++) mix[i] = caller[i]! + (agent[i] ?? 0);
      return this.socket?.sendBinary(encodeAudio(mix, 'pcm16le'));
    }
    this.socket?.sendBinary(interleave([encodeAudio(caller, 'pcm16le'), encodeAudio(agent, 'pcm16le')], 2));
  }

  sendTranscript(_t: TranscriptEntry): void {
    // Raw-PCM forks carry no text: words go on the side channel (WordsSink).
  }

  async finish(): Promise<ReplayEnd> {
    const s = this.socket!;
    const refused = s.received.find((m) => m.type === 'error');
    const code = await s.close(1000);
    return { closeCode: code, acknowledged: !refused && code === 1000 };
  }
}
