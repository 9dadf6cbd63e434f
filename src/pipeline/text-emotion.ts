// Transcript stage 3 (caller track): the text emotion model on each utterance, partial or final —
// "third time I'm calling" and 「我要投诉你们」 are anger whatever the pitch.

import { filter, map, type OperatorFunction } from 'rxjs';
import type { RedactedTranscript, TextEvidence } from '../frames/types.js';
import type { TextEmotionModel } from '../text/emotion/index.js';
import type { Metrics } from '../observability/metrics.js';

export function classifyText(metrics: Metrics, model: TextEmotionModel, language: string): OperatorFunction<RedactedTranscript, TextEvidence> {
  return (source) =>
    source.pipe(
      filter((t) => t.track === 'caller' && !t.corrected && t.text.trim().length > 0),
      map((t) => {
        const r = metrics.time('text-emotion', () => model.classify(t.text, language));
        return { kind: 'text-emotion' as const, callId: t.callId, tsMs: t.endMs, arrivalMs: t.arrivalMs, probs: r.probs, cues: r.cues, isFinal: t.isFinal, text: t.text };
      }),
    );
}
