// The ids a bridge knows a call by, read from what the bridge told us at its start (CallStart.source
// and the non-personal ids ingest keeps in metadata). Words name a call by one of these.

import type { CallStart } from '../pipeline/session.js';
import { WORDS_BRIDGES, type WordsBridge } from '../protocol/transcripts.js';
import type { CallOwner } from './types.js';

/** Metadata keys holding the ids each bridge carries (set by ingest/<bridge>.ts). */
const ID_METADATA: Record<WordsBridge, readonly string[]> = {
  twilio: ['twilio.callSid', 'twilio.streamSid'],
  audiohook: ['genesys.conversationId'],
  fork: ['fork.callSid', 'fork.uuid'],
  native: [],
};

function isWordsBridge(source: string): source is WordsBridge {
  return (WORDS_BRIDGES as readonly string[]).includes(source);
}

/** Index keys ("bridge:id") of a call: callcue's callId and every id its bridge carries. */
export function callKeysOf(start: CallStart): string[] {
  if (!isWordsBridge(start.source)) return [];
  const ids = new Set([start.callId]);
  for (const k of ID_METADATA[start.source]) {
    const v = start.metadata?.[k];
    if (v) ids.add(v);
  }
  return [...ids].map((id) => `${start.source}:${id}`);
}

export function ownerOf(start: CallStart, keyId: string): CallOwner {
  const account = start.source === 'twilio' ? start.metadata?.['twilio.accountSid'] : undefined;
  return account ? { keyId, twilioAccountSid: account } : { keyId };
}
