// Fixed-length functionals of one window of frames: the prosody model's raw input. Statistics
// are taken over the window's speech frames (pitch over voiced speech frames), so pauses do not
// dilute them; pauses show up in the speech ratio instead. Pitch is in semitones re 100 Hz and
// loudness in dB, so a speaker's baseline can be subtracted rather than divided.

import { EXTRA_FUNCTIONAL_NAMES, extraFunctionals } from './functionals-extra.js';
import { countSyllables } from './syllables.js';
import { mean, percentileSorted, slope, sortedCopy, std } from './stats.js';
import { HOP_MS, MFCC_COUNT, type FrameFeatures } from './types.js';

const CONTOUR_STATS = ['mean', 'std', 'p10', 'p50', 'p90', 'range', 'slope', 'delta'] as const;
const SHAPES = ['zcr', 'centroid_khz', 'flatness', 'rolloff_khz', 'flux'] as const;
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

export function semitonesRe100Hz(hz: number): number {
  return 12 * Math.log2(hz / 100);
}

/** mean (or the given level), std, p10, p50, p90, p90−p10, slope per second, mean |Δ| between adjacent frames. */
function contour(out: Float32Array, at: number, times: number[], values: number[], adjacent: boolean[], level?: number): void {
  if (values.length === 0) return;
  const mu = mean(values);
  const sorted = sortedCopy(values);
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

export function windowFunctionals(frames: readonly FrameFeatures[]): Float32Array {
  const out = new Float32Array(FUNCTIONAL_COUNT);
  const speech: FrameFeatures[] = [];
  const speechAt: number[] = [];
  const pitchSt: number[] = [];
  const pitchAt: number[] = [];
  const pitchAdjacent: boolean[] = [];
  let voicedRuns = 0;
  let inRun = false;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    const voiced = f.isSpeech && f.pitchHz > 0;
    if (voiced && !inRun) voicedRuns++;
    inRun = voiced;
    if (!f.isSpeech) continue;
    speech.push(f);
    speechAt.push(i);
    if (f.pitchHz > 0) {
      pitchAdjacent.push(pitchAt.length > 0 && pitchAt[pitchAt.length - 1] === i - 1);
      pitchSt.push(semitonesRe100Hz(f.pitchHz));
      pitchAt.push(i);
    }
  }
  if (speech.length === 0) return out;

  let at = 0;
  contour(out, at, pitchAt, pitchSt, pitchAdjacent);
  at += CONTOUR_STATS.length;
  const loudness = speech.map((f) => f.rmsDb);
  const loudAdjacent = speechAt.map((i, k) => k > 0 && speechAt[k - 1] === i - 1);
  // The loudness level is the power mean: a mean of dB would move with how many quiet syllable
  // tails the VAD lets in, which depends on the line's noise rather than on the voice.
  const powerMean = mean(loudness.map((db) => 10 ** (db / 10)));
  contour(out, at, speechAt, loudness, loudAdjacent, 10 * Math.log10(powerMean));
  at += CONTOUR_STATS.length;

  const shapeValues: Array<(f: FrameFeatures) => number> = [
    (f) => f.zcr,
    (f) => f.spectralCentroidHz / 1000,
    (f) => f.spectralFlatness,
    (f) => f.spectralRolloffHz / 1000,
    (f) => f.spectralFlux,
  ];
  for (const get of shapeValues) {
    const v = speech.map(get);
    const mu = mean(v);
    out[at++] = mu;
    out[at++] = std(v, mu);
  }

  const mfccMeanAt = at;
  const mfccStdAt = at + MFCC_COUNT;
  const mfccDeltaAt = at + 2 * MFCC_COUNT;
  for (let k = 0; k < MFCC_COUNT; k++) {
    const v = speech.map((f) => f.mfcc[k]);
    const mu = mean(v);
    out[mfccMeanAt + k] = mu;
    out[mfccStdAt + k] = std(v, mu);
    let deltaSum = 0;
    let deltaCount = 0;
    for (let s = 1; s < v.length; s++) {
      if (!loudAdjacent[s]) continue;
      deltaSum += Math.abs(v[s] - v[s - 1]);
      deltaCount++;
    }
    out[mfccDeltaAt + k] = deltaCount > 0 ? deltaSum / deltaCount : 0;
  }
  at += 3 * MFCC_COUNT;

  const speechS = (speech.length * HOP_MS) / 1000;
  out[at++] = pitchSt.length / speech.length;
  out[at++] = speech.length / frames.length;
  out[at++] = countSyllables(frames) / speechS;
  out[at++] = voicedRuns > 0 ? (pitchSt.length * HOP_MS) / 1000 / voicedRuns : 0;
  extraFunctionals(out, at, { frames, pitchSt, pitchAdjacent, loudness, loudAdjacent });
  return out;
}
