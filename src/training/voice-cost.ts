// CPU cost of hearing a caller's voice, per second of call audio, split by step: the 10 ms frame
// analysis, the rolling window's functionals against the caller's baseline (every 250 ms, the live
// emotion interval), and the judge — gate and emotion model, both computed on every window here
// so the figure is the worst case. CPU time (process.cpuUsage), not wall time, so the figure holds
// on a busy machine; the capacity budget is ~6,000 µs of one core per call-second for everything.

import type { ProsodyModel } from '../classifiers/prosody.js';
import { createFrameAnalyzer, Framer, HOP_MS, SpeakerBaseline, windowFunctionals, type FrameFeatures } from '../features/index.js';
import { INTERNAL_RATE_HZ } from '../features/types.js';

export interface VoiceCost {
  audioS: number;
  /** CPU µs per second of caller audio. */
  analysisUs: number;
  windowsUs: number;
  judgeUs: number;
  totalUs: number;
}

const WINDOW_MS = 3000;
const INTERVAL_MS = 250;

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Runs `audio` (8 kHz caller speech) through the voice steps `repeat` times and returns µs per audio second. */
export function measureVoiceCost(model: ProsodyModel, audio: Float32Array, repeat = 3): VoiceCost {
  const audioS = (audio.length / INTERNAL_RATE_HZ) * repeat;
  let analysis = 0;
  let windows = 0;
  let judge = 0;
  let sink = 0;
  // Pass 0 warms the JIT up and is not counted: a live worker has been running for hours.
  for (let r = 0; r <= repeat; r++) {
    if (r === 1) {
      analysis = 0;
      windows = 0;
      judge = 0;
    }
    let t0 = cpuUs();
    const analyzer = createFrameAnalyzer();
    const frames = new Framer().push(audio).map((f) => analyzer.analyze(f));
    analysis += cpuUs() - t0;

    const perWindow = WINDOW_MS / HOP_MS;
    const perInterval = INTERVAL_MS / HOP_MS;
    const inputs: Float32Array[] = [];
    t0 = cpuUs();
    const baseline = new SpeakerBaseline();
    let ring: readonly FrameFeatures[] = [];
    for (let end = perInterval; end <= frames.length; end += perInterval) {
      ring = frames.slice(Math.max(0, end - perWindow), end);
      inputs.push(baseline.normalize(windowFunctionals(ring)));
      baseline.add(frames.slice(end - perInterval, end));
    }
    windows += cpuUs() - t0;

    t0 = cpuUs();
    for (const x of inputs) sink += model.unfamiliarity(x) + model.predict(x).anger;
    judge += cpuUs() - t0;
  }
  if (Number.isNaN(sink)) throw new Error('the model returned NaN');
  const per = (us: number): number => Math.round(us / audioS);
  return { audioS, analysisUs: per(analysis), windowsUs: per(windows), judgeUs: per(judge), totalUs: per(analysis + windows + judge) };
}
