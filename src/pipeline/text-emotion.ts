// Transcript stage 3 (caller track): the text emotion model on each utterance, partial or final —
// "third time I'm calling" and 「我要投诉你们」 are anger whatever the pitch. One piece of context:
// a caller's reply that only closes the call, right after the agent asked "anything else?" (the
// agent-language stage finds that question), is neutral whatever the model would read into
// 「没有了」 alone (src/text/emotion/closing.ts).

import { defer, filter, ignoreElements, map, merge, tap, EMPTY, type Observable, type OperatorFunction } from 'rxjs';
import type { EmotionProbs, RedactedTranscript, TextEvidence } from '../frames/types.js';
import type { TextEmotionModel } from '../text/emotion/index.js';
import { isClosingReply } from '../text/emotion/closing.js';
import { detectTextLanguage, toSimplified } from '../text/lang.js';
import type { Metrics } from '../observability/metrics.js';

/** A reply counts as the answer to the closing question when it starts within this long after it… */
const CLOSING_REPLY_WITHIN_MS = 15_000;
/** … or overlaps its end by up to this much (callers answer before the agent has quite finished). */
const CLOSING_OVERLAP_MS = 1000;
const NEUTRAL: EmotionProbs = { neutral: 1, anger: 0, anxiety: 0, disappointment: 0 };

/** closingAsked$: media ms at which the agent finished asking whether there is anything else. */
export function classifyText(
  metrics: Metrics,
  model: TextEmotionModel,
  language: string,
  closingAsked$: Observable<number> = EMPTY,
): OperatorFunction<RedactedTranscript, TextEvidence> {
  return (source) =>
    defer(() => {
      let askedAtMs = Number.NEGATIVE_INFINITY;
      const answersClosing = (t: RedactedTranscript): boolean => {
        if (t.startMs < askedAtMs - CLOSING_OVERLAP_MS || t.startMs - askedAtMs > CLOSING_REPLY_WITHIN_MS) return false;
        const lang = detectTextLanguage(t.text, language);
        return isClosingReply(lang === 'zh' ? toSimplified(t.text, language) : t.text, lang);
      };
      return merge(
        closingAsked$.pipe(
          tap((ms) => (askedAtMs = ms)),
          ignoreElements(),
        ),
        source.pipe(
          filter((t) => t.track === 'caller' && !t.corrected && t.text.trim().length > 0),
          map((t): TextEvidence => {
            const r = metrics.time('text-emotion', () => (answersClosing(t) ? { probs: NEUTRAL, cues: [] } : model.classify(t.text, language)));
            return { kind: 'text-emotion', callId: t.callId, tsMs: t.endMs, arrivalMs: t.arrivalMs, probs: r.probs, cues: r.cues, isFinal: t.isFinal, text: t.text };
          }),
        ),
      );
    });
}
