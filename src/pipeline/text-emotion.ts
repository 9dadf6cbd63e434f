// Transcript stage 3 (caller track): the text emotion model on each utterance, partial or final —
// "third time I'm calling" and 「我要投诉你们」 are anger whatever the pitch. Each utterance is judged
// with its context: the caller's previous final turns and the agent's last final turn (a flat "so
// what now" after "there's nothing I can do" is not a calm question). Partials are judged as they
// come (at most one per PARTIAL_MIN_GAP_MS of media time), and an unequivocal phrase is marked
// `strong` so fusion can act before the final. One more piece of context: a caller's reply that
// only closes the call, right after the agent asked "anything else?" (the agent-language stage finds
// that question), is neutral whatever the model would read into 「没有了」 alone
// (src/text/emotion/closing.ts).

import { defer, filter, ignoreElements, map, merge, tap, EMPTY, type Observable, type OperatorFunction } from 'rxjs';
import type { EmotionProbs, RedactedTranscript, TextEvidence } from '../frames/types.js';
import { NO_CONTEXT, type TextContext, type TextEmotionModel, type TextEmotionResult } from '../text/emotion/index.js';
import { isClosingReply } from '../text/emotion/closing.js';
import { detectTextLanguage, toSimplified } from '../text/lang.js';
import type { Metrics } from '../observability/metrics.js';

/** A reply counts as the answer to the closing question when it starts within this long after it… */
const CLOSING_REPLY_WITHIN_MS = 15_000;
/** … or overlaps its end by up to this much (callers answer before the agent has quite finished). */
const CLOSING_OVERLAP_MS = 1000;
const NEUTRAL: EmotionProbs = { neutral: 1, anger: 0, anxiety: 0, disappointment: 0 };
/**
 * Partials of one utterance closer than this in media time are not all judged: streaming
 * recognisers send one every ~500 ms (all judged), some one per word; the next partial repeats the
 * words, so nothing is lost but a little time.
 */
export const PARTIAL_MIN_GAP_MS = 250;
/** The caller's previous final turns kept as context (the featurizer reads the last two). */
const CONTEXT_TURNS = 2;

/** The conversation so far, as the text model reads it; a new object whenever it changes. */
class CallContext {
  current: TextContext = NO_CONTEXT;

  callerSaid(text: string): void {
    this.current = { callerPrevious: [...this.current.callerPrevious, text].slice(-CONTEXT_TURNS), agentLast: this.current.agentLast };
  }

  agentSaid(text: string): void {
    this.current = { callerPrevious: this.current.callerPrevious, agentLast: text };
  }
}

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
      const context = new CallContext();
      let partial: { startMs: number; endMs: number; text: string } | null = null;
      const answersClosing = (t: RedactedTranscript): boolean => {
        if (t.startMs < askedAtMs - CLOSING_OVERLAP_MS || t.startMs - askedAtMs > CLOSING_REPLY_WITHIN_MS) return false;
        const lang = detectTextLanguage(t.text, language);
        return isClosingReply(lang === 'zh' ? toSimplified(t.text, language) : t.text, lang);
      };
      /** Whether to judge this caller transcript (finals always; partials throttled). */
      const judge = (t: RedactedTranscript): boolean => {
        if (t.isFinal) {
          partial = null;
          return true;
        }
        if (partial !== null && partial.startMs === t.startMs && (partial.text === t.text || t.endMs - partial.endMs < PARTIAL_MIN_GAP_MS)) return false;
        partial = { startMs: t.startMs, endMs: t.endMs, text: t.text };
        return true;
      };
      return merge(
        closingAsked$.pipe(
          tap((ms) => (askedAtMs = ms)),
          ignoreElements(),
        ),
        source.pipe(
          filter((t) => !t.corrected && t.text.trim().length > 0),
          tap((t) => {
            if (t.track === 'agent' && t.isFinal) context.agentSaid(t.text);
          }),
          filter((t) => t.track === 'caller' && judge(t)),
          map((t): TextEvidence => {
            const r = metrics.time('text-emotion', (): TextEmotionResult =>
              answersClosing(t) ? { label: 'neutral', probs: NEUTRAL, cues: [], strong: null, named: false } : model.classify(t.text, language, context.current),
            );
            if (t.isFinal) context.callerSaid(t.text);
            return { kind: 'text-emotion', callId: t.callId, tsMs: t.endMs, arrivalMs: t.arrivalMs, probs: r.probs, cues: r.cues, isFinal: t.isFinal, text: t.text, strong: r.strong, named: r.named };
          }),
        ),
      );
    });
}
