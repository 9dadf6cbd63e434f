// The spectral analyzer's WebAssembly kernel must give exactly what its JavaScript gave — centroid,
// flatness, rolloff, flux and every MFCC are model inputs — bit for bit, frame after frame (the flux
// carries the previous spectrum), for speech-like, random, tiny (subnormal), silent, signed-zero and
// clipped frames, at the live size and at others.

import { describe, expect, it } from 'vitest';
import { createFft } from '../../src/features/fft.js';
import { createSpectralAnalyzer, type SpectralShape } from '../../src/features/spectral.js';
import { MEL_BANDS, spectralTables, type SpectralTables } from '../../src/features/spectral-tables.js';
import { FLUX_SQ, ROLLOFF_BIN, spectrumKernel, SUM, SUM_SQ, WEIGHTED, ZERO_BINS } from '../../src/features/spectrum-simd.js';
import { FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT } from '../../src/features/types.js';
import { seededNoise } from './signals.js';

const same = (a: number, b: number) => Object.is(a, b);

function expectSameShape(got: SpectralShape, want: SpectralShape, where: string): void {
  for (const key of ['spectralCentroidHz', 'spectralFlatness', 'spectralRolloffHz', 'spectralFlux'] as const) {
    if (!same(got[key], want[key])) expect.fail(`${where} ${key}: ${got[key]} ≠ ${want[key]}`);
  }
}

/** spectral.ts's JavaScript, step by step, with its intermediate values (prevUnit is updated). */
function reference(t: SpectralTables, frame: Float32Array, prevUnit: Float64Array) {
  const { size, hann, melBank, dct, mfccCount } = t;
  const bins = size / 2;
  const re = Float64Array.from(frame, (v, i) => v * hann[i]!);
  const im = new Float64Array(size);
  createFft(size).transform(re, im);
  const amp = new Float64Array(bins);
  const results = new Float64Array(6);
  for (let k = 0; k < bins; k++) {
    const power = re[k]! * re[k]! + im[k]! * im[k]!;
    const a = Math.sqrt(power);
    amp[k] = a;
    results[SUM] += a;
    results[WEIGHTED] += k * a;
    results[SUM_SQ] += power;
    if (!(a > 0)) results[ZERO_BINS] = 1;
  }
  let rolloffBin = 0;
  if (results[SUM]! > 0) {
    const target = 0.85 * results[SUM]!;
    let acc = 0;
    while (rolloffBin < bins - 1 && acc + amp[rolloffBin]! < target) acc += amp[rolloffBin++]!;
  }
  results[ROLLOFF_BIN] = rolloffBin;
  const norm = results[SUM_SQ]! > 0 ? 1 / Math.sqrt(results[SUM_SQ]!) : 0;
  for (let k = 0; k < bins; k++) {
    const unit = amp[k]! * norm;
    const d = unit - prevUnit[k]!;
    results[FLUX_SQ] += d * d;
    prevUnit[k] = unit;
  }
  const melEnergy = melBank.map(({ firstBin, weights }) => weights.reduce((e, w, j) => e + w * amp[firstBin + j]! * amp[firstBin + j]!, 0));
  const logMel = melEnergy.map((e) => Math.log(e + 1e-10));
  const mfcc = Array.from({ length: mfccCount }, (_, k) => logMel.reduce((c, l, n) => c + dct[k * MEL_BANDS + n]! * l, 0));
  return { amp, results, melEnergy, logMel, mfcc };
}

function expectSameValues(got: ArrayLike<number>, want: ArrayLike<number>, where: string): void {
  expect(got.length, where).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!same(got[i]!, want[i]!)) expect.fail(`${where}[${i}]: ${got[i]} ≠ ${want[i]}`);
}

describe('spectrumKernel', () => {
  it('is available in this Node at the live configuration (the frame analyzer uses it)', () => {
    expect(spectrumKernel(spectralTables(FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT))).not.toBeNull();
  });

  it('gives the JavaScript analysis bit for bit, frame after frame', () => {
    const noise = seededNoise(23);
    const inputs: [string, (i: number, frame: number) => number][] = [
      ['voice', (i, f) => 0.3 * Math.sin(i * 0.07 * ((f % 5) + 1)) + 0.2 * Math.sin(i * 0.61) + 0.01 * noise()],
      ['noise', () => noise()],
      ['subnormal', () => noise() * 1e-40],
      ['silence', () => 0],
      ['signed zeros', (i) => (i % 3 === 0 ? -0 : 0)],
      ['one impulse', (i, f) => (i === f % 7 ? 1 : 0)],
      ['clipped', (i) => (i % 11 < 5 ? 1 : -1)],
      ['loud noise', () => noise() * 3e4],
    ];
    for (const [size, rateHz, mfccCount] of [
      [FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT],
      [512, 16000, 13],
      [256, 8000, 20],
      [128, 8000, 1],
    ] as const) {
      const simd = createSpectralAnalyzer(size, rateHz, mfccCount);
      const js = createSpectralAnalyzer(size, rateHz, mfccCount, { simd: false });
      // A second pair interleaved with the first: each keeps its own previous spectrum.
      const simd2 = createSpectralAnalyzer(size, rateHz, mfccCount);
      const js2 = createSpectralAnalyzer(size, rateHz, mfccCount, { simd: false });
      const gotMfcc = new Float32Array(mfccCount);
      const wantMfcc = new Float32Array(mfccCount);
      let frameNo = 0;
      for (const [name, input] of inputs) {
        for (let trial = 0; trial < 6; trial++, frameNo++) {
          const frame = Float32Array.from({ length: size }, (_, i) => input(i, frameNo));
          const where = `${size}/${rateHz}/${mfccCount} ${name} #${trial}`;
          expectSameShape({ ...simd.analyze(frame, gotMfcc) }, { ...js.analyze(frame, wantMfcc) }, where);
          for (let k = 0; k < mfccCount; k++) if (!same(gotMfcc[k]!, wantMfcc[k]!)) expect.fail(`${where} mfcc ${k}: ${gotMfcc[k]} ≠ ${wantMfcc[k]}`);
          if (trial % 2 === 0) {
            const reversed = frame.slice().reverse();
            expectSameShape({ ...simd2.analyze(reversed, gotMfcc) }, { ...js2.analyze(reversed, wantMfcc) }, `${where} (second analyzer)`);
            for (let k = 0; k < mfccCount; k++) if (!same(gotMfcc[k]!, wantMfcc[k]!)) expect.fail(`${where} (second) mfcc ${k}`);
          }
        }
      }
    }
  });

  it('gives every intermediate value (amplitudes, sums, mel energies, unrounded MFCCs) bit for bit', () => {
    const noise = seededNoise(31);
    for (const [size, rateHz, mfccCount] of [
      [FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT],
      [1024, 16000, 13],
      [64, 8000, 2],
    ] as const) {
      const tables = spectralTables(size, rateHz, mfccCount);
      const kernel = spectrumKernel(tables)!;
      const prevKernel = new Float64Array(size / 2);
      const prevJs = new Float64Array(size / 2);
      for (const scale of [1, 1e-3, 1e-40, 0, 1e30]) {
        for (let trial = 0; trial < 4; trial++) {
          const frame = Float32Array.from({ length: size }, (_, i) => scale * (Math.sin(i * 0.3 * (trial + 1)) * 0.5 + noise()));
          const want = reference(tables, frame, prevJs);
          kernel.spectrum(frame, prevKernel);
          const where = `${size} ×${scale} #${trial}`;
          expectSameValues(kernel.amp, want.amp, `${where} amp`);
          expectSameValues(kernel.results, want.results, `${where} results`);
          expectSameValues(kernel.melEnergy, want.melEnergy, `${where} mel`);
          expectSameValues(prevKernel, prevJs, `${where} unit spectrum`);
          kernel.logMel.set(want.logMel);
          kernel.dct();
          expectSameValues(kernel.mfcc, want.mfcc, `${where} dct`);
        }
      }
    }
  });

  it('refuses frames of another size', () => {
    const simd = createSpectralAnalyzer(FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT);
    expect(() => simd.analyze(new Float32Array(FRAME_SIZE_SAMPLES - 1), new Float32Array(MFCC_COUNT))).toThrow(RangeError);
  });
});
