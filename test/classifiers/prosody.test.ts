import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProsodyModel } from '../../src/classifiers/prosody.js';
import { classifyRecording } from '../../src/classifiers/prosody-recording.js';
import {
  createFrameAnalyzer,
  Framer,
  NORMALIZED_COUNT,
  SpeakerBaseline,
  windowFunctionals,
} from '../../src/features/index.js';
import { EMOTION_LABELS } from '../../src/frames/types.js';
import { concat, voice } from '../features/signals.js';

const MODELS = resolve(import.meta.dirname, '../../models');

function features(f0Hz: number, baseline = new SpeakerBaseline()): Float32Array {
  const analyzer = createFrameAnalyzer();
  const frames = new Framer().push(voice({ f0Hz, durationS: 2.5, syllablesPerS: 4 })).map((f) => analyzer.analyze(f));
  return baseline.normalize(windowFunctionals(frames));
}

describe('loadProsodyModel', () => {
  it('returns null when there is no model, so the service runs without it', async () => {
    expect(await loadProsodyModel(mkdtempSync(join(tmpdir(), 'callcue-models-')))).toBeNull();
  });

  it('loads the shipped model, which returns four probabilities summing to 1', async () => {
    const model = await loadProsodyModel(MODELS);
    expect(model).not.toBeNull();
    expect(model!.version).toMatch(/^prosody-[0-9a-f]{12}$/);
    const probs = await model!.predict(features(150));
    expect(Object.keys(probs).sort()).toEqual([...EMOTION_LABELS].sort());
    const values = Object.values(probs);
    expect(values.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(values.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  });

  it('answers concurrent predictions each with its own input (the shared input buffer is never overwritten mid-run)', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    const a = features(110);
    const b = features(260);
    const [pa, pb, pa2] = await Promise.all([model.predict(a), model.predict(b), model.predict(a)]);
    expect(pa2).toEqual(pa);
    expect(pb).not.toEqual(pa);
  });

  it('rejects an input of the wrong length', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    await expect(model.predict(new Float32Array(NORMALIZED_COUNT - 1))).rejects.toThrow(RangeError);
  });
});

describe('classifyRecording', () => {
  it('judges a long recording in rolling windows and a short clip as one window', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    const long = await classifyRecording(
      concat(voice({ f0Hz: 140, durationS: 6, syllablesPerS: 4 }), voice({ f0Hz: 220, durationS: 4, syllablesPerS: 6, amplitude: 0.4 })),
      model,
      new SpeakerBaseline(),
    );
    expect(long.durationMs).toBeCloseTo(10000, 0);
    expect(long.segments.length).toBeGreaterThanOrEqual(8);
    expect(long.segments[0].endMs - long.segments[0].startMs).toBeLessThanOrEqual(3000);
    expect(long.label).not.toBeNull();
    expect(Object.values(long.probs!).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);

    const short = await classifyRecording(voice({ f0Hz: 140, durationS: 2, syllablesPerS: 4 }), model, new SpeakerBaseline());
    expect(short.segments).toHaveLength(1);
  });

  it('gives no label to silence', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    const result = await classifyRecording(new Float32Array(8000 * 3), model, new SpeakerBaseline());
    expect(result.label).toBeNull();
    expect(result.probs).toBeNull();
  });
});
