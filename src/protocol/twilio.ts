// Twilio Media Streams over GET /v1/twilio (docs/twilio.md), as Twilio documents its WebSocket
// messages (twilio.com/docs/voice/media-streams/websocket-messages). Objects are loose: Twilio
// may add fields, and a bridge must not break when it does. These schemas are the types.

import { z } from 'zod';

/** "Number used to keep track of message sending order": a decimal string, from "1". */
const sequenceNumber = z.string().regex(/^\d+$/, 'a decimal string such as "1"');
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').refine((s) => s.length % 4 === 0, 'base64 (length a multiple of 4)');

export const TWILIO_TRACKS = ['inbound', 'outbound'] as const;
export type TwilioTrack = (typeof TWILIO_TRACKS)[number];

export const twilioConnectedSchema = z.looseObject({
  event: z.literal('connected'),
  protocol: z.string(),
  version: z.string(),
});

export const twilioStartSchema = z.looseObject({
  event: z.literal('start'),
  sequenceNumber,
  streamSid: z.string().min(1),
  start: z.looseObject({
    streamSid: z.string().min(1),
    accountSid: z.string().min(1),
    callSid: z.string().min(1),
    tracks: z.array(z.enum(TWILIO_TRACKS)).min(1).max(2),
    customParameters: z.record(z.string(), z.string()).default({}),
    mediaFormat: z.looseObject({
      encoding: z.string(),
      sampleRate: z.number(),
      channels: z.number(),
    }),
  }),
});

export const twilioMediaSchema = z.looseObject({
  event: z.literal('media'),
  sequenceNumber,
  streamSid: z.string().min(1),
  media: z.looseObject({
    track: z.enum(TWILIO_TRACKS),
    chunk: z.string().regex(/^\d+$/),
    /** Presentation timestamp, ms from the start of the stream, as a string. */
    timestamp: z.string().regex(/^\d+$/),
    payload: base64,
  }),
});

export const twilioMarkSchema = z.looseObject({
  event: z.literal('mark'),
  sequenceNumber,
  streamSid: z.string().min(1),
  mark: z.looseObject({ name: z.string() }),
});

export const twilioDtmfSchema = z.looseObject({
  event: z.literal('dtmf'),
  sequenceNumber,
  streamSid: z.string().min(1),
  dtmf: z.looseObject({ track: z.string(), digit: z.string() }),
});

export const twilioStopSchema = z.looseObject({
  event: z.literal('stop'),
  sequenceNumber,
  streamSid: z.string().min(1),
  stop: z.looseObject({ accountSid: z.string(), callSid: z.string() }),
});

export const TWILIO_EVENTS = ['connected', 'start', 'media', 'mark', 'dtmf', 'stop'] as const;

export const twilioMessageSchema = z.discriminatedUnion('event', [
  twilioConnectedSchema,
  twilioStartSchema,
  twilioMediaSchema,
  twilioMarkSchema,
  twilioDtmfSchema,
  twilioStopSchema,
]);

export type TwilioConnected = z.infer<typeof twilioConnectedSchema>;
export type TwilioStart = z.infer<typeof twilioStartSchema>;
export type TwilioMedia = z.infer<typeof twilioMediaSchema>;
export type TwilioStop = z.infer<typeof twilioStopSchema>;
export type TwilioMessage = z.infer<typeof twilioMessageSchema>;

/**
 * What a server may send back on a bidirectional (<Connect>) stream. callcue only listens, so it
 * sends none of these; they are here so the protocol is described in one place.
 */
export type TwilioServerMessage =
  | { event: 'media'; streamSid: string; media: { payload: string } }
  | { event: 'mark'; streamSid: string; mark: { name: string } }
  | { event: 'clear'; streamSid: string };

/** customParameters callcue reads; any others are kept as call metadata. */
export const TWILIO_RESERVED_PARAMETERS = ['agentId', 'callId', 'language', 'key'] as const;
