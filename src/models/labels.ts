// A model's logits → callcue's four probabilities: softmax over the model's own labels, each added to
// the callcue label callcue.json maps it to (several model labels may share one; non-target counts
// as neutral), then the per-class calibration from the eval (calibration.ts).

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';
import type { CallcueTarget } from './layout.js';

export type ClassWeights = Record<Exclude<EmotionLabel, 'neutral'>, number>;
export const UNIT_WEIGHTS: ClassWeights = { anger: 1, anxiety: 1, disappointment: 1 };

export function mapLogits(logits: Float32Array, offset: number, targets: readonly CallcueTarget[], weights: ClassWeights = UNIT_WEIGHTS): EmotionProbs {
  let max = -Infinity;
  for (let k = 0; k < targets.length; k++) max = Math.max(max, logits[offset + k]!);
  let sum = 0;
  for (let k = 0; k < targets.length; k++) sum += Math.exp(logits[offset + k]! - max);
  const probs: EmotionProbs = { neutral: 0, anger: 0, anxiety: 0, disappointment: 0 };
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    probs[t === 'non-target' ? 'neutral' : t] += Math.exp(logits[offset + k]! - max) / sum;
  }
  // A class the model is less often right about carries less of its weight; the rest is neutral.
  for (const l of EMOTION_LABELS) {
    if (l === 'neutral') continue;
    const kept = probs[l] * weights[l];
    probs.neutral += probs[l] - kept;
    probs[l] = kept;
  }
  return probs;
}
