// Spectral shape and MFCCs of one frame, computed from one shared FFT with tables built once.
// Definitions follow meyda's (Hann window, amplitude spectrum of bins 0..N/2-1, centroid and
// flatness exactly as meyda computes them; the tests compare against meyda) with three
// deliberate differences, each for the telephone channel:
// - MFCCs use log(power + ε) instead of meyda's log(power + 1): with [-1, 1] samples the "+1"
//   makes meyda's cepstrum nearly linear in power, so it moves with the caller's gain;
// - the mel bank spans 200–3800 Hz (the telephone passband), not 0 Hz to Nyquist;
// - rolloff is the 85 % point (meyda: 99 %, which sits on the line noise near Nyquist), and
//   flux compares L2-normalised spectra (meyda's flux reads negative indices; ours ignores gain).

import { createFft } from './fft.js';

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

const MEL_LOW_HZ = 200;
const MEL_HIGH_HZ = 3800;
const MEL_BANDS = 20;
const ROLLOFF_SHARE = 0.85;
const LOG_FLOOR = 1e-10;

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

interface MelBand {
  firstBin: number;
  weights: Float64Array;
}

function buildMelBank(size: number, sampleRateHz: number): MelBand[] {
  const binHz = sampleRateHz / size;
  const lowMel = hzToMel(MEL_LOW_HZ);
  const highMel = hzToMel(MEL_HIGH_HZ);
  const edgesHz: number[] = [];
  for (let i = 0; i < MEL_BANDS + 2; i++) edgesHz.push(melToHz(lowMel + ((highMel - lowMel) * i) / (MEL_BANDS + 1)));
  const bands: MelBand[] = [];
  for (let b = 0; b < MEL_BANDS; b++) {
    const [lo, mid, hi] = [edgesHz[b], edgesHz[b + 1], edgesHz[b + 2]];
    const firstBin = Math.ceil(lo / binHz);
    const lastBin = Math.floor(hi / binHz);
    const weights = new Float64Array(Math.max(1, lastBin - firstBin + 1));
    for (let k = firstBin; k <= lastBin; k++) {
      const hz = k * binHz;
      weights[k - firstBin] = hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
    }
    bands.push({ firstBin, weights });
  }
  return bands;
}

/** Orthonormal DCT-II matrix, `count` rows × MEL_BANDS columns. */
function buildDct(count: number): Float64Array {
  const m = new Float64Array(count * MEL_BANDS);
  for (let k = 0; k < count; k++) {
    const scale = k === 0 ? Math.sqrt(1 / MEL_BANDS) : Math.sqrt(2 / MEL_BANDS);
    for (let n = 0; n < MEL_BANDS; n++) m[k * MEL_BANDS + n] = scale * Math.cos((Math.PI / MEL_BANDS) * (n + 0.5) * k);
  }
  return m;
}

export function createSpectralAnalyzer(size: number, sampleRateHz: number, mfccCount: number): SpectralAnalyzer {
  const fft = createFft(size);
  const bins = size / 2;
  const binHz = sampleRateHz / size;
  const hann = new Float64Array(size);
  for (let i = 0; i < size; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const amp = new Float64Array(bins);
  const prevUnit = new Float64Array(bins);
  let hasPrev = false;
  const melBank = buildMelBank(size, sampleRateHz);
  const logMel = new Float64Array(MEL_BANDS);
  const dct = buildDct(mfccCount);
  const shape: SpectralShape = { spectralCentroidHz: 0, spectralFlatness: 0, spectralRolloffHz: 0, spectralFlux: 0 };

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
