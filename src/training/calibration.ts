// Calibration of the voice model's probabilities: one temperature fitted on speakers the model
// did not train on (never on the speakers it is scored on), and the scores that say how far a
// stated probability can be trusted — expected calibration error and a reliability table.
// The fusion mixes voice with words by these numbers, so "0.8 anger" should be right about
// 80 % of the time on speech like the training data.

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';

/** Softmax of logits / temperature, folded to the product's labels by `fold` (class index → label index). */
export function temperedProbs(logits: ArrayLike<number>, temperature: number, fold: readonly number[]): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) max = Math.max(max, logits[c]! / temperature);
  const p = new Float64Array(EMOTION_LABELS.length);
  let sum = 0;
  const e = new Float64Array(logits.length);
  for (let c = 0; c < logits.length; c++) {
    e[c] = Math.exp(logits[c]! / temperature - max);
    sum += e[c]!;
  }
  for (let c = 0; c < logits.length; c++) p[fold[c]!] += e[c]! / sum;
  return p;
}

function negativeLogLikelihood(logits: readonly ArrayLike<number>[], truth: readonly number[], temperature: number, fold: readonly number[]): number {
  let nll = 0;
  logits.forEach((l, i) => (nll -= Math.log(Math.max(1e-12, temperedProbs(l, temperature, fold)[truth[i]!]!))));
  return nll / Math.max(1, logits.length);
}

/**
 * The temperature that minimises the negative log-likelihood of the folded probabilities
 * (golden-section search on log T in [1/8, 8]). truth holds label indices (EMOTION_LABELS).
 */
export function fitTemperature(logits: readonly ArrayLike<number>[], truth: readonly number[], fold: readonly number[]): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(1 / 8);
  let hi = Math.log(8);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = negativeLogLikelihood(logits, truth, Math.exp(a), fold);
  let fb = negativeLogLikelihood(logits, truth, Math.exp(b), fold);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = negativeLogLikelihood(logits, truth, Math.exp(a), fold);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = negativeLogLikelihood(logits, truth, Math.exp(b), fold);
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface ReliabilityBin {
  /** Upper edge of the confidence bin. */
  upTo: number;
  count: number;
  /** Mean stated probability of the predicted label. */
  confidence: number;
  /** Share of those windows whose predicted label was right. */
  accuracy: number;
}

export interface Calibration {
  /** Expected calibration error of the top label: Σ (bin share × |accuracy − confidence|). */
  ece: number;
  bins: ReliabilityBin[];
}

const BIN_EDGES = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Top-label calibration over the product's four labels (non-target truth counts as neutral). */
export function calibrationOf(probs: readonly EmotionProbs[], truth: readonly EmotionLabel[]): Calibration {
  const stats = BIN_EDGES.map((upTo) => ({ upTo, count: 0, conf: 0, right: 0 }));
  probs.forEach((p, i) => {
    let best: EmotionLabel = 'neutral';
    for (const l of EMOTION_LABELS) if (p[l] > p[best]) best = l;
    const bin = stats.find((s) => p[best] <= s.upTo) ?? stats.at(-1)!;
    bin.count++;
    bin.conf += p[best];
    if (best === truth[i]) bin.right++;
  });
  const n = Math.max(1, probs.length);
  let ece = 0;
  const bins = stats.map((s) => {
    const confidence = s.count > 0 ? s.conf / s.count : Number.NaN;
    const accuracy = s.count > 0 ? s.right / s.count : Number.NaN;
    if (s.count > 0) ece += (s.count / n) * Math.abs(accuracy - confidence);
    return { upTo: s.upTo, count: s.count, confidence, accuracy };
  });
  return { ece, bins };
}
