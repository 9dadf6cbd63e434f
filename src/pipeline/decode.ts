// Stage 1: wire bytes (PCM16, μ-law, A-law) → linear samples at the internal rate (the resampling
// step, resample.ts, is called from here: one operator, one subscriber per message). Each track
// decodes into one buffer of its own, reused message after message: the samples of a frame are
// valid until the track's next frame is decoded. Every reader takes them synchronously as they pass
// (the framer and the plugged voice model copy what they keep), so nothing needs them longer. A
// fresh backing store per message cost more than the decoding; slabs of a second each (what this
// did before) were freed only when the worker's heap was next collected, so ~64 MB of dead slabs
// could build up in each pipeline worker (V8 lets external memory grow that far before it
// collects) — a large share of the RSS a node gained under load.

import type { OperatorFunction } from 'rxjs';
import { decodeAudioInto, sampleCount } from '../codecs/pcm.js';
import type { PcmFrame, RawAudioFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';
import { TrackResampler } from './resample.js';
import { stepEach } from './step-each.js';

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

/** One track's decoding and rate conversion (the step track-features.ts calls for each message). */
export class TrackDecoder {
  private readonly buffer = new TrackSamples();
  private readonly resampler: TrackResampler;
  /** The message being decoded (a field, so the timed step is one closure, not one per message). */
  private frame: RawAudioFrame | null = null;
  private readonly decodeFrame = () => {
    const f = this.frame!;
    return decodeAudioInto(f.bytes, f.encoding, this.buffer.take(sampleCount(f.bytes, f.encoding)));
  };

  constructor(
    private readonly metrics: Metrics,
    toHz: number,
  ) {
    this.resampler = new TrackResampler(metrics, toHz);
  }

  get sampleRateHz(): number {
    return this.resampler.toHz;
  }

  /** The message's samples at sampleRateHz, valid until this track's next message. */
  samples(f: RawAudioFrame): Float32Array {
    this.frame = f;
    const decoded = this.metrics.time('decode', this.decodeFrame);
    this.frame = null;
    return this.resampler.push(decoded, f.sampleRateHz);
  }

  decode(f: RawAudioFrame): PcmFrame {
    const samples = this.samples(f);
    return { kind: 'pcm', callId: f.callId, track: f.track, tsMs: f.tsMs, arrivalMs: f.arrivalMs, sampleRateHz: this.resampler.toHz, samples };
  }
}

/** Audio messages (of any tracks) → each track's samples at toHz (INTERNAL_RATE_HZ in a call's pipeline). */
export function decodeFrames(metrics: Metrics, toHz: number): OperatorFunction<RawAudioFrame, PcmFrame> {
  return stepEach(() => {
    const decoders = new Map<string, TrackDecoder>();
    return (f) => {
      let decoder = decoders.get(f.track);
      if (!decoder) decoders.set(f.track, (decoder = new TrackDecoder(metrics, toHz)));
      return decoder.decode(f);
    };
  });
}
