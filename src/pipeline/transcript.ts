// Transcript messages from the ASR engine → `transcript` events (partials replace the previous
// partial of their track in the call state; finals are kept).

import { map, type OperatorFunction } from 'rxjs';
import type { TranscriptFrame } from '../frames/types.js';
import type { EventPayload } from '../frames/events.js';

export function toTranscriptEvents(): OperatorFunction<TranscriptFrame, EventPayload> {
  return map((t) => ({
    type: 'transcript' as const,
    callId: t.callId,
    track: t.track,
    text: t.text,
    isFinal: t.isFinal,
    startMs: t.startMs,
    endMs: t.endMs,
    arrivalMs: t.arrivalMs,
  }));
}
