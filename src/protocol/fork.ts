// Raw-PCM forks over GET /v1/fork (docs/fork.md): one JSON text frame of metadata, then binary
// frames of 16-bit little-endian PCM. The metadata frame is whatever the bridge sends, so this
// schema accepts the field names each bridge actually uses:
//   jambonz `listen`: the call attributes (callSid, callId = SIP Call-ID, direction, …) plus
//     sampleRate (number) and mixType, with the verb's `metadata` merged in on top;
//   FreeSWITCH mod_audio_fork: exactly the text given as <metadata> to uuid_audio_fork;
//   Vonage websocket: {"event":"websocket:connected","content-type":"audio/l16;rate=16000", …headers}.
// These schemas are the types.

import { z } from 'zod';

export const MIX_TYPES = ['mono', 'mixed', 'stereo'] as const;
export type MixType = (typeof MIX_TYPES)[number];

const text = z.string().max(512);
const rate = z.union([z.number(), z.string().max(16)]);

export const forkMetadataSchema = z.looseObject({
  // Sample rate: jambonz `sampleRate`; ours `sampleRateHz`; FreeSWITCH style "8k" / "16k".
  sampleRate: rate.optional(),
  sampleRateHz: rate.optional(),
  sample_rate: rate.optional(),
  sampling: rate.optional(),
  /** Vonage: "audio/l16;rate=16000". */
  'content-type': text.optional(),
  event: text.optional(),
  mixType: z.enum(MIX_TYPES).optional(),
  mix_type: z.enum(MIX_TYPES).optional(),
  callId: text.optional(),
  callSid: text.optional(),
  call_sid: text.optional(),
  uuid: text.optional(),
  agentId: text.optional(),
  agent_id: text.optional(),
  language: text.optional(),
  lang: text.optional(),
  /** In-band API key, for bridges that cannot set a header. */
  key: text.optional(),
  /** Which stereo channel is the caller (0 unless the fork is attached to the agent's leg). */
  callerChannel: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type ForkMetadata = z.infer<typeof forkMetadataSchema>;

/** Errors a fork may receive, in mod_audio_fork's server-message shape ({type, data}). */
export interface ForkServerError {
  type: 'error';
  data: { code: string; message: string };
}

/** WebSocket subprotocols the bridges request; ws answers with the first one offered. */
export const FORK_SUBPROTOCOLS = ['audio.jambonz.org', 'audio.drachtio.org'] as const;
