// Multinomial logistic regression on sparse features with a real L2 penalty, trained full-batch by
// L-BFGS on one thread: a few minutes for ~100k utterances, and exactly reproducible (no example
// order), which a bank retraining on its own calls needs.

import { EMOTION_LABELS, type EmotionLabel } from '../../frames/types.js';
import type { Featurizer } from '../../text/emotion/featurizer.js';
import type { Example } from './example.js';
import { DEFAULT_LBFGS_OPTIONS, minimizeLbfgs, type Objective } from './lbfgs.js';

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
  /** Seeds the synthetic call-center utterances (the optimiser itself has no randomness). */
  seed: number;
  /** L2 strength λ on W (not b), against the mean weighted loss: objective = Σ wᵢ·CEᵢ / Σ wᵢ + λ/2·‖W‖². */
  l2: number;
  /** L-BFGS iterations at most (it stops earlier when an iteration improves the objective by < 1e-6 of it). */
  maxIterations: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { seed: 20240611, l2: 1e-5, maxIterations: 300 };

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
    featurizer.featurize(example.text, example.language, example.context);
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

/**
 * The objective and its gradient over x = [W (dimension × classes, row-major), b (classes)]:
 * weighted mean cross-entropy plus λ/2·‖W‖², as scikit-learn's LogisticRegression (multinomial,
 * lbfgs) minimises it up to the constant factor C·Σwᵢ.
 */
export function softmaxObjective(set: SparseSet, dimension: number, l2: number): Objective {
  const probs = new Float64Array(CLASS_COUNT);
  let totalWeight = 0;
  for (let i = 0; i < set.size; i += 1) totalWeight += set.weights[i];
  const biasAt = dimension * CLASS_COUNT;
  return (x, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let row = 0; row < set.size; row += 1) {
      const weight = set.weights[row] / totalWeight;
      if (weight === 0) continue;
      for (let k = 0; k < CLASS_COUNT; k += 1) probs[k] = x[biasAt + k];
      const end = set.offsets[row + 1];
      for (let j = set.offsets[row]; j < end; j += 1) {
        const base = set.indices[j] * CLASS_COUNT;
        const v = set.values[j];
        for (let k = 0; k < CLASS_COUNT; k += 1) probs[k] += v * x[base + k];
      }
      softmaxInPlace(probs);
      const label = set.labels[row];
      loss -= weight * Math.log(Math.max(probs[label], 1e-300));
      probs[label] -= 1;
      for (let k = 0; k < CLASS_COUNT; k += 1) probs[k] *= weight;
      for (let k = 0; k < CLASS_COUNT; k += 1) grad[biasAt + k] += probs[k];
      for (let j = set.offsets[row]; j < end; j += 1) {
        const base = set.indices[j] * CLASS_COUNT;
        const v = set.values[j];
        for (let k = 0; k < CLASS_COUNT; k += 1) grad[base + k] += v * probs[k];
      }
    }
    let squares = 0;
    for (let i = 0; i < biasAt; i += 1) {
      squares += x[i] * x[i];
      grad[i] += l2 * x[i];
    }
    return loss + 0.5 * l2 * squares;
  };
}

/** L2-regularised multinomial logistic regression, full batch (deterministic: no example order). */
export function trainLinear(
  set: SparseSet,
  dimension: number,
  options: Pick<TrainOptions, 'l2' | 'maxIterations'>,
  log: (line: string) => void = () => {},
): LinearWeights & { iterations: number; converged: boolean } {
  const x = new Float64Array(dimension * CLASS_COUNT + CLASS_COUNT);
  const result = minimizeLbfgs(softmaxObjective(set, dimension, options.l2), x, { ...DEFAULT_LBFGS_OPTIONS, maxIterations: options.maxIterations }, log);
  log(`L-BFGS ${result.converged ? 'converged' : 'stopped'} after ${result.iterations} iterations, objective ${result.value.toFixed(6)}`);
  const biasAt = dimension * CLASS_COUNT;
  return { weights: Float32Array.from(x.subarray(0, biasAt)), bias: Float32Array.from(x.subarray(biasAt)), dimension, iterations: result.iterations, converged: result.converged };
}

/**
 * Class-balancing weights per group (default: per language), counted on the target rows: (n / (classes × n_c))^power
 * (power 1 is scikit-learn's class_weight="balanced"), kept within [0.2, 5] so a rare class in a
 * small corpus cannot dominate.
 */
export function classWeights(examples: readonly Example[], power: number, groupOf: (e: Example) => string = (e) => e.language.slice(0, 2)): (e: Example) => number {
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  const family = groupOf;
  for (const e of examples) {
    if (e.label === null || e.kind !== 'target') continue;
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
