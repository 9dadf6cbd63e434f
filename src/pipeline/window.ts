// Stage 4: rolling windows. Keeps the last windowMs of a track's frames and, every intervalMs of
// media time, emits the window measured against the speaker's own baseline so far (src/features/
// baseline.ts: normalise first, then add the new frames).

import { Observable, type OperatorFunction } from 'rxjs';
import { columnFunctionals, columnSummaryFunctionals, FRAME_SIZE_SAMPLES, FUNCTIONAL_COUNT, FrameColumns, HOP_MS, INTERNAL_RATE_HZ, SpeakerBaseline, summarizeFunctionals } from '../features/index.js';
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
      // The last windowMs of frames, copied out of each lent batch: frames start .. length − 1 of
      // columns with room for two windows, moved to the front when full (not once per frame).
      const ring = new FrameColumns(2 * capacity + 64);
      let start = 0;
      /** Speech frames in the ring, kept as frames come and go (not counted again at each window). */
      let ringSpeech = 0;
      // A window no model judges (all of the agent's: coaching only; the caller's with too little
      // speech) needs only what the evidence reads, baseline included.
      const baseline = new SpeakerBaseline(opts.modelInput ? 'full' : 'summary');
      /** Each window's functionals, read at once (summary, model input): one array reused. */
      const scratch = new Float32Array(FUNCTIONAL_COUNT);
      let nextEmitMs = opts.intervalMs;
      const due: ProsodyWindow[] = [];
      const take = (batch: FeatureBatch) => {
        const frames = batch.frames;
        for (let i = 0; i < frames.length; i++) {
          if (ring.length === ring.capacity) {
            ring.dropBefore(start);
            start = 0;
          }
          ring.pushFrom(frames, i);
          if (frames.isSpeech[i] === 1) ringSpeech++;
          if (ring.length - start > capacity && ring.isSpeech[start++] === 1) ringSpeech--;
          const endMs = batch.tsMs + i * HOP_MS + FRAME_MS;
          if (endMs < nextEmitMs) continue;
          nextEmitMs += opts.intervalMs;
          const judged = opts.modelInput && ringSpeech * HOP_MS >= opts.minSpeechMs;
          const functionals = (judged ? columnFunctionals : columnSummaryFunctionals)(ring, start, ring.length, scratch);
          due.push({
            callId: batch.callId,
            track: batch.track,
            tsMs: endMs,
            arrivalMs: batch.arrivalMs,
            durationMs: (ring.length - start) * HOP_MS,
            summary: summarizeFunctionals(functionals, baseline),
            features: judged ? baseline.normalize(functionals) : EMPTY,
          });
        }
        // Only now: the baseline is strictly the speaker's past, never the window it judges.
        baseline.addColumns(frames, 0, frames.length);
      };
      // A plain subscriber rather than mergeMap: most batches complete no window, and an inner
      // observable per audio message was a measurable share of a call's cost.
      // The batch being taken: a variable the one timed closure reads, not a closure per message.
      let current: FeatureBatch | null = null;
      const takeCurrent = () => take(current!);
      return source.subscribe({
        next(batch) {
          current = batch;
          try {
            metrics.time('window', takeCurrent);
          } catch (err) {
            // Fails this call's pipeline; a throw out of next() would be reported as unhandled
            // and take the worker, and every call on it, down.
            out.error(err);
            return;
          } finally {
            current = null;
          }
          if (due.length === 0) return;
          for (let i = 0; i < due.length; i++) out.next(due[i]!);
          due.length = 0;
        },
        error: (err) => out.error(err),
        complete: () => out.complete(),
      });
    });
}
