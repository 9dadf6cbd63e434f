// Redacted transcript messages → `transcript` events (partials replace the previous partial of
// their track in the call state; finals are kept; a corrected final replaces its earlier self).

import { map, type OperatorFunction } from 'rxjs';
import type { RedactedTranscript } from '../frames/types.js';
import type { EventPayload } from '../frames/events.js';

export function toTranscriptEvents(): OperatorFunction<RedactedTranscript, EventPayload> {
  return map((t) => ({
    type: 'transcript' as const,
    callId: t.callId,
    track: t.track,
    text: t.text,
    isFinal: t.isFinal,
    startMs: t.startMs,
    endMs: t.endMs,
    redacted: t.redacted,
    ...(t.corrected ? { corrected: true } : {}),
    arrivalMs: t.arrivalMs,
  }));
}
