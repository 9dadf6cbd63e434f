import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProsodyModel } from '../../src/classifiers/prosody.js';
import { createOnnxSession, float32Tensor } from '../../src/classifiers/onnx.js';
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
    const probs = model!.predict(features(150));
    expect(Object.keys(probs).sort()).toEqual([...EMOTION_LABELS].sort());
    const values = Object.values(probs);
    expect(values.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(values.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  });

  it('rejects an input of the wrong length', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    expect(() => model.predict(new Float32Array(NORMALIZED_COUNT - 1))).toThrow(RangeError);
  });

  it('computes what onnxruntime computes from the same file, for features of real windows', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    const session = await createOnnxSession(readFileSync(join(MODELS, 'prosody.onnx')));
    const baseline = new SpeakerBaseline();
    for (const f0Hz of [95, 140, 210, 320]) {
      const x = features(f0Hz, baseline);
      const result = await session.run({ [session.inputNames[0]!]: float32Tensor(x, [1, NORMALIZED_COUNT]) });
      const reference = result[session.outputNames[0]!]!.data as Float32Array;
      const probs = model.predict(x);
      EMOTION_LABELS.forEach((label, i) => expect(Math.abs(probs[label] - reference[i]!)).toBeLessThan(1e-5));
    }
  });

  it('refuses a model whose graph it cannot compute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcue-models-'));
    // The text model's graph (Gemm, Softmax) is a valid ONNX file, but not a prosody MLP.
    writeFileSync(join(dir, 'prosody.onnx'), readFileSync(join(MODELS, 'text-emotion.onnx')));
    await expect(loadProsodyModel(dir)).rejects.toThrow(/expected Sub,Div,Gemm,Relu,Gemm,Softmax,MatMul/);
  });
});

describe('classifyRecording', () => {
  it('judges a long recording in rolling windows and a short clip as one window', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    const long = classifyRecording(
      concat(voice({ f0Hz: 140, durationS: 6, syllablesPerS: 4 }), voice({ f0Hz: 220, durationS: 4, syllablesPerS: 6, amplitude: 0.4 })),
      model,
      new SpeakerBaseline(),
    );
    expect(long.durationMs).toBeCloseTo(10000, 0);
    expect(long.segments.length).toBeGreaterThanOrEqual(8);
    expect(long.segments[0].endMs - long.segments[0].startMs).toBeLessThanOrEqual(3000);
    expect(long.label).not.toBeNull();
    expect(Object.values(long.probs!).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);

    const short = classifyRecording(voice({ f0Hz: 140, durationS: 2, syllablesPerS: 4 }), model, new SpeakerBaseline());
    expect(short.segments).toHaveLength(1);
  });

  it('gives no label to silence', async () => {
    const model = (await loadProsodyModel(MODELS))!;
    const result = classifyRecording(new Float32Array(8000 * 3), model, new SpeakerBaseline());
    expect(result.label).toBeNull();
    expect(result.probs).toBeNull();
  });
});
