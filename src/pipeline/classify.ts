// Stage 5: the prosody model on each window, in the turn the window completes (the model runs
// synchronously: src/classifiers/mlp-forward.ts), so a recording gives the same states live,
// replayed fast, or analysed offline. A window without enough speech is not judged; nor is one
// the voice judge refuses (a language the model was not validated on, or a sound unlike the
// speech it knows: src/classifiers/voice-judge.ts). Refused windows carry probs null, which the
// fusion reads as no voice evidence; a verdict carries the version of the model that gave it.

import { defer, map, type OperatorFunction } from 'rxjs';
import type { ClassifiedWindow, ProsodyWindow } from '../frames/types.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import { VoiceJudge } from '../classifiers/voice-judge.js';
import type { Metrics } from '../observability/metrics.js';

/** `language` is the call's BCP-47 tag. */
export function classifyWindows(metrics: Metrics, model: ProsodyModel | null, language: string): OperatorFunction<ProsodyWindow, ClassifiedWindow> {
  return (source) =>
    defer(() => {
      const judge = model ? new VoiceJudge(model, language) : null;
      return source.pipe(
        map((w): ClassifiedWindow => {
          if (!judge || w.features.length === 0) return { ...w, probs: null };
          const probs = metrics.time('classify', () => judge.judge(w.features).probs);
          // Named here, where the verdict is given (compose.ts needs no stage to name it later).
          return probs === null ? { ...w, probs } : { ...w, probs, model: model!.version };
        }),
      );
    });
}
