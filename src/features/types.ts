// The contract between the DSP code and everything that consumes it (live pipeline, training,
// offline classification). One definition so training and live inference cannot drift.

/** Every audio path resamples to this rate first: the telephone band the models are trained on. */
export const INTERNAL_RATE_HZ = 8000;
/** Analysis frame: 256 samples = 32 ms at 8 kHz (a power of two, as meyda requires). */
export const FRAME_SIZE_SAMPLES = 256;
/** Hop between analysis frames: 80 samples = 10 ms. */
export const HOP_SIZE_SAMPLES = 80;
export const HOP_MS = (HOP_SIZE_SAMPLES / INTERNAL_RATE_HZ) * 1000;
export const MFCC_COUNT = 13;

/** Features of one 32 ms analysis frame. */
export interface FrameFeatures {
  /** Frame energy in dBFS (−100 for digital silence). */
  rmsDb: number;
  /** Fundamental frequency in Hz, 0 when the frame is unvoiced. */
  pitchHz: number;
  /**
   * 10^(rmsDb / 10), the frame's power as the loudness functionals average it, and the pitch in
   * semitones re 100 Hz (0 when unvoiced): computed once per frame rather than in every window and
   * baseline stretch the frame is part of (a frame is in a dozen windows).
   */
  power: number;
  pitchSt: number;
  /** Whether the voice-activity detector judged this frame to be speech. */
  isSpeech: boolean;
  zcr: number;
  spectralCentroidHz: number;
  spectralFlatness: number;
  spectralRolloffHz: number;
  spectralFlux: number;
  mfcc: Float32Array;
}

/** What the agent's screen shows as the evidence behind a state: measured, not inferred. */
export interface ProsodySummary {
  /** Mean loudness of speech frames in the window, dBFS. */
  loudnessDb: number;
  /** Loudness relative to the speaker's baseline so far, dB (positive = louder). */
  loudnessRelDb: number;
  /** Median pitch of voiced frames in the window, Hz (0 when nothing was voiced). */
  pitchHz: number;
  /** Pitch relative to the speaker's baseline, percent (+40 = 40 % higher). */
  pitchRelPct: number;
  /** Pitch range (10th–90th percentile) in semitones. */
  pitchRangeSemitones: number;
  /** Pitch range relative to the baseline range, percent. */
  pitchRangeRelPct: number;
  /** Estimated syllables per second during speech. */
  speakingRateSylPerS: number;
  /** Speaking rate relative to the baseline, percent. */
  speakingRateRelPct: number;
  /** Share of frames in the window that were speech, 0..1. */
  voiceActivity: number;
  /** Seconds of this speaker's speech the baseline is built on so far. */
  baselineSpeechS: number;
}
