import { describe, expect, it } from 'vitest';
import { calibrationOf, fitTemperature, temperedProbs } from '../../src/training/calibration.js';
import { createRng } from '../../src/training/rng.js';
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../../src/frames/types.js';

const FOLD = [0, 1, 2, 3, 0]; // five training classes, "other" folds into neutral

/** Logits whose true labels are drawn from softmax(logits / trueT): a model overconfident by trueT. */
function sample(trueT: number, n: number, seed: number): { logits: number[][]; truth: number[] } {
  const rng = createRng(seed);
  const logits: number[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = Array.from({ length: 5 }, () => rng.gaussian() * 3);
    const p = temperedProbs(l, trueT, FOLD);
    let u = rng.next();
    let label = 0;
    while (label < 3 && u >= p[label]!) u -= p[label++]!;
    logits.push(l);
    truth.push(label);
  }
  return { logits, truth };
}

describe('fitTemperature', () => {
  it('recovers the temperature that makes the stated probabilities right', () => {
    for (const trueT of [0.7, 1, 2.5]) {
      const { logits, truth } = sample(trueT, 4000, 3);
      expect(fitTemperature(logits, truth, FOLD)).toBeCloseTo(trueT, 0);
    }
  });

  it('is 1 without data', () => {
    expect(fitTemperature([], [], FOLD)).toBe(1);
  });
});

describe('calibrationOf', () => {
  it('finds a calibrated model calibrated and an overconfident one not', () => {
    const { logits, truth } = sample(2, 4000, 5);
    const labels = truth.map((t) => EMOTION_LABELS[t]! as EmotionLabel);
    const asProbs = (t: number): EmotionProbs[] =>
      logits.map((l) => {
        const p = temperedProbs(l, t, FOLD);
        return { neutral: p[0]!, anger: p[1]!, anxiety: p[2]!, disappointment: p[3]! };
      });
    const right = calibrationOf(asProbs(2), labels);
    const overconfident = calibrationOf(asProbs(1), labels);
    expect(right.ece).toBeLessThan(0.03);
    expect(overconfident.ece).toBeGreaterThan(right.ece + 0.05);
    expect(right.bins.reduce((n, b) => n + b.count, 0)).toBe(4000);
  });
});
