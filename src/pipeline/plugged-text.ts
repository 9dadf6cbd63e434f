// Caller utterances through a plugged text model (CALLCUE_TEXT_MODEL, src/models), for the
// utterances in a language the model is validated for (the others go to the shipped model,
// text-emotion.ts). Finals and partials are judged; a model that takes sentence pairs also gets the
// previous turns of the conversation. Per call one utterance is with the model at a time (batched
// with other calls'); a partial still waiting is replaced by a newer utterance, finals are never
// skipped, and the model sheds what it cannot do in time.

import { defer, Observable, type OperatorFunction } from 'rxjs';
import type { RedactedTranscript, TextEvidence } from '../frames/types.js';
import { STALE_VERDICT_MS, type ModelSlots, type PluggedModel, type Utterance } from '../models/index.js';
import { modelShedCounter } from './plugged-slots.js';
import type { Metrics } from '../observability/metrics.js';
import { detectTextLanguage } from '../text/lang.js';

/** Previous turns a pair model sees (both speakers, newest last). */
const CONTEXT_TURNS = 2;
/** Finals of one call waiting for the model before the oldest is dropped. */
const MAX_WAITING = 8;

/** Whether the plugged model (if any) judges this caller utterance. */
export function pluggedJudgesText(slots: ModelSlots | null, language: string): (t: RedactedTranscript) => boolean {
  return (t) => {
    const model = slots?.text ?? null;
    return model !== null && t.track === 'caller' && model.judges(detectTextLanguage(t.text, language));
  };
}

interface Job {
  t: RedactedTranscript;
  context: string;
}

export function judgeText(metrics: Metrics, slots: ModelSlots, language: string): OperatorFunction<RedactedTranscript, TextEvidence> {
  const judges = pluggedJudgesText(slots, language);
  return (source) =>
    defer(
      () =>
        new Observable<TextEvidence>((out) => {
          const turns: string[] = [];
          const waiting: Job[] = [];
          let busy = false;
          let done = false;
          const finishIfIdle = () => {
            if (done && !busy && waiting.length === 0) out.complete();
          };
          const next = () => {
            const job = waiting.shift();
            const model: PluggedModel<Utterance> | null = slots.text;
            if (job === undefined || model === null) {
              finishIfIdle();
              return;
            }
            busy = true;
            const t0 = performance.now();
            model
              .classify({ text: job.t.text, context: job.context })
              .then(
                (probs) => {
                  const waitedMs = performance.now() - t0;
                  metrics.stageMs.observe({ stage: 'plugged-text-model' }, waitedMs);
                  if (probs !== null && waitedMs > STALE_VERDICT_MS) modelShedCounter(metrics).inc({ kind: 'text' });
                  if (probs === null || waitedMs > STALE_VERDICT_MS) return;
                  const { t } = job;
                  out.next({ kind: 'text-emotion', callId: t.callId, tsMs: t.endMs, arrivalMs: t.arrivalMs, probs, cues: [], isFinal: t.isFinal, text: t.text, model: model.version, strong: null });
                },
                (err: Error) => out.error(err),
              )
              .finally(() => {
                busy = false;
                next();
              });
          };
          const sub = source.subscribe({
            next(t) {
              if (judges(t) && !t.corrected && t.text.trim().length > 0) {
                // A partial not yet sent is stale once anything newer from the caller arrives.
                if (waiting.length > 0 && !waiting[waiting.length - 1]!.t.isFinal) waiting.pop();
                waiting.push({ t, context: turns.join(' ') });
                if (waiting.length > MAX_WAITING) waiting.shift();
                if (!busy) next();
              }
              if (t.isFinal && !t.corrected && t.text.trim().length > 0) {
                turns.push(t.text);
                if (turns.length > CONTEXT_TURNS) turns.shift();
              }
            },
            error: (e) => out.error(e),
            complete() {
              done = true;
              finishIfIdle();
            },
          });
          return () => {
            done = true;
            waiting.length = 0;
            sub.unsubscribe();
          };
        }),
    );
}
