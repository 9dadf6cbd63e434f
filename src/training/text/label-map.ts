// How each public corpus's labels map onto our four classes. The target mappings follow the data
// README; every other label is either "benign" (a pleasant or curious state that must never raise
// an alert, so it trains the model towards neutral) or "other" (negative or mixed states close to
// ours — disgust, disapproval, remorse, surprise — which would teach the model that hostile or
// shocked words are neutral if trained as such, and are not ours to predict: left out of training
// and of macro-F1, and reported as a false-alarm rate).

import type { EmotionLabel } from '../../frames/types.js';
import type { LabelKind } from './example.js';

export interface MappedLabel {
  kind: LabelKind;
  label: EmotionLabel | null;
  /** Every row's class under the all-rows protocol (see Example.allRowsLabel). */
  allRowsLabel: EmotionLabel;
}

/** Which target class wins the all-rows label when a row's labels map to several. */
const ALL_ROWS_PRIORITY: readonly EmotionLabel[] = ['anger', 'anxiety', 'disappointment'];

type Mapping = Record<string, EmotionLabel | 'benign' | 'other'>;

export const GOEMOTIONS_MAPPING: Mapping = {
  anger: 'anger', annoyance: 'anger',
  fear: 'anxiety', nervousness: 'anxiety',
  sadness: 'disappointment', disappointment: 'disappointment', grief: 'disappointment',
  neutral: 'neutral',
  admiration: 'benign', amusement: 'benign', approval: 'benign', caring: 'benign', confusion: 'benign',
  curiosity: 'benign', desire: 'benign', excitement: 'benign', gratitude: 'benign', joy: 'benign',
  love: 'benign', optimism: 'benign', pride: 'benign', realization: 'benign', relief: 'benign',
  disapproval: 'other', disgust: 'other', embarrassment: 'other', remorse: 'other', surprise: 'other',
};

export const SMP2020_MAPPING: Mapping = {
  angry: 'anger', fear: 'anxiety', sad: 'disappointment', neutral: 'neutral',
  happy: 'benign',
  // Weibo "surprise" is as often shock at bad news as delight: not safe to call neutral.
  surprise: 'other',
};

export const NLPCC2013_MAPPING: Mapping = {
  anger: 'anger', fear: 'anxiety', sadness: 'disappointment', none: 'neutral',
  like: 'benign', happiness: 'benign',
  disgust: 'other', surprise: 'other',
};

/**
 * CPED (spoken dialogue): worried and fear are anxiety; depress (low, dejected) and sadness are
 * disappointment — what a caller let down by the bank sounds like. Positive states are benign;
 * negative-other, astonished and disgust are close to ours but none of them, so "other".
 */
export const CPED_MAPPING: Mapping = {
  anger: 'anger', worried: 'anxiety', fear: 'anxiety', depress: 'disappointment', sadness: 'disappointment', neutral: 'neutral',
  happy: 'benign', relaxed: 'benign', 'positive-other': 'benign', grateful: 'benign',
  'negative-other': 'other', astonished: 'other', disgust: 'other',
};

/**
 * Map one row's label set. Target labels decide when they agree on one class (extra benign or
 * other labels on the same row are ignored); target labels that disagree make the row "other".
 */
export function mapLabels(labels: readonly string[], mapping: Mapping): MappedLabel {
  const targets = new Set<EmotionLabel>();
  let sawOther = false;
  for (const raw of labels) {
    const mapped = mapping[raw];
    if (mapped === undefined) throw new Error(`unknown corpus label "${raw}"`);
    if (mapped === 'other') sawOther = true;
    else if (mapped !== 'benign') targets.add(mapped);
  }
  const allRowsLabel = ALL_ROWS_PRIORITY.find((l) => targets.has(l)) ?? 'neutral';
  if (targets.size === 1) return { kind: 'target', label: [...targets][0], allRowsLabel };
  if (targets.size > 1 || sawOther) return { kind: 'other', label: null, allRowsLabel };
  return { kind: 'benign', label: 'neutral', allRowsLabel };
}
