// Spectral shape and MFCCs of one frame, computed from one FFT with the thread's shared tables
// (spectral-tables.ts), in WebAssembly SIMD where it compiles (spectrum-simd.ts, bit-identical).
// Definitions follow meyda's (Hann window, amplitude spectrum of bins 0..N/2-1, centroid and
// flatness exactly as meyda computes them; the tests compare against meyda) with three
// deliberate differences, each for the telephone channel:
// - MFCCs use log(power + ε) instead of meyda's log(power + 1): with [-1, 1] samples the "+1"
//   makes meyda's cepstrum nearly linear in power, so it moves with the caller's gain;
// - the mel bank spans 200–3800 Hz (the telephone passband), not 0 Hz to Nyquist;
// - rolloff is the 85 % point (meyda: 99 %, which sits on the line noise near Nyquist), and
//   flux compares L2-normalised spectra (meyda's flux reads negative indices; ours ignores gain).

import { createFft, type Fft } from './fft.js';
import { MEL_BANDS, spectralTables } from './spectral-tables.js';
import { FLUX_SQ, ROLLOFF_BIN, spectrumKernel, SUM, WEIGHTED, ZERO_BINS, type SpectrumKernel } from './spectrum-simd.js';

export interface SpectralShape {
  spectralCentroidHz: number;
  spectralFlatness: number;
  spectralRolloffHz: number;
  spectralFlux: number;
}

export interface SpectralAnalyzer {
  /** Analyses `frame` (length `size`), writes `mfccOut`, returns the shape (same object each call). */
  analyze(frame: Float32Array, mfccOut: Float32Array): SpectralShape;
}

const ROLLOFF_SHARE = 0.85;
const LOG_FLOOR = 1e-10;

/** The JavaScript path's working arrays: one set per thread and size, since analyze() never re-enters. */
interface Scratch {
  fft: Fft;
  re: Float64Array;
  im: Float64Array;
  amp: Float64Array;
  logMel: Float64Array;
}
const scratchBySize = new Map<number, Scratch>();
function scratchFor(size: number): Scratch {
  let s = scratchBySize.get(size);
  if (!s) {
    s = { fft: createFft(size), re: new Float64Array(size), im: new Float64Array(size), amp: new Float64Array(size / 2), logMel: new Float64Array(MEL_BANDS) };
    scratchBySize.set(size, s);
  }
  return s;
}

export interface SpectralOptions {
  /** Use the WebAssembly SIMD kernel where it compiles (default); false keeps the JavaScript (tests compare them). */
  simd?: boolean;
}

/**
 * An analyzer with its own state (the previous spectrum, for the flux); tables, scratch and the
 * WebAssembly kernel are the thread's, shared with every other analyzer of the same configuration.
 */
export function createSpectralAnalyzer(size: number, sampleRateHz: number, mfccCount: number, opts: SpectralOptions = {}): SpectralAnalyzer {
  const tables = spectralTables(size, sampleRateHz, mfccCount);
  const kernel = opts.simd === false ? null : spectrumKernel(tables);
  const bins = size / 2;
  const binHz = sampleRateHz / size;
  const prevUnit = new Float64Array(bins);
  const shape: SpectralShape = { spectralCentroidHz: 0, spectralFlatness: 0, spectralRolloffHz: 0, spectralFlux: 0 };
  if (kernel) return { analyze: analyzeWith(kernel, bins, binHz, prevUnit, shape) };
  const { hann, melBank, dct } = tables;
  const { fft, re, im, amp, logMel } = scratchFor(size);
  let hasPrev = false;

  function analyze(frame: Float32Array, mfccOut: Float32Array): SpectralShape {
    for (let i = 0; i < size; i++) {
      re[i] = frame[i] * hann[i];
      im[i] = 0;
    }
    fft.transform(re, im);
    let sum = 0;
    let weighted = 0;
    let logSum = 0;
    let sumSq = 0;
    let zeroBins = false;
    for (let k = 0; k < bins; k++) {
      const power = re[k] * re[k] + im[k] * im[k];
      const a = Math.sqrt(power);
      amp[k] = a;
      sum += a;
      weighted += k * a;
      sumSq += power;
      if (a > 0) logSum += Math.log(a);
      else zeroBins = true;
    }
    shape.spectralCentroidHz = sum > 0 ? (weighted / sum) * binHz : 0;
    shape.spectralFlatness = sum > 0 && !zeroBins ? (Math.exp(logSum / bins) * bins) / sum : 0;

    let rolloffBin = 0;
    if (sum > 0) {
      const target = ROLLOFF_SHARE * sum;
      let acc = 0;
      while (rolloffBin < bins - 1 && acc + amp[rolloffBin] < target) acc += amp[rolloffBin++];
    }
    shape.spectralRolloffHz = rolloffBin * binHz;

    const norm = sumSq > 0 ? 1 / Math.sqrt(sumSq) : 0;
    let flux = 0;
    for (let k = 0; k < bins; k++) {
      const unit = amp[k] * norm;
      const d = unit - prevUnit[k];
      flux += d * d;
      prevUnit[k] = unit;
    }
    shape.spectralFlux = hasPrev ? Math.sqrt(flux) : 0;
    hasPrev = true;

    for (let b = 0; b < MEL_BANDS; b++) {
      const { firstBin, weights } = melBank[b];
      let e = 0;
      for (let j = 0; j < weights.length; j++) {
        const a = amp[firstBin + j];
        e += weights[j] * a * a;
      }
      logMel[b] = Math.log(e + LOG_FLOOR);
    }
    for (let k = 0; k < mfccOut.length; k++) {
      let c = 0;
      const row = k * MEL_BANDS;
      for (let n = 0; n < MEL_BANDS; n++) c += dct[row + n] * logMel[n];
      mfccOut[k] = c;
    }
    return shape;
  }

  return { analyze };
}

/** The same analysis with the arithmetic in WebAssembly (spectrum-simd.ts) and the logarithms here. */
function analyzeWith(kernel: SpectrumKernel, bins: number, binHz: number, prevUnit: Float64Array, shape: SpectralShape) {
  const { amp, results, melEnergy, logMel, mfcc } = kernel;
  let hasPrev = false;
  return (frame: Float32Array, mfccOut: Float32Array): SpectralShape => {
    kernel.spectrum(frame, prevUnit);
    const sum = results[SUM]!;
    const zeroBins = results[ZERO_BINS] !== 0;
    shape.spectralCentroidHz = sum > 0 ? (results[WEIGHTED]! / sum) * binHz : 0;
    let flatness = 0;
    if (sum > 0 && !zeroBins) {
      // Every amplitude is > 0 here, so every one is in the sum, in order, as in the loop above.
      let logSum = 0;
      for (let k = 0; k < bins; k++) logSum += Math.log(amp[k]!);
      flatness = (Math.exp(logSum / bins) * bins) / sum;
    }
    shape.spectralFlatness = flatness;
    shape.spectralRolloffHz = results[ROLLOFF_BIN]! * binHz;
    shape.spectralFlux = hasPrev ? Math.sqrt(results[FLUX_SQ]!) : 0;
    hasPrev = true;
    for (let b = 0; b < MEL_BANDS; b++) logMel[b] = Math.log(melEnergy[b]! + LOG_FLOOR);
    if (mfccOut.length > mfcc.length) throw new RangeError(`at most ${mfcc.length} MFCCs, asked for ${mfccOut.length}`);
    kernel.dct();
    for (let k = 0; k < mfccOut.length; k++) mfccOut[k] = mfcc[k]!;
    return shape;
  };
}
