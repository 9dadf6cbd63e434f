// The WebAssembly SIMD correlation the pitch tracker uses must give exactly the straightforward
// sums (and so exactly what correlateLags gave), or pitch — and every model input built on it —
// would move: bit for bit, for frame-like, random, tiny (subnormal products) and silent input, for
// any number of lags (the sixteen-, eight- and two-lag passes and the one-lag tail); and so must the
// nsdf the kernel builds around it.

import { describe, expect, it } from 'vitest';
import { pitchKernel, simdCorrelate } from '../../src/features/correlate-simd.js';
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
      [256, 121, 15, 16],
      [256, 121, 15, 26],
      [256, 121, 15, 27],
      [256, 100, 3, 7],
      [256, 100, 3, 17],
      [256, 0, 3, 17],
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

  it("gives pitch.ts's nsdf and its largest value bit for bit", () => {
    const kernel = pitchKernel()!;
    const noise = seededNoise(13);
    const inputs: ((i: number, trial: number) => number)[] = [
      (i, trial) => 0.3 * Math.sin(i * 0.05 * (trial + 1)) + noise() * 0.01,
      () => noise(),
      () => noise() * 1e-40,
      (i) => (i % 37 === 0 ? 1e-40 : 0),
      () => 0,
      () => 0.25,
      (i) => (i < 200 ? 0 : noise()),
    ];
    for (const [size, span, first, lags] of [
      [256, 121, 15, 121],
      [256, 100, 3, 20],
      [64, 20, 0, 9],
    ] as const) {
      for (const input of inputs) {
        for (let trial = 0; trial < 4; trial++) {
          const frame = Float32Array.from({ length: size }, (_, i) => input(i, trial));
          // pitch.ts's JavaScript (nsdfJs), written out.
          let mean = 0;
          for (let i = 0; i < size; i++) mean += frame[i]!;
          mean /= size;
          const x = Float64Array.from(frame, (v) => v - mean);
          const prefix = new Float64Array(size + 1);
          for (let i = 0; i < size; i++) prefix[i + 1] = prefix[i]! + x[i]! * x[i]!;
          const head = prefix[span]!;
          const r = new Float64Array(lags);
          correlateLags(x, span, first, r);
          const want = Array.from(r, (rt, t) => {
            const m = head + prefix[first + t + span]! - prefix[first + t]!;
            return m > 0 ? (2 * rt) / m : 0;
          });
          let best = -1;
          for (const n of want) if (n > best) best = n;
          if (head <= 0) best = -2;
          expect(Object.is(kernel.nsdf(frame, span, first, lags), best)).toBe(true);
          if (head > 0) {
            const got = kernel.nsdfOut(lags);
            for (let t = 0; t < lags; t++) if (!Object.is(got[t], want[t])) expect.fail(`${size}/${span}/${first} lag ${t}: ${got[t]} ≠ ${want[t]}`);
          }
        }
      }
    }
  });

  it('refuses a correlation that would read past the frame', () => {
    expect(() => simdCorrelate()!(new Float64Array(256), 121, 15, new Float64Array(122))).toThrow(RangeError);
  });
});
