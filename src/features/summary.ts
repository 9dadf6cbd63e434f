// The human-readable evidence behind a state: what was measured in the window and how it
// compares with the speaker's own baseline. Loudness is the power mean of speech frames (see
// functionals.ts). Relative values are 0 until a baseline exists, so
// the agent's screen never shows a change measured against nothing.

import type { SpeakerBaseline } from './baseline.js';
import { functionalIndex, windowFunctionals } from './functionals.js';
import type { FrameFeatures, ProsodySummary } from './types.js';

const PITCH_MEDIAN = functionalIndex('pitch_st_p50');
const PITCH_RANGE = functionalIndex('pitch_st_range');
const LOUDNESS_MEAN = functionalIndex('loudness_db_mean');
const SYLLABLE_RATE = functionalIndex('syllables_per_s');
const VOICING = functionalIndex('voicing_ratio');
const SPEECH_RATIO = functionalIndex('speech_ratio');
/** Baseline ranges and rates below these are too small to divide by. */
const MIN_RANGE_ST = 0.5;
const MIN_RATE_SYL_PER_S = 0.5;

const stToHz = (st: number): number => 100 * 2 ** (st / 12);
const pct = (value: number, reference: number): number => (value / reference - 1) * 100;

export function summarizeProsody(frames: readonly FrameFeatures[], baseline: SpeakerBaseline): ProsodySummary {
  return summarizeFunctionals(windowFunctionals(frames), baseline);
}

/** The same from a window's functionals already computed (the live window computes them once for both). */
export function summarizeFunctionals(f: Float32Array, baseline: SpeakerBaseline): ProsodySummary {
  return summarizeAgainst(f, baseline.summaryReference(), baseline.speechMs);
}

/**
 * The evidence of a window's functionals against a baseline's reference (null before there is
 * one) holding baselineSpeechMs of speech. Reads only the summary's slots of either (functionals.ts
 * SUMMARY_FUNCTIONALS), so a window no model judges needs only those computed.
 */
export function summarizeAgainst(f: Float32Array, ref: Float32Array | null, baselineSpeechMs: number): ProsodySummary {
  const voiced = f[VOICING] > 0 && f[SPEECH_RATIO] > 0;
  const hasSpeech = f[SPEECH_RATIO] > 0;
  const refVoiced = ref !== null && ref[VOICING] > 0;
  const pitchHz = voiced ? stToHz(f[PITCH_MEDIAN]) : 0;
  return {
    loudnessDb: hasSpeech ? f[LOUDNESS_MEAN] : 0,
    loudnessRelDb: ref && hasSpeech ? f[LOUDNESS_MEAN] - ref[LOUDNESS_MEAN] : 0,
    pitchHz,
    pitchRelPct: refVoiced && voiced ? pct(pitchHz, stToHz(ref[PITCH_MEDIAN])) : 0,
    pitchRangeSemitones: voiced ? f[PITCH_RANGE] : 0,
    pitchRangeRelPct:
      refVoiced && voiced && ref[PITCH_RANGE] >= MIN_RANGE_ST ? pct(f[PITCH_RANGE], ref[PITCH_RANGE]) : 0,
    speakingRateSylPerS: f[SYLLABLE_RATE],
    // A window without a single syllable holds no speech to time (a line's hiss the VAD let through,
    // a pause): "−100 %" would call silence slow speech.
    speakingRateRelPct:
      ref && hasSpeech && f[SYLLABLE_RATE] > 0 && ref[SYLLABLE_RATE] >= MIN_RATE_SYL_PER_S ? pct(f[SYLLABLE_RATE], ref[SYLLABLE_RATE]) : 0,
    voiceActivity: f[SPEECH_RATIO],
    baselineSpeechS: baselineSpeechMs / 1000,
  };
}
