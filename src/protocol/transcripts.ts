// The transcript side channel on GET /v1/transcripts (docs/transcripts.md): words from a recogniser
// that runs beside a call's audio, for calls whose audio arrives over any bridge. One socket may
// carry words for many calls; each message names its call by the id its bridge carries. These
// schemas are the types.

import { z } from 'zod';
import { endNotBeforeStart, transcriptFields } from './native.js';

/** The bridge protocols a call's audio may arrive on: the namespace of `call.id`. */
export const WORDS_BRIDGES = ['twilio', 'audiohook', 'fork', 'native'] as const;
export type WordsBridge = (typeof WORDS_BRIDGES)[number];

/**
 * A call as its bridge knows it: Twilio callSid or streamSid, AudioHook conversationId, the fork's
 * call id (callId, callSid or uuid of its metadata), the native callId — or callcue's own callId.
 */
export const wordsCallSchema = z
  .object({
    bridge: z.enum(WORDS_BRIDGES),
    id: z.string().min(1).max(256),
  })
  .strict();
export type WordsCall = z.infer<typeof wordsCallSchema>;

export const sideTranscriptSchema = z
  .object({ type: z.literal('transcript'), call: wordsCallSchema, ...transcriptFields })
  .strict()
  .refine(...endNotBeforeStart);
export type SideTranscript = z.infer<typeof sideTranscriptSchema>;

export const transcriptsClientSchemas = { transcript: sideTranscriptSchema } as const;

/**
 * Server → client: one answer per message, `n` numbering the socket's messages from 1 (errors
 * carry it too, since an answer to words held for a call not yet open can come after later ones).
 */
export type TranscriptsServerMessage = { type: 'ack'; n: number } | { type: 'error'; code: string; message: string; n: number };
