// The native bridge protocol on GET /v1/stream (docs/protocol.md). These schemas are the types.

import { z } from 'zod';

export const trackSpecSchema = z
  .object({
    track: z.enum(['caller', 'agent']),
    encoding: z.enum(['pcm16le', 'mulaw', 'alaw']),
    sampleRateHz: z.union([z.literal(8000), z.literal(16000)]),
  })
  .strict();

/** BCP-47 tags such as zh-CN, zh-TW, zh-HK, en-US. */
export const languageSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP-47 language tag such as zh-CN or en-US');

const idSchema = z.string().min(1).max(128).regex(/^[\w.:@-]+$/, 'letters, digits and . _ : @ -');

export const startMessageSchema = z
  .object({
    type: z.literal('start'),
    callId: idSchema,
    agentId: idSchema,
    language: languageSchema,
    tracks: z
      .array(trackSpecSchema)
      .min(1)
      .max(2)
      .refine((t) => new Set(t.map((x) => x.track)).size === t.length, 'each track may appear once'),
    /** Free-form metadata from the bridge (queue, ANI hash…), kept with the call. */
    metadata: z.record(z.string(), z.string().max(512)).optional(),
  })
  .strict();

/** Longest transcript text accepted, characters (a long utterance is ~300). */
export const MAX_TRANSCRIPT_CHARS = 4000;

/** What one recognised utterance carries, in-band here and on the side channel (protocol/transcripts.ts). */
export const transcriptFields = {
  track: z.enum(['caller', 'agent']),
  text: z.string().max(MAX_TRANSCRIPT_CHARS),
  isFinal: z.boolean(),
  startMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
};

export const endNotBeforeStart: [(m: { startMs: number; endMs: number }) => boolean, { message: string; path: string[] }] = [
  (m) => m.endMs >= m.startMs,
  { message: 'endMs must not be before startMs', path: ['endMs'] },
];

export const transcriptMessageSchema = z
  .object({ type: z.literal('transcript'), ...transcriptFields })
  .strict()
  .refine(...endNotBeforeStart);

export const stopMessageSchema = z.object({ type: z.literal('stop'), reason: z.string().max(200).optional() }).strict();

/** Each client message type and its schema (the parser picks by `type`, so errors name the field). */
export const nativeClientSchemas = {
  start: startMessageSchema,
  transcript: transcriptMessageSchema,
  stop: stopMessageSchema,
} as const;

export type StartMessage = z.infer<typeof startMessageSchema>;
export type TranscriptMessage = z.infer<typeof transcriptMessageSchema>;
export type StopMessage = z.infer<typeof stopMessageSchema>;
export type NativeClientMessage = StartMessage | TranscriptMessage | StopMessage;

/** Server → bridge. */
export type NativeServerMessage =
  | { type: 'started'; callId: string; tracks: number }
  | { type: 'error'; code: string; message: string }
  | { type: 'stopped'; callId: string; reason: string; durationMs: number; shedFrames: number };
