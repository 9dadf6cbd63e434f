import meydaModule from 'meyda';
import { describe, expect, it } from 'vitest';
import {
  createFrameAnalyzer,
  FRAME_SIZE_SAMPLES,
  Framer,
  INTERNAL_RATE_HZ,
  MFCC_COUNT,
  SILENCE_DB,
  type FrameFeatures,
} from '../../src/features/index.js';
import { concat, seededNoise, sine, voice } from './signals.js';

// meyda is CommonJS; its bundled types describe the ESM build, so describe what we use.
interface MeydaLike {
  bufferSize: number;
  sampleRate: number;
  extract(features: string[], signal: Float32Array): Record<string, number>;
}
const Meyda = meydaModule as unknown as MeydaLike;

function analyzeAll(samples: Float32Array): FrameFeatures[] {
  const analyzer = createFrameAnalyzer();
  return new Framer().push(samples).map((f) => analyzer.analyze(f));
}

describe('createFrameAnalyzer', () => {
  it.each([70, 100, 150, 220, 300, 380, 450])('tracks a %d Hz sine within 3 %%', (hz) => {
    const frames = analyzeAll(sine(hz, 0.5, INTERNAL_RATE_HZ / 2));
    const voiced = frames.slice(5).map((f) => f.pitchHz);
    expect(voiced.every((p) => Math.abs(p / hz - 1) < 0.03)).toBe(true);
  });

  it('tracks the fundamental of a harmonic-rich voice, not a harmonic', () => {
    const frames = analyzeAll(voice({ f0Hz: 110, durationS: 0.5 }));
    for (const f of frames.slice(5)) expect(Math.abs(f.pitchHz / 110 - 1)).toBeLessThan(0.03);
  });

  it('follows a voice that jumps up an octave instead of staying on the sub-octave', () => {
    const frames = analyzeAll(concat(voice({ f0Hz: 120, durationS: 0.5 }), voice({ f0Hz: 240, durationS: 0.5 })));
    const after = frames.slice(60, 90).map((f) => f.pitchHz);
    expect(after.every((p) => Math.abs(p / 240 - 1) < 0.03)).toBe(true);
  });

  it('calls outside-range tones and noise unvoiced', () => {
    const rand = seededNoise(3);
    const noise = Float32Array.from({ length: 4000 }, () => 0.3 * rand());
    expect(analyzeAll(noise).filter((f) => f.pitchHz > 0).length).toBeLessThan(3);
    expect(analyzeAll(sine(1000, 0.5, 4000)).every((f) => f.pitchHz === 0 || Math.abs(f.pitchHz - 1000) > 100)).toBe(true);
  });

  it('reports digital silence as very low and not speech', () => {
    const frames = analyzeAll(new Float32Array(8000));
    expect(frames.every((f) => f.rmsDb === SILENCE_DB && !f.isSpeech && f.pitchHz === 0)).toBe(true);
  });

  it('measures a louder signal 6 dB higher for twice the amplitude', () => {
    const quiet = analyzeAll(sine(200, 0.1, 2000))[3].rmsDb;
    const loud = analyzeAll(sine(200, 0.2, 2000))[3].rmsDb;
    expect(loud - quiet).toBeCloseTo(6.02, 1);
    expect(loud).toBeCloseTo(20 * Math.log10(0.2 / Math.SQRT2), 0);
  });

  it('separates speech from a steady noise floor it adapts to', () => {
    const rand = seededNoise(5);
    const hiss = Float32Array.from({ length: 3 * INTERNAL_RATE_HZ }, () => 0.03 * rand());
    const frames = analyzeAll(concat(hiss, voice({ f0Hz: 160, durationS: 1, amplitude: 0.4, noise: 0.03 })));
    const hissFrames = frames.slice(150, 290);
    const speechFrames = frames.slice(310, 380);
    expect(hissFrames.filter((f) => f.isSpeech).length).toBe(0);
    expect(speechFrames.every((f) => f.isSpeech)).toBe(true);
  });

  it('matches meyda on spectral centroid and flatness (same Hann window and definitions)', () => {
    Meyda.bufferSize = FRAME_SIZE_SAMPLES;
    Meyda.sampleRate = INTERNAL_RATE_HZ;
    const rand = seededNoise(11);
    const analyzer = createFrameAnalyzer();
    for (let trial = 0; trial < 5; trial++) {
      const frame = Float32Array.from({ length: FRAME_SIZE_SAMPLES }, (_, i) => 0.3 * Math.sin(i * 0.2 * (trial + 1)) + 0.1 * rand());
      const ours = analyzer.analyze(frame);
      const theirs = Meyda.extract(['spectralCentroid', 'spectralFlatness'], frame);
      expect(ours.spectralCentroidHz).toBeCloseTo((theirs.spectralCentroid * INTERNAL_RATE_HZ) / FRAME_SIZE_SAMPLES, 0);
      expect(ours.spectralFlatness).toBeCloseTo(theirs.spectralFlatness, 3);
    }
  });

  it('gives MFCCs 1–12 independent of gain and shifts only c0', () => {
    const base = voice({ f0Hz: 130, durationS: 0.2, noise: 0 });
    const a = analyzeAll(base)[4];
    const b = analyzeAll(base.map((v) => v * 0.1))[4];
    expect(a.mfcc).toHaveLength(MFCC_COUNT);
    for (let k = 1; k < MFCC_COUNT; k++) expect(b.mfcc[k]).toBeCloseTo(a.mfcc[k], 2);
    // 20 dB less power in every band moves the orthonormal c0 by ln(100)·√20.
    expect(a.mfcc[0] - b.mfcc[0]).toBeCloseTo(Math.log(100) * Math.sqrt(20), 1);
  });

  it('puts a higher tone at a higher centroid and rolloff, and flux at spectral change only', () => {
    const frames = analyzeAll(concat(sine(300, 0.3, 2000), sine(2000, 0.3, 2000)));
    const low = frames[5];
    const high = frames[frames.length - 3];
    expect(high.spectralCentroidHz).toBeGreaterThan(low.spectralCentroidHz + 1000);
    expect(high.spectralRolloffHz).toBeGreaterThan(low.spectralRolloffHz);
    expect(low.spectralFlux).toBeLessThan(0.05);
    expect(Math.max(...frames.map((f) => f.spectralFlux))).toBeGreaterThan(0.5);
  });

  it('rejects frames of the wrong size', () => {
    expect(() => createFrameAnalyzer().analyze(new Float32Array(100))).toThrow(RangeError);
  });
});
