// Stage 1: wire bytes (PCM16, μ-law, A-law) → linear samples. A track's samples are views into
// slabs of about a second of audio, each slab fresh (never written again once handed out, so a
// consumer may keep its samples): an allocation of a backing store per 20 ms message cost more
// than the decoding.

import { defer, map, type OperatorFunction } from 'rxjs';
import { decodeAudioInto, sampleCount } from '../codecs/pcm.js';
import type { PcmFrame, RawAudioFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

/** Samples per slab: one second at 8 kHz. */
const SLAB_SAMPLES = 8000;

class SampleSlab {
  private slab = new Float32Array(0);
  private used = 0;

  /** n samples of memory nobody else is handed. */
  take(n: number): Float32Array {
    if (this.used + n > this.slab.length) {
      this.slab = new Float32Array(Math.max(SLAB_SAMPLES, n));
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

export function decodeFrames(metrics: Metrics): OperatorFunction<RawAudioFrame, PcmFrame> {
  return (source) =>
    defer(() => {
      const slab = new SampleSlab();
      return source.pipe(
        map((f) =>
          metrics.time('decode', () => ({
            kind: 'pcm' as const,
            callId: f.callId,
            track: f.track,
            tsMs: f.tsMs,
            arrivalMs: f.arrivalMs,
            sampleRateHz: f.sampleRateHz,
            samples: decodeAudioInto(f.bytes, f.encoding, slab.take(sampleCount(f.bytes, f.encoding))),
          })),
        ),
      );
    });
}
