import { describe, expect, it } from 'vitest';
import {
  createFrameAnalyzer,
  Framer,
  FUNCTIONAL_COUNT,
  NORMALIZED_COUNT,
  NORMALIZED_NAMES,
  SpeakerBaseline,
  SUMMARY_FUNCTIONALS,
  summarizeProsody,
  windowFunctionals,
  type FrameFeatures,
} from '../../src/features/index.js';
import { concat, seededNoise, voice } from './signals.js';

function analyzeAll(samples: Float32Array): FrameFeatures[] {
  const analyzer = createFrameAnalyzer();
  return new Framer().push(samples).map((f) => analyzer.analyze(f));
}

describe('SpeakerBaseline', () => {
  it('starts empty: relative inputs and confidence are zero, absolute ones are present', () => {
    const baseline = new SpeakerBaseline();
    expect(baseline.speechMs).toBe(0);
    expect(baseline.reference()).toBeNull();
    const f = windowFunctionals(analyzeAll(voice({ f0Hz: 150, durationS: 2, syllablesPerS: 4 })));
    const x = baseline.normalize(f);
    expect(x).toHaveLength(NORMALIZED_COUNT);
    expect(NORMALIZED_NAMES).toHaveLength(NORMALIZED_COUNT);
    expect(x.subarray(0, FUNCTIONAL_COUNT).every((v) => v === 0)).toBe(true);
    expect(x[NORMALIZED_COUNT - 1]).toBe(0);
    expect(x.subarray(FUNCTIONAL_COUNT).some((v) => v !== 0)).toBe(true);
  });

  it('counts speech and normalises a window against the past', () => {
    const baseline = new SpeakerBaseline();
    const past = analyzeAll(voice({ f0Hz: 120, durationS: 5, syllablesPerS: 4 }));
    baseline.add(past);
    expect(baseline.speechMs).toBeGreaterThan(3000);
    expect(baseline.speechMs).toBeLessThanOrEqual(5000);
    const same = baseline.normalize(windowFunctionals(past.slice(0, 300)));
    const higher = baseline.normalize(windowFunctionals(analyzeAll(voice({ f0Hz: 180, durationS: 3, syllablesPerS: 4 }))));
    const pitchMedian = NORMALIZED_NAMES.indexOf('rel_pitch_st_p50');
    expect(Math.abs(same[pitchMedian])).toBeLessThan(0.5);
    expect(higher[pitchMedian]).toBeCloseTo(12 * Math.log2(180 / 120), 0);
    expect(higher[NORMALIZED_COUNT - 1]).toBeGreaterThan(0);
  });

  it('gives the summary slots of its reference without the rest, the same numbers, after every batch', () => {
    const next = seededNoise(5);
    const hiss = Float32Array.from({ length: 8000 }, () => next() * 0.01);
    const frames = analyzeAll(
      concat(voice({ f0Hz: 120, durationS: 1.5, syllablesPerS: 4 }), hiss, voice({ f0Hz: 200, durationS: 2.5, syllablesPerS: 6, amplitude: 0.5 }), new Float32Array(4000), voice({ f0Hz: 90, durationS: 3, syllablesPerS: 3, amplitude: 0.1 })),
    );
    const full = new SpeakerBaseline();
    const summary = new SpeakerBaseline();
    const slots = (r: Float32Array | null) => (r ? SUMMARY_FUNCTIONALS.map((i) => new Uint32Array(Float32Array.of(r[i]!).buffer)[0]) : null);
    let compared = 0;
    for (let at = 0; at < frames.length; at += 2) {
      const batch = frames.slice(at, at + 2);
      full.add(batch);
      summary.add(batch);
      const expected = full.reference();
      expect(slots(summary.summaryReference()), `after ${at + 2} frames`).toEqual(slots(expected));
      if (expected) compared++;
      // Asked after its summary, the full reference is still the full one.
      if (at % 50 === 0) expect(summary.reference()).toEqual(expected);
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('summarises a higher, louder second half as positive relative to the first', () => {
    const first = voice({ f0Hz: 120, durationS: 6, syllablesPerS: 4, amplitude: 0.1 });
    const second = voice({ f0Hz: 150, durationS: 3, syllablesPerS: 4, amplitude: 0.2 });
    const frames = analyzeAll(concat(first, second));
    const split = Math.round(6 * 100);
    const baseline = new SpeakerBaseline();
    baseline.add(frames.slice(0, split));
    const s = summarizeProsody(frames.slice(split + 30), baseline);
    expect(s.pitchHz).toBeGreaterThan(145);
    expect(s.pitchHz).toBeLessThan(155);
    expect(s.pitchRelPct).toBeGreaterThan(20);
    expect(s.pitchRelPct).toBeLessThan(30);
    expect(s.loudnessRelDb).toBeGreaterThan(4);
    expect(s.voiceActivity).toBeGreaterThan(0.5);
    expect(s.speakingRateSylPerS).toBeGreaterThan(2);
    expect(Math.abs(s.speakingRateRelPct)).toBeLessThan(30);
    expect(s.baselineSpeechS).toBeCloseTo(baseline.speechMs / 1000, 6);
  });

  it('reports no relative change before any baseline exists', () => {
    const s = summarizeProsody(analyzeAll(voice({ f0Hz: 150, durationS: 2 })), new SpeakerBaseline());
    expect(s.pitchHz).toBeGreaterThan(140);
    expect(s.pitchRelPct).toBe(0);
    expect(s.loudnessRelDb).toBe(0);
    expect(s.baselineSpeechS).toBe(0);
  });

  it('summarises silence as no speech', () => {
    const s = summarizeProsody(analyzeAll(new Float32Array(16000)), new SpeakerBaseline());
    expect(s.voiceActivity).toBe(0);
    expect(s.pitchHz).toBe(0);
  });
});
