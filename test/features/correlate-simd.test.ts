// The WebAssembly SIMD correlation the pitch tracker uses must give exactly the straightforward
// sums (and so exactly what correlateLags gave), or pitch — and every model input built on it —
// would move: bit for bit, for frame-like, random, tiny (subnormal products) and silent input, for
// any number of lags (the eight-lag blocks and the one-lag tail).

import { describe, expect, it } from 'vitest';
import { simdCorrelate } from '../../src/features/correlate-simd.js';
import { correlateLags } from '../../src/features/pitch.js';
import { seededNoise } from './signals.js';

describe('simdCorrelate', () => {
  it('is available in this Node (the pitch tracker uses it)', () => {
    expect(simdCorrelate()).not.toBeNull();
  });

  it('equals the one-lag-at-a-time sum and correlateLags, bit for bit', () => {
    const simd = simdCorrelate()!;
    const noise = seededNoise(11);
    const inputs: ((i: number, trial: number) => number)[] = [
      (i, trial) => Math.sin(i * 0.05 * (trial + 1)) + noise() * 0.3,
      () => noise(),
      () => noise() * 1e-160,
      (i) => (i % 37 === 0 ? 1e-310 : 0),
      () => 0,
    ];
    for (const [size, span, firstLag, lags] of [
      [256, 121, 15, 121],
      [256, 121, 15, 1],
      [256, 121, 15, 8],
      [256, 100, 3, 7],
      [256, 100, 3, 17],
      [64, 20, 0, 40],
    ] as const) {
      for (const input of inputs) {
        for (let trial = 0; trial < 5; trial++) {
          const x = Float64Array.from({ length: size }, (_, i) => input(i, trial));
          const got = new Float64Array(lags);
          const scalar = new Float64Array(lags);
          simd(x, span, firstLag, got);
          correlateLags(x, span, firstLag, scalar);
          for (let t = 0; t < lags; t++) {
            let straightforward = 0;
            for (let j = 0; j < span; j++) straightforward += x[j]! * x[j + firstLag + t]!;
            expect(Object.is(got[t], straightforward)).toBe(true);
            expect(Object.is(got[t], scalar[t])).toBe(true);
          }
        }
      }
    }
  });

  it('refuses a correlation that would read past the frame', () => {
    expect(() => simdCorrelate()!(new Float64Array(256), 121, 15, new Float64Array(122))).toThrow(RangeError);
  });
});
