import { describe, expect, it } from 'vitest';
import { predictMlp, trainMlp, type MlpOptions } from '../../src/training/mlp.js';
import { mergeMlps, trainMlpEnsemble } from '../../src/training/mlp-ensemble.js';
import { createRng } from '../../src/training/rng.js';

const OPTIONS: MlpOptions = { hidden: 8, epochs: 5, learningRate: 0.01, batchSize: 16, l2: 1e-4, inputNoise: 0.1, seed: 3 };

function blobs(n: number, seed: number): { x: Float32Array[]; y: number[]; weight: number[] } {
  const rng = createRng(seed);
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 3;
    x.push(Float32Array.from([cls + 0.5 * rng.gaussian(), -cls + 0.5 * rng.gaussian(), rng.gaussian()]));
    y.push(cls);
  }
  return { x, y, weight: y.map(() => 1) };
}

const logits = (p: Float64Array): number[] => Array.from(p, (v) => Math.log(v));

describe('mergeMlps', () => {
  it('equals the average of the members’ logits (softmax of the mean)', () => {
    const set = blobs(120, 1);
    const members = [3, 4, 5].map((seed) => trainMlp(set, 3, { ...OPTIONS, seed }));
    const merged = mergeMlps(members);
    expect(merged.hidden).toBe(3 * OPTIONS.hidden);
    for (const row of blobs(10, 9).x) {
      const each = members.map((m) => logits(predictMlp(m, row)));
      const mean = [0, 1, 2].map((c) => each.reduce((s, l) => s + l[c], 0) / each.length);
      const got = logits(predictMlp(merged, row));
      // Log-probabilities equal the mean logits up to one constant per row.
      const shift = got[0] - mean[0];
      for (let c = 1; c < 3; c++) expect(got[c] - mean[c]).toBeCloseTo(shift, 4);
    }
  });

  it('refuses members of different shapes', () => {
    const set = blobs(60, 2);
    const a = trainMlp(set, 3, OPTIONS);
    const b = trainMlp(set, 3, { ...OPTIONS, hidden: 4 });
    expect(() => mergeMlps([a, b])).toThrow(RangeError);
  });

  it('trains a deterministic ensemble that is a single model for count 1', () => {
    const set = blobs(90, 3);
    const one = trainMlpEnsemble(set, 3, OPTIONS, 1);
    expect(Array.from(one.w2)).toEqual(Array.from(trainMlp(set, 3, OPTIONS).w2));
    const a = trainMlpEnsemble(set, 3, OPTIONS, 2);
    const b = trainMlpEnsemble(set, 3, OPTIONS, 2);
    expect(a.hidden).toBe(2 * OPTIONS.hidden);
    expect(Array.from(a.w1)).toEqual(Array.from(b.w1));
  });
});
