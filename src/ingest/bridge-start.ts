// Turns what a telephony bridge told us about a call into a CallStart, with the same rules for
// ids, language and metadata as the native `start` message (protocol/native.ts), so a call looks
// the same on the feed whichever bridge carried it.

import { CallcueError, ErrorCodes } from '../errors.js';
import type { TrackSpec } from '../frames/types.js';
import type { CallStart } from '../pipeline/session.js';
import { startMessageSchema } from '../protocol/native.js';

export interface BridgeStartFields {
  callId: string | undefined;
  agentId: string | undefined;
  language: string | undefined;
  tracks: TrackSpec[];
  metadata: Record<string, unknown>;
}

export const DEFAULT_BRIDGE_LANGUAGE = 'en-US';
const MAX_METADATA_ENTRIES = 32;
const MAX_METADATA_CHARS = 512;

const fieldSchemas = {
  callId: startMessageSchema.shape.callId,
  agentId: startMessageSchema.shape.agentId,
  language: startMessageSchema.shape.language,
} as const;

/** Throws INVALID_MESSAGE naming the field (in the bridge's own terms via `names`). */
export function bridgeCallStart(f: BridgeStartFields, source: string, names: Partial<Record<keyof typeof fieldSchemas, string>> = {}): CallStart {
  const values = { callId: f.callId, agentId: f.agentId, language: f.language ?? DEFAULT_BRIDGE_LANGUAGE };
  const out: Record<string, string> = {};
  for (const key of Object.keys(fieldSchemas) as (keyof typeof fieldSchemas)[]) {
    const parsed = fieldSchemas[key].safeParse(values[key]);
    if (!parsed.success) {
      const name = names[key] ?? key;
      const why = values[key] === undefined ? `${name} is required` : `${name} must be ${parsed.error.issues[0]!.message}`;
      throw new CallcueError(ErrorCodes.INVALID_MESSAGE, why);
    }
    out[key] = parsed.data;
  }
  return {
    callId: out.callId!,
    agentId: out.agentId!,
    language: out.language!,
    tracks: f.tracks,
    source,
    metadata: metadataOf(f.metadata),
  };
}

/** Bridge extras kept with the call: strings only, bounded in count and length. */
function metadataOf(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of Object.entries(raw)) {
    if (n >= MAX_METADATA_ENTRIES) break;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
    out[k.slice(0, 64)] = String(v).slice(0, MAX_METADATA_CHARS);
    n++;
  }
  return out;
}
