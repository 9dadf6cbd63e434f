// Fixed-length functionals of one window of frames: the prosody model's raw input. Statistics
// are taken over the window's speech frames (pitch over voiced speech frames), so pauses do not
// dilute them; pauses show up in the speech ratio instead. Pitch is in semitones re 100 Hz and
// loudness in dB, so a speaker's baseline can be subtracted rather than divided.

import { EXTRA_FUNCTIONAL_NAMES, extraFunctionals } from './functionals-extra.js';
import { columnsOf, type FrameColumns } from './frame-columns.js';
import { countSyllablesIn } from './syllables.js';
import { mean, percentileSorted, slope, std } from './stats.js';
import { semitonesRe100Hz } from './semitones.js';
import { HOP_MS, MFCC_COUNT, type FrameFeatures } from './types.js';

const CONTOUR_STATS = ['mean', 'std', 'p10', 'p50', 'p90', 'range', 'slope', 'delta'] as const;
const SHAPES = ['zcr', 'centroid_khz', 'flatness', 'rolloff_khz', 'flux'] as const;
/** Spectral shapes with a mean and std over speech frames (zcr … flux, in that order). */
export const SHAPE_COUNT = SHAPES.length;
const MFCC_INDICES = Array.from({ length: MFCC_COUNT }, (_, i) => i);

export const FUNCTIONAL_NAMES: readonly string[] = Object.freeze([
  ...CONTOUR_STATS.map((s) => `pitch_st_${s}`),
  ...CONTOUR_STATS.map((s) => `loudness_db_${s}`),
  ...SHAPES.flatMap((s) => [`${s}_mean`, `${s}_std`]),
  ...MFCC_INDICES.map((i) => `mfcc${i}_mean`),
  ...MFCC_INDICES.map((i) => `mfcc${i}_std`),
  ...MFCC_INDICES.map((i) => `mfcc${i}_delta`),
  'voicing_ratio',
  'speech_ratio',
  'syllables_per_s',
  'voiced_run_s',
  ...EXTRA_FUNCTIONAL_NAMES,
]);
export const FUNCTIONAL_COUNT = FUNCTIONAL_NAMES.length;

/** Index of a functional by name; throws on a typo so callers fail at load, not silently. */
export function functionalIndex(name: string): number {
  const i = FUNCTIONAL_NAMES.indexOf(name);
  if (i < 0) throw new Error(`unknown functional ${name}`);
  return i;
}

export { semitonesRe100Hz };

/**
 * Reusable per-thread buffers for one window's series. windowFunctionals runs for every window of
 * every call (and on the baseline's stretch); allocating its ~25 arrays each time made it the
 * biggest source of garbage in a pipeline worker (~180 KB a window; 70 MB/s at 100 calls). The
 * arithmetic is the same, in the same order, so the features are bit-identical.
 */
class Scratch {
  capacity = 0;
  pitchSt = new Float64Array(0);
  pitchAt = new Float64Array(0);
  pitchAdjacent = new Uint8Array(0);
  speechAt = new Float64Array(0);
  /** Column index of each speech frame. */
  speechIndex = new Int32Array(0);
  loudness = new Float64Array(0);
  loudAdjacent = new Uint8Array(0);
  values = new Float64Array(0);
  sorted = new Float64Array(0);

  ensure(n: number): void {
    if (n <= this.capacity) return;
    const c = Math.max(n, this.capacity * 2, 512);
    this.capacity = c;
    this.pitchSt = new Float64Array(c);
    this.pitchAt = new Float64Array(c);
    this.pitchAdjacent = new Uint8Array(c);
    this.speechAt = new Float64Array(c);
    this.speechIndex = new Int32Array(c);
    this.loudness = new Float64Array(c);
    this.loudAdjacent = new Uint8Array(c);
    this.values = new Float64Array(c);
    this.sorted = new Float64Array(c);
  }
}
const scratch = new Scratch();

/** mean (or the given level), std, p10, p50, p90, p90−p10, slope per second, mean |Δ| between adjacent frames. */
function contour(out: Float32Array, at: number, times: Float64Array, values: Float64Array, adjacent: Uint8Array, level?: number): void {
  if (values.length === 0) return;
  const mu = mean(values);
  const sorted = scratch.sorted.subarray(0, values.length);
  sorted.set(values);
  sorted.sort();
  const p10 = percentileSorted(sorted, 0.1);
  const p90 = percentileSorted(sorted, 0.9);
  let deltaSum = 0;
  let deltaCount = 0;
  for (let i = 1; i < values.length; i++) {
    if (!adjacent[i]) continue;
    deltaSum += Math.abs(values[i] - values[i - 1]);
    deltaCount++;
  }
  out[at] = level ?? mu;
  out[at + 1] = std(values, mu);
  out[at + 2] = p10;
  out[at + 3] = percentileSorted(sorted, 0.5);
  out[at + 4] = p90;
  out[at + 5] = p90 - p10;
  out[at + 6] = slope(times, values) * (1000 / HOP_MS);
  out[at + 7] = deltaCount > 0 ? deltaSum / deltaCount : 0;
}

/** Mean and standard deviation of the speech frames' values of a column (each divided by scale) into out[at], out[at + 1]. */
function meanStd(out: Float32Array, at: number, column: Float64Array, index: Int32Array, values: Float64Array, scale = 1): void {
  // stats.mean and stats.std of the series, with the mean's sum taken as the series is gathered (the same sum).
  // Dividing by 1 changes no value (IEEE), so one loop serves the scaled and the unscaled columns.
  const n = values.length;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const v = column[index[k]!]! / scale;
    values[k] = v;
    sum += v;
  }
  const mu = sum / n;
  out[at] = mu;
  out[at + 1] = std(values, mu);
}

/** The speech frames' values of a column, in the scratch series. */
function speechValues(column: Float64Array, index: Int32Array, values: Float64Array): Float64Array {
  for (let k = 0; k < values.length; k++) values[k] = column[index[k]!]!;
  return values;
}

/** out zeroed (a slot a window has nothing for is 0), or a new array. */
function cleared(out: Float32Array | undefined): Float32Array {
  if (!out) return new Float32Array(FUNCTIONAL_COUNT);
  if (out.length !== FUNCTIONAL_COUNT) throw new RangeError(`expected room for ${FUNCTIONAL_COUNT} functionals, got ${out.length}`);
  return out.fill(0);
}

/** The functionals of a list of frames (training and the offline tools). */
export function windowFunctionals(frames: readonly FrameFeatures[]): Float32Array {
  return columnFunctionals(columnsOf(frames), 0, frames.length);
}

/**
 * The functionals of frames from .. to − 1 of the columns, into `out` when given (the live window
 * reuses one: a typed array of this size lives outside V8's heap, and allocating one per window
 * was a measurable share of it), else into a new array.
 */
export function columnFunctionals(c: FrameColumns, from: number, to: number, out?: Float32Array): Float32Array {
  out = cleared(out);
  const total = to - from;
  scratch.ensure(total);
  let n = 0;
  let pitchCount = 0;
  let voicedRuns = 0;
  let inRun = false;
  for (let j = 0; j < total; j++) {
    const i = from + j;
    const isSpeech = c.isSpeech[i] === 1;
    const voiced = isSpeech && c.pitchHz[i]! > 0;
    if (voiced && !inRun) voicedRuns++;
    inRun = voiced;
    if (!isSpeech) continue;
    scratch.speechAt[n] = j;
    scratch.speechIndex[n++] = i;
    if (voiced) {
      scratch.pitchAdjacent[pitchCount] = pitchCount > 0 && scratch.pitchAt[pitchCount - 1] === j - 1 ? 1 : 0;
      scratch.pitchSt[pitchCount] = c.pitchSt[i]!;
      scratch.pitchAt[pitchCount] = j;
      pitchCount++;
    }
  }
  if (n === 0) return out;
  const pitchSt = scratch.pitchSt.subarray(0, pitchCount);
  const pitchAdjacent = scratch.pitchAdjacent.subarray(0, pitchCount);
  const speechAt = scratch.speechAt.subarray(0, n);
  const index = scratch.speechIndex.subarray(0, n);
  const loudness = scratch.loudness.subarray(0, n);
  const loudAdjacent = scratch.loudAdjacent.subarray(0, n);
  const values = scratch.values.subarray(0, n);

  let at = 0;
  contour(out, at, scratch.pitchAt.subarray(0, pitchCount), pitchSt, pitchAdjacent);
  at += CONTOUR_STATS.length;
  speechValues(c.rmsDb, index, loudness);
  for (let k = 0; k < n; k++) loudAdjacent[k] = k > 0 && speechAt[k - 1] === speechAt[k]! - 1 ? 1 : 0;
  // The loudness level is the power mean: a mean of dB would move with how many quiet syllable
  // tails the VAD lets in, which depends on the line's noise rather than on the voice.
  const powerMean = mean(speechValues(c.power, index, values));
  contour(out, at, speechAt, loudness, loudAdjacent, 10 * Math.log10(powerMean));
  at += CONTOUR_STATS.length;

  meanStd(out, at, c.zcr, index, values);
  meanStd(out, at + 2, c.spectralCentroidHz, index, values, 1000);
  meanStd(out, at + 4, c.spectralFlatness, index, values);
  meanStd(out, at + 6, c.spectralRolloffHz, index, values, 1000);
  meanStd(out, at + 8, c.spectralFlux, index, values);
  at += 2 * SHAPES.length;

  const mfccMeanAt = at;
  const mfccStdAt = at + MFCC_COUNT;
  const mfccDeltaAt = at + 2 * MFCC_COUNT;
  let deltaCount = 0;
  for (let s = 1; s < n; s++) if (loudAdjacent[s]) deltaCount++;
  for (let m = 0; m < MFCC_COUNT; m++) {
    // stats.mean, stats.std and the mean |Δ| of the series: each sum in its order, the mean's taken
    // as the series is gathered and the deviations' with the differences (two passes, not four).
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const v = c.mfcc[index[k]! * MFCC_COUNT + m]!;
      values[k] = v;
      sum += v;
    }
    const mu = sum / n;
    let squares = 0;
    let deltaSum = 0;
    squares += (values[0]! - mu) ** 2;
    for (let s = 1; s < n; s++) {
      squares += (values[s]! - mu) ** 2;
      if (loudAdjacent[s]) deltaSum += Math.abs(values[s]! - values[s - 1]!);
    }
    out[mfccMeanAt + m] = mu;
    out[mfccStdAt + m] = n < 2 ? 0 : Math.sqrt(squares / n);
    out[mfccDeltaAt + m] = deltaCount > 0 ? deltaSum / deltaCount : 0;
  }
  at += 3 * MFCC_COUNT;

  const speechS = (n * HOP_MS) / 1000;
  out[at++] = pitchCount / n;
  out[at++] = n / total;
  out[at++] = countSyllablesIn(c, from, to) / speechS;
  out[at++] = voicedRuns > 0 ? (pitchCount * HOP_MS) / 1000 / voicedRuns : 0;
  extraFunctionals(out, at, { columns: c, from, to, pitchSt, pitchAdjacent, loudness, loudAdjacent, values });
  return out;
}

const PITCH_P50 = FUNCTIONAL_NAMES.indexOf('pitch_st_p50');
const PITCH_RANGE = FUNCTIONAL_NAMES.indexOf('pitch_st_range');
const LOUDNESS_LEVEL = FUNCTIONAL_NAMES.indexOf('loudness_db_mean');
const VOICING = FUNCTIONAL_NAMES.indexOf('voicing_ratio');
const SPEECH_RATIO = FUNCTIONAL_NAMES.indexOf('speech_ratio');
const SYLLABLE_RATE = FUNCTIONAL_NAMES.indexOf('syllables_per_s');
/** The slots summaryFunctionals fills. */
export const SUMMARY_FUNCTIONALS: readonly number[] = [PITCH_P50, PITCH_RANGE, LOUDNESS_LEVEL, VOICING, SPEECH_RATIO, SYLLABLE_RATE];
/** The same slots by name (stretch-functionals.ts fills them as summaryFunctionals does). */
export const SUMMARY_SLOTS = Object.freeze({ PITCH_P50, PITCH_RANGE, LOUDNESS_LEVEL, VOICING, SPEECH_RATIO, SYLLABLE_RATE });

/**
 * Only the functionals the evidence reads (summary.ts: pitch median and range, loudness level,
 * speaking rate, voicing and speech ratios), computed exactly as windowFunctionals computes them;
 * every other slot is 0. For windows no model reads (the agent's: coaching only), at a fraction of
 * the cost.
 */
export function summaryFunctionals(frames: readonly FrameFeatures[]): Float32Array {
  return columnSummaryFunctionals(columnsOf(frames), 0, frames.length);
}

/** summaryFunctionals of frames from .. to − 1 of the columns, into `out` when given (as columnFunctionals). */
export function columnSummaryFunctionals(c: FrameColumns, from: number, to: number, out?: Float32Array): Float32Array {
  out = cleared(out);
  scratch.ensure(to - from);
  let n = 0;
  let pitchCount = 0;
  for (let i = from; i < to; i++) {
    if (c.isSpeech[i] !== 1) continue;
    scratch.values[n++] = c.power[i]!;
    if (c.pitchHz[i]! > 0) scratch.pitchSt[pitchCount++] = c.pitchSt[i]!;
  }
  if (n === 0) return out;
  if (pitchCount > 0) {
    const sorted = scratch.sorted.subarray(0, pitchCount);
    sorted.set(scratch.pitchSt.subarray(0, pitchCount));
    sorted.sort();
    const p10 = percentileSorted(sorted, 0.1);
    const p90 = percentileSorted(sorted, 0.9);
    out[PITCH_P50] = percentileSorted(sorted, 0.5);
    out[PITCH_RANGE] = p90 - p10;
  }
  out[LOUDNESS_LEVEL] = 10 * Math.log10(mean(scratch.values.subarray(0, n)));
  out[VOICING] = pitchCount / n;
  out[SPEECH_RATIO] = n / (to - from);
  out[SYLLABLE_RATE] = countSyllablesIn(c, from, to) / ((n * HOP_MS) / 1000);
  return out;
}
