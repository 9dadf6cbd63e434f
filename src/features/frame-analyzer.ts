// Per-track analysis of one 32 ms frame into FrameFeatures: level, zero crossings, spectral
// shape, MFCCs, pitch and voice activity. Stateful (flux needs the previous spectrum, the VAD
// its noise floor), so each track owns one analyzer. This is the hot path of the live service
// (100 frames/s per track): all buffers are preallocated; each call allocates only the
// returned object and its MFCC array, which the caller keeps in its window.

import { createPitchTracker } from './pitch.js';
import { createSpectralAnalyzer } from './spectral.js';
import { FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT, type FrameFeatures } from './types.js';
import { createVad } from './vad.js';

export interface FrameAnalyzer {
  analyze(frame: Float32Array): FrameFeatures;
}

/** dBFS reported for digital silence. */
export const SILENCE_DB = -100;
/** Below this level a frame is not worth a pitch search: no voice is this quiet on a call. */
const PITCH_MIN_LEVEL_DB = -66;

export function createFrameAnalyzer(): FrameAnalyzer {
  const spectral = createSpectralAnalyzer(FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ, MFCC_COUNT);
  const pitch = createPitchTracker(FRAME_SIZE_SAMPLES, INTERNAL_RATE_HZ);
  const vad = createVad();

  function analyze(frame: Float32Array): FrameFeatures {
    if (frame.length !== FRAME_SIZE_SAMPLES) {
      throw new RangeError(`frame must have ${FRAME_SIZE_SAMPLES} samples, got ${frame.length}`);
    }
    let energy = 0;
    let crossings = 0;
    let prev = frame[0];
    for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) {
      const v = frame[i];
      energy += v * v;
      if (i > 0 && (prev >= 0) !== (v >= 0)) crossings++;
      prev = v;
    }
    const rms = Math.sqrt(energy / FRAME_SIZE_SAMPLES);
    const rmsDb = rms > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB;
    const isSpeech = vad.isSpeech(rmsDb);
    const mfcc = new Float32Array(MFCC_COUNT);
    const shape = spectral.analyze(frame, mfcc);
    const pitchHz = rmsDb > PITCH_MIN_LEVEL_DB ? pitch.pitchHz(frame) : 0;
    return {
      rmsDb,
      pitchHz,
      isSpeech,
      zcr: crossings / (FRAME_SIZE_SAMPLES - 1),
      spectralCentroidHz: shape.spectralCentroidHz,
      spectralFlatness: shape.spectralFlatness,
      spectralRolloffHz: shape.spectralRolloffHz,
      spectralFlux: shape.spectralFlux,
      mfcc,
    };
  }

  return { analyze };
}
