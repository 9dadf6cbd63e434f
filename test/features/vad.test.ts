import { describe, expect, it } from 'vitest';
import { createFrameAnalyzer, Framer } from '../../src/features/index.js';
import { concat, voice } from './signals.js';

/** Share of frames the analyzer calls speech and voiced. */
function activity(samples: Float32Array): { speech: number; voiced: number } {
  const analyzer = createFrameAnalyzer();
  const frames = new Framer().push(samples).map((f) => analyzer.analyze(f));
  return {
    speech: frames.filter((f) => f.isSpeech).length / frames.length,
    voiced: frames.filter((f) => f.isSpeech && f.pitchHz > 0).length / frames.length,
  };
}

describe('voice activity on quiet lines', () => {
  it('hears a soft-spoken caller on a quiet line (speech near −50 dBFS)', () => {
    // Amplitude 0.004 ≈ −50 dBFS RMS: a sad caller on a −36 dBFS line. The old −55 dBFS floor
    // (with −18 dB training gains) dropped such speech, and the model never saw sad callers.
    const soft = voice({ f0Hz: 130, durationS: 2, syllablesPerS: 4, amplitude: 0.004, noise: 0.00005, seed: 2 });
    const a = activity(soft);
    expect(a.speech).toBeGreaterThan(0.5);
    expect(a.voiced).toBeGreaterThan(0.3);
  });

  it('still calls a silent line’s dither silence', () => {
    const dither = voice({ f0Hz: 130, durationS: 2, amplitude: 0, noise: 0.0004, seed: 3 });
    expect(activity(concat(dither, dither)).speech).toBeLessThan(0.05);
  });
});
