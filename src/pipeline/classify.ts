// Stage 5: the prosody model on each window. Inference is asynchronous (onnxruntime's own threads);
// while one runs, only the newest waiting window is kept — a stale verdict is worth nothing live.

import { Observable, type OperatorFunction } from 'rxjs';
import type { ClassifiedWindow, ProsodyWindow } from '../frames/types.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import type { Metrics } from '../observability/metrics.js';

export function classifyWindows(metrics: Metrics, model: ProsodyModel | null): OperatorFunction<ProsodyWindow, ClassifiedWindow> {
  return (source) =>
    new Observable<ClassifiedWindow>((out) => {
      let busy = false;
      let waiting: ProsodyWindow | null = null;
      let done = false;

      const run = (w: ProsodyWindow) => {
        if (!model || w.features.length === 0) {
          out.next({ ...w, probs: null });
          return;
        }
        busy = true;
        const t0 = performance.now();
        model.predict(w.features).then(
          (probs) => {
            metrics.stageMs.observe({ stage: 'classify' }, performance.now() - t0);
            out.next({ ...w, probs });
            next();
          },
          (err: unknown) => out.error(err),
        );
      };
      const next = () => {
        busy = false;
        const w = waiting;
        waiting = null;
        if (w) run(w);
        else if (done) out.complete();
      };

      const sub = source.subscribe({
        next(w) {
          if (busy) waiting = w;
          else run(w);
        },
        error: (err) => out.error(err),
        complete() {
          done = true;
          if (!busy) out.complete();
        },
      });
      return () => sub.unsubscribe();
    });
}
