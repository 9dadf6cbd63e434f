// Stages 1–3 for one track in one operator: an audio message is decoded (decode.ts, with its
// resampling step), framed and analysed (analyze.ts) by plain calls, each still timed as its own
// stage, so a message makes one hop through the pipeline's plumbing instead of one per stage. The
// separate operators remain for the caller's track when a plugged voice model reads its samples too.

import type { OperatorFunction } from 'rxjs';
import type { FeatureBatch, RawAudioFrame } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';
import { TrackAnalyzer, type AnalyzeOptions } from './analyze.js';
import { TrackDecoder } from './decode.js';
import { stepEach } from './step-each.js';

export interface TrackFeaturesOptions extends AnalyzeOptions {
  /** The rate the track is analysed at (INTERNAL_RATE_HZ in a call's pipeline). */
  toHz: number;
}

/** One track's audio messages → its feature batches (none for a message that completes no frame). */
export function trackFeatures(metrics: Metrics, opts: TrackFeaturesOptions): OperatorFunction<RawAudioFrame, FeatureBatch> {
  return stepEach(() => {
    const decoder = new TrackDecoder(metrics, opts.toHz);
    const analyzer = new TrackAnalyzer(metrics, opts);
    return (f) => analyzer.analyze(decoder.samples(f), f);
  });
}
