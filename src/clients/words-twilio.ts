// Twilio's side of Real-Time Transcription: the status callbacks <Start><Transcription
// statusCallbackUrl=…> POSTs — transcription-started, one transcription-content per partial or
// final (TranscriptionData {transcript, confidence}, Final, Track, SequenceId, Timestamp), then
// transcription-stopped — signed with the account's auth token (X-Twilio-Signature) as Twilio
// signs them. For `callcue replay --words twilio-webhook` and the tests.
//
// Timestamp is the wall-clock time Twilio produced the result. Here it is the moment the media up
// to the utterance's end had been sent, as the replay schedules it — the time an ideal recogniser
// would answer at — so the node, which maps Timestamp to media time by the audio's arrival, places
// the words where the transcript file says they end.

import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../ingest/twilio-signature.js';
import { REPLAY_FRAME_MS, type ReplayClient, type TranscriptEntry, type WordsSink, type WordsStats } from './client.js';
import type { TwilioReplayClient } from './twilio.js';

export const TWILIO_TRANSCRIPTIONS_URL_PATH = 'v1/twilio/transcriptions';

export interface TwilioWebhookOptions {
  /** The node's base URL; ws(s):// is turned into http(s)://. */
  url: string;
  authToken: string;
  /** The replay's pace (1 = real time): Timestamps follow the schedule the audio is sent on. */
  speed: number;
  languageCode?: string;
}

export class TwilioWebhookWords implements WordsSink {
  private client: TwilioReplayClient | null = null;
  private readonly endpoint: string;
  private readonly transcriptionSid = `GT${randomBytes(16).toString('hex')}`;
  private sequence = 0;
  private readonly inFlight: Promise<number>[] = [];

  constructor(private readonly options: TwilioWebhookOptions) {
    const base = options.url.replace(/^ws(s?):\/\//, 'http$1://');
    this.endpoint = new URL(TWILIO_TRANSCRIPTIONS_URL_PATH, base.endsWith('/') ? base : `${base}/`).toString();
  }

  async open(client: ReplayClient): Promise<void> {
    if (client.protocol !== 'twilio') throw new Error('Twilio transcription callbacks go with a Twilio media stream (--protocol twilio)');
    this.client = client as TwilioReplayClient;
    await this.post({ TranscriptionEvent: 'transcription-started', ProtocolVersion: '1', Timestamp: new Date().toISOString() });
  }

  send(t: TranscriptEntry): void {
    const first = this.client!.firstFrameWallMs ?? Date.now();
    const producedMs = first + (t.endMs - REPLAY_FRAME_MS) / this.options.speed;
    this.inFlight.push(
      this.post({
        TranscriptionEvent: 'transcription-content',
        TranscriptionData: JSON.stringify({ transcript: t.text, confidence: 0.9 }),
        Final: String(t.isFinal),
        Track: t.track === 'caller' ? 'inbound_track' : 'outbound_track',
        Timestamp: new Date(producedMs).toISOString(),
        ...(this.options.languageCode ? { LanguageCode: this.options.languageCode } : {}),
      }),
    );
  }

  async close(): Promise<WordsStats> {
    const statuses = await Promise.all(this.inFlight);
    await this.post({ TranscriptionEvent: 'transcription-stopped', Timestamp: new Date().toISOString() });
    const stats: WordsStats = { via: 'twilio-webhook', sent: statuses.length, acked: 0, refused: {} };
    for (const status of statuses) {
      if (status >= 200 && status < 300) stats.acked++;
      else stats.refused[`HTTP_${status}`] = (stats.refused[`HTTP_${status}`] ?? 0) + 1;
    }
    return stats;
  }

  /** One signed callback; resolves with the HTTP status (0 when the node could not be reached). */
  private async post(fields: Record<string, string>): Promise<number> {
    const ids = this.client!.encoder.ids;
    const params: Record<string, string> = {
      AccountSid: ids.accountSid,
      CallSid: ids.callSid,
      TranscriptionSid: this.transcriptionSid,
      SequenceId: String(++this.sequence),
      ...fields,
    };
    try {
      const res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(this.options.authToken, this.endpoint, params) },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }
}
