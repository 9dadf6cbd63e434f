// The functionals of a stretch of frames that only grows (the speaker baseline's stretch in
// progress), kept up to date frame by frame. The baseline needs them at every window, and
// recomputing windowFunctionals over the whole stretch each time was most of a window's cost
// (the stretch is up to 30 s of frames). Here each frame's values are copied into columns once,
// every sum a mean is made of is kept running (added in the order the batch code adds them, so
// it is the same number), the sorted series grow by insertion, and the counters (syllables,
// pauses, voiced runs) are the batch code's state machines advanced one frame at a time. Only
// what needs the final mean (standard deviations, slopes, skew, the thirds) takes a pass, over
// columns. The result is bit-identical to windowFunctionals / summaryFunctionals of the same
// frames: test/features/stretch-functionals.test.ts holds it to them.

import { FUNCTIONAL_COUNT, SHAPE_COUNT, SUMMARY_SLOTS } from './functionals.js';
import { MIN_PAUSE_FRAMES } from './functionals-extra.js';
import { percentileSorted, std } from './stats.js';
import { SyllableCounter } from './syllables.js';
import type { FrameColumns } from './frame-columns.js';
import { HOP_MS, MFCC_COUNT } from './types.js';

/** Voiced-frame means of functionals-extra.ts: centroid, flatness, rolloff, MFCC 1..12. */
const VOICED_MEANS = 3 + MFCC_COUNT - 1;

const { PITCH_P50, PITCH_RANGE, LOUDNESS_LEVEL, VOICING, SPEECH_RATIO, SYLLABLE_RATE } = SUMMARY_SLOTS;

/** Inserts v into the ascending first len values of a (which has room for one more). */
function insertSorted(a: Float64Array, len: number, v: number): void {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  a.copyWithin(lo + 1, lo, len);
  a[lo] = v;
}

function grow(a: Float64Array, n: number) {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

export type StretchKind = 'full' | 'summary';

export class StretchFunctionals {
  /** Frames and speech frames appended since the last reset. */
  frames = 0;
  speech = 0;
  private pitch = 0;
  private capacity = 0;
  // Speech-frame columns (full: everything windowFunctionals reads; summary: none but the sorts).
  private speechAt = new Float64Array(0);
  private loudness = new Float64Array(0);
  private loudSorted = new Float64Array(0);
  /** Column-major: a shape's or an MFCC's speech-frame values are one array (a tight pass each). */
  private shapes: Float64Array[] = [];
  private mfcc: Float64Array[] = [];
  // Voiced-speech (pitch) columns.
  private pitchAt = new Float64Array(0);
  private pitchSt = new Float64Array(0);
  private pitchSorted = new Float64Array(0);
  /** Running sums, each added in the batch code's order. */
  private readonly sums = {
    pitchSt: 0,
    pitchAt: 0,
    speechAt: 0,
    loudness: 0,
    power: 0,
    pitchDelta: 0,
    pitchDeltaCount: 0,
    loudDelta: 0,
    loudDeltaCount: 0,
    rises: 0,
    moves: 0,
    riseSum: 0,
    fallSum: 0,
  };
  private readonly shapeSums = new Float64Array(SHAPE_COUNT);
  private readonly mfccSums = new Float64Array(MFCC_COUNT);
  private readonly mfccDeltaSums = new Float64Array(MFCC_COUNT);
  private readonly voicedSums = new Float64Array(VOICED_MEANS);
  private voicedRuns = 0;
  private inRun = false;
  private lastPitchAt = -2;
  private lastSpeechAt = -2;
  private pauses = 0;
  private pauseFrames = 0;
  private run = 0;
  private readonly syllables = new SyllableCounter();
  private readonly out = new Float32Array(FUNCTIONAL_COUNT);

  constructor(private readonly kind: StretchKind = 'full') {}

  reset(): void {
    this.frames = 0;
    this.speech = 0;
    this.pitch = 0;
    for (const k of Object.keys(this.sums) as (keyof typeof this.sums)[]) this.sums[k] = 0;
    this.shapeSums.fill(0);
    this.mfccSums.fill(0);
    this.mfccDeltaSums.fill(0);
    this.voicedSums.fill(0);
    this.voicedRuns = 0;
    this.inRun = false;
    this.lastPitchAt = -2;
    this.lastSpeechAt = -2;
    this.pauses = 0;
    this.pauseFrames = 0;
    this.run = 0;
    this.syllables.reset();
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    const c = Math.max(n, this.capacity * 2, 256);
    this.capacity = c;
    this.pitchSorted = grow(this.pitchSorted, c);
    this.loudSorted = grow(this.loudSorted, c);
    if (this.kind === 'summary') return;
    this.speechAt = grow(this.speechAt, c);
    this.loudness = grow(this.loudness, c);
    this.shapes = Array.from({ length: SHAPE_COUNT }, (_, j) => grow(this.shapes[j] ?? new Float64Array(0), c));
    this.mfcc = Array.from({ length: MFCC_COUNT }, (_, q) => grow(this.mfcc[q] ?? new Float64Array(0), c));
    this.pitchAt = grow(this.pitchAt, c);
    this.pitchSt = grow(this.pitchSt, c);
  }

  /** Appends frame at of the columns. */
  append(c: FrameColumns, at: number): void {
    const i = this.frames++;
    this.syllables.push(c, at);
    const isSpeech = c.isSpeech[at] === 1;
    const voiced = isSpeech && c.pitchHz[at]! > 0;
    if (voiced && !this.inRun) this.voicedRuns++;
    this.inRun = voiced;
    if (!isSpeech) {
      if (this.speech > 0) this.run++;
      return;
    }
    if (this.run >= MIN_PAUSE_FRAMES) {
      this.pauses++;
      this.pauseFrames += this.run;
    }
    this.run = 0;
    const k = this.speech++;
    this.ensure(this.speech);
    const s = this.sums;
    s.power += c.power[at]!;
    if (voiced) {
      insertSorted(this.pitchSorted, this.pitch, c.pitchSt[at]!);
      s.pitchSt += c.pitchSt[at]!;
    }
    if (this.kind === 'full') this.appendSpeech(c, at, i, k, voiced);
    if (voiced) {
      this.lastPitchAt = i;
      this.pitch++;
    }
    this.lastSpeechAt = i;
  }

  private appendSpeech(c: FrameColumns, at: number, i: number, k: number, voiced: boolean): void {
    const s = this.sums;
    const loudAdjacent = k > 0 && this.lastSpeechAt === i - 1;
    const rmsDb = c.rmsDb[at]!;
    this.speechAt[k] = i;
    s.speechAt += i;
    this.loudness[k] = rmsDb;
    insertSorted(this.loudSorted, k, rmsDb);
    s.loudness += rmsDb;
    if (loudAdjacent) {
      const prev = this.loudness[k - 1]!;
      s.loudDelta += Math.abs(rmsDb - prev);
      s.loudDeltaCount++;
      const d = rmsDb - prev;
      if (d > 0) s.riseSum += d;
      else s.fallSum -= d;
    }
    const sh = this.shapes;
    sh[0]![k] = c.zcr[at]!;
    sh[1]![k] = c.spectralCentroidHz[at]! / 1000;
    sh[2]![k] = c.spectralFlatness[at]!;
    sh[3]![k] = c.spectralRolloffHz[at]! / 1000;
    sh[4]![k] = c.spectralFlux[at]!;
    for (let j = 0; j < SHAPE_COUNT; j++) this.shapeSums[j] += sh[j]![k]!;
    const m = this.mfcc;
    const src = at * MFCC_COUNT;
    for (let q = 0; q < MFCC_COUNT; q++) {
      const col = m[q]!;
      col[k] = c.mfcc[src + q]!;
      this.mfccSums[q] += col[k]!;
      if (loudAdjacent) this.mfccDeltaSums[q] += Math.abs(col[k]! - col[k - 1]!);
    }
    if (!voiced) return;
    const p = this.pitch;
    const pitchSt = c.pitchSt[at]!;
    const adjacent = p > 0 && this.lastPitchAt === i - 1;
    this.pitchAt[p] = i;
    s.pitchAt += i;
    this.pitchSt[p] = pitchSt;
    if (adjacent) {
      const prev = this.pitchSt[p - 1]!;
      s.pitchDelta += Math.abs(pitchSt - prev);
      s.pitchDeltaCount++;
      s.moves++;
      if (pitchSt > prev) s.rises++;
    }
    const v = this.voicedSums;
    v[0] += sh[1]![k]!;
    v[1] += sh[2]![k]!;
    v[2] += sh[3]![k]!;
    for (let q = 1; q < MFCC_COUNT; q++) v[2 + q] += m[q]![k]!;
  }

  /**
   * The stretch's functionals, as windowFunctionals of its frames; as summaryFunctionals in the
   * summary kind, or when only the summary's slots are asked for (those slots are the same numbers
   * either way: the full pass computes them as the summary does). The array is the stretch's own,
   * valid until the next call (the baseline reads it at once; one per call was off-heap garbage).
   */
  functionals(slots: StretchKind = 'full'): Float32Array {
    const out = this.out.fill(0);
    const n = this.speech;
    if (n === 0) return out;
    const np = this.pitch;
    const s = this.sums;
    if (this.kind === 'summary' || slots === 'summary') {
      if (np > 0) {
        const sorted = this.pitchSorted.subarray(0, np);
        const p10 = percentileSorted(sorted, 0.1);
        const p90 = percentileSorted(sorted, 0.9);
        out[PITCH_P50] = percentileSorted(sorted, 0.5);
        out[PITCH_RANGE] = p90 - p10;
      }
    } else this.fullFunctionals(out);
    out[LOUDNESS_LEVEL] = 10 * Math.log10(s.power / n);
    out[VOICING] = np / n;
    out[SPEECH_RATIO] = n / this.frames;
    out[SYLLABLE_RATE] = this.syllables.count() / ((n * HOP_MS) / 1000);
    return out;
  }

  private fullFunctionals(out: Float32Array): void {
    const n = this.speech;
    const np = this.pitch;
    const s = this.sums;
    const pitchSt = this.pitchSt.subarray(0, np);
    let at = 0;
    if (np > 0) {
      const mu = s.pitchSt / np;
      contour(out, at, mu, this.pitchSorted.subarray(0, np), pitchSt, this.pitchAt.subarray(0, np), s.pitchAt / np, mu, s.pitchDelta, s.pitchDeltaCount);
    }
    at += 8;
    const loudness = this.loudness.subarray(0, n);
    contour(out, at, 10 * Math.log10(s.power / n), this.loudSorted.subarray(0, n), loudness, this.speechAt.subarray(0, n), s.speechAt / n, s.loudness / n, s.loudDelta, s.loudDeltaCount);
    at += 8;
    for (let j = 0; j < SHAPE_COUNT; j++) {
      const mu = this.shapeSums[j]! / n;
      out[at + 2 * j] = mu;
      out[at + 2 * j + 1] = stdOf(this.shapes[j]!, n, mu);
    }
    at += 2 * SHAPE_COUNT;
    for (let c = 0; c < MFCC_COUNT; c++) {
      const mu = this.mfccSums[c]! / n;
      out[at + c] = mu;
      out[at + MFCC_COUNT + c] = stdOf(this.mfcc[c]!, n, mu);
      out[at + 2 * MFCC_COUNT + c] = s.loudDeltaCount > 0 ? this.mfccDeltaSums[c]! / s.loudDeltaCount : 0;
    }
    at += 3 * MFCC_COUNT;
    // voicing, speech ratio and syllable rate are the summary's slots (functionals() fills them).
    at += 3;
    out[at++] = this.voicedRuns > 0 ? (np * HOP_MS) / 1000 / this.voicedRuns : 0;
    // functionals-extra.ts
    if (np > 2) {
      const mu = s.pitchSt / np;
      const sd = std(pitchSt, mu);
      let skew = 0;
      for (let i = 0; i < np; i++) skew += ((pitchSt[i]! - mu) / sd) ** 3;
      out[at] = sd > 0 ? skew / np : 0;
      out[at + 1] = s.moves > 0 ? s.rises / s.moves : 0.5;
      const third = Math.max(1, Math.floor(np / 3));
      out[at + 2] = meanOf(pitchSt, np - third, np) - meanOf(pitchSt, 0, third);
    }
    out[at + 3] = s.loudDeltaCount > 0 ? s.riseSum / s.loudDeltaCount : 0;
    out[at + 4] = s.loudDeltaCount > 0 ? s.fallSum / s.loudDeltaCount : 0;
    const speechS = (n * HOP_MS) / 1000;
    out[at + 5] = speechS > 0 ? this.pauses / speechS : 0;
    out[at + 6] = this.pauses > 0 ? (this.pauseFrames * HOP_MS) / 1000 / this.pauses : 0;
    if (np > 0) for (let j = 0; j < VOICED_MEANS; j++) out[at + 7 + j] = this.voicedSums[j]! / np;
  }
}

/** stats.std of the first n values of a: the same sum. */
function stdOf(a: Float64Array, n: number, mu: number): number {
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i]! - mu) ** 2;
  return Math.sqrt(s / n);
}

/** stats.mean of a[from..to), the same sum. */
function meanOf(a: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s / (to - from);
}

/** functionals.ts's contour from running sums: level, std, p10, p50, p90, range, slope, delta. */
function contour(out: Float32Array, at: number, level: number, sorted: Float64Array, values: Float64Array, times: Float64Array, mt: number, mv: number, deltaSum: number, deltaCount: number): void {
  const p10 = percentileSorted(sorted, 0.1);
  const p90 = percentileSorted(sorted, 0.9);
  out[at] = level;
  out[at + 1] = std(values, mv);
  out[at + 2] = p10;
  out[at + 3] = percentileSorted(sorted, 0.5);
  out[at + 4] = p90;
  out[at + 5] = p90 - p10;
  out[at + 6] = slopeAbout(times, values, mt, mv) * (1000 / HOP_MS);
  out[at + 7] = deltaCount > 0 ? deltaSum / deltaCount : 0;
}

/** stats.slope with the means given. */
function slopeAbout(times: Float64Array, values: Float64Array, mt: number, mv: number): number {
  const n = values.length;
  if (n < 2) return 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (times[i]! - mt) * (values[i]! - mv);
    den += (times[i]! - mt) ** 2;
  }
  return den > 0 ? num / den : 0;
}
