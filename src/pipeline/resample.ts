// Stage 2: every track to the one internal rate (8 kHz, the band the models know).

import { defer, map, type OperatorFunction } from 'rxjs';
import { Resampler } from '../codecs/resample.js';
import type { PcmFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

export function resampleFrames(metrics: Metrics, toHz: number): OperatorFunction<PcmFrame, PcmFrame> {
  return (source) =>
    defer(() => {
      let resampler: Resampler | null = null;
      return source.pipe(
        map((f) => {
          if (f.sampleRateHz === toHz) return f;
          resampler ??= new Resampler(f.sampleRateHz, toHz);
          const samples = metrics.time('resample', () => resampler!.push(f.samples));
          return { ...f, sampleRateHz: toHz, samples };
        }),
      );
    });
}
