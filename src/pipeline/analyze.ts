// Stage 3: samples → 32 ms frames every 10 ms → voice activity and frame features (src/features,
// the same code training uses).

import { defer, filter, map, type OperatorFunction } from 'rxjs';
import { Framer, createFrameAnalyzer, HOP_MS } from '../features/index.js';
import type { FeatureBatch, PcmFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

export function analyzeFrames(metrics: Metrics): OperatorFunction<PcmFrame, FeatureBatch> {
  return (source) =>
    defer(() => {
      const framer = new Framer();
      const analyzer = createFrameAnalyzer();
      let framesOut = 0;
      return source.pipe(
        map((f): FeatureBatch => {
          const frames = metrics.time('features', () => framer.push(f.samples).map((fr) => analyzer.analyze(fr)));
          const batch: FeatureBatch = {
            kind: 'features',
            callId: f.callId,
            track: f.track,
            tsMs: framesOut * HOP_MS,
            arrivalMs: f.arrivalMs,
            frames,
          };
          framesOut += frames.length;
          return batch;
        }),
        filter((b) => b.frames.length > 0),
      );
    });
}
