// RBF-kernel classifier approximated with random Fourier features (Rahimi & Recht 2007):
// x → sqrt(2/D)·cos(W·z + b), W ~ N(0, 2γ), b ~ U(0, 2π), z the standardised input, then
// class-weighted ridge regression onto one-hot targets, solved exactly (Cholesky). It stands
// in for the "RBF SVM" baseline (src/training/prosody-baseline.ts) without an SVM
// solver; scores are argmax of the ridge outputs.

import { createRng } from './rng.js';

export interface RffOptions {
  /** Random features D. */
  features: number;
  /** Kernel width as γ·(input count): 1 is scikit-learn's "scale" on standardised inputs. */
  gammaScale: number;
  /** Ridge penalty. */
  lambda: number;
  seed: number;
}

export const DEFAULT_RFF_OPTIONS: RffOptions = { features: 1024, gammaScale: 0.5, lambda: 1, seed: 3 };

export interface RffModel {
  mean: Float64Array;
  std: Float64Array;
  /** [features × inputs] projection, phases, and [(features + 1) × classes] ridge weights. */
  w: Float64Array;
  b: Float64Array;
  beta: Float64Array;
  classes: number;
}

function embed(model: Pick<RffModel, 'mean' | 'std' | 'w' | 'b'>, x: ArrayLike<number>, out: Float64Array): Float64Array {
  const P = model.mean.length;
  const D = model.b.length;
  const z = new Float64Array(P);
  // Clipped so one wild functional cannot push a clip to the far side of every feature.
  for (let d = 0; d < P; d++) z[d] = Math.max(-5, Math.min(5, (x[d] - model.mean[d]) / model.std[d]));
  const scale = Math.sqrt(2 / D);
  for (let j = 0; j < D; j++) {
    let t = model.b[j];
    const row = j * P;
    for (let d = 0; d < P; d++) t += model.w[row + d] * z[d];
    out[j] = scale * Math.cos(t);
  }
  out[D] = 1;
  return out;
}

/** Solves A·X = B in place (A symmetric positive definite n×n, B n×k); returns B. */
function choleskySolve(a: Float64Array, b: Float64Array, n: number, k: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j];
    for (let p = 0; p < j; p++) s -= a[j * n + p] ** 2;
    const d = Math.sqrt(Math.max(s, 1e-12));
    a[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j];
      for (let p = 0; p < j; p++) t -= a[i * n + p] * a[j * n + p];
      a[i * n + j] = t / d;
    }
  }
  const y = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      let t = b[i * k + c];
      for (let p = 0; p < i; p++) t -= a[i * n + p] * y[p];
      y[i] = t / a[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let t = y[i];
      for (let p = i + 1; p < n; p++) t -= a[p * n + i] * y[p];
      y[i] = t / a[i * n + i];
    }
    for (let i = 0; i < n; i++) b[i * k + c] = y[i];
  }
  return b;
}

/** Fits on rows x with labels y in 0..classes-1, each class weighted by inverse frequency. */
export function fitRff(x: readonly ArrayLike<number>[], y: readonly number[], classes: number, o: RffOptions = DEFAULT_RFF_OPTIONS): RffModel {
  const P = x[0].length;
  const mean = new Float64Array(P);
  const std = new Float64Array(P);
  for (const row of x) for (let d = 0; d < P; d++) mean[d] += row[d] / x.length;
  for (const row of x) for (let d = 0; d < P; d++) std[d] += (row[d] - mean[d]) ** 2 / x.length;
  for (let d = 0; d < P; d++) std[d] = Math.sqrt(std[d]) > 1e-9 ? Math.sqrt(std[d]) : 1;
  const rng = createRng(o.seed);
  const sigma = Math.sqrt((2 * o.gammaScale) / P);
  const w = Float64Array.from({ length: o.features * P }, () => rng.gaussian() * sigma);
  const b = Float64Array.from({ length: o.features }, () => rng.uniform(0, 2 * Math.PI));
  const n = o.features + 1;
  const gram = new Float64Array(n * n);
  const rhs = new Float64Array(n * classes);
  const counts = Array.from({ length: classes }, (_, c) => y.filter((v) => v === c).length);
  const phi = new Float64Array(n);
  x.forEach((row, i) => {
    embed({ mean, std, w, b }, row, phi);
    const weight = x.length / (classes * Math.max(1, counts[y[i]]));
    for (let r = 0; r < n; r++) {
      const v = phi[r] * weight;
      for (let c = 0; c <= r; c++) gram[r * n + c] += v * phi[c];
      rhs[r * classes + y[i]] += v;
    }
  });
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) gram[c * n + r] = gram[r * n + c];
  for (let r = 0; r < o.features; r++) gram[r * n + r] += o.lambda;
  return { mean, std, w, b, beta: choleskySolve(gram, rhs, n, classes), classes };
}

/** Ridge scores per class (higher = more likely; not probabilities). */
export function predictRff(model: RffModel, x: ArrayLike<number>): Float64Array {
  const n = model.b.length + 1;
  const phi = embed(model, x, new Float64Array(n));
  const out = new Float64Array(model.classes);
  for (let r = 0; r < n; r++) for (let c = 0; c < model.classes; c++) out[c] += phi[r] * model.beta[r * model.classes + c];
  return out;
}
