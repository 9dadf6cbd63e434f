// Stage 6: a classified caller window → the `emotion` event. Without a model it carries the
// measured prosody only: a label is never made up.

import { map, type OperatorFunction } from 'rxjs';
import { EMOTION_LABELS, type ClassifiedWindow, type EmotionLabel } from '../frames/types.js';
import type { EventPayload } from '../frames/events.js';

/** Below this probability the top class is not worth a label. */
const MIN_CONFIDENCE = 0.45;

export function toEmotionEvents(): OperatorFunction<ClassifiedWindow, EventPayload> {
  return map((w): EventPayload => {
    const speaking = w.summary.voiceActivity > 0.2;
    const base = {
      type: 'emotion' as const,
      callId: w.callId,
      track: 'caller' as const,
      tsMs: Math.round(w.tsMs),
      arrivalMs: w.arrivalMs,
      prosody: w.summary,
      speaking,
    };
    if (!w.probs) return base;
    let label: EmotionLabel = 'neutral';
    for (const l of EMOTION_LABELS) if (w.probs[l] > w.probs[label]) label = l;
    const top = w.probs[label];
    return {
      ...base,
      label: top >= MIN_CONFIDENCE ? label : 'uncertain',
      probs: w.probs,
      intensity: label === 'neutral' ? 0 : Math.round(top * 100) / 100,
      sources: ['prosody'],
    };
  });
}
