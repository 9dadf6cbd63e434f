import { describe, expect, it } from 'vitest';
import { predictMlp, trainMlp, type MlpOptions } from '../../src/training/mlp.js';
import { createRng } from '../../src/training/rng.js';

const OPTIONS: MlpOptions = { hidden: 16, epochs: 40, learningRate: 0.01, batchSize: 16, l2: 1e-4, inputNoise: 0, seed: 2 };

function rings(n: number, seed: number): { x: Float32Array[]; y: number[] } {
  const rng = createRng(seed);
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const r = cls === 0 ? rng.uniform(0, 1) : rng.uniform(2, 3);
    const a = rng.uniform(0, 2 * Math.PI);
    x.push(Float32Array.from([r * Math.cos(a) + 100, r * Math.sin(a) * 1000]));
    y.push(cls);
  }
  return { x, y };
}

const accuracy = (model: ReturnType<typeof trainMlp>, set: { x: Float32Array[]; y: number[] }): number =>
  set.x.filter((row, i) => {
    const p = predictMlp(model, row);
    return (p[1] > p[0] ? 1 : 0) === set.y[i];
  }).length / set.x.length;

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
