// Stage 4: rolling windows. Keeps the last windowMs of a track's frames and, every intervalMs of
// media time, emits the window measured against the speaker's own baseline so far (src/features/
// baseline.ts: normalise first, then add the new frames).

import { Observable, type OperatorFunction } from 'rxjs';
import { FRAME_SIZE_SAMPLES, HOP_MS, INTERNAL_RATE_HZ, SpeakerBaseline, summarizeFunctionals, summaryFunctionals, windowFunctionals, type FrameFeatures } from '../features/index.js';
import type { FeatureBatch, ProsodyWindow } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

export interface WindowOptions {
  windowMs: number;
  intervalMs: number;
  /** Speech a window needs before the model judges it (less is a pause, not a voice). */
  minSpeechMs: number;
  /** Whether the model's input is computed (the agent's windows are for coaching only). */
  modelInput: boolean;
}

const EMPTY = new Float32Array(0);
/** A frame reaches this far past its start: the newest audio a window reflects. */
const FRAME_MS = (FRAME_SIZE_SAMPLES / INTERNAL_RATE_HZ) * 1000;

export function rollingWindows(metrics: Metrics, opts: WindowOptions): OperatorFunction<FeatureBatch, ProsodyWindow> {
  const capacity = Math.ceil(opts.windowMs / HOP_MS);
  return (source) =>
    new Observable<ProsodyWindow>((out) => {
      const ring: FrameFeatures[] = [];
      /** Speech frames in the ring, kept as frames come and go (not counted again at each window). */
      let ringSpeech = 0;
      // A track no model reads (the agent's) needs only what the evidence reads, baseline included.
      const functionalsOf = opts.modelInput ? windowFunctionals : summaryFunctionals;
      const baseline = new SpeakerBaseline(opts.modelInput ? 'full' : 'summary');
      let nextEmitMs = opts.intervalMs;
      const due: ProsodyWindow[] = [];
      const take = (batch: FeatureBatch) => {
        for (let i = 0; i < batch.frames.length; i++) {
          const frame = batch.frames[i]!;
          ring.push(frame);
          if (frame.isSpeech) ringSpeech++;
          if (ring.length > capacity && ring.shift()!.isSpeech) ringSpeech--;
          const endMs = batch.tsMs + i * HOP_MS + FRAME_MS;
          if (endMs < nextEmitMs) continue;
          nextEmitMs += opts.intervalMs;
          const judged = opts.modelInput && ringSpeech * HOP_MS >= opts.minSpeechMs;
          const functionals = functionalsOf(ring);
          due.push({
            callId: batch.callId,
            track: batch.track,
            tsMs: endMs,
            arrivalMs: batch.arrivalMs,
            durationMs: ring.length * HOP_MS,
            summary: summarizeFunctionals(functionals, baseline),
            features: judged ? baseline.normalize(functionals) : EMPTY,
          });
        }
        // Only now: the baseline is strictly the speaker's past, never the window it judges.
        baseline.add(batch.frames);
      };
      // A plain subscriber rather than mergeMap: most batches complete no window, and an inner
      // observable per audio message was a measurable share of a call's cost.
      return source.subscribe({
        next(batch) {
          metrics.time('window', () => take(batch));
          while (due.length > 0) out.next(due.shift()!);
        },
        error: (err) => out.error(err),
        complete: () => out.complete(),
      });
    });
}
