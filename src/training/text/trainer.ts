// Multinomial logistic regression on hashed sparse features, trained single-threaded with AdaGrad
// and a seeded example order: small, fast (a couple of minutes for ~100k utterances) and exactly
// reproducible, which a bank retraining on its own calls needs more than a few points of accuracy.

import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import type { Featurizer } from '../../text/emotion/featurizer.js';
import type { Example } from './example.js';
import { seededRandom, shuffle } from './random.js';

export const CLASS_COUNT = EMOTION_LABELS.length;

/** Featurised examples in compressed-sparse-row form. */
export interface SparseSet {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  labels: Uint8Array;
  weights: Float32Array;
  size: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Average the weights at the end of the last N epochs (1 = no averaging): steadier than the last step. */
  averageEpochs: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 8, learningRate: 0.08, l2: 2e-6, seed: 20240611, averageEpochs: 1 };

export interface LinearWeights {
  /** [dimension × classes], row-major: W[feature * classes + class], as the ONNX Gemm's B. */
  weights: Float32Array;
  bias: Float32Array;
  dimension: number;
}

export function labelIndex(label: EmotionLabel): number {
  return EMOTION_LABELS.indexOf(label);
}

/** Featurise examples that have a training label; weightOf gives each example's loss weight. */
export function toSparseSet(featurizer: Featurizer, examples: readonly Example[], weightOf: (e: Example) => number): SparseSet {
  const kept = examples.filter((e) => e.label !== null);
  const offsets = new Int32Array(kept.length + 1);
  let indices = new Int32Array(1 << 20);
  let values = new Float32Array(1 << 20);
  let used = 0;
  const labels = new Uint8Array(kept.length);
  const weights = new Float32Array(kept.length);
  kept.forEach((example, i) => {
    featurizer.featurize(example.text, example.language);
    const sink = featurizer.sink;
    if (used + sink.length > indices.length) {
      const size = Math.max(indices.length * 2, used + sink.length);
      const grownIndices = new Int32Array(size);
      grownIndices.set(indices.subarray(0, used));
      const grownValues = new Float32Array(size);
      grownValues.set(values.subarray(0, used));
      indices = grownIndices;
      values = grownValues;
    }
    indices.set(sink.indices.subarray(0, sink.length), used);
    values.set(sink.values.subarray(0, sink.length), used);
    used += sink.length;
    offsets[i + 1] = used;
    labels[i] = labelIndex(example.label as EmotionLabel);
    weights[i] = weightOf(example);
  });
  return { offsets, indices: indices.slice(0, used), values: values.slice(0, used), labels, weights, size: kept.length };
}

function logitsInto(model: LinearWeights, set: SparseSet, row: number, out: Float64Array): void {
  for (let k = 0; k < CLASS_COUNT; k += 1) out[k] = model.bias[k];
  for (let j = set.offsets[row]; j < set.offsets[row + 1]; j += 1) {
    const base = set.indices[j] * CLASS_COUNT;
    const v = set.values[j];
    for (let k = 0; k < CLASS_COUNT; k += 1) out[k] += v * model.weights[base + k];
  }
}

export function softmaxInPlace(scores: Float64Array | Float32Array): void {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k += 1) max = Math.max(max, scores[k]);
  let sum = 0;
  for (let k = 0; k < scores.length; k += 1) {
    scores[k] = Math.exp(scores[k] - max);
    sum += scores[k];
  }
  for (let k = 0; k < scores.length; k += 1) scores[k] /= sum;
}

export function trainLinear(set: SparseSet, dimension: number, options: TrainOptions, log: (line: string) => void = () => {}): LinearWeights {
  const model: LinearWeights = { weights: new Float32Array(dimension * CLASS_COUNT), bias: new Float32Array(CLASS_COUNT), dimension };
  const squared = new Float32Array(dimension * CLASS_COUNT);
  const biasSquared = new Float64Array(CLASS_COUNT);
  const probs = new Float64Array(CLASS_COUNT);
  const grad = new Float64Array(CLASS_COUNT);
  const order = Array.from({ length: set.size }, (_, i) => i);
  const random = seededRandom(options.seed);
  const { learningRate: rate, l2 } = options;
  const averaged = Math.max(1, Math.min(options.averageEpochs, options.epochs));
  const sumWeights = new Float32Array(averaged > 1 ? model.weights.length : 0);
  const sumBias = new Float64Array(CLASS_COUNT);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(random, order);
    let loss = 0;
    for (const row of order) {
      logitsInto(model, set, row, probs);
      softmaxInPlace(probs);
      const label = set.labels[row];
      const weight = set.weights[row];
      loss -= weight * Math.log(Math.max(probs[label], 1e-12));
      for (let k = 0; k < CLASS_COUNT; k += 1) grad[k] = weight * (probs[k] - (k === label ? 1 : 0));
      for (let k = 0; k < CLASS_COUNT; k += 1) {
        biasSquared[k] += grad[k] * grad[k];
        model.bias[k] -= (rate * grad[k]) / (Math.sqrt(biasSquared[k]) + 1e-8);
      }
      for (let j = set.offsets[row]; j < set.offsets[row + 1]; j += 1) {
        const base = set.indices[j] * CLASS_COUNT;
        const v = set.values[j];
        for (let k = 0; k < CLASS_COUNT; k += 1) {
          const at = base + k;
          const g = grad[k] * v + l2 * model.weights[at];
          squared[at] += g * g;
          model.weights[at] -= (rate * g) / (Math.sqrt(squared[at]) + 1e-8);
        }
      }
    }
    log(`epoch ${epoch + 1}/${options.epochs}: weighted loss ${(loss / set.size).toFixed(4)}`);
    if (epoch >= options.epochs - averaged) {
      for (let i = 0; i < sumWeights.length; i += 1) sumWeights[i] += model.weights[i];
      for (let k = 0; k < CLASS_COUNT; k += 1) sumBias[k] += model.bias[k];
    }
  }
  if (averaged <= 1) return model;
  for (let i = 0; i < sumWeights.length; i += 1) model.weights[i] = sumWeights[i] / averaged;
  for (let k = 0; k < CLASS_COUNT; k += 1) model.bias[k] = sumBias[k] / averaged;
  return model;
}

/** Class-balancing weights per language: (n / (classes × n_c))^power, so rare classes count more. */
export function classWeights(examples: readonly Example[], power: number): (e: Example) => number {
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  const family = (e: Example) => e.language.slice(0, 2);
  for (const e of examples) {
    if (e.label === null) continue;
    counts.set(`${family(e)}:${e.label}`, (counts.get(`${family(e)}:${e.label}`) ?? 0) + 1);
    totals.set(family(e), (totals.get(family(e)) ?? 0) + 1);
  }
  return (e) => {
    if (e.label === null) return 0;
    const n = totals.get(family(e)) ?? 1;
    const nc = counts.get(`${family(e)}:${e.label}`) ?? 1;
    return Math.min(5, Math.max(0.2, (n / (CLASS_COUNT * nc)) ** power));
  };
}
