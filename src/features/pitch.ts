// Fundamental-frequency tracker for one 32 ms frame, restricted to 60–500 Hz: adult voices,
// shouting included (angry RAVDESS actors, men too, hold 380–420 Hz; a 400 Hz ceiling turned
// those into octave errors).
// Why our own instead of pitchfinder: pitchfinder's YIN searches every lag up to half the
// buffer and allocates its difference buffer on every call; at 8 kHz a 256-sample frame with
// a 60 Hz floor needs lags up to 134, past YIN's half-buffer limit. We use McLeod's normalised
// square difference (NSDF, the core of pitchfinder's "Macleod" detector) evaluated only at
// lags 16–134 into preallocated buffers: it is bounded to [-1, 1], so one clarity threshold
// serves quiet and loud callers alike, and picking the first peak near the global maximum
// avoids the sub-octave errors of a plain autocorrelation maximum.

import { pitchKernel } from './correlate-simd.js';

export const PITCH_MIN_HZ = 60;
export const PITCH_MAX_HZ = 500;
/** Peaks within this share of the best one compete; the shortest lag (highest pitch) wins. */
const PEAK_SHARE = 0.9;
/** A peak within this log-ratio (≈ ±20 %) of the previous period continues the contour… */
const CONTINUITY_LOG_RATIO = 0.18;
/** …if it reaches this share of the best peak. */
const CONTINUITY_SHARE = 0.7;
/** NSDF clarity below which the frame is called unvoiced. */
const MIN_CLARITY = 0.6;

/**
 * out[t] = Σ_{j<span} x[j]·x[j + firstLag + t], for every t < out.length: the frame's correlation
 * with itself at each lag. Four lags per pass over the frame (x[j] loaded once, the lagged samples
 * slid through registers); each lag's sum still runs over j in order, so every value is exactly the
 * one-lag-at-a-time sum, at ~40 % of its time (this is the biggest cost of a frame).
 */
export function correlateLags(x: Float64Array, span: number, firstLag: number, out: Float64Array): void {
  const lags = out.length;
  let t = 0;
  for (; t + 4 <= lags; t += 4) {
    const tau = firstLag + t;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let b0 = x[tau];
    let b1 = x[tau + 1];
    let b2 = x[tau + 2];
    for (let j = 0; j < span; j++) {
      const a = x[j];
      const b3 = x[j + tau + 3];
      r0 += a * b0;
      r1 += a * b1;
      r2 += a * b2;
      r3 += a * b3;
      b0 = b1;
      b1 = b2;
      b2 = b3;
    }
    out[t] = r0;
    out[t + 1] = r1;
    out[t + 2] = r2;
    out[t + 3] = r3;
  }
  for (; t < lags; t++) {
    const tau = firstLag + t;
    let sum = 0;
    for (let j = 0; j < span; j++) sum += x[j] * x[j + tau];
    out[t] = sum;
  }
}

export interface PitchTracker {
  /** Returns the pitch in Hz, or 0 when the frame is unvoiced. Stateful: consecutive frames. */
  pitchHz(frame: Float32Array): number;
}

/** The JavaScript path's working arrays, one set per thread and configuration (estimate never re-enters). */
interface Scratch {
  x: Float64Array;
  squaresPrefix: Float64Array;
  nsdf: Float64Array;
  r: Float64Array;
}
const scratchByShape = new Map<string, Scratch>();
function scratchFor(size: number, lags: number): Scratch {
  const key = `${size}/${lags}`;
  let s = scratchByShape.get(key);
  if (!s) scratchByShape.set(key, (s = { x: new Float64Array(size), squaresPrefix: new Float64Array(size + 1), nsdf: new Float64Array(lags), r: new Float64Array(lags) }));
  return s;
}

export interface PitchOptions {
  /** Use the WebAssembly SIMD kernel where it compiles (default); false keeps the JavaScript (tests compare them). */
  simd?: boolean;
}

/** A tracker keeps only the previous period; its working memory is the thread's (shared by every tracker). */
export function createPitchTracker(size: number, sampleRateHz: number, opts: PitchOptions = {}): PitchTracker {
  const tauMin = Math.floor(sampleRateHz / PITCH_MAX_HZ);
  const tauMax = Math.ceil(sampleRateHz / PITCH_MIN_HZ);
  const span = size - tauMax - 1;
  if (span < tauMin) throw new RangeError(`frame of ${size} samples is too short for ${PITCH_MIN_HZ} Hz`);
  // nsdf[t] holds lag tauMin - 1 + t, so every candidate lag has both neighbours.
  const lags = tauMax - tauMin + 3;
  // The same values as nsdfJs, at about a third of its time (correlate-simd.ts).
  const kernel = opts.simd === false || size > 1024 ? null : pitchKernel();
  const scratch = kernel ? null : scratchFor(size, lags);
  const nsdf = kernel ? kernel.nsdfOut(lags) : scratch!.nsdf;

  const peakAt = new Int32Array(16);
  /** Period of the last voiced frame, samples (0 after an unvoiced frame). */
  let previousTau = 0;

  function pitchHz(frame: Float32Array): number {
    const hz = estimate(frame);
    if (hz === 0) previousTau = 0;
    return hz;
  }

  /** The frame's nsdf into `nsdf`; returns its largest value (−2 when the head of the frame is silent). */
  function nsdfJs(frame: Float32Array): number {
    const { x, squaresPrefix, r } = scratch!;
    let mean = 0;
    for (let i = 0; i < size; i++) mean += frame[i];
    mean /= size;
    squaresPrefix[0] = 0;
    for (let i = 0; i < size; i++) {
      const v = frame[i] - mean;
      x[i] = v;
      squaresPrefix[i + 1] = squaresPrefix[i] + v * v;
    }
    const headEnergy = squaresPrefix[span];
    if (headEnergy <= 0) return -2;

    correlateLags(x, span, tauMin - 1, r);
    let best = -1;
    for (let t = 0; t < lags; t++) {
      const tau = tauMin - 1 + t;
      const m = headEnergy + squaresPrefix[tau + span] - squaresPrefix[tau];
      const n = m > 0 ? (2 * r[t]) / m : 0;
      nsdf[t] = n;
      if (n > best) best = n;
    }
    return best;
  }

  function estimate(frame: Float32Array): number {
    if (frame.length !== size) throw new RangeError(`frame must have ${size} samples, got ${frame.length}`);
    const best = kernel ? kernel.nsdf(frame, span, tauMin - 1, lags) : nsdfJs(frame);
    if (best < MIN_CLARITY) return 0;

    // Key maxima: the highest NSDF value between successive positive-going zero crossings.
    let candidates = 0;
    let inLobe = false;
    let lobeAt = -1;
    for (let t = 1; t < nsdf.length - 1; t++) {
      const n = nsdf[t];
      if (n > 0 && !inLobe) {
        inLobe = true;
        lobeAt = -1;
      } else if (n <= 0 && inLobe) {
        inLobe = false;
        if (lobeAt >= 0 && candidates < peakAt.length) peakAt[candidates++] = lobeAt;
      }
      if (inLobe && n >= nsdf[t - 1] && n >= nsdf[t + 1] && (lobeAt < 0 || n > nsdf[lobeAt])) lobeAt = t;
    }
    if (inLobe && lobeAt >= 0 && candidates < peakAt.length) peakAt[candidates++] = lobeAt;
    if (candidates === 0) return 0;

    let chosen = -1;
    const threshold = PEAK_SHARE * best;
    for (let c = 0; c < candidates; c++) {
      if (nsdf[peakAt[c]] >= threshold) {
        chosen = peakAt[c];
        break;
      }
    }
    // Continuity: when the previous frame was voiced, a strong peak near its period beats a
    // slightly stronger one at a longer lag (a sub-octave error, the usual one on telephone-band
    // vowels whose fundamental the line has cut). Never toward longer lags: every periodic
    // signal also peaks at twice its period, so that way a contour would lock an octave low.
    if (previousTau > 0 && chosen >= 0) {
      let near = -1;
      let nearDist = Infinity;
      for (let c = 0; c < candidates; c++) {
        const t = peakAt[c];
        if (t >= chosen) break;
        const dist = Math.abs(Math.log((tauMin - 1 + t) / previousTau));
        if (dist < nearDist) {
          nearDist = dist;
          near = t;
        }
      }
      if (near >= 0 && nearDist < CONTINUITY_LOG_RATIO && nsdf[near] >= CONTINUITY_SHARE * best) chosen = near;
    }
    if (chosen < 0) return 0;
    const a = nsdf[chosen - 1];
    const n = nsdf[chosen];
    const c = nsdf[chosen + 1];
    const denom = a - 2 * n + c;
    const shift = denom < 0 ? (0.5 * (a - c)) / denom : 0;
    const tau = tauMin - 1 + chosen + shift;
    previousTau = tau;
    return sampleRateHz / tau;
  }

  return { pitchHz };
}
