// A hand-driven AudioHook client for tests: every envelope field under the test's control, so a
// test can send exactly the message a rule is about (a skipped seq, a wrong id, 70 KB of text).

import { randomBytes, randomUUID } from 'node:crypto';
import { JsonSocket } from '../../src/clients/index.js';
import { secondsToDuration } from '../../src/codecs/audiohook-duration.js';
import { signAudiohookRequest } from '../../src/ingest/audiohook-signature.js';
import type { MediaParameter } from '../../src/protocol/audiohook.js';

export const STEREO: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 };
export const EXTERNAL: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['external'], rate: 8000 };
export const INTERNAL: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['internal'], rate: 8000 };

export interface ConnectOptions {
  key: string;
  secret?: string;
  query?: string;
  organizationId?: string;
  /** Replace or drop (undefined) request headers after signing. */
  headers?: Record<string, string | undefined>;
  nonce?: string;
  createdS?: number;
}

export class AudiohookTestClient {
  seq = 0;
  samples = 0;
  readonly organizationId: string;

  private constructor(
    readonly sock: JsonSocket,
    readonly sessionId: string,
    organizationId: string,
  ) {
    this.organizationId = organizationId;
  }

  static headersFor(wsUrl: string, o: ConnectOptions, sessionId: string, organizationId: string): { url: string; headers: Record<string, string> } {
    const url = new URL(`${wsUrl}/v1/audiohook${o.query ?? ''}`);
    const headers: Record<string, string> = {
      'audiohook-organization-id': organizationId,
      'audiohook-session-id': sessionId,
      'audiohook-correlation-id': randomUUID(),
      'x-api-key': o.key,
    };
    if (o.secret) {
      Object.assign(
        headers,
        signAudiohookRequest({
          requestTarget: url.pathname + url.search,
          authority: url.host,
          organizationId,
          sessionId,
          correlationId: headers['audiohook-correlation-id']!,
          apiKey: o.key,
          clientSecret: new Uint8Array(Buffer.from(o.secret, 'base64')),
          createdS: o.createdS ?? Math.floor(Date.now() / 1000),
          nonce: o.nonce ?? randomBytes(18).toString('base64url'),
        }),
      );
    }
    for (const [k, v] of Object.entries(o.headers ?? {})) {
      if (v === undefined) delete headers[k];
      else headers[k] = v;
    }
    return { url: url.toString(), headers };
  }

  static async connect(wsUrl: string, o: ConnectOptions): Promise<AudiohookTestClient> {
    const sessionId = randomUUID();
    const org = o.organizationId ?? randomUUID();
    const { url, headers } = AudiohookTestClient.headersFor(wsUrl, o, sessionId, org);
    return new AudiohookTestClient(await JsonSocket.open(url, { headers }), sessionId, org);
  }

  get serverseq(): number {
    return Math.max(0, ...this.sock.received.map((m) => (typeof m.seq === 'number' ? m.seq : 0)));
  }

  message(type: string, parameters: Record<string, unknown> = {}, over: Record<string, unknown> = {}): string {
    return JSON.stringify({
      version: '2',
      id: this.sessionId,
      type,
      seq: ++this.seq,
      serverseq: this.serverseq,
      position: secondsToDuration(this.samples / 8000),
      parameters,
      ...over,
    });
  }

  send(type: string, parameters: Record<string, unknown> = {}, over: Record<string, unknown> = {}): void {
    this.sock.sendText(this.message(type, parameters, over));
  }

  open(media: MediaParameter[], extra: Record<string, unknown> = {}): void {
    this.send('open', {
      organizationId: this.organizationId,
      conversationId: randomUUID(),
      participant: { id: randomUUID(), ani: '+15555550100', aniName: '', dnis: '+15555550199' },
      media,
      language: 'en-US',
      ...extra,
    });
  }

  /** One binary frame of interleaved μ-law; `samples` counts per-channel samples. */
  audio(bytes: Uint8Array, channels: number): void {
    this.samples += bytes.byteLength / channels;
    this.sock.sendBinary(bytes);
  }

  next(type: string): Promise<Record<string, unknown>> {
    return this.sock.next((m) => m.type === type);
  }
}
