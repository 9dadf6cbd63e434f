// Offline classification of a recording with the live pipeline's method: frames → rolling
// windows → baseline-relative features → the prosody model. A clip no longer than
// MAX_SINGLE_WINDOW_MS is judged as one window (exactly how the model was trained); a longer
// recording in windowMs windows every intervalMs, the baseline growing behind them as it does
// live, and the recording's label is the speech-weighted mean of its windows' probabilities.
// Windows the voice judge refuses (voice-judge.ts) are counted, not judged.

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
import { VoiceJudge, type Abstention } from './voice-judge.js';

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
  /** null when no window held enough speech to judge, or the judge refused every one. */
  label: EmotionLabel | null;
  probs: EmotionProbs | null;
  durationMs: number;
  speechMs: number;
  segments: RecordingSegment[];
  /** Windows with enough speech that the judge refused, by reason. */
  abstained: Record<Abstention, number>;
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
 * Classifies 8 kHz samples. Pass one baseline (and judge) per speaker: fresh ones per recording,
 * or the same ones for several recordings of one caller in order (they then hold the earlier
 * ones). The default judge does not know the language, so it applies no language check.
 */
export function classifyRecording(
  samples: Float32Array,
  model: ProsodyModel,
  baseline: SpeakerBaseline,
  options: RecordingOptions = DEFAULT_RECORDING_OPTIONS,
  judge: VoiceJudge = new VoiceJudge(model, null),
): RecordingResult {
  const analyzer = createFrameAnalyzer();
  const frames = new Framer().push(samples).map((f) => analyzer.analyze(f));
  const durationMs = (samples.length / 8000) * 1000;
  const totalSpeech = speechFrames(frames);
  const segments: Array<RecordingSegment & { weight: number }> = [];
  const abstained: Record<Abstention, number> = { language: 0, unfamiliar: 0 };

  const judgeWindow = (window: readonly FrameFeatures[], startMs: number, endMs: number): void => {
    const speech = speechFrames(window);
    if (speech * HOP_MS < options.minSpeechMs) return;
    const verdict = judge.judge(baseline.normalize(windowFunctionals(window)));
    if (!verdict.probs) {
      abstained[verdict.abstained!]++;
      return;
    }
    segments.push({ startMs, endMs, label: topLabel(verdict.probs), probs: verdict.probs, weight: speech });
  };

  if (durationMs <= MAX_SINGLE_WINDOW_MS) {
    judgeWindow(frames, 0, frames.length * HOP_MS);
    baseline.add(frames);
  } else {
    const perWindow = Math.round(options.windowMs / HOP_MS);
    const perInterval = Math.round(options.intervalMs / HOP_MS);
    let added = 0;
    for (let end = perInterval; end <= frames.length; end += perInterval) {
      const start = Math.max(0, end - perWindow);
      judgeWindow(frames.slice(start, end), start * HOP_MS, end * HOP_MS);
      baseline.add(frames.slice(added, end));
      added = end;
    }
    baseline.add(frames.slice(added));
  }

  if (segments.length === 0) return { label: null, probs: null, durationMs, speechMs: totalSpeech * HOP_MS, segments: [], abstained };
  const probs: EmotionProbs = { neutral: 0, anger: 0, anxiety: 0, disappointment: 0 };
  const total = segments.reduce((s, g) => s + g.weight, 0);
  for (const g of segments) for (const l of EMOTION_LABELS) probs[l] += (g.probs[l] * g.weight) / total;
  return {
    label: topLabel(probs),
    probs,
    durationMs,
    speechMs: totalSpeech * HOP_MS,
    segments: segments.map(({ weight: _weight, ...s }) => s),
    abstained,
  };
}
