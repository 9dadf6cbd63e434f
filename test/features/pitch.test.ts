// The pitch tracker's correlation (every lag of a frame with itself) is computed four lags per pass
// for speed; each lag must still be exactly the straightforward sum, so pitch — and every feature
// and model input built on it — is what it was.

import { describe, expect, it } from 'vitest';
import { correlateLags, createPitchTracker } from '../../src/features/pitch.js';
import { seededNoise, voice } from './signals.js';

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

describe('createPitchTracker', () => {
  it('tracks the same pitch with the WebAssembly kernel as with its JavaScript, bit for bit, frame after frame', () => {
    const noise = seededNoise(3);
    const signal = Float32Array.from(
      voice({ f0Hz: 180, durationS: 1.5, syllablesPerS: 3, noise: 0.01 }),
      (v, i) => (i > 6000 && i < 7000 ? noise() * 1e-40 : i > 9000 && i < 9500 ? 0 : v * (1 + 0.5 * Math.sin(i / 900))),
    );
    for (const size of [256, 512]) {
      const simd = createPitchTracker(size, 8000);
      const js = createPitchTracker(size, 8000, { simd: false });
      let voiced = 0;
      for (let start = 0; start + size <= signal.length; start += 80) {
        const frame = signal.subarray(start, start + size);
        const got = simd.pitchHz(frame);
        const want = js.pitchHz(frame);
        if (!Object.is(got, want)) expect.fail(`size ${size} frame at ${start}: ${got} ≠ ${want}`);
        if (want > 0) voiced++;
      }
      expect(voiced).toBeGreaterThan(20);
    }
  });
});
