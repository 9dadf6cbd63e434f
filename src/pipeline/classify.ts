// Stage 5: the prosody model on each window. Inference is asynchronous (onnxruntime's own threads)
// and runs one window at a time, in order, so a recording gives the same states live, replayed
// fast, or analysed offline. A backlog beyond a few windows means the node is overloaded: the
// oldest waiting windows are dropped then (a stale verdict is worth nothing live).

import { Observable, type OperatorFunction } from 'rxjs';
import type { ClassifiedWindow, ProsodyWindow } from '../frames/types.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import type { Metrics } from '../observability/metrics.js';

/** Windows allowed to wait for the model: 2 s of a caller's states at the default interval. */
const MAX_BACKLOG = 8;

export function classifyWindows(metrics: Metrics, model: ProsodyModel | null): OperatorFunction<ProsodyWindow, ClassifiedWindow> {
  return (source) =>
    new Observable<ClassifiedWindow>((out) => {
      const waiting: ProsodyWindow[] = [];
      let busy = false;
      let done = false;

      const pump = () => {
        while (!busy && waiting.length > 0) {
          const w = waiting.shift()!;
          if (!model || w.features.length === 0) {
            out.next({ ...w, probs: null });
            continue;
          }
          busy = true;
          const t0 = performance.now();
          model.predict(w.features).then(
            (probs) => {
              metrics.stageMs.observe({ stage: 'classify' }, performance.now() - t0);
              busy = false;
              out.next({ ...w, probs });
              pump();
            },
            (err: unknown) => out.error(err),
          );
        }
        if (!busy && done && waiting.length === 0) out.complete();
      };

      const sub = source.subscribe({
        next(w) {
          waiting.push(w);
          if (waiting.length > MAX_BACKLOG) {
            waiting.shift();
            metrics.droppedWindows.inc();
          }
          pump();
        },
        error: (err) => out.error(err),
        complete() {
          done = true;
          pump();
        },
      });
      return () => sub.unsubscribe();
    });
}
