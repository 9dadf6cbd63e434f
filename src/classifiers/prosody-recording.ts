// Offline classification of a recording with the live pipeline's method: frames → rolling
// windows → baseline-relative features → the prosody model. A clip no longer than
// MAX_SINGLE_WINDOW_MS is judged as one window (exactly how the model was trained); a longer
// recording in windowMs windows every intervalMs, the baseline growing behind them as it does
// live, and the recording's label is the speech-weighted mean of its windows' probabilities.

import {
  createFrameAnalyzer,
  Framer,
  HOP_MS,
  SpeakerBaseline,
  windowFunctionals,
  type FrameFeatures,
} from '../features/index.js';
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';
import type { ProsodyModel } from './prosody.js';

export const MAX_SINGLE_WINDOW_MS = 4500;

export interface RecordingOptions {
  windowMs: number;
  intervalMs: number;
  minSpeechMs: number;
}

/** The live service's defaults (src/config/schema.ts). */
export const DEFAULT_RECORDING_OPTIONS: RecordingOptions = { windowMs: 3000, intervalMs: 1000, minSpeechMs: 600 };

export interface RecordingSegment {
  startMs: number;
  endMs: number;
  label: EmotionLabel;
  probs: EmotionProbs;
}

export interface RecordingResult {
  /** null when no window held enough speech to judge. */
  label: EmotionLabel | null;
  probs: EmotionProbs | null;
  durationMs: number;
  speechMs: number;
  segments: RecordingSegment[];
}

export function topLabel(probs: EmotionProbs): EmotionLabel {
  let best: EmotionLabel = EMOTION_LABELS[0];
  for (const l of EMOTION_LABELS) if (probs[l] > probs[best]) best = l;
  return best;
}

function speechFrames(frames: readonly FrameFeatures[]): number {
  let n = 0;
  for (const f of frames) if (f.isSpeech) n++;
  return n;
}

/**
 * Classifies 8 kHz samples. Pass one baseline per speaker: a fresh one per recording, or the
 * same one for several recordings of one caller in order (it then holds the earlier ones).
 */
export function classifyRecording(
  samples: Float32Array,
  model: ProsodyModel,
  baseline: SpeakerBaseline,
  options: RecordingOptions = DEFAULT_RECORDING_OPTIONS,
): RecordingResult {
  const analyzer = createFrameAnalyzer();
  const frames = new Framer().push(samples).map((f) => analyzer.analyze(f));
  const durationMs = (samples.length / 8000) * 1000;
  const totalSpeech = speechFrames(frames);
  const segments: Array<RecordingSegment & { weight: number }> = [];

  const judge = (window: readonly FrameFeatures[], startMs: number, endMs: number): void => {
    const speech = speechFrames(window);
    if (speech * HOP_MS < options.minSpeechMs) return;
    const probs = model.predict(baseline.normalize(windowFunctionals(window)));
    segments.push({ startMs, endMs, label: topLabel(probs), probs, weight: speech });
  };

  if (durationMs <= MAX_SINGLE_WINDOW_MS) {
    judge(frames, 0, frames.length * HOP_MS);
    baseline.add(frames);
  } else {
    const perWindow = Math.round(options.windowMs / HOP_MS);
    const perInterval = Math.round(options.intervalMs / HOP_MS);
    let added = 0;
    for (let end = perInterval; end <= frames.length; end += perInterval) {
      const start = Math.max(0, end - perWindow);
      judge(frames.slice(start, end), start * HOP_MS, end * HOP_MS);
      baseline.add(frames.slice(added, end));
      added = end;
    }
    baseline.add(frames.slice(added));
  }

  if (segments.length === 0) return { label: null, probs: null, durationMs, speechMs: totalSpeech * HOP_MS, segments: [] };
  const probs: EmotionProbs = { neutral: 0, anger: 0, anxiety: 0, disappointment: 0 };
  const total = segments.reduce((s, g) => s + g.weight, 0);
  for (const g of segments) for (const l of EMOTION_LABELS) probs[l] += (g.probs[l] * g.weight) / total;
  return {
    label: topLabel(probs),
    probs,
    durationMs,
    speechMs: totalSpeech * HOP_MS,
    segments: segments.map(({ weight: _weight, ...s }) => s),
  };
}
