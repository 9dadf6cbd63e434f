// The closed set of frames that flow through one call's pipeline, and the events it emits.
// Every frame carries callId, track and tsMs (media time since the call's start) and
// arrivalMs (monotonic clock when the newest input it reflects reached the server),
// from which every emitted event derives its latencyMs.

import type { ProsodySummary } from '../features/types.js';

export type Track = 'caller' | 'agent';
export type AudioEncoding = 'pcm16le' | 'mulaw' | 'alaw';
export type EmotionLabel = 'neutral' | 'anger' | 'anxiety' | 'disappointment';
export const EMOTION_LABELS: readonly EmotionLabel[] = ['neutral', 'anger', 'anxiety', 'disappointment'];
export type EmotionProbs = Record<EmotionLabel, number>;

export interface TrackSpec {
  track: Track;
  encoding: AudioEncoding;
  sampleRateHz: number;
}

interface FrameBase {
  callId: string;
  tsMs: number;
  arrivalMs: number;
}

/** Encoded bytes as a bridge sent them, before decoding. */
export interface RawAudioFrame extends FrameBase {
  kind: 'raw-audio';
  track: Track;
  encoding: AudioEncoding;
  sampleRateHz: number;
  bytes: Uint8Array;
}

/** Linear samples in [-1, 1] at sampleRateHz. */
export interface PcmFrame extends FrameBase {
  kind: 'pcm';
  track: Track;
  sampleRateHz: number;
  /** Valid until the track's next frame is decoded (pipeline/decode.ts): a reader that keeps samples copies them. */
  samples: Float32Array;
}

export interface TranscriptFrame extends FrameBase {
  kind: 'transcript';
  track: Track;
  text: string;
  isFinal: boolean;
  startMs: number;
  endMs: number;
}

export interface StopFrame extends FrameBase {
  kind: 'stop';
  track?: undefined;
  reason: string;
}

export type InputFrame = RawAudioFrame | TranscriptFrame | StopFrame;

/** A rolling window of one track's speech, measured. */
export interface ProsodyWindow {
  callId: string;
  track: Track;
  /** Media time of the window's end. */
  tsMs: number;
  arrivalMs: number;
  durationMs: number;
  summary: ProsodySummary;
  /** Baseline-normalised functionals, the model's input (empty before the baseline exists). */
  features: Float32Array;
}

export type { ProsodySummary };

/** Analysed 10 ms hops of one track, as one batch per incoming audio message. */
export interface FeatureBatch {
  kind: 'features';
  callId: string;
  track: Track;
  /** Media time of the first frame in the batch. */
  tsMs: number;
  arrivalMs: number;
  /**
   * The message's frames (indices 0 .. length − 1), lent: the analyzer writes the next message's
   * frames into the same columns, so a reader copies what it keeps during the emission.
   */
  frames: import('../features/frame-columns.js').FrameColumns;
}

/** A window with the model's verdict (null when no model is loaded or the baseline is too young). */
export interface ClassifiedWindow extends ProsodyWindow {
  probs: EmotionProbs | null;
  /** The version of the model that gave probs. */
  model?: string;
}

/** A transcript after personal data was replaced: nothing downstream ever sees the raw text. */
export interface RedactedTranscript extends TranscriptFrame {
  /** Kinds of personal data replaced in this utterance (card, cn-id, password…). */
  redacted: string[];
  /** True when this re-issues an earlier final whose number was completed by the next utterance. */
  corrected?: boolean;
}

/** The text model's verdict on one caller utterance. */
export interface TextEvidence {
  kind: 'text-emotion';
  callId: string;
  tsMs: number;
  arrivalMs: number;
  probs: EmotionProbs;
  cues: string[];
  isFinal: boolean;
  /** The (redacted) utterance judged. */
  text: string;
  /** The version of the model that judged it. */
  model?: string;
  /**
   * The target emotion of an unequivocal phrase in the utterance ("I want to make a complaint",
   * 「我的卡被盗刷了」) that the model agrees with; null when there is none. Set on partials too:
   * fusion may act on it at once instead of waiting for the final.
   */
  strong: EmotionLabel | null;
  /** The strong phrase names the feeling ("I'm furious", 「我很生气」); absent: it does not. */
  named?: boolean;
}
