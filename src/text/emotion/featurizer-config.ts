// The shape of the featurizer's shipped configuration and resources (the sidecar's core): hashing
// width, n-gram ranges, the hashed lexicon and the call-center patterns. Training writes it,
// inference reads it, so the two can never featurise differently.

import type { EmotionLabel } from '../../frames/types.js';
import type { CuePatternSpec } from './cue-patterns.js';
import type { PackedLexicon } from './lexicon.js';

export interface FeaturizerConfig {
  /** Feature vector width is 2^hashBits (per language when languageBlocks is set). */
  hashBits: number;
  /** Chinese character n-gram lengths, inclusive. */
  zhCharNgrams: [number, number];
  /** English within-word character n-gram lengths, inclusive; [0, 0] turns them off. */
  enCharNgrams: [number, number];
  /**
   * Hash each language's features with its own seed, so the one weight matrix holds a Chinese and
   * an English model that share nothing (absent: one shared feature space, as models before 1.1).
   */
  perLanguage?: boolean;
  /**
   * Each language has its own 2^hashBits rows of the weight matrix (Chinese first, then English),
   * the first two of them reserved: the language's bias and its in-conversation bias. The two
   * models then share no weight at all, not even by a hash collision, so each can be trained alone
   * and the conversation bias calibrated exactly. Needs perLanguage.
   */
  languageBlocks?: boolean;
  /** Chinese characters after a negator whose n-grams are negation-marked (「不生气」); 0 or absent: none. */
  zhNegationChars?: number;
  /** Weight of the context blocks (the caller's previous turns, the agent's last) against the
   * utterance's own n-grams; 0 or absent: context is not read. */
  contextScale?: number;
}

/** Width of the feature vector: one block of 2^hashBits rows, or one per language (languageBlocks). */
export function featurizerDimension(config: FeaturizerConfig): number {
  return (config.languageBlocks === true ? 2 : 1) * 2 ** config.hashBits;
}

export interface FeaturizerResources {
  config: FeaturizerConfig;
  lexicon: PackedLexicon;
  /** For each lexicon category, which of our labels it speaks for (null: none, e.g. joy). */
  categoryLabels: Array<EmotionLabel | null>;
  patterns: CuePatternSpec[];
  /** Packed per-bucket idf (see idf.ts); absent: n-grams weighted by count alone. */
  idf?: string;
}

export const DEFAULT_FEATURIZER_CONFIG: FeaturizerConfig = {
  hashBits: 17,
  zhCharNgrams: [1, 3],
  enCharNgrams: [3, 5],
  perLanguage: true,
  languageBlocks: true,
  contextScale: 0.5,
  zhNegationChars: 3,
};
