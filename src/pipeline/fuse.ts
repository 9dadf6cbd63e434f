// Stage 6: voice and words into one caller state (src/classifiers/fusion.ts), emitted on every
// voice window and every utterance the text model judged.

import { Observable, merge, type Observable as Obs, type OperatorFunction } from 'rxjs';
import { EmotionFusion, type FusedState } from '../classifiers/fusion.js';
import type { ClassifiedWindow, ProsodySummary, TextEvidence } from '../frames/types.js';
import type { FusionParams } from '../policy/schema.js';
import type { Metrics } from '../observability/metrics.js';

export interface FusedEmotion {
  kind: 'fused';
  callId: string;
  tsMs: number;
  arrivalMs: number;
  /** Null when neither a voice nor a text model has spoken yet. */
  state: FusedState | null;
  /** The newest measured prosody of the caller (null before the first window). */
  prosody: ProsodySummary | null;
  speaking: boolean;
  cues: string[];
  /** The caller's newest utterance (redacted; final or partial), for the agent to reflect back. */
  lastUtterance: string;
  /** Versions of the models behind the newest voice and text verdicts. */
  models: { voice?: string; text?: string };
}

export function fuseEmotion(metrics: Metrics, params: () => FusionParams, text$: Obs<TextEvidence>): OperatorFunction<ClassifiedWindow, FusedEmotion> {
  return (voice$) =>
    new Observable<FusedEmotion>((out) => {
      const fusion = new EmotionFusion(params);
      let prosody: ProsodySummary | null = null;
      let speaking = false;
      let cues: string[] = [];
      let lastUtterance = '';
      let heard = false;
      let lastTsMs = 0;
      const models: FusedEmotion['models'] = {};
      /** Folds one verdict in; the state after it (null before any model has spoken). */
      const take = (input: ClassifiedWindow | TextEvidence): FusedState | null => {
        if ('summary' in input) {
          prosody = input.summary;
          speaking = input.summary.voiceActivity > 0.2;
          fusion.addVoice(input.probs, input.tsMs, input.summary.baselineSpeechS, input.summary.voiceActivity);
          if (input.probs) heard = true;
          if (input.probs && input.model) models.voice = input.model;
        } else {
          fusion.addText(input.probs, input.isFinal, input.tsMs, input.strong, input.named === true);
          cues = input.cues;
          // The words being judged: a partial when the state starts on one.
          lastUtterance = input.text;
          heard = true;
          if (input.model) models.text = input.model;
        }
        // Media time only moves forward: an utterance's end can trail the audio already analysed.
        lastTsMs = Math.max(lastTsMs, input.tsMs);
        return heard ? fusion.update(lastTsMs) : null;
      };
      return merge(voice$, text$).subscribe({
        next(input) {
          let state: ReturnType<typeof take>;
          try {
            state = metrics.time('fuse', () => take(input));
          } catch (err) {
            // Fails this call's pipeline only (a throw out of next() would take the worker down).
            out.error(err);
            return;
          }
          out.next({ kind: 'fused', callId: input.callId, tsMs: lastTsMs, arrivalMs: input.arrivalMs, state, prosody, speaking, cues, lastUtterance, models: { ...models } });
        },
        error: (e) => out.error(e),
        complete: () => out.complete(),
      });
    });
}
