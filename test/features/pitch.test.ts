// The pitch tracker's correlation (every lag of a frame with itself) is computed four lags per pass
// for speed; each lag must still be exactly the straightforward sum, so pitch — and every feature
// and model input built on it — is what it was.

import { describe, expect, it } from 'vitest';
import { correlateLags } from '../../src/features/pitch.js';
import { seededNoise } from './signals.js';

describe('correlateLags', () => {
  it('equals the one-lag-at-a-time sum, bit for bit, for any number of lags', () => {
    const noise = seededNoise(7);
    for (const [size, span, firstLag, lags] of [
      [256, 121, 15, 121],
      [256, 121, 15, 1],
      [256, 100, 3, 7],
      [64, 20, 0, 40],
    ] as const) {
      for (let trial = 0; trial < 20; trial++) {
        const x = Float64Array.from({ length: size }, (_, i) => Math.sin(i * 0.05 * (trial + 1)) + noise() * 0.3);
        const out = new Float64Array(lags);
        correlateLags(x, span, firstLag, out);
        for (let t = 0; t < lags; t++) {
          let straightforward = 0;
          for (let j = 0; j < span; j++) straightforward += x[j]! * x[j + firstLag + t]!;
          expect(Object.is(out[t], straightforward)).toBe(true);
        }
      }
    }
  });
});
