// Stage 3: samples → 32 ms frames every 10 ms → voice activity and frame features (src/features,
// the same code training uses). Only what this track's readers use is computed: the spectrum of the
// caller's speech frames (the model's windows read no other), none on the agent's track (its windows
// feed coaching, which reads level, pitch and rhythm) — test/pipeline/features-equivalence.test.ts
// holds the windows to the full analysis, bit for bit.

import { Observable, type OperatorFunction } from 'rxjs';
import { Framer, FrameColumns, createFrameAnalyzer, HOP_MS } from '../features/index.js';
import type { FeatureBatch, PcmFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

export interface AnalyzeOptions {
  /** Whether the prosody model reads this track's windows (the caller's), or only coaching (the agent's). */
  modelInput: boolean;
}

export function analyzeFrames(metrics: Metrics, opts: AnalyzeOptions = { modelInput: true }): OperatorFunction<PcmFrame, FeatureBatch> {
  return (source) =>
    new Observable<FeatureBatch>((out) => {
      const framer = new Framer();
      const analyzer = createFrameAnalyzer({ spectral: opts.modelInput ? 'speech' : 'none' });
      // One set of columns, lent to each batch in turn (FeatureBatch.frames): no object per frame.
      const frames = new FrameColumns();
      const analyze = (frame: Float32Array) => analyzer.analyzeInto(frame, frames);
      // The samples being analysed: a variable the one timed closure reads, not a closure per message.
      let samples: Float32Array | null = null;
      const analyzeAll = () => framer.forEachFrame(samples!, analyze);
      let framesOut = 0;
      // A plain subscriber rather than map and filter: two fewer hops per audio message.
      return source.subscribe({
        next(f) {
          frames.clear();
          samples = f.samples;
          try {
            metrics.time('features', analyzeAll);
          } catch (err) {
            out.error(err);
            return;
          } finally {
            samples = null;
          }
          // A message too short to complete a frame makes no batch.
          if (frames.length === 0) return;
          const batch: FeatureBatch = { kind: 'features', callId: f.callId, track: f.track, tsMs: framesOut * HOP_MS, arrivalMs: f.arrivalMs, frames };
          framesOut += frames.length;
          out.next(batch);
        },
        error: (err) => out.error(err),
        complete: () => out.complete(),
      });
    });
}
