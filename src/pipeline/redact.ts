// Transcript stage 1: personal data out (manual §5 信息安全保密). Runs before anything else sees a
// transcript, so the feed, the record, the logs and the classifiers only ever get redacted text.
// One streaming redactor per track catches a number read across two utterances; when it does,
// the earlier final is re-issued, corrected. When the agent asks for a date of birth, a security
// answer, an address or the last digits of an ID — one or several in one question — the caller's
// speech is read as the answer until each thing asked is answered, the agent asks something else,
// or ANSWER_WINDOW_MS passes.

import { defer, mergeMap, type OperatorFunction } from 'rxjs';
import { askedFor, createRedactor, type AskedFor, type Redactor } from '../text/privacy/index.js';
import type { RedactedTranscript, Track, TranscriptFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

/** How long after the agent's question the caller's speech still counts as its answer (media ms). */
export const ANSWER_WINDOW_MS = 20_000;

export function redactTranscripts(metrics: Metrics): OperatorFunction<TranscriptFrame, RedactedTranscript> {
  return (source) =>
    defer(() => {
      const redactors = new Map<Track, Redactor>();
      const lastFinal = new Map<Track, TranscriptFrame>();
      let question: { asked: AskedFor[]; endMs: number } | null = null;
      return source.pipe(
        mergeMap((t) => {
          let redactor = redactors.get(t.track);
          if (!redactor) redactors.set(t.track, (redactor = createRedactor()));
          const answering = t.track === 'caller' && question !== null && t.startMs - question.endMs <= ANSWER_WINDOW_MS ? question.asked : undefined;
          const r = metrics.time('redact', () => redactor!.redact(t.text, t.isFinal, answering));
          if (t.isFinal && t.track === 'agent') {
            // "…just for security." after the question leaves it open; the window closes it.
            const asked = askedFor(t.text);
            if (asked.length > 0) question = { asked, endMs: t.endMs };
          } else if (t.isFinal && question !== null) {
            // "Sure, the 12th of March 1985." answers the date; the postcode may follow on its own.
            const answered = new Set<string>(r.redactions.map((x) => x.kind));
            const open = answering === undefined ? [] : question.asked.filter((k) => !answered.has(k));
            question = open.length > 0 ? { ...question, asked: open } : null;
          }
          const out: RedactedTranscript[] = [];
          const prev = lastFinal.get(t.track);
          if (r.previous && prev) {
            out.push({ ...prev, text: r.previous.text, redacted: r.previous.redactions.map((x) => x.kind), corrected: true, arrivalMs: t.arrivalMs });
          }
          out.push({ ...t, text: r.text, redacted: [...new Set(r.redactions.map((x) => x.kind))] });
          if (t.isFinal) lastFinal.set(t.track, t);
          return out;
        }),
      );
    });
}
