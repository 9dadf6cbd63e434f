// Transcript stage 1: personal data out (manual §5 信息安全保密). Runs before anything else sees a
// transcript, so the feed, the record, the logs and the classifiers only ever get redacted text.
// One streaming redactor per track catches a number read across two utterances; when it does,
// the earlier final is re-issued, corrected.

import { defer, mergeMap, type OperatorFunction } from 'rxjs';
import { createRedactor, type Redactor } from '../text/privacy/index.js';
import type { RedactedTranscript, Track, TranscriptFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

export function redactTranscripts(metrics: Metrics): OperatorFunction<TranscriptFrame, RedactedTranscript> {
  return (source) =>
    defer(() => {
      const redactors = new Map<Track, Redactor>();
      const lastFinal = new Map<Track, TranscriptFrame>();
      return source.pipe(
        mergeMap((t) => {
          let redactor = redactors.get(t.track);
          if (!redactor) redactors.set(t.track, (redactor = createRedactor()));
          const r = metrics.time('redact', () => redactor!.redact(t.text, t.isFinal));
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
