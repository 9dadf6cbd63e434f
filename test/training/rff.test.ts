import { describe, expect, it } from 'vitest';
import { fitRff, predictRff } from '../../src/training/rff.js';
import { createRng } from '../../src/training/rng.js';

/** Two classes no straight line separates: inside a ring of radius 1, outside radius 2. */
function rings(n: number, seed: number): { x: Float32Array[]; y: number[] } {
  const rng = createRng(seed);
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const r = cls === 0 ? rng.uniform(0, 1) : rng.uniform(2, 3);
    const a = rng.uniform(0, 2 * Math.PI);
    x.push(Float32Array.from([r * Math.cos(a), r * Math.sin(a) * 50]));
    y.push(cls);
  }
  return { x, y };
}

const accuracy = (model: ReturnType<typeof fitRff>, set: { x: Float32Array[]; y: number[] }): number =>
  set.x.filter((row, i) => {
    const s = predictRff(model, row);
    return (s[1] > s[0] ? 1 : 0) === set.y[i];
  }).length / set.x.length;

describe('fitRff', () => {
  it('learns a non-linear boundary on badly scaled inputs', () => {
    const train = rings(400, 1);
    const model = fitRff(train.x, train.y, 2, { features: 256, gammaScale: 1, lambda: 0.1, seed: 2 });
    expect(accuracy(model, rings(200, 7))).toBeGreaterThan(0.95);
  });

  it('is no better than chance with too few random features to bend (so the kernel matters)', () => {
    const train = rings(400, 1);
    const model = fitRff(train.x, train.y, 2, { features: 1, gammaScale: 1, lambda: 0.1, seed: 2 });
    expect(accuracy(model, rings(200, 7))).toBeLessThan(0.8);
  });

  it('is deterministic for a seed', () => {
    const train = rings(100, 3);
    const a = fitRff(train.x, train.y, 2, { features: 32, gammaScale: 1, lambda: 1, seed: 5 });
    const b = fitRff(train.x, train.y, 2, { features: 32, gammaScale: 1, lambda: 1, seed: 5 });
    expect(Array.from(a.beta)).toEqual(Array.from(b.beta));
  });
});
