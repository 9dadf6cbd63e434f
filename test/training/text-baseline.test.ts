// The optimiser and the TF-IDF + logistic-regression baseline on data made here: L-BFGS
// finds a known minimum; the softmax objective's gradient matches finite differences; the baseline
// learns our synthetic call-center utterances under both protocols.
import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../src/training/text/lbfgs.js';
import { syntheticCallCenterExamples } from '../../src/training/text/synthetic.js';
import { trainBaseline } from '../../src/training/text/tfidf-baseline.js';
import { softmaxObjective, type SparseSet } from '../../src/training/text/trainer.js';
import { heldOutExamples } from '../../src/training/text/evaluate.js';
import { scoreDataset } from '../../src/training/text/metrics.js';

describe('L-BFGS', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const scale = [1, 10, 100, 1000];
    const centre = [3, -2, 0.5, 7];
    const x = new Float64Array(4);
    const result = minimizeLbfgs((point, grad) => {
      let value = 0;
      for (let i = 0; i < 4; i += 1) {
        const d = point[i] - centre[i];
        value += 0.5 * scale[i] * d * d;
        grad[i] = scale[i] * d;
      }
      return value;
    }, x, { maxIterations: 200, memory: 5, relativeTolerance: 1e-14 });
    expect(result.value).toBeLessThan(1e-8);
    for (let i = 0; i < 4; i += 1) expect(x[i]).toBeCloseTo(centre[i], 4);
  });
});

describe('softmax objective', () => {
  it('has the gradient its finite differences say', () => {
    const set: SparseSet = {
      offsets: Int32Array.from([0, 2, 3, 5]),
      indices: Int32Array.from([0, 2, 1, 0, 1]),
      values: Float32Array.from([1, 0.5, 2, -1, 0.25]),
      labels: Uint8Array.from([0, 3, 2]),
      weights: Float32Array.from([1, 2, 0.5]),
      size: 3,
    };
    const objective = softmaxObjective(set, 3, 0.1);
    const x = Float64Array.from({ length: 16 }, (_, i) => Math.sin(i + 1) * 0.3);
    const grad = new Float64Array(16);
    objective(x, grad);
    const scratch = new Float64Array(16);
    for (let i = 0; i < 16; i += 1) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[i] += 1e-6;
      minus[i] -= 1e-6;
      const numeric = (objective(plus, scratch) - objective(minus, scratch)) / 2e-6;
      expect(grad[i]).toBeCloseTo(numeric, 6);
    }
  });
});

describe('TF-IDF + logistic-regression baseline', () => {
  it('learns the synthetic call-center utterances and generalises to the held-out ones in both protocols', () => {
    const train = syntheticCallCenterExamples(11, 6);
    for (const protocol of ['target', 'all-rows'] as const) {
      const predict = trainBaseline(train, protocol);
      const fit = scoreDataset('train', train, predict);
      expect(fit.macroF1).toBeGreaterThan(0.9);
      for (const language of ['en', 'zh'] as const) {
        // Chance is 0.25; the point is that words, not noise, were learnt.
        expect(scoreDataset('held-out', heldOutExamples(language), predict).macroF1).toBeGreaterThan(0.5);
      }
    }
  });
});
