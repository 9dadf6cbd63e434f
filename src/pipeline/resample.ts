// Stage 2: every track to the one internal rate (8 kHz, the band the models know). A step the
// decoding stage calls for each message (decode.ts), not an operator of its own: one fewer hop per
// audio message, and nothing at all to do for the 8 kHz lines nearly every bridge carries.

import { Resampler } from '../codecs/resample.js';
import type { Metrics } from '../observability/metrics.js';

/** One track's rate conversion; the first message's rate is taken as the track's. */
export class TrackResampler {
  private resampler: Resampler | null = null;

  constructor(
    private readonly metrics: Metrics,
    readonly toHz: number,
  ) {}

  /** The samples at toHz: the same array when they are at it already. */
  push(samples: Float32Array, fromHz: number): Float32Array {
    if (fromHz === this.toHz) return samples;
    const resampler = (this.resampler ??= new Resampler(fromHz, this.toHz));
    return this.metrics.time('resample', () => resampler.push(samples));
  }
}
