// What one training or evaluation run of the voice model produced, as plain data: the settings
// and data it ran on, and its scores. The run (prosody-run.ts) fills it; the model card
// (prosody-card.ts) and the commands only read it.

import type { HeldOutScores } from './crossval.js';
import type { DatasetOptions } from './dataset.js';
import type { ProsodyTrainerOptions } from './trainer.js';
import type { UnfamiliarRow } from './unfamiliar-eval.js';
import type { VoiceTrainerOptions } from './voice-model.js';

export interface TrainingRecord {
  dataset: Omit<DatasetOptions, 'onProgress'>;
  trainer: ProsodyTrainerOptions;
  voice: Omit<VoiceTrainerOptions, 'emotion'>;
  /** Unfamiliar clips per kind the gate trained on. */
  unfamiliarClipsPerKind: number;
  clips: number;
  speakers: number;
  corpora: Record<string, { clips: number; speakers: number }>;
  command: string;
}

export interface ProsodyScores extends HeldOutScores {
  /** The shipped model on sounds unlike its training speech, and on languages it does not know. */
  unfamiliar: UnfamiliarRow[];
}
