// Functionals beyond the usual statistics, aimed at the confusions the contour statistics
// leave: the direction of the pitch contour (a surprised rise against a sad or neutral fall),
// the attack and release of loudness (anger is abrupt), pauses (hesitation and sadness), and
// the spectrum of voiced frames alone (vowel timbre: tense, pressed voice against breathy),
// which consonants and noise blur in the all-speech means.

import { mean, std } from './stats.js';
import type { FrameColumns } from './frame-columns.js';
import { HOP_MS, MFCC_COUNT } from './types.js';

/** Pauses shorter than this inside speech are stop closures, not pauses (150 ms). */
export const MIN_PAUSE_FRAMES = 15;
const VOICED_MFCC = Array.from({ length: MFCC_COUNT - 1 }, (_, i) => i + 1);

export const EXTRA_FUNCTIONAL_NAMES: readonly string[] = [
  'pitch_st_skew',
  'pitch_rise_share',
  'pitch_st_end_minus_start',
  'loudness_db_rise',
  'loudness_db_fall',
  'pauses_per_s',
  'pause_mean_s',
  'voiced_centroid_khz',
  'voiced_flatness',
  'voiced_rolloff_khz',
  ...VOICED_MFCC.map((k) => `voiced_mfcc${k}_mean`),
];

export interface ExtraInputs {
  /** The window: frames from .. to − 1 of the columns. */
  columns: FrameColumns;
  from: number;
  to: number;
  pitchSt: Float64Array;
  /** 1 where the pitch frame follows the previous one directly. */
  pitchAdjacent: Uint8Array;
  loudness: Float64Array;
  loudAdjacent: Uint8Array;
  /** Scratch of at least as many values as there are voiced frames (functionals.ts reuses it). */
  values: Float64Array;
}

export function extraFunctionals(out: Float32Array, at: number, x: ExtraInputs): void {
  const p = x.pitchSt;
  if (p.length > 2) {
    const mu = mean(p);
    const sd = std(p, mu);
    let skew = 0;
    for (let i = 0; i < p.length; i++) skew += ((p[i]! - mu) / sd) ** 3;
    out[at] = sd > 0 ? skew / p.length : 0;
    let rises = 0;
    let moves = 0;
    for (let i = 1; i < p.length; i++) {
      if (!x.pitchAdjacent[i]) continue;
      moves++;
      if (p[i] > p[i - 1]) rises++;
    }
    out[at + 1] = moves > 0 ? rises / moves : 0.5;
    const third = Math.max(1, Math.floor(p.length / 3));
    out[at + 2] = mean(p.subarray(p.length - third)) - mean(p.subarray(0, third));
  }
  let riseSum = 0;
  let fallSum = 0;
  let steps = 0;
  for (let i = 1; i < x.loudness.length; i++) {
    if (!x.loudAdjacent[i]) continue;
    const d = x.loudness[i] - x.loudness[i - 1];
    steps++;
    if (d > 0) riseSum += d;
    else fallSum -= d;
  }
  out[at + 3] = steps > 0 ? riseSum / steps : 0;
  out[at + 4] = steps > 0 ? fallSum / steps : 0;

  // Pauses: non-speech runs between the first and last speech frame.
  const c = x.columns;
  const speech = c.isSpeech;
  let first = x.from;
  while (first < x.to && speech[first] !== 1) first++;
  if (first === x.to) first = x.from - 1;
  let last = x.to - 1;
  while (last >= x.from && speech[last] !== 1) last--;
  let pauses = 0;
  let pauseFrames = 0;
  let run = 0;
  let speechFrames = 0;
  for (let i = Math.max(x.from, first); i <= last; i++) {
    if (speech[i] === 1) {
      speechFrames++;
      if (run >= MIN_PAUSE_FRAMES) {
        pauses++;
        pauseFrames += run;
      }
      run = 0;
    } else run++;
  }
  const speechS = (speechFrames * HOP_MS) / 1000;
  out[at + 5] = speechS > 0 ? pauses / speechS : 0;
  out[at + 6] = pauses > 0 ? (pauseFrames * HOP_MS) / 1000 / pauses : 0;

  // The voiced frames' spectrum: their column indices in the scratch (as numbers), then each mean.
  const voiced = x.values;
  let nv = 0;
  for (let i = x.from; i < x.to; i++) if (speech[i] === 1 && c.pitchHz[i]! > 0) voiced[nv++] = i;
  if (nv > 0) {
    out[at + 7] = voicedMean(c.spectralCentroidHz, voiced, nv, 1000);
    out[at + 8] = voicedMean(c.spectralFlatness, voiced, nv, 1);
    out[at + 9] = voicedMean(c.spectralRolloffHz, voiced, nv, 1000);
    for (let j = 0; j < VOICED_MFCC.length; j++) {
      const k = VOICED_MFCC[j]!;
      let s = 0;
      for (let v = 0; v < nv; v++) s += c.mfcc[voiced[v]! * MFCC_COUNT + k]!;
      out[at + 10 + j] = s / nv;
    }
  }
}

/** stats.mean of the voiced frames' values of a column (each divided by scale): the same sum. */
function voicedMean(column: Float64Array, index: Float64Array, n: number, scale: number): number {
  let s = 0;
  if (scale === 1) for (let v = 0; v < n; v++) s += column[index[v]!]!;
  else for (let v = 0; v < n; v++) s += column[index[v]!]! / scale;
  return s / n;
}
