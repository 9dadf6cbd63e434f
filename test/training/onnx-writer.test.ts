import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { encodeOnnxModel } from '../../src/training/onnx-writer.js';
import { prosodyModelToOnnx } from '../../src/training/prosody-onnx.js';
import { predictMlp, trainMlp } from '../../src/training/mlp.js';
import { TRAINING_CLASSES } from '../../src/training/manifest.js';
import { foldProbs } from '../../src/training/trainer.js';
import { createRng } from '../../src/training/rng.js';

describe('encodeOnnxModel', () => {
  it('round-trips a tiny Gemm + Relu graph through onnxruntime with known numbers', async () => {
    const bytes = encodeOnnxModel({
      name: 'tiny',
      inputs: [{ name: 'x', dims: ['N', 2] }],
      outputs: [{ name: 'y', dims: ['N', 3] }],
      initializers: [
        { name: 'w', dims: [3, 2], data: Float32Array.from([1, 2, -1, 0, 0.5, 0.5]) },
        { name: 'b', dims: [3], data: Float32Array.from([0, 1, -10]) },
      ],
      nodes: [
        { op: 'Gemm', inputs: ['x', 'w', 'b'], outputs: ['lin'], attributes: { transB: { int: 1 } } },
        { op: 'Relu', inputs: ['lin'], outputs: ['y'] },
      ],
      metadata: { version: 'tiny-1' },
    });
    const session = await ort.InferenceSession.create(bytes);
    const x = new ort.Tensor('float32', Float32Array.from([3, 4, -2, 1]), [2, 2]);
    const y = (await session.run({ x })).y;
    expect(y.dims).toEqual([2, 3]);
    // Row 1: [3+8, -3+1, 3.5-10] → relu → [11, 0, 0]; row 2: [-2+2, 2+1, -0.5-10] → [0, 3, 0].
    expect(Array.from(y.data as Float32Array)).toEqual([11, 0, 0, 0, 3, 0]);
  });
});

describe('prosodyModelToOnnx', () => {
  it('computes in onnxruntime what the TypeScript model computes, folded to four classes', async () => {
    const rng = createRng(3);
    const x = Array.from({ length: 200 }, () => Float32Array.from({ length: 6 }, () => rng.gaussian() * 3 + 1));
    const y = x.map((row) => (row[0] > 1 ? (row[1] > 1 ? 1 : 2) : row[2] > 1 ? 3 : row[3] > 1 ? 4 : 0));
    const model = trainMlp({ x, y, weight: y.map(() => 1) }, 5, {
      hidden: 8,
      epochs: 20,
      learningRate: 0.01,
      batchSize: 16,
      l2: 0,
      inputNoise: 0,
      seed: 1,
    });
    const session = await ort.InferenceSession.create(prosodyModelToOnnx(model, TRAINING_CLASSES, { version: 't' }));
    const batch = new Float32Array(x.slice(0, 5).flatMap((r) => Array.from(r)));
    const out = (await session.run({ features: new ort.Tensor('float32', batch, [5, 6]) })).probs.data as Float32Array;
    for (let i = 0; i < 5; i++) {
      const expected = foldProbs(TRAINING_CLASSES, predictMlp(model, x[i]));
      const got = out.subarray(i * 4, i * 4 + 4);
      expect(got[0]).toBeCloseTo(expected.neutral, 5);
      expect(got[1]).toBeCloseTo(expected.anger, 5);
      expect(got[2]).toBeCloseTo(expected.anxiety, 5);
      expect(got[3]).toBeCloseTo(expected.disappointment, 5);
      expect(got.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    }
  });
});
