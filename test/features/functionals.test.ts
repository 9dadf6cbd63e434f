import { describe, expect, it } from 'vitest';
import {
  createFrameAnalyzer,
  Framer,
  FUNCTIONAL_COUNT,
  FUNCTIONAL_NAMES,
  functionalIndex,
  SUMMARY_FUNCTIONALS,
  summaryFunctionals,
  windowFunctionals,
  type FrameFeatures,
} from '../../src/features/index.js';
import { concat, voice } from './signals.js';

function analyzeAll(samples: Float32Array): FrameFeatures[] {
  const analyzer = createFrameAnalyzer();
  return new Framer().push(samples).map((f) => analyzer.analyze(f));
}

/** A harmonic voice whose pitch moves linearly from one frequency to another. */
function glide(fromHz: number, toHz: number, durationS: number): Float32Array {
  const n = Math.round(durationS * 8000);
  let phase = 0;
  return Float32Array.from({ length: n }, (_, i) => {
    phase += (2 * Math.PI * (fromHz + ((toHz - fromHz) * i) / n)) / 8000;
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(h * phase) / h;
    return 0.1 * v;
  });
}

const get = (f: Float32Array, name: string): number => f[functionalIndex(name)];

describe('windowFunctionals', () => {
  it('has one value per name, all finite', () => {
    expect(new Set(FUNCTIONAL_NAMES).size).toBe(FUNCTIONAL_COUNT);
    const f = windowFunctionals(analyzeAll(voice({ f0Hz: 150, durationS: 2, syllablesPerS: 4 })));
    expect(f).toHaveLength(FUNCTIONAL_COUNT);
    expect(f.every(Number.isFinite)).toBe(true);
  });

  it('gives pitch in semitones re 100 Hz and a range for a glide', () => {
    const steady = windowFunctionals(analyzeAll(voice({ f0Hz: 200, durationS: 1 })));
    expect(get(steady, 'pitch_st_p50')).toBeCloseTo(12, 0);
    expect(get(steady, 'pitch_st_range')).toBeLessThan(0.5);
    const glide = windowFunctionals(analyzeAll(concat(voice({ f0Hz: 120, durationS: 0.5 }), voice({ f0Hz: 240, durationS: 0.5 }))));
    expect(get(glide, 'pitch_st_range')).toBeGreaterThan(10);
    expect(get(glide, 'pitch_st_slope')).toBeGreaterThan(5);
  });

  it('measures pauses and the direction of the pitch contour', () => {
    const gap = new Float32Array(4000);
    const withPauses = windowFunctionals(
      analyzeAll(concat(voice({ f0Hz: 140, durationS: 1 }), gap, voice({ f0Hz: 140, durationS: 1 }), gap, voice({ f0Hz: 140, durationS: 1 }))),
    );
    expect(get(withPauses, 'pauses_per_s')).toBeGreaterThan(0.4);
    expect(get(withPauses, 'pause_mean_s')).toBeGreaterThan(0.25);
    expect(get(withPauses, 'pause_mean_s')).toBeLessThan(0.55);
    const rising = windowFunctionals(analyzeAll(glide(120, 220, 1.5)));
    expect(get(rising, 'pitch_st_end_minus_start')).toBeGreaterThan(6);
    expect(get(rising, 'pitch_rise_share')).toBeGreaterThan(0.8);
    const falling = windowFunctionals(analyzeAll(glide(220, 120, 1.5)));
    expect(get(falling, 'pitch_st_end_minus_start')).toBeLessThan(-6);
    expect(get(falling, 'pitch_rise_share')).toBeLessThan(0.2);
  });

  it('is all zeros for a window without speech', () => {
    const f = windowFunctionals(analyzeAll(new Float32Array(8000)));
    expect(f.every((v) => v === 0)).toBe(true);
  });

  it('estimates a faster speaking rate for faster syllables', () => {
    const slow = get(windowFunctionals(analyzeAll(voice({ f0Hz: 140, durationS: 4, syllablesPerS: 2.5 }))), 'syllables_per_s');
    const fast = get(windowFunctionals(analyzeAll(voice({ f0Hz: 140, durationS: 4, syllablesPerS: 5 }))), 'syllables_per_s');
    expect(slow).toBeGreaterThan(1.5);
    expect(slow).toBeLessThan(4);
    expect(fast).toBeGreaterThan(slow * 1.5);
  });

  it('shows louder speech in the loudness functionals', () => {
    const quiet = windowFunctionals(analyzeAll(voice({ f0Hz: 140, durationS: 1, amplitude: 0.05 })));
    const loud = windowFunctionals(analyzeAll(voice({ f0Hz: 140, durationS: 1, amplitude: 0.2 })));
    expect(get(loud, 'loudness_db_mean') - get(quiet, 'loudness_db_mean')).toBeCloseTo(12, 0);
  });
});

describe('summaryFunctionals', () => {
  it('fills the evidence slots exactly as windowFunctionals does, and nothing else', () => {
    const cases = [
      voice({ f0Hz: 150, durationS: 3, syllablesPerS: 4 }),
      concat(voice({ f0Hz: 220, durationS: 1.2, syllablesPerS: 5, noise: 0.01 }), new Float32Array(8000), glide(120, 240, 1.5)),
      voice({ f0Hz: 90, durationS: 0.4, amplitude: 0.01, noise: 0.02 }),
      new Float32Array(8000),
    ];
    for (const samples of cases) {
      const frames = analyzeAll(samples);
      const full = windowFunctionals(frames);
      const summary = summaryFunctionals(frames);
      for (let i = 0; i < FUNCTIONAL_COUNT; i++) expect(Object.is(summary[i], SUMMARY_FUNCTIONALS.includes(i) ? full[i] : 0)).toBe(true);
    }
  });
});

