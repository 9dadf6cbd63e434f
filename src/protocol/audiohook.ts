// Genesys Cloud AudioHook protocol v2 over GET /v1/audiohook (docs/audiohook.md): the message
// envelope and parameters as the AudioHook protocol specification and Genesys's reference
// implementation (purecloudlabs/audiohook-reference-implementation, protocol/message.ts) define
// them. These schemas are the types.

import { z } from 'zod';

export const AUDIOHOOK_VERSION = '2';
/** "Text messages … must not exceed 64 KiB" (the reference server refuses over 65535 chars). */
export const AUDIOHOOK_MAX_TEXT_CHARS = 65_535;
export const NULL_UUID = '00000000-0000-0000-0000-000000000000';

const uuidRe = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000)$/;
export const audiohookUuid = z.string().regex(uuidRe, 'a UUID');
/** ISO 8601 duration in seconds, e.g. "PT1.5S". */
export const audiohookDuration = z.string().regex(/^PT(?:\d*\.)?\d+S$/, 'a duration such as PT1.5S');
const sequenceNumber = z.number().int().nonnegative();
const languageCode = z.string().regex(/^[a-z]{2,3}-[A-Za-z]{2,3}$/, 'a language code such as en-US');

export const MEDIA_CHANNELS = ['external', 'internal'] as const;
export type MediaChannel = (typeof MEDIA_CHANNELS)[number];

export const mediaParameterSchema = z.looseObject({
  type: z.literal('audio'),
  format: z.string(),
  channels: z.array(z.enum(MEDIA_CHANNELS)).min(1).max(2),
  rate: z.number(),
});
export type MediaParameter = z.infer<typeof mediaParameterSchema>;

/** Every client message carries this envelope. */
export const clientEnvelopeSchema = z.looseObject({
  version: z.literal(AUDIOHOOK_VERSION),
  id: audiohookUuid,
  type: z.string(),
  seq: sequenceNumber,
  serverseq: sequenceNumber,
  position: audiohookDuration,
  parameters: z.record(z.string(), z.unknown()),
});
export type ClientEnvelope = z.infer<typeof clientEnvelopeSchema>;

export const openParametersSchema = z.looseObject({
  organizationId: audiohookUuid,
  conversationId: audiohookUuid,
  participant: z.looseObject({ id: audiohookUuid, ani: z.string(), aniName: z.string(), dnis: z.string() }),
  media: z.array(mediaParameterSchema),
  language: languageCode.optional(),
  supportedLanguages: z.boolean().optional(),
  continuedSessions: z.array(z.unknown()).optional(),
  customConfig: z.record(z.string(), z.unknown()).optional(),
  /** Architect input variables (Audio Connector); callcue reads agentId / callId from here. */
  inputVariables: z.record(z.string(), z.unknown()).optional(),
});
export type OpenParameters = z.infer<typeof openParametersSchema>;

const durationPair = z.looseObject({ start: audiohookDuration, discarded: audiohookDuration });

/** Parameters of each client message type. */
export const clientParameterSchemas = {
  open: openParametersSchema,
  close: z.looseObject({ reason: z.enum(['end', 'error', 'disconnect', 'reconnect']) }),
  discarded: durationPair,
  error: z.looseObject({ code: z.number().int().min(400).max(9999), message: z.string(), retryAfter: audiohookDuration.optional() }),
  paused: z.looseObject({}),
  ping: z.looseObject({ rtt: audiohookDuration.optional() }),
  resumed: durationPair,
  update: z.looseObject({ language: languageCode }),
} as const;

export type ClientMessageType = keyof typeof clientParameterSchemas;
export const AUDIOHOOK_CLIENT_TYPES = Object.keys(clientParameterSchemas) as ClientMessageType[];
export type ClientParameters<T extends ClientMessageType> = z.infer<(typeof clientParameterSchemas)[T]>;

export type DisconnectReason = 'completed' | 'unauthorized' | 'error';

export interface EventEntity {
  type: string;
  data: unknown;
}

/** Server → client messages and their parameters. */
export interface ServerParameters {
  opened: { media: MediaParameter[]; startPaused?: boolean; discardTo?: string; supportedLanguages?: string[] };
  closed: Record<string, never>;
  pong: Record<string, never>;
  pause: Record<string, never>;
  resume: Record<string, never>;
  updated: Record<string, never>;
  disconnect: { reason: DisconnectReason; info?: string };
  event: { entities: EventEntity[] };
  reconnect: { info?: string };
}
export type ServerMessageType = keyof ServerParameters;

export type ServerMessage<T extends ServerMessageType = ServerMessageType> = {
  [K in T]: { version: '2'; id: string; type: K; seq: number; clientseq: number; parameters: ServerParameters[K] };
}[T];

/** What a client (Genesys, or callcue's replay tool) receives: the envelope with clientseq. */
export const serverEnvelopeSchema = z.looseObject({
  version: z.literal(AUDIOHOOK_VERSION),
  id: audiohookUuid,
  type: z.string(),
  seq: sequenceNumber,
  clientseq: sequenceNumber,
  parameters: z.record(z.string(), z.unknown()),
});

/** The HTTP request headers AudioHook sends on the WebSocket upgrade. */
export const AUDIOHOOK_HEADERS = {
  apiKey: 'x-api-key',
  organizationId: 'audiohook-organization-id',
  correlationId: 'audiohook-correlation-id',
  sessionId: 'audiohook-session-id',
} as const;
