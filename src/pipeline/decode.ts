// Stage 1: wire bytes (PCM16, μ-law, A-law) → linear samples. Each track decodes into one buffer of
// its own, reused message after message: the samples of a frame are valid until the track's next
// frame is decoded. Every reader takes them synchronously as they pass (the framer and the plugged
// voice model copy what they keep), so nothing needs them longer. A fresh backing store per message
// cost more than the decoding; slabs of a second each (what this did before) were freed only when
// the worker's heap was next collected, so ~64 MB of dead slabs could build up in each pipeline
// worker (V8 lets external memory grow that far before it collects) — a large share of the RSS a
// node gained under load.

import { defer, map, type OperatorFunction } from 'rxjs';
import { decodeAudioInto, sampleCount } from '../codecs/pcm.js';
import type { PcmFrame, RawAudioFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

/** One track's decoding buffer; views of it by length (a bridge's messages are nearly all one length). */
class TrackSamples {
  private buffer = new Float32Array(0);
  private readonly views = new Map<number, Float32Array>();

  /** n samples, overwriting the previous message's. */
  take(n: number): Float32Array {
    if (n > this.buffer.length) {
      this.buffer = new Float32Array(Math.max(n, 2 * this.buffer.length));
      this.views.clear();
    }
    let view = this.views.get(n);
    if (!view) this.views.set(n, (view = this.buffer.subarray(0, n)));
    return view;
  }
}

export function decodeFrames(metrics: Metrics): OperatorFunction<RawAudioFrame, PcmFrame> {
  return (source) =>
    defer(() => {
      const buffers = new Map<string, TrackSamples>();
      const samplesOf = (track: string) => {
        let b = buffers.get(track);
        if (!b) buffers.set(track, (b = new TrackSamples()));
        return b;
      };
      return source.pipe(
        map((f) =>
          metrics.time('decode', () => ({
            kind: 'pcm' as const,
            callId: f.callId,
            track: f.track,
            tsMs: f.tsMs,
            arrivalMs: f.arrivalMs,
            sampleRateHz: f.sampleRateHz,
            samples: decodeAudioInto(f.bytes, f.encoding, samplesOf(f.track).take(sampleCount(f.bytes, f.encoding))),
          })),
        ),
      );
    });
}
