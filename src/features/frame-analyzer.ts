// Per-track analysis of one 32 ms frame into FrameFeatures: level, zero crossings, spectral
// shape, MFCCs, pitch and voice activity. Stateful (flux needs the previous spectrum, the VAD
// its noise floor), so each track owns one analyzer. This is the hot path of the live service
// (100 frames/s per track): all buffers are preallocated; analyzeInto appends to columns and
// allocates nothing, analyze (training, tools) returns an object and its MFCC array.
//
// The spectrum is most of a frame's cost, and only speech frames' spectra are ever read (window
// functionals take spectral shape and MFCCs over speech frames; nothing reads them on the agent's
// track, whose windows feed coaching only). So the live service asks for `spectral: 'speech'` on
// the caller's track — a non-speech frame's spectrum is computed only when the next frame is
// speech, for its flux, exactly as it would have been — and `'none'` on the agent's. Frames not
// analysed carry NaN spectral values, so a reader that should not exist would show at once.
// Training and offline tools use the default, 'all'; with 'speech' or 'none' a non-speech frame's
// power (read on speech frames only) is NaN too.

import { createPitchTracker } from './pitch.js';
import { semitonesRe100Hz } from './semitones.js';
import { createSpectralAnalyzer } from './spectral.js';
import { FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT, type FrameFeatures } from './types.js';
import { createVad } from './vad.js';
import { wasmLevels } from './levels.js';
import type { FrameColumns } from './frame-columns.js';

export interface FrameAnalyzer {
  analyze(frame: Float32Array): FrameFeatures;
  /** The same features appended to the columns (the live path: no object per frame); returns the frame's index. */
  analyzeInto(frame: Float32Array, into: FrameColumns): number;
}

/** Which frames get their spectrum (shape, flux, MFCCs) computed. */
export type SpectralFrames = 'all' | 'speech' | 'none';

/** The MFCCs of a frame whose spectrum was not computed (never written). */
const NOT_ANALYSED_MFCC = new Float32Array(MFCC_COUNT).fill(Number.NaN);

/** dBFS reported for digital silence. */
export const SILENCE_DB = -100;
/** Below this level a frame is not worth a pitch search: no voice is this quiet on a call. */
const PITCH_MIN_LEVEL_DB = -66;

export function createFrameAnalyzer(opts: { spectral?: SpectralFrames } = {}): FrameAnalyzer {
  const which = opts.spectral ?? 'all';
  const spectral = createSpectralAnalyzer(FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT);
  const pitch = createPitchTracker(FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ);
  const vad = createVad();
  /** The last frame, when its spectrum was skipped: the next speech frame's flux needs it. */
  const skipped = new Float32Array(FRAME_SIZE_SAMPLES);
  let skippedPending = false;
  const scratchMfcc = new Float32Array(MFCC_COUNT);
  const levels = wasmLevels();

  const mfcc = new Float32Array(MFCC_COUNT);
  /** The last frame's features, rewritten by each measure(); its MFCCs are `mfcc` or NOT_ANALYSED_MFCC. */
  const r: FrameFeatures = { rmsDb: 0, pitchHz: 0, power: 0, pitchSt: 0, isSpeech: false, zcr: 0, spectralCentroidHz: NaN, spectralFlatness: NaN, spectralRolloffHz: NaN, spectralFlux: NaN, mfcc: NOT_ANALYSED_MFCC };

  function measure(frame: Float32Array): void {
    if (frame.length !== FRAME_SIZE_SAMPLES) {
      throw new RangeError(`frame must have ${FRAME_SIZE_SAMPLES} samples, got ${frame.length}`);
    }
    let energy = 0;
    let crossings = 0;
    if (levels) {
      // The same sums, in WebAssembly (levels.ts says why).
      energy = levels.energy(frame);
      crossings = levels.crossings;
    } else {
      let prev = frame[0];
      for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) {
        const v = frame[i];
        energy += v * v;
        if (i > 0 && (prev >= 0) !== (v >= 0)) crossings++;
        prev = v;
      }
    }
    const rms = Math.sqrt(energy / FRAME_SIZE_SAMPLES);
    const rmsDb = rms > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB;
    const isSpeech = vad.isSpeech(rmsDb);
    const pitchHz = rmsDb > PITCH_MIN_LEVEL_DB ? pitch.pitchHz(frame) : 0;
    r.rmsDb = rmsDb;
    r.pitchHz = pitchHz;
    // Power is read on speech frames only (the loudness level is their power mean): the live path
    // leaves it NaN on the others, most of a call's frames, rather than raise 10 to their level.
    r.power = isSpeech || which === 'all' ? 10 ** (rmsDb / 10) : Number.NaN;
    r.pitchSt = pitchHz > 0 ? semitonesRe100Hz(pitchHz) : 0;
    r.isSpeech = isSpeech;
    r.zcr = crossings / (FRAME_SIZE_SAMPLES - 1);
    if (which === 'none' || (which === 'speech' && !isSpeech)) {
      if (which === 'speech') {
        skipped.set(frame);
        skippedPending = true;
      }
      r.mfcc = NOT_ANALYSED_MFCC;
      r.spectralCentroidHz = NaN;
      r.spectralFlatness = NaN;
      r.spectralRolloffHz = NaN;
      r.spectralFlux = NaN;
      return;
    }
    if (skippedPending) {
      // The previous frame's spectrum, as analysing every frame would have left it for the flux.
      spectral.analyze(skipped, scratchMfcc);
      skippedPending = false;
    }
    const shape = spectral.analyze(frame, mfcc);
    r.mfcc = mfcc;
    r.spectralCentroidHz = shape.spectralCentroidHz;
    r.spectralFlatness = shape.spectralFlatness;
    r.spectralRolloffHz = shape.spectralRolloffHz;
    r.spectralFlux = shape.spectralFlux;
  }

  function analyze(frame: Float32Array): FrameFeatures {
    measure(frame);
    // The caller keeps the object and its MFCCs: a copy of both.
    return { ...r, mfcc: r.mfcc === mfcc ? mfcc.slice() : NOT_ANALYSED_MFCC };
  }

  function analyzeInto(frame: Float32Array, into: FrameColumns): number {
    measure(frame);
    return into.pushFrame(r);
  }

  return { analyze, analyzeInto };
}
