import { describe, expect, it } from 'vitest';
import { fitRff, predictRff } from '../../src/training/rff.js';
import { accuracy as accuracyOf, rings as ringSet, type RingSet } from './rings.js';

/** A stretched y axis: the model must cope with badly scaled inputs. */
const rings = (n: number, seed: number): RingSet => ringSet(n, seed, { scaleY: 50 });
const accuracy = (model: ReturnType<typeof fitRff>, set: RingSet): number => accuracyOf((row) => predictRff(model, row), set);

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
