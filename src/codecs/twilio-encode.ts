// The Twilio side of a Media Stream, message by message as Twilio sends them: connected, start,
// media per track (base64 μ-law 8 kHz, chunk and timestamp per track), stop. Used by the replay
// tool and the tests to speak to /v1/twilio exactly as Twilio would.

import type { TwilioTrack } from '../protocol/twilio.js';

export interface TwilioStreamIds {
  streamSid: string;
  accountSid: string;
  callSid: string;
}

export class TwilioEncoder {
  private sequence = 0;
  private readonly chunks: Record<TwilioTrack, number> = { inbound: 0, outbound: 0 };
  private readonly samples: Record<TwilioTrack, number> = { inbound: 0, outbound: 0 };

  constructor(readonly ids: TwilioStreamIds) {}

  connected(): string {
    return JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  }

  start(tracks: TwilioTrack[], customParameters: Record<string, string>): string {
    return JSON.stringify({
      event: 'start',
      sequenceNumber: this.nextSequence(),
      start: {
        accountSid: this.ids.accountSid,
        streamSid: this.ids.streamSid,
        callSid: this.ids.callSid,
        tracks,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        customParameters,
      },
      streamSid: this.ids.streamSid,
    });
  }

  media(track: TwilioTrack, mulaw: Uint8Array): string {
    const timestampMs = Math.round((this.samples[track] / 8000) * 1000);
    this.samples[track] += mulaw.byteLength;
    return JSON.stringify({
      event: 'media',
      sequenceNumber: this.nextSequence(),
      media: {
        track,
        chunk: String(++this.chunks[track]),
        timestamp: String(timestampMs),
        payload: Buffer.from(mulaw.buffer, mulaw.byteOffset, mulaw.byteLength).toString('base64'),
      },
      streamSid: this.ids.streamSid,
    });
  }

  mark(name: string): string {
    return JSON.stringify({ event: 'mark', sequenceNumber: this.nextSequence(), streamSid: this.ids.streamSid, mark: { name } });
  }

  dtmf(digit: string): string {
    return JSON.stringify({
      event: 'dtmf',
      streamSid: this.ids.streamSid,
      sequenceNumber: this.nextSequence(),
      dtmf: { track: 'inbound_track', digit },
    });
  }

  stop(): string {
    return JSON.stringify({
      event: 'stop',
      sequenceNumber: this.nextSequence(),
      stop: { accountSid: this.ids.accountSid, callSid: this.ids.callSid },
      streamSid: this.ids.streamSid,
    });
  }

  /** Skips sequence numbers, as a lost message would (tests of gap counting). */
  skip(count: number): void {
    this.sequence += count;
  }

  private nextSequence(): string {
    return String(++this.sequence);
  }
}
