// Limited-memory BFGS for smooth convex objectives (our L2-regularised softmax regressions): the
// full-batch optimiser scikit-learn's LogisticRegression uses by default. Unlike the per-example
// AdaGrad it replaces, it converges to the regularised optimum (so L2 really shrinks rare n-grams)
// and has no example order, hence no seed: the same data give the same weights bit for bit.

/** Writes the gradient at x into grad and returns the objective's value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Correction pairs kept (memory: 2 × memory × x.length doubles). */
  memory: number;
  /** Stop when the objective improves by less than this fraction of its value in an iteration. */
  relativeTolerance: number;
}

export interface LbfgsResult {
  value: number;
  iterations: number;
  converged: boolean;
}

export const DEFAULT_LBFGS_OPTIONS: LbfgsOptions = { maxIterations: 300, memory: 8, relativeTolerance: 1e-6 };

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i] * b[i];
  return sum;
}

const ARMIJO = 1e-4;
const MAX_HALVINGS = 30;

/** Minimises objective from x (updated in place). */
export function minimizeLbfgs(
  objective: Objective,
  x: Float64Array,
  options: LbfgsOptions = DEFAULT_LBFGS_OPTIONS,
  log: (line: string) => void = () => {},
): LbfgsResult {
  const n = x.length;
  const m = Math.max(1, options.memory);
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;
  const grad = new Float64Array(n);
  const nextGrad = new Float64Array(n);
  const direction = new Float64Array(n);
  const candidate = new Float64Array(n);
  let value = objective(x, grad);
  for (let iteration = 1; iteration <= options.maxIterations; iteration += 1) {
    // Two-loop recursion: direction = −H·grad.
    for (let i = 0; i < n; i += 1) direction[i] = -grad[i];
    for (let k = 0; k < stored; k += 1) {
      const j = (newest - k + m) % m;
      alpha[j] = rho[j] * dot(s[j], direction);
      for (let i = 0; i < n; i += 1) direction[i] -= alpha[j] * y[j][i];
    }
    if (stored > 0) {
      const gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      for (let i = 0; i < n; i += 1) direction[i] *= gamma;
    }
    for (let k = stored - 1; k >= 0; k -= 1) {
      const j = (newest - k + m) % m;
      const beta = rho[j] * dot(y[j], direction);
      for (let i = 0; i < n; i += 1) direction[i] += (alpha[j] - beta) * s[j][i];
    }
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i += 1) direction[i] = -grad[i];
      slope = dot(grad, direction);
    }
    let step = stored === 0 ? 1 / Math.max(1, Math.sqrt(-slope)) : 1;
    let nextValue = Infinity;
    let halvings = 0;
    for (; halvings < MAX_HALVINGS; halvings += 1) {
      for (let i = 0; i < n; i += 1) candidate[i] = x[i] + step * direction[i];
      nextValue = objective(candidate, nextGrad);
      if (nextValue <= value + ARMIJO * step * slope) break;
      step /= 2;
    }
    if (halvings === MAX_HALVINGS) return { value, iterations: iteration, converged: true };
    let curvature = 0;
    for (let i = 0; i < n; i += 1) curvature += (candidate[i] - x[i]) * (nextGrad[i] - grad[i]);
    // Keep the pair only when it carries positive curvature (always, for a strictly convex objective).
    if (curvature > 1e-12) {
      newest = (newest + 1) % m;
      for (let i = 0; i < n; i += 1) {
        s[newest][i] = candidate[i] - x[i];
        y[newest][i] = nextGrad[i] - grad[i];
      }
      rho[newest] = 1 / curvature;
      stored = Math.min(stored + 1, m);
    }
    x.set(candidate);
    grad.set(nextGrad);
    const improvement = (value - nextValue) / Math.max(Math.abs(value), Math.abs(nextValue), 1e-12);
    value = nextValue;
    if (iteration % 25 === 0) log(`L-BFGS iteration ${iteration}: objective ${value.toFixed(6)}`);
    if (improvement < options.relativeTolerance) return { value, iterations: iteration, converged: true };
  }
  return { value, iterations: options.maxIterations, converged: false };
}
