// Stage 5: the prosody model on each window, in the turn the window completes (the model runs
// synchronously: src/classifiers/mlp-forward.ts), so a recording gives the same states live,
// replayed fast, or analysed offline. A window without enough speech is not judged.

import { map, type OperatorFunction } from 'rxjs';
import type { ClassifiedWindow, ProsodyWindow } from '../frames/types.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import type { Metrics } from '../observability/metrics.js';

export function classifyWindows(metrics: Metrics, model: ProsodyModel | null): OperatorFunction<ProsodyWindow, ClassifiedWindow> {
  return map((w): ClassifiedWindow => {
    if (!model || w.features.length === 0) return { ...w, probs: null };
    return { ...w, probs: metrics.time('classify', () => model.predict(w.features)) };
  });
}
