// Twilio Real-Time Transcription status callbacks (<Start><Transcription statusCallbackUrl=…>,
// twilio.com/docs/voice/twiml/transcription), POSTed form-encoded to /v1/twilio/transcriptions.
// Loose objects: Twilio may add fields, and the endpoint must not break when it does. These
// schemas are the types.

import { z } from 'zod';
import { MAX_TRANSCRIPT_CHARS } from './native.js';

export const TRANSCRIPTION_EVENTS = ['transcription-started', 'transcription-content', 'transcription-stopped', 'transcription-error'] as const;
export const TRANSCRIPTION_TRACKS = ['inbound_track', 'outbound_track'] as const;

const sid = z.string().min(1).max(64);

export const transcriptionCallbackSchema = z.looseObject({
  AccountSid: sid,
  CallSid: sid,
  TranscriptionEvent: z.enum(TRANSCRIPTION_EVENTS),
  TranscriptionSid: sid.optional(),
});

/** `TranscriptionData` is JSON inside the form field. */
export const transcriptionDataSchema = z.looseObject({
  transcript: z.string().max(MAX_TRANSCRIPT_CHARS),
  confidence: z.number().optional(),
});

export const transcriptionContentSchema = z.looseObject({
  TranscriptionData: z.string(),
  Final: z.enum(['true', 'false']),
  Track: z.enum(TRANSCRIPTION_TRACKS),
  /** Numbers the callbacks of one transcription, from 1. */
  SequenceId: z.string().regex(/^\d{1,15}$/, 'a decimal number'),
  /** When the result was produced: ISO 8601 (Twilio sends microseconds, "2024-06-18T14:03:12.345678Z"). */
  Timestamp: z.string().refine((v) => Number.isFinite(Date.parse(v)), 'an ISO 8601 date-time'),
  LanguageCode: z.string().max(35).optional(),
});

export type TranscriptionCallback = z.infer<typeof transcriptionCallbackSchema>;
export type TranscriptionContent = z.infer<typeof transcriptionContentSchema>;
