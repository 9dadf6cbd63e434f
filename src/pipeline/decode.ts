// Stage 1: wire bytes (PCM16, μ-law, A-law) → linear samples.

import { map, type OperatorFunction } from 'rxjs';
import { decodeAudio } from '../codecs/pcm.js';
import type { PcmFrame, RawAudioFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';

export function decodeFrames(metrics: Metrics): OperatorFunction<RawAudioFrame, PcmFrame> {
  return map((f) =>
    metrics.time('decode', () => ({
      kind: 'pcm' as const,
      callId: f.callId,
      track: f.track,
      tsMs: f.tsMs,
      arrivalMs: f.arrivalMs,
      sampleRateHz: f.sampleRateHz,
      samples: decodeAudio(f.bytes, f.encoding),
    })),
  );
}
