// Training pieces that need no shared data: label mapping, synthetic expansion, the held-out set's
// separation from it, custom TSV input, metrics, the trainer and the ONNX round trip.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { EMOTION_LABELS } from '../../src/frames/types.js';
import { readLinearOnnx } from '../../src/text/emotion/onnx-weights.js';
import { readCustomExamples } from '../../src/training/text/custom-data.js';
import { HELD_OUT_CALLCENTER } from '../../src/training/text/data/heldout-callcenter.js';
import type { Example } from '../../src/training/text/example.js';
import { GOEMOTIONS_MAPPING, mapLabels, SMP2020_MAPPING } from '../../src/training/text/label-map.js';
import { scoreDataset } from '../../src/training/text/metrics.js';
import { syntheticCallCenterExamples } from '../../src/training/text/synthetic.js';
import { encodeTextEmotionOnnx } from '../../src/training/text/text-onnx.js';
import { trainLinear, type SparseSet } from '../../src/training/text/trainer.js';

describe('label mapping', () => {
  it('maps target, benign and other labels', () => {
    expect(mapLabels(['annoyance'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'target', label: 'anger', allRowsLabel: 'anger' });
    expect(mapLabels(['anger', 'annoyance', 'joy'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'target', label: 'anger', allRowsLabel: 'anger' });
    expect(mapLabels(['gratitude'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'benign', label: 'neutral', allRowsLabel: 'neutral' });
    expect(mapLabels(['disgust'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'other', label: null, allRowsLabel: 'neutral' });
    expect(mapLabels(['fear'], SMP2020_MAPPING)).toEqual({ kind: 'target', label: 'anxiety', allRowsLabel: 'anxiety' });
    expect(mapLabels(['surprise'], SMP2020_MAPPING)).toEqual({ kind: 'other', label: null, allRowsLabel: 'neutral' });
  });

  it('gives a row whose labels disagree the first of anger, anxiety, disappointment under the all-rows protocol', () => {
    expect(mapLabels(['sadness', 'anger'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'other', label: null, allRowsLabel: 'anger' });
    expect(mapLabels(['grief', 'nervousness', 'joy'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'other', label: null, allRowsLabel: 'anxiety' });
    expect(mapLabels(['neutral', 'disappointment'], GOEMOTIONS_MAPPING)).toEqual({ kind: 'other', label: null, allRowsLabel: 'disappointment' });
    expect(() => mapLabels(['bogus'], SMP2020_MAPPING)).toThrow(/unknown corpus label/);
  });
});

describe('synthetic call-center examples', () => {
  it('are reproducible and cover every label in both languages', () => {
    const a = syntheticCallCenterExamples(5, 4);
    expect(syntheticCallCenterExamples(5, 4)).toEqual(a);
    for (const lang of ['en', 'zh']) {
      for (const label of EMOTION_LABELS) {
        expect(a.filter((e) => e.language.startsWith(lang) && e.label === label).length).toBeGreaterThan(50);
      }
    }
    expect(a.filter((e) => /[{}]|\[[^\]]*\|/.test(e.text))).toEqual([]);
  });

  it('never contain a held-out utterance', () => {
    const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    const synthetic = new Set(syntheticCallCenterExamples(20240611).map((e) => normalise(e.text)));
    const leaked = HELD_OUT_CALLCENTER.filter((h) => synthetic.has(normalise(h.text)));
    expect(leaked).toEqual([]);
  });

  it('held-out set has 18 utterances per label per language', () => {
    for (const lang of ['en', 'zh']) {
      for (const label of EMOTION_LABELS) {
        expect(HELD_OUT_CALLCENTER.filter((h) => h.language.startsWith(lang) && h.label === label)).toHaveLength(18);
      }
    }
  });
});

describe('custom training TSV', () => {
  it('reads label, language, text and skips header and comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custom-'));
    const file = join(dir, 'bank.tsv');
    writeFileSync(file, 'label\tlanguage\ttext\n# comment\nanger\tzh-HK\t我已經打咗三次\nneutral\ten-GB\tcan I\tchange my PIN\n');
    const rows = readCustomExamples(file);
    expect(rows.map((r) => [r.label, r.language, r.text])).toEqual([
      ['anger', 'zh-HK', '我已經打咗三次'],
      ['neutral', 'en-GB', 'can I\tchange my PIN'],
    ]);
    writeFileSync(file, 'furious\ten-GB\tbad label\n');
    expect(() => readCustomExamples(file)).toThrow(/bank.tsv:1/);
  });
});

describe('metrics', () => {
  it('computes macro-F1 on target rows and the false-alarm rate on the rest', () => {
    const rows: Example[] = [
      { text: 'a', language: 'en', kind: 'target', label: 'anger', allRowsLabel: 'anger', sourceLabel: '', corpus: 't' },
      { text: 'b', language: 'en', kind: 'target', label: 'anger', allRowsLabel: 'anger', sourceLabel: '', corpus: 't' },
      { text: 'c', language: 'en', kind: 'target', label: 'neutral', allRowsLabel: 'neutral', sourceLabel: '', corpus: 't' },
      { text: 'd', language: 'en', kind: 'benign', label: 'neutral', allRowsLabel: 'neutral', sourceLabel: '', corpus: 't' },
    ];
    const predicted: Record<string, string> = { a: 'anger', b: 'neutral', c: 'neutral', d: 'anxiety' };
    const score = scoreDataset('toy', rows, (e) => predicted[e.text] as 'anger');
    expect(score.scored).toBe(3);
    expect(score.perClass.anger.f1).toBeCloseTo(2 / 3);
    expect(score.perClass.neutral.f1).toBeCloseTo(2 / 3);
    expect(score.macroF1).toBeCloseTo((2 / 3 + 2 / 3) / 4);
    expect(score.nonTarget).toEqual({ rows: 1, falseAlarmRate: 1 });
    // All rows: d counts as gold neutral predicted anxiety → neutral P = R = 1/2, anger 2/3, anxiety 0.
    expect(score.allRows?.scored).toBe(4);
    expect(score.allRows?.perClass.neutral.f1).toBeCloseTo(0.5);
    expect(score.allRows?.macroF1).toBeCloseTo((0.5 + 2 / 3) / 4);
    expect(score.allRows?.confusion[0]).toEqual([1, 0, 1, 0]);
  });

  it('scores the all-rows protocol with its own predictor when given one, and drops it without non-target rows', () => {
    const rows: Example[] = [
      { text: 'a', language: 'en', kind: 'other', label: null, allRowsLabel: 'anger', sourceLabel: 'anger,sadness', corpus: 't' },
      { text: 'b', language: 'en', kind: 'target', label: 'neutral', allRowsLabel: 'neutral', sourceLabel: 'neutral', corpus: 't' },
    ];
    const score = scoreDataset('toy', rows, () => 'neutral', () => 'anger');
    expect(score.scored).toBe(1);
    expect(score.nonTarget).toEqual({ rows: 1, falseAlarmRate: 0 });
    expect(score.allRows?.confusion[1]).toEqual([0, 1, 0, 0]);
    expect(score.allRows?.confusion[0]).toEqual([0, 1, 0, 0]);
    expect(scoreDataset('toy', rows.slice(1), () => 'neutral').allRows).toBeNull();
  });
});

function toySet(): SparseSet {
  // Feature k (0..3) alone marks class k; feature 4 is noise on every row.
  const rows = 200;
  const offsets = new Int32Array(rows + 1);
  const indices = new Int32Array(rows * 2);
  const values = new Float32Array(rows * 2).fill(1);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 1) {
    labels[i] = i % 4;
    indices[2 * i] = i % 4;
    indices[2 * i + 1] = 4;
    offsets[i + 1] = 2 * i + 2;
  }
  return { offsets, indices, values, labels, weights: new Float32Array(rows).fill(1), size: rows };
}

describe('trainer and ONNX', () => {
  const options = { l2: 1e-3, maxIterations: 200 };

  it('learns a separable problem, reproducibly', () => {
    const a = trainLinear(toySet(), 8, options);
    for (let k = 0; k < 4; k += 1) {
      const row = Array.from(a.weights.subarray(k * 4, k * 4 + 4));
      expect(row.indexOf(Math.max(...row))).toBe(k);
    }
    const b = trainLinear(toySet(), 8, options);
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
  });

  it('writes Gemm+Softmax that reads back exactly and runs in onnxruntime', async () => {
    const model = trainLinear(toySet(), 8, options);
    const bytes = encodeTextEmotionOnnx(model, EMOTION_LABELS, 'test');
    const read = readLinearOnnx(bytes);
    expect(read.dimension).toBe(8);
    expect(read.classes).toBe(4);
    expect(Array.from(read.weights)).toEqual(Array.from(model.weights));
    expect(Array.from(read.bias)).toEqual(Array.from(model.bias));
    expect(read.metadata.labels).toBe(EMOTION_LABELS.join(','));
    const session = await ort.InferenceSession.create(bytes);
    const input = new Float32Array(8);
    input[2] = 1;
    input[4] = 1;
    const out = (await session.run({ features: new ort.Tensor('float32', input, [1, 8]) })).probs.data as Float32Array;
    expect(out.indexOf(Math.max(...out))).toBe(2);
    expect(out.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    await session.release();
  });
});
