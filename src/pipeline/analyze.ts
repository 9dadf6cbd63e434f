// Stage 3: samples → 32 ms frames every 10 ms → voice activity and frame features (src/features,
// the same code training uses). Only what this track's readers use is computed: the spectrum of the
// caller's speech frames (the model's windows read no other), none on the agent's track (its windows
// feed coaching, which reads level, pitch and rhythm) — test/pipeline/features-equivalence.test.ts
// holds the windows to the full analysis, bit for bit.

import type { OperatorFunction } from 'rxjs';
import { Framer, FrameColumns, createFrameAnalyzer, HOP_MS } from '../features/index.js';
import type { FeatureBatch, PcmFrame, Track } from '../frames/types.js';
import type { Metrics } from '../observability/metrics.js';
import { stepEach } from './step-each.js';

export interface AnalyzeOptions {
  /** Whether the prosody model reads this track's windows (the caller's), or only coaching (the agent's). */
  modelInput: boolean;
}

/** One track's framing and frame analysis (the step track-features.ts calls for each message). */
export class TrackAnalyzer {
  private readonly framer = new Framer();
  private readonly analyzer: ReturnType<typeof createFrameAnalyzer>;
  // One set of columns, lent to each batch in turn (FeatureBatch.frames): no object per frame.
  private readonly frames = new FrameColumns();
  private readonly analyzeOne = (frame: Float32Array) => this.analyzer.analyzeInto(frame, this.frames);
  /** The samples being analysed: a field the one timed closure reads, not a closure per message. */
  private samples: Float32Array | null = null;
  private readonly analyzeAll = () => this.framer.forEachFrame(this.samples!, this.analyzeOne);
  private framesOut = 0;

  constructor(
    private readonly metrics: Metrics,
    opts: AnalyzeOptions,
  ) {
    this.analyzer = createFrameAnalyzer({ spectral: opts.modelInput ? 'speech' : 'none' });
  }

  /** The frames the message's samples complete, or null when they complete none (a message shorter than a hop). */
  analyze(samples: Float32Array, f: { callId: string; track: Track; arrivalMs: number }): FeatureBatch | null {
    const frames = this.frames;
    frames.clear();
    this.samples = samples;
    try {
      this.metrics.time('features', this.analyzeAll);
    } finally {
      this.samples = null;
    }
    if (frames.length === 0) return null;
    const batch: FeatureBatch = { kind: 'features', callId: f.callId, track: f.track, tsMs: this.framesOut * HOP_MS, arrivalMs: f.arrivalMs, frames };
    this.framesOut += frames.length;
    return batch;
  }
}

export function analyzeFrames(metrics: Metrics, opts: AnalyzeOptions = { modelInput: true }): OperatorFunction<PcmFrame, FeatureBatch> {
  return stepEach(() => {
    const analyzer = new TrackAnalyzer(metrics, opts);
    return (f) => analyzer.analyze(f.samples, f);
  });
}
