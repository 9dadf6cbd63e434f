// Genesys Cloud's side of an AudioHook v2 session, as the AudioHook client does it: an upgrade
// with X-API-KEY, the Audiohook-* headers and (given a client secret) an HTTP message signature;
// an `open` offering stereo then mono PCMU; 20 ms binary frames of interleaved external
// (caller) / internal (agent) μ-law; pings; a `close` transaction at the end. AudioHook carries
// no text from client to server: a recogniser beside it sends words by conversationId.

import { randomBytes, randomUUID } from 'node:crypto';
import { encodeAudio } from '../codecs/pcm.js';
import { interleave } from '../codecs/interleave.js';
import { secondsToDuration } from '../codecs/audiohook-duration.js';
import { signAudiohookRequest } from '../ingest/audiohook-signature.js';
import type { MediaParameter } from '../protocol/audiohook.js';
import type { WordsCall } from '../protocol/transcripts.js';
import { END_ACK_TIMEOUT_MS, JsonSocket, joinUrl, type ReplayCall, type ReplayClient, type ReplayEnd, type TranscriptEntry } from './client.js';

const STEREO: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 };
const EXTERNAL: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['external'], rate: 8000 };
const PING_INTERVAL_MS = 5_000;

export interface AudiohookReplayOptions {
  /** Base64 client secret; when given the upgrade request is signed. */
  clientSecret?: string;
  organizationId?: string;
  /** Genesys's id of the conversation (a random UUID unless given); words name the call by it. */
  conversationId?: string;
}

export class AudiohookReplayClient implements ReplayClient {
  readonly protocol = 'audiohook' as const;
  readonly sampleRateHz = 8000;
  readonly carriesTranscripts = false;
  readonly sessionId = randomUUID();
  readonly organizationId: string;
  readonly conversationId: string;
  private socket: JsonSocket | null = null;
  get connection(): JsonSocket | null {
    return this.socket;
  }
  private seq = 0;
  private samples = 0;
  private pingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly call: ReplayCall,
    private readonly options: AudiohookReplayOptions = {},
  ) {
    this.organizationId = options.organizationId ?? randomUUID();
    this.conversationId = options.conversationId ?? randomUUID();
  }

  get wordsCall(): WordsCall {
    return { bridge: 'audiohook', id: this.conversationId };
  }

  async open(): Promise<void> {
    const url = new URL(joinUrl(this.call.url, 'v1/audiohook'));
    const headers: Record<string, string> = {
      'audiohook-organization-id': this.organizationId,
      'audiohook-session-id': this.sessionId,
      'audiohook-correlation-id': randomUUID(),
      'x-api-key': this.call.key ?? 'callcue-replay-without-key',
    };
    if (this.options.clientSecret) {
      Object.assign(
        headers,
        signAudiohookRequest({
          requestTarget: url.pathname + url.search,
          authority: url.host,
          organizationId: headers['audiohook-organization-id']!,
          sessionId: this.sessionId,
          correlationId: headers['audiohook-correlation-id']!,
          apiKey: headers['x-api-key']!,
          clientSecret: new Uint8Array(Buffer.from(this.options.clientSecret, 'base64')),
          createdS: Math.floor(Date.now() / 1000),
          nonce: randomBytes(18).toString('base64url'),
        }),
      );
    }
    const s = await JsonSocket.open(url.toString(), { headers });
    this.socket = s;
    this.send('open', {
      organizationId: this.organizationId,
      conversationId: this.conversationId,
      participant: { id: randomUUID(), ani: '', aniName: '', dnis: '' },
      media: this.call.stereo ? [STEREO, EXTERNAL] : [EXTERNAL],
      language: this.call.language,
      inputVariables: { agentId: this.call.agentId, callId: this.call.callId },
    });
    const answer = await s.next((m) => m.type === 'opened' || m.type === 'disconnect');
    if (answer.type === 'disconnect') throw new Error(`the server disconnected: ${JSON.stringify(answer.parameters)}`);
    this.pingTimer = setInterval(() => this.send('ping', {}), PING_INTERVAL_MS);
  }

  sendFrame(caller: Float32Array, agent: Float32Array | null): void {
    const ext = encodeAudio(caller, 'mulaw');
    this.socket?.sendBinary(agent && this.call.stereo ? interleave([ext, encodeAudio(agent, 'mulaw')], 1) : ext);
    this.samples += caller.length;
  }

  sendTranscript(_t: TranscriptEntry): void {
    // AudioHook carries no text from client to server: words go on the side channel (WordsSink).
  }

  async finish(): Promise<ReplayEnd> {
    clearInterval(this.pingTimer);
    const s = this.socket!;
    this.send('close', { reason: 'end' });
    const closed = await s.next((m) => m.type === 'closed', END_ACK_TIMEOUT_MS).catch(() => null);
    return { closeCode: await s.close(1000), acknowledged: closed !== null };
  }

  /** Sends one client message with the envelope AudioHook requires. */
  send(type: string, parameters: Record<string, unknown>): void {
    const s = this.socket;
    if (!s) return;
    const last = [...s.received].reverse().find((m) => typeof m.seq === 'number');
    s.sendJson({
      version: '2',
      id: this.sessionId,
      type,
      seq: ++this.seq,
      serverseq: (last?.seq as number | undefined) ?? 0,
      position: secondsToDuration(this.samples / 8000),
      parameters,
    });
  }
}
