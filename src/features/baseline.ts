// A speaker's own baseline, built live from everything the speaker has said so far in the call
// (never the future). Emotion shows as change against the speaker's usual voice: a deep voice
// is not calm and a high one is not anxious. The baseline is the running mean of functionals
// over consecutive 2 s stretches of the speaker's speech, so a window is compared with what
// windows of this speaker usually look like (like with like: a 3 s window's pitch range with
// past windows' ranges, not with the whole call's spread).
//
// The model input (normalize) is: every functional minus the baseline, then the functionals
// that mean something without a baseline (variability, spectral shape, rhythm; not the levels
// of pitch and loudness, which identify the speaker and the line), then how much speech the
// baseline holds. Callers are often upset from their first words, so the model must judge
// with a thin baseline too; the last input tells it how far to trust the differences.
//
// Use: for each window, normalize(windowFunctionals(window)) first, then add() the frames that
// are new since the previous window (each frame once), so the baseline is strictly the past.
// The stretch in progress keeps its functionals up to date frame by frame (stretch-functionals.ts),
// bit-identical to computing them over its frames at every window, which cost as much as the
// window itself.

import { FUNCTIONAL_COUNT, FUNCTIONAL_NAMES, SUMMARY_FUNCTIONALS } from './functionals.js';
import { columnsOf, type FrameColumns } from './frame-columns.js';
import { StretchFunctionals, type StretchKind } from './stretch-functionals.js';
import { HOP_MS, type FrameFeatures } from './types.js';

/** Speech per baseline stretch: about one live window. */
const SEGMENT_SPEECH_FRAMES = 200;
/** A partial stretch counts once it holds this much speech (0.5 s). */
const MIN_PARTIAL_SPEECH_FRAMES = 50;
/** Bound on buffered frames when a line carries little speech (30 s). */
const MAX_PENDING_FRAMES = 3000;
/** Baseline speech at which the confidence input reaches 1. */
const FULL_CONFIDENCE_S = 120;

/** Levels that identify the speaker or the line rather than the emotion: relative use only. */
const LEVEL_FUNCTIONALS = new Set([
  'pitch_st_mean',
  'pitch_st_p10',
  'pitch_st_p50',
  'pitch_st_p90',
  'loudness_db_mean',
  'loudness_db_p10',
  'loudness_db_p50',
  'loudness_db_p90',
  'mfcc0_mean',
]);
const ALL_FUNCTIONALS: readonly number[] = Array.from({ length: FUNCTIONAL_COUNT }, (_, i) => i);
const ABSOLUTE_INDICES = FUNCTIONAL_NAMES.flatMap((name, i) => (LEVEL_FUNCTIONALS.has(name) ? [] : [i]));

/** Names of the model-input vector that normalize() returns. */
export const NORMALIZED_NAMES: readonly string[] = Object.freeze([
  ...FUNCTIONAL_NAMES.map((n) => `rel_${n}`),
  ...ABSOLUTE_INDICES.map((i) => `abs_${FUNCTIONAL_NAMES[i]}`),
  'baseline_confidence',
]);
export const NORMALIZED_COUNT = NORMALIZED_NAMES.length;

export class SpeakerBaseline {
  /**
   * kind: 'full' computes every functional; 'summary' only those the evidence reads (for a speaker
   * whose windows only the evidence reads: then only those slots of reference() are meaningful).
   */
  constructor(private readonly kind: StretchKind = 'full') {
    this.pending = new StretchFunctionals(kind);
  }

  private readonly segmentSum = new Float64Array(FUNCTIONAL_COUNT);
  private segmentCount = 0;
  /** The stretch in progress, its functionals kept up to date frame by frame. */
  private readonly pending: StretchFunctionals;
  private speechFrames = 0;
  /** Cached reference; invalidated by add(). */
  private cachedReference: Float32Array | null = null;
  private cacheValid = false;
  private readonly fullBuffer = new Float32Array(FUNCTIONAL_COUNT);
  /** Only the summary slots are ever written: the others stay 0. */
  private readonly summaryBuffer = new Float32Array(FUNCTIONAL_COUNT);
  /** Cached summaryReference(); invalidated by add(). */
  private cachedSummary: Float32Array | null = null;
  private summaryValid = false;

  /** Milliseconds of speech the baseline has heard. */
  get speechMs(): number {
    return this.speechFrames * HOP_MS;
  }

  add(frames: readonly FrameFeatures[]): void {
    this.addColumns(columnsOf(frames), 0, frames.length);
  }

  /** add() of frames from .. to − 1 of the columns. */
  addColumns(c: FrameColumns, from: number, to: number): void {
    const pending = this.pending;
    for (let i = from; i < to; i++) {
      pending.append(c, i);
      if (c.isSpeech[i] === 1) this.speechFrames++;
      if (pending.speech >= SEGMENT_SPEECH_FRAMES) this.fold();
      else if (pending.frames >= MAX_PENDING_FRAMES) {
        if (pending.speech >= MIN_PARTIAL_SPEECH_FRAMES) this.fold();
        else pending.reset();
      }
    }
    this.cacheValid = false;
    this.summaryValid = false;
  }

  /** The speaker's usual functionals so far, or null before there is enough speech; valid until the next add(). */
  reference(): Float32Array | null {
    if (this.cacheValid) return this.cachedReference;
    this.cachedReference = this.referenceOf(this.kind);
    this.cacheValid = true;
    return this.cachedReference;
  }

  /**
   * reference() in the slots the evidence reads (functionals.ts SUMMARY_FUNCTIONALS), the same
   * numbers; the other slots are not meaningful. Every window's evidence needs the reference, but
   * only a window the model judges needs the rest, whose standard deviations and slopes over the
   * stretch in progress cost as much as the window's own functionals.
   */
  summaryReference(): Float32Array | null {
    if (this.cacheValid) return this.cachedReference;
    if (this.summaryValid) return this.cachedSummary;
    this.cachedSummary = this.referenceOf('summary');
    this.summaryValid = true;
    return this.cachedSummary;
  }

  /** The reference in the given slots (every slot, or the summary's; the others are then 0). */
  private referenceOf(slots: StretchKind): Float32Array | null {
    const counted = this.pending.speech >= MIN_PARTIAL_SPEECH_FRAMES;
    const w = this.pending.speech / SEGMENT_SPEECH_FRAMES;
    const weight = counted ? this.segmentCount + w : this.segmentCount;
    if (weight <= 0) return null;
    const partial = counted ? this.pending.functionals(slots) : null;
    // A summary baseline's segments are 0 outside the summary slots, so there it is the same array.
    const indices = slots === 'summary' ? SUMMARY_FUNCTIONALS : ALL_FUNCTIONALS;
    // Reused (the cache is rewritten, not replaced): a typed array of this size lives outside V8's heap.
    const reference = slots === 'summary' ? this.summaryBuffer : this.fullBuffer;
    // Each slot as a plain loop always took it: its segments' sum, plus the partial weighted, over the weight.
    for (let j = 0; j < indices.length; j++) {
      const i = indices[j]!;
      let sum = this.segmentSum[i]!;
      if (partial) sum += partial[i]! * w;
      reference[i] = sum / weight;
    }
    return reference;
  }

  /** The model input for a window's functionals: see the file header and NORMALIZED_NAMES. */
  normalize(functionals: Float32Array): Float32Array {
    if (functionals.length !== FUNCTIONAL_COUNT) {
      throw new RangeError(`expected ${FUNCTIONAL_COUNT} functionals, got ${functionals.length}`);
    }
    const out = new Float32Array(NORMALIZED_COUNT);
    const ref = this.reference();
    if (ref) for (let i = 0; i < FUNCTIONAL_COUNT; i++) out[i] = functionals[i] - ref[i];
    let at = FUNCTIONAL_COUNT;
    for (const i of ABSOLUTE_INDICES) out[at++] = functionals[i];
    out[at] = ref ? Math.min(1, Math.log1p(this.speechMs / 1000) / Math.log1p(FULL_CONFIDENCE_S)) : 0;
    return out;
  }

  private fold(): void {
    const f = this.pending.functionals();
    for (let i = 0; i < FUNCTIONAL_COUNT; i++) this.segmentSum[i] += f[i];
    this.segmentCount++;
    this.pending.reset();
  }
}
