// How often one final alone would start a caller state at once (sure-finals.ts), on the shipped text
// model: calm rows the model is sure of some target about, target rows it is sure of their own
// emotion, per threshold; rows of other emotions left out.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmotionLabel } from '../../src/frames/types.js';
import { loadTextEmotion, type TextEmotionModel } from '../../src/text/emotion/index.js';
import type { Example, LabelKind } from '../../src/training/text/example.js';
import { SURE_THRESHOLDS, sureFinals, sureFinalsTable } from '../../src/training/text/sure-finals.js';

let model: TextEmotionModel;
beforeAll(async () => {
  model = (await loadTextEmotion(join(import.meta.dirname, '..', '..', 'models')))!;
});

const row = (text: string, kind: LabelKind, label: EmotionLabel | null): Example => ({ text, language: 'en-US', kind, label, allRowsLabel: label ?? 'neutral', sourceLabel: String(label), corpus: 'test' });

describe('sure finals', () => {
  it('counts calm rows sure of a target as false starts and target rows sure of their own emotion as starts', () => {
    const rows = [
      row("What's my balance?", 'target', 'neutral'),
      row('Thank you so much, that is great.', 'benign', 'neutral'),
      row('This is unacceptable. I have been on hold for forty minutes.', 'target', 'anger'),
      // Sure, but of the wrong emotion: not a right start.
      row('I have been on hold for forty minutes and it is unacceptable.', 'target', 'disappointment'),
      row('Ugh, disgusting.', 'other', null),
    ];
    const r = sureFinals('test', rows, model);
    expect({ calm: r.calmRows, target: r.targetRows }).toEqual({ calm: 2, target: 2 });
    expect(r.calm[0]).toBe(0);
    expect(r.target[0]).toBe(0.5);
  });

  it('never rises with the threshold', () => {
    const rows = ['When will my refund arrive?', 'How long does a transfer abroad take?', 'Can I move some money into my savings account?', 'Is my money safe?'].map((t) => row(t, 'target', 'neutral'));
    const r = sureFinals('calm questions', rows, model);
    expect(r.calm).toHaveLength(SURE_THRESHOLDS.length);
    for (let i = 1; i < r.calm.length; i++) expect(r.calm[i]!).toBeLessThanOrEqual(r.calm[i - 1]!);
    expect(sureFinalsTable([r])).toContain('| calm questions (4 calm, 0 target) |');
  });
});
