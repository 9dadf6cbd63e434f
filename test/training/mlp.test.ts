import { describe, expect, it } from 'vitest';
import { predictMlp, trainMlp, type MlpOptions } from '../../src/training/mlp.js';
import { accuracy as accuracyOf, rings as ringSet, type RingSet } from './rings.js';

const OPTIONS: MlpOptions = { hidden: 16, epochs: 40, learningRate: 0.01, batchSize: 16, l2: 1e-4, inputNoise: 0, seed: 2 };

/** Offset and stretched axes: the model must standardise what it is given. */
const rings = (n: number, seed: number): RingSet => ringSet(n, seed, { offsetX: 100, scaleY: 1000 });
const accuracy = (model: ReturnType<typeof trainMlp>, set: RingSet): number => accuracyOf((row) => predictMlp(model, row), set);

describe('trainMlp', () => {
  it('learns a non-linear boundary on badly scaled inputs (standardisation inside the model)', () => {
    const train = rings(400, 1);
    const model = trainMlp({ ...train, weight: train.y.map(() => 1) }, 2, OPTIONS);
    expect(accuracy(model, rings(200, 9))).toBeGreaterThan(0.95);
  });

  it('cannot learn rings without a hidden layer (so the hidden layer is really used)', () => {
    const train = rings(400, 1);
    const linear = trainMlp({ ...train, weight: train.y.map(() => 1) }, 2, { ...OPTIONS, hidden: 0 });
    expect(accuracy(linear, rings(200, 9))).toBeLessThan(0.8);
  });

  it('is deterministic for a seed', () => {
    const train = rings(100, 4);
    const a = trainMlp({ ...train, weight: train.y.map(() => 1) }, 2, { ...OPTIONS, epochs: 3 });
    const b = trainMlp({ ...train, weight: train.y.map(() => 1) }, 2, { ...OPTIONS, epochs: 3 });
    expect(Array.from(a.w2)).toEqual(Array.from(b.w2));
  });

  it('returns probabilities that sum to one', () => {
    const train = rings(60, 5);
    const model = trainMlp({ ...train, weight: train.y.map(() => 1) }, 2, { ...OPTIONS, epochs: 2 });
    const p = predictMlp(model, train.x[0]);
    expect(p[0] + p[1]).toBeCloseTo(1, 10);
  });
});
