// Dialogue-corpus pieces that need no shared data: the CPED label mapping, STC-3's fixed held-out
// split and weak labels, the dissatisfaction AUC and the calm false-alarm rate.
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../src/training/text/auc.js';
import type { Example } from '../../src/training/text/example.js';
import { CPED_MAPPING, mapLabels } from '../../src/training/text/label-map.js';
import { scoreDataset } from '../../src/training/text/metrics.js';
import { isStc3HeldOut, stc3TrainingExamples, type Stc3Dialogue } from '../../src/training/text/stc3.js';

const row = (text: string, kind: Example['kind'], label: Example['label']): Example => ({ text, language: 'zh-CN', kind, label, allRowsLabel: label ?? 'neutral', sourceLabel: '', corpus: 't' });

describe('CPED mapping', () => {
  it('maps its 13 emotions to our classes, positive ones to benign and the rest to other', () => {
    expect(mapLabels(['worried'], CPED_MAPPING).label).toBe('anxiety');
    expect(mapLabels(['fear'], CPED_MAPPING).label).toBe('anxiety');
    expect(mapLabels(['depress'], CPED_MAPPING).label).toBe('disappointment');
    expect(mapLabels(['relaxed'], CPED_MAPPING)).toEqual({ kind: 'benign', label: 'neutral', allRowsLabel: 'neutral' });
    expect(mapLabels(['astonished'], CPED_MAPPING).kind).toBe('other');
    expect(Object.keys(CPED_MAPPING)).toHaveLength(13);
  });
});

describe('STC-3', () => {
  it('holds out a fixed quarter of the dialogues', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => String(3_800_000_000_000_000 + i * 7919));
    const held = ids.filter(isStc3HeldOut).length;
    expect(held / ids.length).toBeGreaterThan(0.22);
    expect(held / ids.length).toBeLessThan(0.28);
    expect(ids.filter(isStc3HeldOut)).toEqual(ids.filter(isStc3HeldOut));
  });

  it('weak-labels only clearly (dis)satisfied training dialogues and never a held-out one', () => {
    const turn = row('你们怎么还没处理', 'other', null);
    const dialogue = (id: string, satisfaction: number, heldOut: boolean): Stc3Dialogue => ({ id, satisfaction, heldOut, turns: [turn] });
    const out = stc3TrainingExamples([dialogue('a', -1, false), dialogue('b', 1, false), dialogue('c', 0.2, false), dialogue('d', -1.5, true)]);
    expect(out.map((e) => [e.kind, e.label])).toEqual([
      ['target', 'anger'],
      ['benign', 'neutral'],
      ['other', null],
    ]);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect separation, 0.5 for ties and counts ties half', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(rocAuc([0.5, 0.5], [0.5])).toBe(0.5);
    expect(rocAuc([0.9, 0.3], [0.5])).toBe(0.5);
    expect(rocAuc([0.9, 0.5], [0.5, 0.1])).toBeCloseTo(0.875);
    expect(Number.isNaN(rocAuc([], [1]))).toBe(true);
  });
});

describe('calm false alarms', () => {
  it('count neutral and positive rows labelled a target emotion', () => {
    const rows = [row('a', 'target', 'neutral'), row('b', 'benign', 'neutral'), row('c', 'benign', 'neutral'), row('d', 'other', null), row('e', 'target', 'anger')];
    const predicted: Record<string, string> = { a: 'anger', b: 'neutral', c: 'anxiety', d: 'anger', e: 'anger' };
    const score = scoreDataset('toy', rows, (e) => predicted[e.text] as 'anger');
    expect(score.calm).toEqual({ rows: 3, falseAlarmRate: 2 / 3, benignRows: 2, benignFalseAlarmRate: 0.5 });
    expect(score.nonTarget).toEqual({ rows: 3, falseAlarmRate: 2 / 3 });
  });
});
