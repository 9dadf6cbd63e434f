// Twilio Media Streams → callcue commands. Pure and stateful per stream: it parses each text
// message against the published schema and counts sequenceNumber gaps; the plugin
// (ingest/twilio.ts) decides what each command does to the call.

import { CallcueError, ErrorCodes } from '../errors.js';
import type { TrackSpec } from '../frames/types.js';
import { TWILIO_EVENTS, twilioMessageSchema, type TwilioTrack } from '../protocol/twilio.js';

export type TwilioCommand =
  | { kind: 'connected'; protocol: string; version: string }
  | {
      kind: 'start';
      streamSid: string;
      callSid: string;
      accountSid: string;
      tracks: TwilioTrack[];
      customParameters: Record<string, string>;
      mediaFormat: { encoding: string; sampleRate: number; channels: number };
    }
  | { kind: 'media'; track: TwilioTrack; chunk: number; timestampMs: number; mulaw: Uint8Array }
  | { kind: 'mark'; name: string }
  | { kind: 'dtmf' }
  | { kind: 'stop'; callSid: string };

export interface TwilioDecoded {
  command: TwilioCommand;
  /** Messages missing before this one, by sequenceNumber (0 when in order). */
  missing: number;
  /** True when sequenceNumber went backwards or repeated. */
  outOfOrder: boolean;
}

/** `inbound` is what Twilio receives from the caller; `outbound` what it sends to them (the agent). */
export const TWILIO_TRACK_ROLE = { inbound: 'caller', outbound: 'agent' } as const;

/** The μ-law 8 kHz mono format Twilio streams; anything else cannot be decoded. */
export function isTwilioMulaw(f: { encoding: string; sampleRate: number; channels: number }): boolean {
  return f.encoding.toLowerCase() === 'audio/x-mulaw' && f.sampleRate === 8000 && f.channels === 1;
}

export function twilioTrackSpecs(tracks: readonly TwilioTrack[]): TrackSpec[] {
  return tracks.map((t) => ({ track: TWILIO_TRACK_ROLE[t], encoding: 'mulaw', sampleRateHz: 8000 }));
}

export class TwilioDecoder {
  private lastSequence = 0;
  private gaps = 0;

  /** Messages lost so far, judged by sequenceNumber. */
  get sequenceGaps(): number {
    return this.gaps;
  }

  /** One text message. Throws a coded error for JSON, event or schema problems. */
  decode(text: string): TwilioDecoded {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CallcueError(ErrorCodes.MALFORMED_JSON, 'message is not valid JSON');
    }
    const event = (json as { event?: unknown } | null)?.event;
    if (typeof event !== 'string' || !(TWILIO_EVENTS as readonly string[]).includes(event)) {
      throw new CallcueError(ErrorCodes.UNKNOWN_TYPE, `unknown Twilio event ${JSON.stringify(event ?? null).slice(0, 40)}`);
    }
    const parsed = twilioMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CallcueError(ErrorCodes.INVALID_MESSAGE, `invalid "${event}" message: ${issue.path.join('.')}: ${issue.message}`);
    }
    const msg = parsed.data;
    let missing = 0;
    let outOfOrder = false;
    if (msg.event !== 'connected') {
      const n = Number(msg.sequenceNumber);
      if (n <= this.lastSequence) outOfOrder = true;
      else {
        missing = n - this.lastSequence - 1;
        this.gaps += missing;
        this.lastSequence = n;
      }
    }
    return { command: toCommand(msg), missing, outOfOrder };
  }
}

function toCommand(msg: import('../protocol/twilio.js').TwilioMessage): TwilioCommand {
  switch (msg.event) {
    case 'connected':
      return { kind: 'connected', protocol: msg.protocol, version: msg.version };
    case 'start':
      return {
        kind: 'start',
        streamSid: msg.start.streamSid,
        callSid: msg.start.callSid,
        accountSid: msg.start.accountSid,
        tracks: [...new Set(msg.start.tracks)],
        customParameters: msg.start.customParameters,
        mediaFormat: msg.start.mediaFormat,
      };
    case 'media':
      return {
        kind: 'media',
        track: msg.media.track,
        chunk: Number(msg.media.chunk),
        timestampMs: Number(msg.media.timestamp),
        mulaw: new Uint8Array(Buffer.from(msg.media.payload, 'base64')),
      };
    case 'mark':
      return { kind: 'mark', name: msg.mark.name };
    case 'dtmf':
      // The digit is caller data: it is not carried further.
      return { kind: 'dtmf' };
    case 'stop':
      return { kind: 'stop', callSid: msg.stop.callSid };
  }
}
